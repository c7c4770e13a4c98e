package lib.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import lib.accounts.LiveLine;
import lib.accounts.Progress;
import lib.accounts.Fixes;
import lib.accounts.Rejects;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.Hashes;
import lib.core.MigrationException;
import lib.report.HeapWatch;
import lib.report.ReportFile;
import lib.report.RunReport;
import lib.rules.Pseudonym;
import lib.slices.Slices;
import lib.source.AimSubset;
import lib.source.FlagTypes;
import lib.source.Prefetcher;
import lib.source.Reconnects;
import lib.source.SourceCollation;
import lib.source.SourceIdentity;
import lib.source.SourcePool;
import lib.target.HelmDatabase;
import lib.target.TableContent;

/**
 * One migration run, in named phases: {@link Prepare} (staging, AIM counts, space), {@link Load}
 * (the slices, their D1 files on a thread of their own), {@link Check} (every check), {@link Write}
 * (report, summary, manifest) and {@link #publish} (the switch into place, or out/failed/).
 */
public final class MigrationRun {
    /** How the run is set up. */
    public record Settings(Path out, Path migrations, ZoneId shopZone, String phoneRegion, String sourceLabel,
                           boolean quiet, boolean interactive, int jobs, int queryTimeoutSeconds,
                           Pseudonym redact, int limit, int reconnectAttempts, boolean consistent, SourceIdentity identity) {
        /** What --limit reads: the consistent subset of its first {@code limit} rows per root table; null reads every row. */
        public AimSubset subset() {
            return limit > 0 ? new AimSubset(limit) : null;
        }
    }

    private final Settings settings;
    private final PrintWriter out;
    /** On a terminal: the live progress line under everything the run prints; else null. */
    private final LiveLine live;

    public MigrationRun(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.live = settings.interactive() && !settings.quiet() ? new LiveLine(out) : null;
        this.out = live == null ? out : new PrintWriter(live);
    }

    /**
     * Checks, before any database work, that re-running only {@code slices} is possible:
     * the previous output exists, was built from the same migrations, and holds every prerequisite.
     */
    public static void checkPartial(Path outDir, Path migrations, SortedSet<Integer> slices) {
        ReportFile previous = OutputDir.readReport(outDir);
        boolean helm = Files.isRegularFile(outDir.resolve("helm.sqlite"));
        if (previous == null && helm && Files.isRegularFile(outDir.resolve("report.json"))) {
            throw new MigrationException(ExitCode.BAD_INPUT, outDir.resolve("report.json") + " cannot be read (damaged or edited): a --slice re-run "
                    + "takes the kept slices from it; run --all to start over, or use another --out");
        }
        List<Integer> kept = previous != null && helm ? previous.sliceNumbers() : null;
        TreeSet<Integer> have = new TreeSet<>(slices);
        if (kept != null) have.addAll(kept);
        TreeSet<Integer> missing = new TreeSet<>();
        for (int n : slices) for (int p : Slices.get(n).prerequisites()) if (!have.contains(p)) missing.add(p);
        if (!missing.isEmpty()) {
            TreeSet<Integer> with = new TreeSet<>(slices);
            with.addAll(missing);
            throw new MigrationException(ExitCode.BAD_INPUT, "slice" + (slices.size() > 1 ? "s " : " ") + join(slices) + " need"
                    + (slices.size() > 1 ? "" : "s") + " slice" + (missing.size() > 1 ? "s " : " ") + join(missing) + " in " + outDir
                    + " first; run --slice " + join(with) + " or --all");
        }
        if (kept != null && !slices.containsAll(kept) && !migrationsHash(migrations).equals(previous.migrationsSha256())) {
            throw new MigrationException(ExitCode.BAD_INPUT, "migrations/ changed since " + outDir.resolve("helm.sqlite")
                    + " was built; run --all to rebuild it with the new schema");
        }
    }

    /** Drops survived before this run started (a consistent run that started over), for the report. */
    private List<String> earlierDrops = List.of();

    public MigrationRun after(List<String> drops) {
        this.earlierDrops = List.copyOf(drops);
        return this;
    }

    /** When the run began to log in to AIM (System.nanoTime()), or 0: its time counts from then. */
    private long since;

    public MigrationRun since(long nanos) {
        this.since = nanos;
        return this;
    }

    /** Runs the slices; returns the exit code (0, or 1 when the reconciliation failed). */
    public int run(Connection source, SourcePool readers, SortedSet<Integer> requested, boolean all) throws SQLException, IOException {
        HeapWatch.install();
        RunContext run = new RunContext(settings, out, live, since);
        try {
            return runStaged(run, source, readers, requested, all);
        } catch (SQLException | IOException | RuntimeException e) {
            // The staging folder is gone by now (OutputDir closed), so "free now" is what the operator can work with.
            MigrationException full = DiskSpace.filled(e, settings.out(), run.neededBytes, run.doing);
            if (full != null) throw full;
            throw e;
        } finally {
            FlagTypes.forget(); // this AIM's flag types, read at the start: no statement built after the run is of this AIM
        }
    }

