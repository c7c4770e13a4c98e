package lib.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.accounts.TableAccount;
import lib.core.Json;

/**
 * report.json as a record: what RunReport writes, and what a --slice re-run, last-run.json
 * and manifest.json read back. {@link #toMap()} gives the file's keys in the file's order.
 * The D1 measurements, the control totals (TableContent's shape) and the business figures
 * stay the maps their owners write.
 */
public record ReportFile(boolean ok, boolean redacted, int limitRowsPerTable, String toolkitVersion, String source,
                         List<String> sourceReconnects, String shopTimeZone, String startedAt, double seconds, long peakHeapBytes,
                         long peakLiveHeapBytes, Map<String, Double> phaseSeconds, String migrationsSha256, List<Integer> slicesRun,
                         List<SliceEntry> slices, Checks checks, Map<String, ContentEntry> content, Business business,
                         Changes changesSincePrevious) {

    /**
     * When a slice read AIM (an instant to the second, UTC: "2026-11-29T01:02:03Z") and the rows of each AIM table it
     * read as AIM counted them then (the --limit subset's, in a limited output); a slice of an output an earlier version
     * wrote has none (null: unknown). A --slice re-run counts a kept slice's tables again and compares.
     */
    public record AimRead(String at, Map<String, Long> counts) {}

    /** One slice: its tables' accounts as they were when it ran, and when it read AIM (null: unknown). */
    public record SliceEntry(int number, String name, double seconds, List<TableAccount> tables, AimRead read) {
        Map<String, Object> toMap() {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", number);
            x.put("name", name);
            x.put("seconds", rounded(seconds));
            if (read != null) {
                x.put("read_at", read.at());
                x.put("aim_counts", read.counts());
            }
            List<Object> t = new ArrayList<>();
            tables.forEach(a -> t.add(a.toJson()));
            x.put("tables", t);
            return x;
        }

        static SliceEntry fromMap(Object o) {
            Map<String, Object> m = Json.object(o);
            String at = Json.text(m.get("read_at"));
            Map<String, Long> counts = Json.objectOf(m.get("aim_counts"), Json::integer);
            return new SliceEntry((int) Json.integer(m.get("number")), Json.text(m.get("name")), Json.number(m.get("seconds")),
                    Json.listOf(m.get("tables"), t -> TableAccount.fromJson(Json.object(t))),
                    at == null || m.get("aim_counts") == null ? null : new AimRead(at, counts));
        }
    }

    /**
     * The checks beyond the per-table balances; d1Limits is what D1Limits measured, its per-table part under "tables";
     * keptSlicesChanged, of a --slice re-run, each kept slice's AIM table whose rows AIM counts otherwise now (kept only when any).
     */
    public record Checks(boolean rowsBalance, boolean moneyBalances, List<String> foreignKeyProblems, Map<String, Object> d1Limits,
                         List<String> d1Problems, List<String> contentProblems, List<String> keptSlicesChanged) {
        Map<String, Object> toMap() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("rows_balance", rowsBalance);
            c.put("money_balances", moneyBalances);
            c.put("foreign_key_problems", foreignKeyProblems);
            c.put("d1_limits", d1Limits);
            c.put("d1_problems", d1Problems);
            c.put("content_problems", contentProblems);
            if (!keptSlicesChanged.isEmpty()) c.put("kept_slices_changed_on_aim", keptSlicesChanged);
            return c;
        }

        static Checks fromMap(Object o) {
            Map<String, Object> m = o == null ? Map.of() : Json.object(o);
            return new Checks(Boolean.TRUE.equals(m.get("rows_balance")), Boolean.TRUE.equals(m.get("money_balances")),
                    Json.listOf(m.get("foreign_key_problems"), Json::text), m.get("d1_limits") == null ? Map.of() : Json.object(m.get("d1_limits")),
                    Json.listOf(m.get("d1_problems"), Json::text), Json.listOf(m.get("content_problems"), Json::text),
                    Json.listOf(m.get("kept_slices_changed_on_aim"), Json::text));
        }

        /** The per-table D1 measurements (columns, widest row), by Helm table. */
        public Map<String, Map<String, Object>> d1LimitTables() {
            return Json.objectOf(d1Limits.get("tables"), Json::object);
        }
    }

    /** One Helm table's control totals: as the slice wrote them (source) and as read back from helm.sqlite. */
    public record ContentEntry(Map<String, Object> source, Map<String, Object> helmSqlite, boolean agree) {
        Map<String, Object> toMap() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("source", source);
            e.put("helm_sqlite", helmSqlite);
            e.put("agree", agree);
            return e;
        }

        static ContentEntry fromMap(Object o) {
            Map<String, Object> m = Json.object(o);
            return new ContentEntry(Json.object(m.get("source")), Json.object(m.get("helm_sqlite")), Boolean.TRUE.equals(m.get("agree")));
        }
    }

    /** The business reconciliation: figure totals per metric ("AIM n rows x cents, Helm ..."), each figure's lines, the last tickets per store. */
    public record Business(boolean ok, Map<String, String> totals, List<Map<String, Object>> figures, List<Map<String, Object>> lastTickets) {
        Map<String, Object> toMap() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("ok", ok);
            b.put("totals", totals);
            b.put("figures", figures);
            if (!lastTickets.isEmpty()) b.put("last_tickets", lastTickets);
            return b;
        }

        static Business fromMap(Object o) {
            Map<String, Object> m = Json.object(o);
            return new Business(Boolean.TRUE.equals(m.get("ok")), Json.objectOf(m.get("totals"), Json::text), Json.listOf(m.get("figures"), Json::object),
                    Json.listOf(m.get("last_tickets"), Json::object));
        }
    }

    /** What changed since the previous run in the same folder (see RunSummary). */
    public record Changes(String previousStartedAt, List<String> changes) {}

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("redacted", redacted);
        if (limitRowsPerTable > 0) m.put("limit_rows_per_table", limitRowsPerTable);
        m.put("toolkit_version", toolkitVersion);
        m.put("source", source);
        m.put("source_reconnects", sourceReconnects);
        m.put("shop_time_zone", shopTimeZone);
        m.put("started_at", startedAt);
        m.put("seconds", rounded(seconds));
        m.put("peak_heap_bytes", peakHeapBytes);
        m.put("peak_live_heap_bytes", peakLiveHeapBytes);
        m.put("phase_seconds", phaseSeconds);
        m.put("migrations_sha256", migrationsSha256);
        m.put("slices_run", slicesRun);
        List<Object> list = new ArrayList<>();
        slices.forEach(s -> list.add(s.toMap()));
        m.put("slices", list);
        m.put("checks", checks.toMap());
        Map<String, Object> c = new LinkedHashMap<>();
        content.forEach((table, e) -> c.put(table, e.toMap()));
        m.put("content", c);
        m.put("business", business == null ? null : business.toMap());
        if (changesSincePrevious != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("previous_started_at", String.valueOf(changesSincePrevious.previousStartedAt()));
            x.put("changes", changesSincePrevious.changes());
            m.put("changes_since_previous", x);
        }
        return m;
    }

    /** A report.json as read; a key an older report lacks is empty; a wrong shape is an IllegalArgumentException. */
    public static ReportFile fromMap(Map<String, Object> m) {
        Map<String, Object> changes = Json.object(m.get("changes_since_previous"));
        return new ReportFile(Boolean.TRUE.equals(m.get("ok")), Boolean.TRUE.equals(m.get("redacted")), (int) Json.integer(m.get("limit_rows_per_table")),
                Json.text(m.get("toolkit_version")), Json.text(m.get("source")), Json.listOf(m.get("source_reconnects"), Json::text),
                Json.text(m.get("shop_time_zone")), Json.text(m.get("started_at")), Json.number(m.get("seconds")),
                Json.integer(m.get("peak_heap_bytes")), Json.integer(m.get("peak_live_heap_bytes")), Json.objectOf(m.get("phase_seconds"), Json::number),
                Json.text(m.get("migrations_sha256")), Json.listOf(m.get("slices_run"), x -> (int) Json.integer(x)),
                Json.listOf(m.get("slices"), SliceEntry::fromMap), Checks.fromMap(m.get("checks")), Json.objectOf(m.get("content"), ContentEntry::fromMap),
                m.get("business") == null ? null : Business.fromMap(m.get("business")),
                changes == null ? null : new Changes(Json.text(changes.get("previous_started_at")), Json.listOf(changes.get("changes"), Json::text)));
    }

    /** The numbers of the slices this report holds. */
    public List<Integer> sliceNumbers() {
        return slices.stream().map(SliceEntry::number).toList();
    }

    /** Each Helm table's control totals as the slices wrote them (what manifest.json keeps). */
    public Map<String, Map<String, Object>> sourceTotals() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        content.forEach((table, e) -> out.put(table, e.source()));
        return out;
    }

    static double rounded(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
