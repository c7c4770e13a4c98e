package lib.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * OUT/last-run.json: a small summary of a run (rows, rejects and skips per rule,
 * content checksums, business reconciliation totals), kept so the next run's
 * report can say what changed since: the effect of a mapping fix at a glance.
 */
public final class RunSummary {
    public static final String FILE = "last-run.json";

    private RunSummary() {}

    /** The summary of a run, taken from its report.json content. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(Map<String, Object> report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started_at", report.get("started_at"));
        m.put("slices_run", report.get("slices_run"));
        Map<String, Object> tables = new LinkedHashMap<>();
        Map<String, Map<String, Object>> content = report.get("content") instanceof Map<?, ?> c ? (Map<String, Map<String, Object>>) c : Map.of();
        for (Map<String, Object> slice : (List<Map<String, Object>>) report.get("slices")) {
            for (Map<String, Object> t : (List<Map<String, Object>>) slice.get("tables")) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("helm_table", t.get("target"));
                x.put("read", t.get("read"));
                x.put("loaded", t.get("loaded"));
                x.put("skipped", t.get("skipped"));
                x.put("rejected", t.get("rejected"));
                tables.put((String) t.get("source"), x);
            }
        }
        m.put("tables", tables);
        Map<String, Object> sums = new LinkedHashMap<>();
        content.forEach((table, e) -> {
            if (e.get("source") instanceof Map<?, ?> s) sums.put(table, s.get("checksum"));
        });
        m.put("checksums", sums);
        if (report.get("business") instanceof Map<?, ?> b) m.put("business", b.get("totals"));
        return m;
    }

    /** What changed from {@code before} to {@code now}, one line each; empty when nothing did. */
    @SuppressWarnings("unchecked")
    public static List<String> changes(Map<String, Object> before, Map<String, Object> now) {
        List<String> out = new ArrayList<>();
        Map<String, Map<String, Object>> was = (Map<String, Map<String, Object>>) before.getOrDefault("tables", Map.of());
        Map<String, Map<String, Object>> is = (Map<String, Map<String, Object>>) now.getOrDefault("tables", Map.of());
        for (String table : union(was.keySet(), is.keySet())) {
            Map<String, Object> a = was.getOrDefault(table, Map.of()), b = is.getOrDefault(table, Map.of());
            for (String field : List.of("read", "loaded")) {
                long x = number(a.get(field)), y = number(b.get(field));
                if (x != y) out.add(String.format("%s -> %s: %s %,d -> %,d (%+,d)", table, b.getOrDefault("helm_table", a.get("helm_table")), field, x, y, y - x));
            }
            for (String fate : List.of("skipped", "rejected")) {
                Map<String, Object> ra = (Map<String, Object>) a.getOrDefault(fate, Map.of()), rb = (Map<String, Object>) b.getOrDefault(fate, Map.of());
                for (String rule : union(ra.keySet(), rb.keySet())) {
                    long x = number(ra.get(rule)), y = number(rb.get(rule));
                    if (x != y) out.add(String.format("%s %s by %s: %,d -> %,d (%+,d)", table, fate, rule, x, y, y - x));
                }
            }
        }
        Map<String, Object> ca = (Map<String, Object>) before.getOrDefault("checksums", Map.of()), cb = (Map<String, Object>) now.getOrDefault("checksums", Map.of());
        for (String table : union(ca.keySet(), cb.keySet())) {
            if (!Objects.equals(ca.get(table), cb.get(table))) out.add("checksum of " + table + " moved: " + ca.get(table) + " -> " + cb.get(table));
        }
        Map<String, Object> ba = (Map<String, Object>) before.getOrDefault("business", Map.of()), bb = (Map<String, Object>) now.getOrDefault("business", Map.of());
        for (String metric : union(ba.keySet(), bb.keySet())) {
            if (!Objects.equals(ba.get(metric), bb.get(metric))) out.add("reconciliation \"" + metric + "\": " + ba.get(metric) + " -> " + bb.get(metric));
        }
        return out;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
