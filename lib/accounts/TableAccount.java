package lib.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import lib.core.Json;
import lib.rules.Tally;

/**
 * What happened to the rows of one source table: read = loaded + skipped + rejected,
 * the rules that fixed values (per column), and money sums in cents per column,
 * split the same way so rejected and skipped money is never silently lost.
 */
public final class TableAccount {
    /**
     * Cents of one money column (ten-thousandths for a Helm column *_e4: a unit cost keeps AIM's four decimals): all
     * rows read, split by fate; loaded is later compared with the target's SUM. Exact sums ({@link Cents}), so no total
     * wraps past 2^63.
     */
    public static final class Money {
        public final String targetColumn;
        /** The decimals of a dollar one unit is: 2 (cents) or 4. */
        public final int decimals;
        public final Cents read = new Cents(), loaded = new Cents(), skipped = new Cents(), rejected = new Cents();
        public java.math.BigInteger target;

        Money(String targetColumn) {
            this.targetColumn = targetColumn;
            this.decimals = targetColumn.endsWith("_e4") ? 4 : 2;
        }

        /** report.json's name of a sum: read_cents, or read_e4 for ten-thousandths. */
        String key(String fate) {
            return fate + (decimals == 4 ? "_e4" : "_cents");
        }

        /** read = loaded + skipped + rejected, and the target holds the loaded cents. */
        public boolean balanced() {
            return target != null && target.equals(loaded.value())
                    && read.value().equals(loaded.value().add(skipped.value()).add(rejected.value()));
        }
    }

    public final String source;
    public final String target;
    public long read, loaded;
    public Long targetCount;
    public final Map<String, Long> skipped = new TreeMap<>();
    public final Map<String, Long> rejected = new TreeMap<>();
    /** Of the rows rejected, per rule, those alike in every value to another AIM row of their key (a table without its primary key). */
    public final Map<String, Long> rejectedCopies = new TreeMap<>();
    public final Map<String, Map<String, Long>> fixes = new TreeMap<>();
    public final Map<String, Money> money = new LinkedHashMap<>();
    public double seconds;

    public TableAccount(String source, String target, Map<String, String> moneyColumns) {
        this.source = source;
        this.target = target;
        moneyColumns.forEach((col, targetCol) -> money.put(col, new Money(targetCol)));
    }

    private final Map<String, Tally> tallies = new java.util.HashMap<>();

    /** The tally of one column, made once (rules call it for every value). */
    public Tally tally(String column) {
        Tally t = tallies.get(column);
        if (t == null) {
            t = rule -> fixes.computeIfAbsent(column, c -> new TreeMap<>()).merge(rule, 1L, Long::sum); // its map may have gone (unfix)
            tallies.put(column, t);
        }
        return t;
    }

    /** A fix of {@code column} by {@code rule} counted for a row that was rejected after all (the target refused it): no longer counted. */
    public void unfix(String column, String rule) {
        Map<String, Long> rules = fixes.get(column);
        if (rules == null || rules.computeIfPresent(rule, (r, n) -> n > 1 ? n - 1 : null) != null || !rules.isEmpty()) return;
        fixes.remove(column);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long fixCount(String column, String rule) {
        Map<String, Long> rules = fixes.get(column);
        return rules == null ? 0 : rules.getOrDefault(rule, 0L);
    }

    /** The row balance, counted again from the target: read = target rows + skipped + rejected. */
    public boolean rowsBalance() {
        return targetCount != null && targetCount == loaded && read == loaded + skippedTotal() + rejectedTotal();
    }

    public boolean moneyBalances() {
        for (Money m : money.values()) if (!m.balanced()) return false;
        return true;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("target", target);
        m.put("read", read);
        m.put("loaded", loaded);
        m.put("target_count", targetCount);
        m.put("skipped", skipped);
        m.put("rejected", rejected);
        if (!rejectedCopies.isEmpty()) m.put("rejected_copies", rejectedCopies);
        m.put("balanced", rowsBalance() && moneyBalances());
        Map<String, Object> sums = new LinkedHashMap<>();
        money.forEach((col, mo) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("target_column", mo.targetColumn);
            x.put(mo.key("read"), mo.read.json());
            x.put(mo.key("loaded"), mo.loaded.json());
            x.put(mo.key("skipped"), mo.skipped.json());
            x.put(mo.key("rejected"), mo.rejected.json());
            x.put(mo.key("target"), mo.target == null ? null : Cents.of(mo.target).json());
            sums.put(col, x);
        });
        m.put("money", sums);
        m.put("fixes", fixes);
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return m;
    }

    /** An account as {@link #toJson()} wrote it; a wrong shape is an IllegalArgumentException. */
    public static TableAccount fromJson(Map<String, Object> m) {
        Map<String, Map<String, Object>> sums = Json.objectOf(m.get("money"), Json::object);
        Map<String, String> moneyColumns = new LinkedHashMap<>();
        sums.forEach((col, x) -> moneyColumns.put(col, Json.text(x.get("target_column"))));
        TableAccount a = new TableAccount(Json.text(m.get("source")), Json.text(m.get("target")), moneyColumns);
        a.read = Json.integer(m.get("read"));
        a.loaded = Json.integer(m.get("loaded"));
        a.skipped.putAll(Json.objectOf(m.get("skipped"), Json::integer));
        a.rejected.putAll(Json.objectOf(m.get("rejected"), Json::integer));
        if (m.get("rejected_copies") != null) a.rejectedCopies.putAll(Json.objectOf(m.get("rejected_copies"), Json::integer));
        Json.objectOf(m.get("fixes"), rules -> Json.objectOf(rules, Json::integer)).forEach((col, rules) -> a.fixes.put(col, new TreeMap<>(rules)));
        sums.forEach((col, x) -> {
            Money mo = a.money.get(col);
            mo.read.set(Cents.fromJson(x.get(mo.key("read"))).value());
            mo.loaded.set(Cents.fromJson(x.get(mo.key("loaded"))).value());
            mo.skipped.set(Cents.fromJson(x.get(mo.key("skipped"))).value());
            mo.rejected.set(Cents.fromJson(x.get(mo.key("rejected"))).value());
        });
        a.seconds = Json.number(m.get("seconds"));
        return a;
    }
}
