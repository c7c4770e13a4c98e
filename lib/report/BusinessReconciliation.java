package lib.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.SourceTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Business figures a shop owner recognises, computed twice and independently:
 * with plain SQL on AIM (the source as it is, no toolkit rule applied) and with
 * SQL on helm.sqlite. Each line shows AIM, Helm and the difference; a difference
 * must be explained exactly by rows listed in rejects/ (or skipped by a named rule,
 * found again with plain SQL on AIM), or the run fails.
 *
 * Months are the shop's local calendar months: on AIM the local time as stored,
 * on Helm the UTC instant shifted back by the shop zone's offset at that instant
 * (a table of the zone's transitions, not the toolkit's date rule).
 */
public final class BusinessReconciliation {
    /** AIM money to cents the way the reconciliation of sums does it: round each row, half away from zero. */
    static String cents(String column) {
        return "CAST(ROUND(COALESCE(" + column + ", 0) * 100, 0) AS BIGINT)";
    }

    /** A local month as YYYYMM; 0 for no date (NULL, a sentinel date or a year outside 1900-2099). */
    static String month(String column) {
        // Before 1900-01-02 is a sentinel (1900-01-01, 1899-12-30) or a typo; so is 2100 on. NULL gives NULL (no date too).
        return "CASE WHEN " + column + " < '1900-01-02' OR " + column + " >= '2100-01-01' THEN 0 ELSE YEAR(" + column + ") * 100 + MONTH(" + column + ") END";
    }

    /** The same month on Helm from a UTC instant column. */
    static String helmMonth(String column) {
        return "COALESCE(CAST(strftime('%Y%m', datetime(" + column + ", (SELECT o.offset_seconds FROM temp.shop_offsets o WHERE o.from_utc <= "
                + column + " ORDER BY o.from_utc DESC LIMIT 1) || ' seconds')) AS INTEGER), 0)";
    }

    static String legacy(String column) {
        return "substr(" + column + ", instr(" + column + ", ':') + 1)";
    }

    /**
     * One figure. {@code aimFrom} is the FROM/WHERE of the AIM side; {@code aimKeys} the
     * grouping expressions; {@code baseKey} the key columns of the rows counted (to count a
     * row explained once); {@code rejectsOf} AIM tables whose rejects/TABLE.csv rows explain
     * differences, with their alias in {@code aimFrom}; {@code skippedWhen} a plain-SQL
     * condition for rows a named rule skips.
     */
    record Metric(String name, String unit, List<Integer> slices, List<String> keyNames, String aimFrom, List<String> aimKeys,
                  String aimAmount, List<String> baseKey, Map<String, String> rejectsOf, String skippedWhen, String skippedRule,
                  String helmSql) {}

