package lib.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import lib.accounts.Fixes;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.report.ReportFile;
import lib.report.RunReport;
import lib.slices.Slices;
import lib.source.AimSubset;
import lib.source.SourceConnection;
import lib.source.SourceCounts;
import lib.source.SourceErrors;
import lib.source.SourceRefusals;
import lib.source.SourceTable;

/**
 * Prepare: the staging folder (for a slice re-run, a copy of the previous helm.sqlite and
 * of the kept slices' rejects and fixes), the AIM rows counted (of a slice re-run, the kept
 * slices' tables too, to compare with the counts they kept), and the disk space checked.
 */
final class Prepare {
    private Prepare() {}

    /**
     * What the load starts from: the previous report (null for a fresh run), the kept slices'
     * results (the load adds its own), the AIM tables in reading order and their row counts,
     * when they were counted (this run's read of AIM), and the rows AIM counts now in the tables
     * of the kept slices that kept their counts, by AIM table.
     */
    record Staged(ReportFile previous, boolean fresh, Path helmFile, Map<Integer, RunReport.SliceResult> results,
                  List<SourceTable> order, Map<SourceTable, Long> counted, String readAt, Map<String, Long> keptCounted) {}

    static Staged run(RunContext run, OutputDir output, Connection source, SortedSet<Integer> requested, boolean all) throws IOException {
        ReportFile previous = all ? null : output.previousReport();
        Path helmFile = output.staging().resolve("helm.sqlite");
        boolean fresh = all || previous == null || !Files.isRegularFile(output.current("helm.sqlite"));
        Map<Integer, RunReport.SliceResult> results = new TreeMap<>();
        // The kept slices' tables, counted again to compare with what each counted when it read AIM (one that kept no count: not).
        List<SourceTable> kept = new ArrayList<>();
        if (!fresh) {
            Files.copy(output.current("helm.sqlite"), helmFile);
            for (ReportFile.SliceEntry s : previous.slices()) {
                results.put(s.number(), new RunReport.SliceResult(s.number(), s.name(), s.seconds(), s.tables(), false, s.read()));
                if (!requested.contains(s.number()) && s.read() != null) {
                    Slices.get(s.number()).reads().stream().filter(t -> s.read().counts().containsKey(t.name())).forEach(kept::add);
                }
            }
            copyKept(output, "rejects", requested);
            copyKept(output, Fixes.DIR, requested);
        }
        List<SourceTable> order = new ArrayList<>();
        for (int n : requested) order.addAll(Slices.get(n).reads());
        // Counted before any read: the progress totals, and in a consistent run the start of its one snapshot.
        Map<SourceTable, Long> counted = new HashMap<>();
        Map<String, Long> keptCounted = new LinkedHashMap<>();
        run.phase("count", "counting the AIM rows");
        String readAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (run.live != null) run.live.show("  counting the AIM rows ...");
        try {
            List<SourceTable> tables = new ArrayList<>(order);
            tables.addAll(kept); // no table is read by two slices
            Map<SourceTable, Long> now = count(source, tables, run.settings.queryTimeoutSeconds(), run.settings.subset());
            order.forEach(t -> counted.put(t, now.get(t)));
            kept.forEach(t -> keptCounted.put(t.name(), now.get(t)));
        } catch (SQLException e) {
            // A kept slice's table this login may not read (its slice read it as another login): the GRANT, not "cannot connect".
            String denied = SourceRefusals.deniedLine(e, source);
            if (denied != null) throw new MigrationException(ExitCode.SOURCE_INCOMPLETE, "AIM refused to count its rows: " + denied, e);
            throw SourceErrors.explain(e, run.settings.sourceLabel(), null);
        } finally {
            if (run.live != null) run.live.clear();
        }
        run.neededBytes = OutputSize.estimate(output, counted, fresh);
        DiskSpace.require(run.settings.out(), run.neededBytes, "this run (the new output is built beside the previous one)");
        Files.createDirectories(output.staging().resolve("d1"));
        return new Staged(previous, fresh, helmFile, results, order, counted, readAt, keptCounted);
    }

    /**
     * Each table's rows as the source counts them now (those in the --limit subset, when there is one): the
     * progress totals and the space estimate, all in one statement ({@link SourceCounts}). H2 (the sample) counts a
     * table from its own metadata under read committed, but reads every row under read uncommitted (scale 10: 5.6 s
     * of counting, against none), so H2 counts under read committed; nothing writes the sample while it is read.
     */
    private static Map<SourceTable, Long> count(Connection source, List<SourceTable> tables, int timeoutSeconds, AimSubset subset)
            throws SQLException {
        Map<SourceTable, Long> out = new HashMap<>();
        boolean h2Scans = SourceConnection.isH2(source) && source.getTransactionIsolation() == Connection.TRANSACTION_READ_UNCOMMITTED;
        if (h2Scans) source.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (var st = source.createStatement()) {
            if (timeoutSeconds > 0) st.setQueryTimeout(timeoutSeconds);
            out.putAll(SourceCounts.count(st, tables, subset));
        } finally {
            if (h2Scans) source.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        }
        return out;
    }

    /** The previous per-table files (rejects/, fixes/) of the AIM tables this run does not read again. */
    private static void copyKept(OutputDir output, String folder, SortedSet<Integer> rerun) throws IOException {
        Path old = output.current(folder);
        if (!Files.isDirectory(old)) return;
        List<String> rerunTables = new ArrayList<>();
        for (int n : rerun) Slices.get(n).reads().forEach(t -> rerunTables.add(t.name() + ".csv"));
        Files.createDirectories(output.staging().resolve(folder));
        try (var files = Files.list(old)) {
            for (Path f : files.toList()) {
                if (!rerunTables.contains(f.getFileName().toString())) {
                    Files.copy(f, output.staging().resolve(folder).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
