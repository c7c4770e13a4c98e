package lib.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The D1 measurements as a sentence a person reads: each figure beside D1's limit for it. */
final class D1LimitsView {
    private D1LimitsView() {}

    static String sentence(Map<String, Object> measured) {
        if (measured == null || measured.isEmpty()) return "not measured";
        List<String> parts = new ArrayList<>();
        Map<?, ?> tables = measured.get("tables") instanceof Map<?, ?> t ? t : Map.of();
        String widest = null;
        long widestColumns = -1;
        for (Map.Entry<?, ?> e : tables.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> x && x.get("columns") instanceof Number n && n.longValue() > widestColumns) {
                widestColumns = n.longValue();
                widest = String.valueOf(e.getKey());
            }
        }
        if (measured.get("widest_table_columns") instanceof Number n) {
            parts.add("widest table " + (widest == null ? "" : widest + ", ") + Plural.of(n.longValue(), "column", "columns") + " (D1 allows 100)");
        }
        if (measured.get("largest_row_bytes") instanceof Number n) {
            Object in = measured.get("largest_row_table");
            parts.add("largest row " + bytes(n.longValue()) + (in == null ? "" : " in " + in) + " (D1 allows 2 MB)");
        }
        if (measured.get("largest_statement_bytes") instanceof Number n) parts.add("largest statement " + bytes(n.longValue()) + " (D1 allows 100 KB)");
        if (measured.get("database_bytes") instanceof Number n) parts.add("database " + bytes(n.longValue()) + " (D1 allows 10 GB)");
        if (measured.get("cents_beyond_2^53") instanceof List<?> inexact && !inexact.isEmpty()) {
            parts.add("amounts beyond 2^53 (cents, or ten-thousandths of a unit cost), which a Worker reads back rounded: " + String.join(", ", inexact.stream().map(String::valueOf).toList()));
        }
        List<String> integers = integers(measured);
        if (!integers.isEmpty()) {
            parts.add("integers beyond 2^53 that are no amount (keys, references, counts), which a Worker reads back as the nearest"
                    + " number JavaScript holds, so two can read as one: " + String.join(", ", integers));
        }
        return String.join("; ", parts);
    }

    /** The amounts beyond 2^53 the D1 preflight measured, as "sales.total_cents: 2 rows"; empty when none. */
    static List<String> inexact(Map<String, Object> measured) {
        if (measured != null && measured.get("cents_beyond_2^53") instanceof List<?> inexact) return inexact.stream().map(String::valueOf).toList();
        return List.of();
    }

    /**
     * The integers beyond 2^53 in columns that are not amounts (a BIGINT ticket number, a reference, a count) the D1
     * preflight measured, as "sales.ticket_no: 2 rows"; empty when none.
     */
    static List<String> integers(Map<String, Object> measured) {
        if (measured != null && measured.get("integers_beyond_2^53") instanceof List<?> integers) return integers.stream().map(String::valueOf).toList();
        return List.of();
    }

    /** Bytes in decimal units, as D1's limits are stated: 315 bytes, 10.0 KB, 15.5 MB. */
    static String bytes(long n) {
        if (n < 1_000) return Plural.of(n, "byte", "bytes");
        if (n < 1_000_000) return String.format(Locale.ROOT, "%,.1f KB", n / 1e3);
        if (n < 1_000_000_000) return String.format(Locale.ROOT, "%,.1f MB", n / 1e6);
        return String.format(Locale.ROOT, "%,.2f GB", n / 1e9);
    }
}