    static final List<Metric> METRICS = List.of(
            new Metric("Sales per store per month", "cents", List.of(1, 4), List.of("store", "month"),
                    "FROM TICKET t WHERE 1 = 1", List.of("t.STORE_NO", month("t.TICKET_DATE")), cents("t.TOTAL"),
                    List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"), null, null,
                    "SELECT " + legacy("st.legacy_key") + ", " + helmMonth("s.sold_at") + ", COUNT(*), SUM(s.total_cents)"
                            + " FROM sales s JOIN stores st ON st.id = s.store_id GROUP BY 1, 2"),
            new Metric("Payments per method per month", "cents", List.of(1, 4), List.of("method", "month"),
                    "FROM TKTPAY p WHERE 1 = 1", List.of("LTRIM(RTRIM(p.PAY_CODE))", month("p.PAID_AT")), cents("p.AMOUNT"),
                    List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"), null, null,
                    "SELECT COALESCE(" + legacy("m.legacy_key") + ", ''), " + helmMonth("p.paid_at") + ", COUNT(*), SUM(p.amount_cents)"
                            + " FROM sale_payments p LEFT JOIN payment_methods m ON m.id = p.payment_method_id GROUP BY 1, 2"),
            new Metric("Open house-account balances (all customers)", "cents", List.of(7), List.of("accounts"),
                    "FROM ARACCT a WHERE LTRIM(RTRIM(a.STATUS)) = 'O'", List.of("'open'"), cents("a.BALANCE"),
                    List.of("a.AR_ID"), Map.of("ARACCT", "a"), null, null,
                    "SELECT 'open', COUNT(*), SUM(balance_cents) FROM house_accounts WHERE status = 'open' GROUP BY 1"),
            new Metric("Stock on hand per store", "units", List.of(1, 3), List.of("store"),
                    "FROM INVSTORE s LEFT JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID WHERE 1 = 1", List.of("s.STORE_NO"),
                    "CAST(COALESCE(s.ON_HAND, 0) AS BIGINT)", List.of("s.ITEM_ID", "s.STORE_NO"), Map.of("INVSTORE", "s", "INVMAST", "m"),
                    "m.DELETED = 1", "soft_deleted product",
                    "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(l.on_hand) FROM stock_levels l JOIN stores st ON st.id = l.store_id GROUP BY 1"),
            new Metric("Active rental contracts per store (monthly rates)", "cents", List.of(1, 5), List.of("store"),
                    "FROM RENTCONT c WHERE LTRIM(RTRIM(c.STATUS)) = 'A'", List.of("c.STORE_NO"), cents("c.MONTHLY_RATE"),
                    List.of("c.CONTRACT_NO"), Map.of("RENTCONT", "c"), null, null,
                    "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(c.monthly_rate_cents) FROM rental_contracts c"
                            + " JOIN stores st ON st.id = c.store_id WHERE c.status = 'active' GROUP BY 1"),
            new Metric("Paid to date on active rental contracts, per store", "cents", List.of(1, 5), List.of("store"),
                    "FROM RENTPAY p JOIN RENTCONT c ON c.CONTRACT_NO = p.CONTRACT_NO WHERE LTRIM(RTRIM(c.STATUS)) = 'A'", List.of("c.STORE_NO"),
                    cents("p.AMOUNT"), List.of("p.CONTRACT_NO", "p.PAY_SEQ"), Map.of("RENTPAY", "p", "RENTCONT", "c"), null, null,
                    "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(p.amount_cents) FROM rental_payments p"
                            + " JOIN rental_contracts c ON c.id = p.contract_id JOIN stores st ON st.id = c.store_id"
                            + " WHERE c.status = 'active' GROUP BY 1"));

    /** Rows and an amount: one side of one line. */
    public record Figure(long rows, long amount) {
        Figure plus(long r, long a) {
            return new Figure(rows + r, amount + a);
        }
    }

    /** One line: AIM, Helm, explained by rejects/skips, and whether it balances. */
    public record Line(String key, Figure aim, Figure helm, Figure explained) {
        public boolean balances() {
            return aim.rows() - helm.rows() == explained.rows() && aim.amount() - helm.amount() == explained.amount();
        }
    }

    /** One figure's lines. */
    public record Result(String name, String unit, List<String> keyNames, String explainedBy, List<Line> lines) {
        public boolean ok() {
            return lines.stream().allMatch(Line::balances);
        }

        Figure total(java.util.function.Function<Line, Figure> side) {
            Figure f = new Figure(0, 0);
            for (Line l : lines) f = f.plus(side.apply(l).rows(), side.apply(l).amount());
            return f;
        }
    }

    private BusinessReconciliation() {}

    /** Computes every figure whose slices are all in the output. */
    public static List<Result> compute(Connection aim, Connection helm, ZoneId shopZone, Path rejectsDir, Set<Integer> slicesInOutput)
            throws SQLException, IOException {
        return compute(aimTotals(aim, slicesInOutput), aim, helm, shopZone, rejectsDir, slicesInOutput);
    }