    private int runStaged(RunContext run, Connection source, SourcePool readers, SortedSet<Integer> requested, boolean all)
            throws SQLException, IOException {
        Reconnects reconnects = new Reconnects(settings.reconnectAttempts(), settings.sourceLabel(), m -> {
            out.println(m);
            out.flush();
        });
        // Codes compare as AIM compares them: each column's collation, read once (CodeKey).
        SourceCollation.use(source, Slices.tableNames());
        try (OutputDir output = new OutputDir(settings.out(), live == null ? () -> {} : live::end)) {
            Prepare.Staged staged = Prepare.run(run, output, source, requested, all);
            run.took("prepare", run.begun);
            run.progress = progress(staged, requested);
            TreeSet<Integer> inOutput = new TreeSet<>(staged.results().keySet());
            inOutput.addAll(requested);
            if (settings.limit() == 0 && !settings.consistent()) run.aimFigures = BusinessFigures.startAimHalf(readers, inOutput, run.figureCounts);
            long loading = System.nanoTime();
            Path rejectsDir = output.staging().resolve("rejects");
            try (D1Files d1 = new D1Files(output, inOutput, requested);
                 HelmDatabase helm = HelmDatabase.open(staged.helmFile()); Rejects rejects = new Rejects(rejectsDir).redact(settings.redact());
                 Fixes fixes = new Fixes(output.staging().resolve(Fixes.DIR)).redact(settings.redact());
                 Prefetcher prefetch = new Prefetcher(staged.order(), settings.jobs(), readers, settings.queryTimeoutSeconds(), settings.subset(),
                         settings.consistent() ? Reconnects.none(settings.sourceLabel()) : reconnects, out)) {
                Slices.rememberParents(rejects, requested);
                Map<String, TableContent> written = Load.run(run, staged, requested, helm, rejects, fixes, prefetch, d1);
                rejects.close();
                fixes.close();
                run.took("load", loading);
                Check.Found found = Check.run(run, staged, requested, helm, written, d1, readers, reconnects, rejectsDir);
                List<String> drops = new ArrayList<>(earlierDrops);
                drops.addAll(reconnects.recovered());
                RunReport report;
                try (Progress.Step step = run.progress.step("report, summary and manifest written")) {
                    report = Write.run(run, output, staged, found, requested, helm, drops);
                } finally {
                    found.fileHashes().cancel(); // read by now, or not wanted: no hashing tool outlives a failed run
                }
                run.progress.close();
                return publish(run, output, report);
            } finally {
                if (run.progress != null) run.progress.close();
            }
        }
    }

    /** The run's progress: rows to read are the AIM counts of the requested slices' tables. */
    private Progress progress(Prepare.Staged staged, SortedSet<Integer> requested) {
        long rows = 0;
        int width = 0;
        for (int n : requested) {
            for (lib.source.SourceTable t : Slices.get(n).reads()) {
                rows += staged.counted().getOrDefault(t, 0L);
                width = Math.max(width, label(t).length());
            }
        }
        return new Progress(out, live, settings.quiet(), rows, width);
    }

    /** How a table is named in the progress lines. */
    static String label(lib.source.SourceTable t) {
        return t.name() + " -> " + t.target();
    }

    /** Publish: the new output into place when the run is OK; else kept in out/failed/, the previous output untouched. */
    private int publish(RunContext run, OutputDir output, RunReport report) {
        if (report.ok()) {
            run.phase("publish", "moving the new output into place");
            output.publish();
            String dir = settings.out().toString().endsWith("/") ? settings.out().toString() : settings.out() + "/";
            if (settings.quiet()) report.summaryLine(out, dir);
            else report.summary(out, dir);
            return ExitCode.OK.code;
        }
        Path failed = output.keepFailed();
        report.summary(out, failed + "/"); // a failure is no time to be quiet
        out.println("The reconciliation failed: this run's output is in " + failed + " (see its report.md); "
                + "the previous output in " + settings.out() + " is untouched.");
        out.flush();
        return ExitCode.CHECK_FAILED.code;
    }

    /** SHA-256 over the migration files' names and contents. */
    public static String migrationsHash(Path migrations) {
        try {
            Hashes.Sha256 sha = new Hashes.Sha256();
            for (Path f : HelmDatabase.migrationFiles(migrations)) {
                sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8)).update(Files.readAllBytes(f));
            }
            return sha.hex();
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read the migrations in " + migrations + ": " + e.getMessage());
        }
    }

    private static String join(Collection<Integer> n) {
        return String.join(",", n.stream().map(String::valueOf).toList());
    }
}
