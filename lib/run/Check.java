package lib.run;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import lib.accounts.Progress;
import lib.accounts.TableAccount;
import lib.core.FileHashes;
import lib.report.BusinessReconciliation;
import lib.report.LastTickets;
import lib.report.ReportFile;
import lib.report.RunReport;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.Reconnects;
import lib.source.SourcePool;
import lib.target.CutoverManifest;
import lib.target.D1Limits;
import lib.target.HelmDatabase;
import lib.target.TableContent;

/**
 * Check: rows and money counted again from helm.sqlite, the foreign keys, the business
 * figures (AIM against Helm), the D1 files joined and their limits measured, and the
 * control totals of every table as written against as read back. Each step is timed.
 */
final class Check {
    private Check() {}

    /** What the checks found. */
    record Found(FileHashes.Pending fileHashes, List<String> foreignKeyProblems, List<BusinessReconciliation.Result> business, List<LastTickets.Store> lastTickets,
                 RunReport.Content content, D1Limits.Result limits) {}

    static Found run(RunContext run, Prepare.Staged staged, SortedSet<Integer> requested, HelmDatabase helm, Map<String, TableContent> written,
                     D1Files d1, SourcePool readers, Reconnects reconnects, java.nio.file.Path rejects)
            throws SQLException, IOException {
        MigrationRun.Settings settings = run.settings;
        Map<Integer, RunReport.SliceResult> results = staged.results();
        run.phase("checks", "checking the load");
        run.progress.say("Checks");
        // With --limit the AIM side would count rows this run never read: the figures are left out (and the report says so).
        boolean figures = settings.limit() == 0;
        // What the rejects explain is read on AIM beside the checks below; a consistent run reads it from its one snapshot.
        var explained = figures && !settings.consistent() ? BusinessFigures.startExplained(readers, rejects, results.keySet(), run.aimFigures, run.figureCounts) : null;
        // The Helm side of the figures reads helm.sqlite on a connection of its own, beside the checks on the run's.
        var helmSide = figures ? BusinessFigures.startHelmSide(staged.helmFile(), settings.shopZone(), results.keySet()) : null;
        long t = System.nanoTime();
        try (Progress.Step step = run.progress.step("rows and money counted again in helm.sqlite")) {
            recount(helm, results);
        }
        run.took("recount", t);
        t = System.nanoTime();
        List<String> fk;
        try (Progress.Step step = run.progress.step("foreign keys (PRAGMA foreign_key_check)")) {
            fk = helm.foreignKeyProblems(20);
        }
        run.took("foreign_key_check", t);
        t = System.nanoTime();
        BusinessFigures.Computed business = BusinessFigures.Computed.NONE;
        if (figures) {
            try (Progress.Step step = run.progress.step("business figures, AIM against Helm", "business figures", run.figureCounts)) {
                business = BusinessFigures.compute(readers, reconnects, settings.consistent(), helm, settings.shopZone(), rejects,
                        results.keySet(), run.aimFigures, explained, helmSide);
            }
        }
        run.took("business_reconciliation", t);
        t = System.nanoTime();
        Map<String, TableContent> inHelm = new LinkedHashMap<>();
        run.phase("d1 files", "writing the D1 files");
        long maxStatement;
        try (Progress.Step step = run.progress.step("D1 files written, checksums read back")) {
            maxStatement = d1.join(results.keySet(), inHelm);
        }
        // helm.sqlite is final from here (the D1 files were read from it, and nothing after this writes it), so every
        // file of the manifest is hashed beside the report.
        helm.finish();
        FileHashes.Pending hashes = FileHashes.start(staged.helmFile().getParent(), CutoverManifest.fileNames(staged.helmFile().getParent()));
        run.took("d1_files", t);
        // The D1 limits of this run's tables were measured as the D1 files read them back (on their own thread, while
        // the checks above ran): a table measured there is not scanned again.
        t = System.nanoTime();
        D1Limits.Measured measured;
        try (Progress.Step step = run.progress.step("D1 limits measured")) {
            measured = limits(helm, requested, results.keySet(), staged.previous(), inHelm);
        }
        run.took("d1_limits", t);
        RunReport.Content content = compareContent(requested, written, inHelm, staged.previous());
        D1Limits.Result limits = measured.withLargestStatement(maxStatement);
        return new Found(hashes, fk, business.business(), business.lastTickets(), content, limits);
    }

    /** Rows and money counted again from the Helm database, not from the counters. */
    private static void recount(HelmDatabase helm, Map<Integer, RunReport.SliceResult> results) throws SQLException {
        for (RunReport.SliceResult r : results.values()) {
            for (TableAccount t : r.tables()) {
                List<TableAccount.Money> money = List.copyOf(t.money.values());
                HelmDatabase.Totals found = helm.totals(t.target, money.stream().map(m -> m.targetColumn).toList());
                t.targetCount = found.rows();
                for (int i = 0; i < money.size(); i++) money.get(i).target = found.sums().get(i);
            }
        }
    }

    /** The D1 limits: this run's tables measured, the kept slices' tables as the previous run measured them. */
    private static D1Limits.Measured limits(HelmDatabase helm, SortedSet<Integer> requested, java.util.Set<Integer> all, ReportFile previous,
                                            Map<String, TableContent> readBack) throws SQLException {
        List<String> tables = new ArrayList<>();
        requested.forEach(n -> tables.addAll(Slices.get(n).writes()));
        Map<String, Map<String, Object>> known = new TreeMap<>(previous == null ? Map.of() : previous.checks().d1LimitTables());
        tables.forEach(known::remove);
        for (int n : all) {
            for (String w : Slices.get(n).writes()) if (!known.containsKey(w) && !tables.contains(w)) tables.add(w);
        }
        return D1Limits.measure(helm.connection(), tables, known, readBack);
    }

    /**
     * The control totals of every Helm table: as the slices wrote the rows (source side)
     * against helm.sqlite as read back; kept slices keep what the previous run found.
     */
    private static RunReport.Content compareContent(SortedSet<Integer> requested, Map<String, TableContent> written,
                                                    Map<String, TableContent> inHelm, ReportFile previous) {
        Map<String, ReportFile.ContentEntry> tables = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, ReportFile.ContentEntry> before = previous == null ? Map.of() : previous.content();
        for (Slice s : Slices.ALL) {
            for (String table : s.writes()) {
                if (!requested.contains(s.number())) {
                    if (before.containsKey(table)) tables.put(table, before.get(table));
                    continue;
                }
                TableContent source = written.get(table);
                TableContent helm = inHelm.get(table);
                List<String> diff = source == null || helm == null ? List.of("not measured") : helm.differences(source.json());
                if (!diff.isEmpty()) problems.add(table + ": helm.sqlite " + String.join("; ", diff));
                tables.put(table, new ReportFile.ContentEntry(source == null ? null : source.json(), helm == null ? null : helm.json(), diff.isEmpty()));
            }
        }
        return new RunReport.Content(tables, problems);
    }
}