    /**
     * The AIM side of every figure whose slices are all in {@code slices}, by figure name. It needs
     * nothing from the run, so it can be read on its own connection while the slices load.
     */
    public static Map<String, Map<String, Figure>> aimTotals(Connection aim, Set<Integer> slices) throws SQLException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (Metric m : METRICS) if (slices.containsAll(m.slices())) out.put(m.name(), aimTotals(aim, m));
        return out;
    }

    /** As above, with the AIM side already read. */
    public static List<Result> compute(Map<String, Map<String, Figure>> aimTotals, Connection aim, Connection helm, ZoneId shopZone,
                                       Path rejectsDir, Set<Integer> slicesInOutput) throws SQLException, IOException {
        shopOffsets(helm, shopZone);
        List<Result> out = new ArrayList<>();
        for (Metric m : METRICS) {
            if (!slicesInOutput.containsAll(m.slices())) continue;
            Map<String, Figure> aimSide = aimTotals.containsKey(m.name()) ? aimTotals.get(m.name()) : aimTotals(aim, m);
            Map<String, Figure> helmSide = helmTotals(helm, m);
            Map<String, Figure> explained = explained(aim, m, rejectsDir);
            TreeMap<String, Line> lines = new TreeMap<>();
            Set<String> keys = new java.util.TreeSet<>(aimSide.keySet());
            keys.addAll(helmSide.keySet());
            keys.addAll(explained.keySet());
            Figure zero = new Figure(0, 0);
            for (String k : keys) lines.put(k, new Line(k, aimSide.getOrDefault(k, zero), helmSide.getOrDefault(k, zero), explained.getOrDefault(k, zero)));
            List<String> by = new ArrayList<>();
            m.rejectsOf().keySet().stream().sorted().forEach(t -> by.add("rejects/" + t + ".csv"));
            if (m.skippedWhen() != null) by.add("skipped: " + m.skippedRule());
            out.add(new Result(m.name(), m.unit(), m.keyNames(), String.join(", ", by), new ArrayList<>(lines.values())));
        }
        try (Statement st = helm.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_offsets");
        }
        return out;
    }

    /** The shop zone's UTC offsets from each transition on, for the Helm side's local months. */
    static void shopOffsets(Connection helm, ZoneId zone) throws SQLException {
        try (Statement st = helm.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_offsets");
            st.executeUpdate("CREATE TEMP TABLE shop_offsets (from_utc TEXT PRIMARY KEY, offset_seconds INTEGER NOT NULL)");
        }
        try (PreparedStatement ins = helm.prepareStatement("INSERT INTO temp.shop_offsets VALUES (?, ?)")) {
            Instant from = Instant.parse("1900-01-01T00:00:00Z");
            ins.setString(1, "0000-01-01T00:00:00Z");
            ins.setLong(2, zone.getRules().getOffset(from).getTotalSeconds());
            ins.addBatch();
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(from); t != null && t.getInstant().isBefore(Instant.parse("2100-01-01T00:00:00Z"));
                 t = zone.getRules().nextTransition(t.getInstant())) {
                ins.setString(1, t.getInstant().toString());
                ins.setLong(2, t.getOffsetAfter().getTotalSeconds());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    static String key(Metric m, List<Object> parts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Object v = parts.get(i);
            String s = v == null ? "" : v.toString().strip();
            if (m.keyNames().get(i).equals("month")) {
                long n = v == null ? 0 : ((Number) v).longValue();
                s = n == 0 ? "no date" : String.format("%04d-%02d", n / 100, n % 100);
            }
            out.add(m.keyNames().get(i) + " " + (s.isEmpty() ? "(none)" : s));
        }
        return String.join(", ", out);
    }

    static Map<String, Figure> aimTotals(Connection aim, Metric m) throws SQLException {
        return grouped(aim, m, aimTotalsSql(m));
    }

    /** The AIM side of one figure. T-SQL refuses a constant in GROUP BY (Msg 164), so constant keys are only selected. */
    static String aimTotalsSql(Metric m) {
        List<String> grouped = m.aimKeys().stream().filter(k -> !k.startsWith("'")).toList();
        return "SELECT " + String.join(", ", m.aimKeys()) + ", COUNT(*), SUM(" + m.aimAmount() + ") " + m.aimFrom()
                + (grouped.isEmpty() ? "" : " GROUP BY " + String.join(", ", grouped));
    }

    /** The AIM rows of one figure that a condition picks: their keys, amount and base key (to count each once). */
    static String aimRowsSql(Metric m, String condition) {
        return "SELECT " + String.join(", ", m.aimKeys()) + ", " + m.aimAmount() + ", " + String.join(", ", m.baseKey()) + " "
                + m.aimFrom() + " AND " + condition;
    }

    /** A primary-key lookup of one rejected row of {@code table} (alias {@code alias}), one parameter per key column. */
    static String aimLookupSql(Metric m, String table, String alias) {
        return aimRowsSql(m, String.join(" AND ", keyColumns(table).stream().map(c -> alias + "." + c + " = ?").toList()));
    }

    /** Rejected rows of {@code table} as one condition: an OR of key matches (for more rows than lookups suit). */
    static String aimKeysCondition(String table, String alias, List<String[]> keys) {
        List<String> keyColumns = keyColumns(table);
        List<String> or = new ArrayList<>();
        for (String[] key : keys) {
            List<String> and = new ArrayList<>();
            for (int i = 0; i < keyColumns.size() && i < key.length; i++) and.add(alias + "." + keyColumns.get(i) + " = " + literal(key[i]));
            or.add("(" + String.join(" AND ", and) + ")");
        }
        return "(" + String.join(" OR ", or) + ")";
    }

    /**
     * Every statement the business figures can send to AIM, in each of its forms (lookups with
     * their parameters unbound), so a test can run them all on a real SQL Server.
     */
    public static List<String> aimStatements() {
        List<String> out = new ArrayList<>();
        for (Metric m : METRICS) {
            out.add(aimTotalsSql(m));
            for (Map.Entry<String, String> t : new TreeMap<>(m.rejectsOf()).entrySet()) {
                out.add(aimLookupSql(m, t.getKey(), t.getValue()));
                String[] key = keyColumns(t.getKey()).stream().map(c -> "1").toArray(String[]::new);
                out.add(aimRowsSql(m, aimKeysCondition(t.getKey(), t.getValue(), List.of(key, key))));
            }
            if (m.skippedWhen() != null) out.add(aimRowsSql(m, "(" + m.skippedWhen() + ")"));
        }
        return out;
    }

    static Map<String, Figure> helmTotals(Connection helm, Metric m) throws SQLException {
        return grouped(helm, m, m.helmSql());
    }

    private static Map<String, Figure> grouped(Connection db, Metric m, String sql) throws SQLException {
        Map<String, Figure> out = new TreeMap<>();
        int k = m.keyNames().size();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> parts = new ArrayList<>();
                for (int i = 1; i <= k; i++) parts.add(rs.getObject(i));
                out.merge(key(m, parts), new Figure(rs.getLong(k + 1), rs.getLong(k + 2)), (a, b) -> a.plus(b.rows(), b.amount()));
            }
        }
        return out;
    }

    /**
     * What the listed rejects and the named skips account for: the same AIM rows and
     * amounts, found with the metric's own AIM query restricted to those rows; a row
     * that matches several reasons counts once.
     */
    static Map<String, Figure> explained(Connection aim, Metric m, Path rejectsDir) throws SQLException, IOException {
        Map<String, Figure> out = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        List<String> conditions = new ArrayList<>();
        int k = m.aimKeys().size();
        for (Map.Entry<String, String> t : new TreeMap<>(m.rejectsOf()).entrySet()) {
            List<String> keyColumns = keyColumns(t.getKey());
            List<String[]> rejected = rejectedKeys(rejectsDir.resolve(t.getKey() + ".csv"));
            if (rejected.size() <= 20_000) {
                // One primary-key lookup per rejected row: fast on any server, where a long OR is a full scan.
                try (PreparedStatement st = aim.prepareStatement(aimLookupSql(m, t.getKey(), t.getValue()))) {
                    for (String[] key : rejected) {
                        if (key.length != keyColumns.size()) continue;
                        for (int i = 0; i < key.length; i++) {
                            if (key[i].matches("-?[0-9]{1,18}")) st.setLong(i + 1, Long.parseLong(key[i]));
                            else st.setString(i + 1, key[i]);
                        }
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) add(m, rs, k, counted, out);
                        }
                    }
                }
                continue;
            }
            for (int from = 0; from < rejected.size(); from += 200) {
                conditions.add(aimKeysCondition(t.getKey(), t.getValue(), rejected.subList(from, Math.min(rejected.size(), from + 200))));
            }
        }
        if (m.skippedWhen() != null) conditions.add("(" + m.skippedWhen() + ")");
        for (String condition : conditions) {
            try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(aimRowsSql(m, condition))) {
                while (rs.next()) add(m, rs, k, counted, out);
            }
        }
        return out;
    }

    /** Counts one explaining row once (by the key of the rows the figure counts). */
    private static void add(Metric m, ResultSet rs, int k, Set<String> counted, Map<String, Figure> out) throws SQLException {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < m.baseKey().size(); i++) id.append(rs.getObject(k + 2 + i)).append('/');
        if (!counted.add(id.toString())) return;
        List<Object> parts = new ArrayList<>();
        for (int i = 1; i <= k; i++) parts.add(rs.getObject(i));
        out.merge(key(m, parts), new Figure(1, rs.getLong(k + 1)), (a, b) -> a.plus(b.rows(), b.amount()));
    }

    /** The primary key columns of an AIM table, in key order (the order rejects/TABLE.csv's aim_key is written in). */
    static List<String> keyColumns(String table) {
        for (Slice s : Slices.ALL) {
            for (SourceTable t : s.reads()) if (t.name().equals(table)) return t.key();
        }
        throw new IllegalArgumentException("no slice reads " + table);
    }

    static List<String[]> rejectedKeys(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(csv)) return out;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(rec.get("aim_key").split("/", -1));
            }
        }
        return out;
    }

    private static String literal(String v) {
        return v.matches("-?[0-9]{1,18}") ? v : "'" + v.replace("'", "''") + "'";
    }

    /** The lines shown in report.md in full up to this many per figure; beyond it, the differing ones and a count. */
    static final int SHOWN = 40;

    public static Map<String, Object> json(List<Result> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", results.stream().allMatch(Result::ok));
        out.put("totals", totals(results));
        List<Object> figures = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", r.name());
            f.put("unit", r.unit());
            f.put("explained_by", r.explainedBy());
            f.put("ok", r.ok());
            List<Object> lines = new ArrayList<>();
            for (Line l : r.lines()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("key", l.key());
                x.put("aim_rows", l.aim().rows());
                x.put("aim", l.aim().amount());
                x.put("helm_rows", l.helm().rows());
                x.put("helm", l.helm().amount());
                x.put("explained_rows", l.explained().rows());
                x.put("explained", l.explained().amount());
                x.put("balances", l.balances());
                lines.add(x);
            }
            f.put("lines", lines);
            figures.add(f);
        }
        out.put("figures", figures);
        return out;
    }

    public static void markdown(List<Result> results, StringBuilder md) {
        md.append("\n## Business reconciliation: AIM against Helm\n\n");
        md.append("Each figure is computed twice: plain SQL on AIM as it is, and SQL on helm.sqlite. ");
        md.append("A difference must equal, row for row and cent for cent, what the listed rejects (and named skips) hold.\n");
        for (Result r : results) {
            Figure a = r.total(Line::aim), h = r.total(Line::helm), e = r.total(Line::explained);
            md.append("\n### ").append(r.name()).append(r.ok() ? "" : " (**DOES NOT BALANCE**)").append("\n\n");
            md.append("| ").append(String.join(", ", r.keyNames())).append(" | AIM rows | AIM ").append(r.unit())
                    .append(" | Helm rows | Helm ").append(r.unit()).append(" | difference | explained by ").append(r.explainedBy().isEmpty() ? "-" : r.explainedBy())
                    .append(" | balances |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
            List<Line> shown = r.lines().size() <= SHOWN ? r.lines()
                    : r.lines().stream().filter(l -> !l.balances() || l.explained().rows() != 0 || l.aim().rows() != l.helm().rows()).toList();
            for (Line l : shown) row(md, l.key(), l.aim(), l.helm(), l.explained(), l.balances());
            if (shown.size() < r.lines().size()) {
                md.append(String.format("| (%,d more lines, each equal on both sides; all in report.json) | | | | | | | |%n", r.lines().size() - shown.size()));
            }
            row(md, "**total**", a, h, e, r.ok());
        }
    }

    private static void row(StringBuilder md, String key, Figure a, Figure h, Figure e, boolean ok) {
        md.append(String.format("| %s | %,d | %,d | %,d | %,d | %s | %s | %s |%n", key, a.rows(), a.amount(), h.rows(), h.amount(),
                a.rows() == h.rows() && a.amount() == h.amount() ? "0" : String.format("%,d rows, %,d", a.rows() - h.rows(), a.amount() - h.amount()),
                e.rows() == 0 && e.amount() == 0 ? "-" : String.format("%,d rows, %,d", e.rows(), e.amount()), ok ? "yes" : "**NO**"));
    }

    /** Figure totals per metric, for the dry-run comparison. */
    public static Map<String, Object> totals(List<Result> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Result r : results) {
            Figure a = r.total(Line::aim), h = r.total(Line::helm);
            out.put(r.name(), "AIM " + a.rows() + " rows " + a.amount() + " " + r.unit() + ", Helm " + h.rows() + " rows " + h.amount() + " " + r.unit());
        }
        return out;
    }
}
