package lib.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.accounts.TableAccount;
import lib.core.Json;

/**
 * OUT/last-run.json: a small summary of a run (rows, rejects and skips per rule,
 * content checksums, business reconciliation totals), kept so the next run's
 * report can say what changed since: the effect of a mapping fix at a glance.
 */
public record RunSummary(String startedAt, String source, List<Integer> slicesRun, Map<String, TableCounts> tables, Map<String, String> checksums,
                         Map<String, String> business) {
    public static final String FILE = "last-run.json";

    /** One AIM table's fate counts. */
    public record TableCounts(String helmTable, long read, long loaded, Map<String, Long> skipped, Map<String, Long> rejected) {
        static final TableCounts NONE = new TableCounts(null, 0, 0, Map.of(), Map.of());

        Map<String, Object> toMap() {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("helm_table", helmTable);
            x.put("read", read);
            x.put("loaded", loaded);
            x.put("skipped", skipped);
            x.put("rejected", rejected);
            return x;
        }

        static TableCounts fromMap(Object o) {
            Map<String, Object> m = Json.object(o);
            return new TableCounts(Json.text(m.get("helm_table")), Json.integer(m.get("read")), Json.integer(m.get("loaded")),
                    Json.objectOf(m.get("skipped"), Json::integer), Json.objectOf(m.get("rejected"), Json::integer));
        }

        long count(String field) {
            return field.equals("read") ? read : loaded;
        }
    }

    /** The summary of a run, taken from its report. */
    public static RunSummary of(ReportFile report) {
        Map<String, TableCounts> tables = new LinkedHashMap<>();
        for (ReportFile.SliceEntry slice : report.slices()) {
            for (TableAccount t : slice.tables()) tables.put(t.source, new TableCounts(t.target, t.read, t.loaded, t.skipped, t.rejected));
        }
        Map<String, String> sums = new LinkedHashMap<>();
        report.content().forEach((table, e) -> {
            if (e.source() != null) sums.put(table, Json.text(e.source().get("checksum")));
        });
        return new RunSummary(report.startedAt(), report.source(), report.slicesRun(), tables, sums, report.business() == null ? null : report.business().totals());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started_at", startedAt);
        if (source != null) m.put("source", source);
        m.put("slices_run", slicesRun);
        Map<String, Object> t = new LinkedHashMap<>();
        tables.forEach((table, counts) -> t.put(table, counts.toMap()));
        m.put("tables", t);
        m.put("checksums", checksums);
        if (business != null) m.put("business", business);
        return m;
    }

    /** A last-run.json as read; a key an older one lacks is empty; a wrong shape is an IllegalArgumentException. */
    public static RunSummary fromMap(Map<String, Object> m) {
        return new RunSummary(Json.text(m.get("started_at")), m.get("source") == null ? null : Json.text(m.get("source")), Json.listOf(m.get("slices_run"), x -> (int) Json.integer(x)),
                Json.objectOf(m.get("tables"), TableCounts::fromMap), Json.objectOf(m.get("checksums"), Json::text),
                m.get("business") == null ? null : Json.objectOf(m.get("business"), Json::text));
    }

    /**
     * What changed from {@code before} to {@code now}: first whether the source is another one, then one
     * line per AIM table whose counts or Helm checksum moved, then each reconciliation total that moved;
     * empty when nothing did.
     */
    public static List<String> changes(RunSummary before, RunSummary now) {
        List<String> out = new ArrayList<>();
        String was = identity(before.source), is = identity(now.source);
        if (was != null && is != null && !was.equals(is)) out.add("the source changed: " + was + " -> " + is);
        TreeSet<String> helmTables = union(before.checksums.keySet(), now.checksums.keySet());
        for (String table : union(before.tables.keySet(), now.tables.keySet())) {
            TableCounts a = before.tables.getOrDefault(table, TableCounts.NONE), b = now.tables.getOrDefault(table, TableCounts.NONE);
            String helm = now.tables.containsKey(table) ? b.helmTable : a.helmTable;
            List<String> moved = new ArrayList<>();
            for (String field : List.of("read", "loaded")) {
                long x = a.count(field), y = b.count(field);
                if (x != y) moved.add(String.format("%s %,d -> %,d (%+,d)", field, x, y, y - x));
            }
            for (String fate : List.of("skipped", "rejected")) {
                Map<String, Long> ra = fate.equals("skipped") ? a.skipped : a.rejected, rb = fate.equals("skipped") ? b.skipped : b.rejected;
                for (String rule : union(ra.keySet(), rb.keySet())) {
                    long x = ra.getOrDefault(rule, 0L), y = rb.getOrDefault(rule, 0L);
                    if (x != y) moved.add(String.format("%s by %s %,d -> %,d (%+,d)", fate, rule, x, y, y - x));
                }
            }
            if (helm != null && helmTables.remove(helm) && !Objects.equals(before.checksums.get(helm), now.checksums.get(helm))) {
                moved.add("content checksum moved");
            }
            if (!moved.isEmpty()) out.add(table + " -> " + helm + ": " + String.join(", ", moved));
        }
        for (String table : helmTables) {
            if (!Objects.equals(before.checksums.get(table), now.checksums.get(table))) out.add(table + ": content checksum moved");
        }
        Map<String, String> ba = before.business == null ? Map.of() : before.business, bb = now.business == null ? Map.of() : now.business;
        for (String metric : union(ba.keySet(), bb.keySet())) {
            if (Objects.equals(ba.get(metric), bb.get(metric))) continue;
            // A figure one side has not (one an earlier version did not compute, or whose slices are not all in the output).
            if (ba.get(metric) == null || bb.get(metric) == null) {
                out.add("reconciliation \"" + metric + "\": " + (ba.get(metric) == null ? "new, " + readable(bb.get(metric)) : "not computed in this run"));
            } else {
                out.add("reconciliation \"" + metric + "\": " + readable(ba.get(metric)) + " -> " + readable(bb.get(metric)));
            }
        }
        return out;
    }

    private static final Pattern COUNT = Pattern.compile("(?<![\\d-])(-?\\d+) (rows|cents|units)\\b");

    /**
     * A figure's totals as kept ("AIM 800 rows 6999468 cents, Helm ..."; compared as kept, so an earlier run's still
     * compare) as the rest of the report writes them: "AIM 800 rows $69,994.68, Helm ...".
     */
    static String readable(String totals) {
        Matcher m = COUNT.matcher(totals);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            BigInteger n = new BigInteger(m.group(1));
            String shown = m.group(2).equals("cents") ? Dollars.of(n)
                    : String.format("%,d %s", n, n.abs().equals(BigInteger.ONE) ? m.group(2).replaceAll("s$", "") : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        return m.appendTail(out).toString();
    }

    /** Which database a run read: its label without how it read it (isolation, connections). */
    static String identity(String sourceLabel) {
        if (sourceLabel == null || sourceLabel.isBlank()) return null;
        int how = sourceLabel.indexOf("; isolation ");
        return how < 0 ? sourceLabel : sourceLabel.substring(0, how);
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
