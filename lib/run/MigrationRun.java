package lib.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import lib.accounts.Progress;
import lib.accounts.Rejects;
import lib.accounts.TableAccount;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.Hashes;
import lib.core.Json;
import lib.core.MigrationException;
import lib.core.PausePoint;
import lib.core.Version;
import lib.report.BusinessReconciliation;
import lib.report.HeapWatch;
import lib.report.RunReport;
import lib.report.RunSummary;
import lib.rules.Pseudonym;
import lib.slices.Slice;
import lib.slices.SliceContext;
import lib.slices.Slices;
import lib.source.Prefetcher;
import lib.source.Reconnects;
import lib.source.SourceErrors;
import lib.source.SourceTable;
import lib.target.CutoverManifest;
import lib.target.D1Export;
import lib.target.D1Limits;
import lib.target.HelmDatabase;
import lib.target.TableContent;

/**
 * One migration run: the selected slices into a staged Helm database (a fresh one
 * for --all; a copy of the previous one when re-running slices), reconciliation,
 * the D1 files and the report, then the switch into place.
 */
public final class MigrationRun {
    /** How the run is set up. */
    public record Settings(Path out, Path migrations, ZoneId shopZone, String phoneRegion, String sourceLabel,
                           boolean quiet, boolean interactive, int jobs, int queryTimeoutSeconds,
                           Pseudonym redact, int limit, int reconnectAttempts, boolean consistent) {}

    private final Settings settings;
    private final PrintWriter out;

    public MigrationRun(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Checks, before any database work, that re-running only {@code slices} is possible:
     * the previous output exists, was built from the same migrations, and holds every prerequisite.
     */
    public static void checkPartial(Path outDir, Path migrations, SortedSet<Integer> slices) {
        Map<String, Object> previous = OutputDir.readJson(outDir.resolve("report.json"));
        TreeSet<Integer> have = new TreeSet<>(slices);
        if (previous != null && Files.isRegularFile(outDir.resolve("helm.sqlite"))) have.addAll(slicesIn(previous));
        TreeSet<Integer> missing = new TreeSet<>();
        for (int n : slices) for (int p : Slices.get(n).prerequisites()) if (!have.contains(p)) missing.add(p);
        if (!missing.isEmpty()) {
            TreeSet<Integer> with = new TreeSet<>(slices);
            with.addAll(missing);
            throw new MigrationException(ExitCode.BAD_INPUT, "slice" + (slices.size() > 1 ? "s " : " ") + join(slices) + " need"
                    + (slices.size() > 1 ? "" : "s") + " slice" + (missing.size() > 1 ? "s " : " ") + join(missing) + " in " + outDir
                    + " first; run --slice " + join(with) + " or --all");
        }
        if (previous != null && Files.isRegularFile(outDir.resolve("helm.sqlite")) && !slices.containsAll(slicesIn(previous))
                && !migrationsHash(migrations).equals(previous.get("migrations_sha256"))) {
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

    /** What the run is doing, for the line a full disk gets, and the space it was estimated to need. */
    private volatile String doing = "starting";
    private long neededBytes;

    /** Reaches a phase: says what the run is doing now, and lets a fault test deliver its fault here (PausePoint). */
    private void phase(String name, String doing) {
        this.doing = doing;
        PausePoint.at(name, out);
    }

    /** Runs the slices; returns the exit code (0, or 1 when the reconciliation failed). */
    public int run(Connection source, java.util.function.Supplier<Connection> readers, SortedSet<Integer> requested, boolean all)
            throws SQLException, IOException {
        try {
            return runStaged(source, readers, requested, all);
        } catch (SQLException | IOException | RuntimeException e) {
            // The staging folder is gone by now (OutputDir closed), so "free now" is what the operator can work with.
            MigrationException full = DiskSpace.filled(e, settings.out(), neededBytes, doing);
            if (full != null) throw full;
            throw e;
        }
    }

    private int runStaged(Connection source, java.util.function.Supplier<Connection> readers, SortedSet<Integer> requested, boolean all)
            throws SQLException, IOException {
        HeapWatch.install();
        long start = System.nanoTime();
        Map<String, Object> phases = new LinkedHashMap<>();
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Reconnects reconnects = new Reconnects(settings.reconnectAttempts(), settings.sourceLabel(), m -> {
            out.println(m);
            out.flush();
        });
        try (OutputDir output = new OutputDir(settings.out())) {
            Map<String, Object> previous = all ? null : output.previousReport();
            Path staging = output.staging();
            Path helmFile = staging.resolve("helm.sqlite");
            boolean fresh = all || previous == null || !Files.isRegularFile(output.current("helm.sqlite"));
            Map<Integer, RunReport.SliceResult> results = new java.util.TreeMap<>();
            if (!fresh) {
                Files.copy(output.current("helm.sqlite"), helmFile);
                results.putAll(previousResults(previous));
                copyKeptFiles(output, requested);
            }
            Progress progress = new Progress(out, settings.quiet(), settings.interactive());
            List<SourceTable> order = new ArrayList<>();
            for (int n : requested) order.addAll(Slices.get(n).reads());
            // Counted before any read: the progress totals, and in a consistent run the start of its one snapshot.
            Map<SourceTable, Long> counted;
            phase("count", "counting the AIM rows");
            try {
                counted = count(source, order, settings.queryTimeoutSeconds());
            } catch (SQLException e) {
                throw SourceErrors.explain(e, settings.sourceLabel(), null);
            }
            neededBytes = OutputSize.estimate(output, counted, settings.limit(), fresh);
            DiskSpace.require(settings.out(), neededBytes, "this run (the new output is built beside the previous one)");
            Files.createDirectories(staging.resolve("d1"));
            java.util.concurrent.ExecutorService d1Writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r, "d1-writer");
                th.setDaemon(true);
                return th;
            });
            Map<Integer, java.util.concurrent.Future<SliceExport>> d1Files = new java.util.TreeMap<>();
            Map<String, TableContent> written = new LinkedHashMap<>();
            try (HelmDatabase helm = HelmDatabase.open(helmFile); Rejects rejects = new Rejects(staging.resolve("rejects")).redact(settings.redact());
                 Prefetcher prefetch = new Prefetcher(order, settings.jobs(), readers, settings.queryTimeoutSeconds(), settings.limit(),
                         settings.consistent() ? Reconnects.none(settings.sourceLabel()) : reconnects, out)) {
                if (fresh) helm.applyMigrations(settings.migrations());
                for (int n : requested) {
                    Slice slice = Slices.get(n);
                    phase("slice " + n, "loading slice " + n + " (" + slice.name() + ")");
                    if (!settings.quiet()) out.println("Slice " + n + " " + slice.name());
                    long sliceStart = System.nanoTime();
                    List<String> writes = new ArrayList<>(slice.writes());
                    java.util.Collections.reverse(writes);
                    for (String t : writes) helm.deleteAll(t);
                    List<String> indexes = helm.dropIndexes(slice.writes());
                    SliceContext ctx = new SliceContext(prefetch, helm.connection(), settings.shopZone(), settings.phoneRegion(), rejects,
                            t -> progress.start(t.name() + " -> " + t.target(), counted.getOrDefault(t, 0L))).redact(settings.redact());
                    slice.run(ctx);
                    written.putAll(ctx.content());
                    helm.createIndexes(indexes);
                    helm.commit();
                    d1Files.put(n, d1Writer.submit(() -> exportSlice(helmFile, slice, staging.resolve("d1"))));
                    results.put(n, new RunReport.SliceResult(n, slice.name(), (System.nanoTime() - sliceStart) / 1e9,
                            new ArrayList<>(ctx.accounts().values()), true));
                }
                rejects.close();
                phases.put("load", seconds(start));
                phase("checks", "checking the load");
                long t = System.nanoTime();
                recount(helm, results);
                phases.put("recount", seconds(t));
                t = System.nanoTime();
                List<String> fk = helm.foreignKeyProblems(20);
                phases.put("foreign_key_check", seconds(t));
                t = System.nanoTime();
                // With --limit the AIM side would count rows this run never read: the figures are left out (and the report says so).
                List<BusinessReconciliation.Result> business = settings.limit() > 0 ? List.of()
                        : BusinessFigures.compute(source, readers, reconnects, settings.consistent(), helm, settings.shopZone(),
                                staging.resolve("rejects"), results.keySet());
                phases.put("business_reconciliation", seconds(t));
                t = System.nanoTime();
                Map<String, TableContent> inHelm = new LinkedHashMap<>();
                phase("d1 files", "writing the D1 files");
                long maxStatement = writeD1(output, results, d1Files, inHelm);
                d1Writer.shutdown();
                phases.put("d1_files", seconds(t));
                RunReport.Content content = compareContent(requested, written, inHelm, previous);
                t = System.nanoTime();
                List<String> tables = new ArrayList<>();
                requested.forEach(n -> tables.addAll(Slices.get(n).writes()));
                Map<String, Map<String, Object>> known = new java.util.TreeMap<>(knownLimits(previous));
                tables.forEach(known::remove);
                for (int n : results.keySet()) {
                    for (String w : Slices.get(n).writes()) if (!known.containsKey(w) && !tables.contains(w)) tables.add(w);
                }
                D1Limits.Result limits = D1Limits.check(helm.connection(), tables, known, maxStatement);
                phases.put("d1_limits", seconds(t));
                helm.finish();
                RunReport report = new RunReport(new RunReport.RunInfo(Version.TOOLKIT, settings.sourceLabel(), settings.shopZone().getId(),
                        startedAt, (System.nanoTime() - start) / 1e9, migrationsHash(settings.migrations()), List.copyOf(requested)),
                        new ArrayList<>(results.values()), new RunReport.Checks(fk, limits.measured(), limits.problems()), content, phases);
                report.business(business);
                report.marks(settings.redact() != null, settings.limit());
                List<String> drops = new ArrayList<>(earlierDrops);
                drops.addAll(reconnects.recovered());
                report.reconnects(drops);
                Map<String, Object> previousRun = output.previous(RunSummary.FILE);
                Map<String, Object> summary = RunSummary.of(report.json());
                if (previousRun != null) report.since(String.valueOf(previousRun.get("started_at")), RunSummary.changes(previousRun, summary));
                doing = "writing the report";
                Files.writeString(staging.resolve(RunSummary.FILE), Json.write(summary), StandardCharsets.UTF_8);
                Map<String, Object> reportJson = report.json();
                Files.writeString(staging.resolve("report.json"), Json.write(reportJson), StandardCharsets.UTF_8);
                Files.writeString(staging.resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
                helm.close();
                Path project = settings.migrations().toAbsolutePath().getParent();
                Files.writeString(staging.resolve(CutoverManifest.FILE), Json.write(CutoverManifest.build(reportJson, staging,
                        project == null ? Path.of(".") : project, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())), StandardCharsets.UTF_8);
                String shown = settings.out().toString().endsWith("/") ? settings.out().toString() : settings.out() + "/";
                if (report.ok()) {
                    phase("publish", "moving the new output into place");
                    output.publish();
                    report.summary(out, shown);
                    return ExitCode.OK.code;
                }
                Path failed = output.keepFailed();
                report.summary(out, failed + "/");
                out.println("The reconciliation failed: this run's output is in " + failed + " (see its report.md); "
                        + "the previous output in " + settings.out() + " is untouched.");
                out.flush();
                return ExitCode.CHECK_FAILED.code;
            }
        }
    }


    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
    }

    /** Each table's rows as the source counts them now. */
    private static Map<SourceTable, Long> count(Connection source, List<SourceTable> tables, int timeoutSeconds) throws SQLException {
        Map<SourceTable, Long> out = new java.util.HashMap<>();
        try (var st = source.createStatement()) {
            if (timeoutSeconds > 0) st.setQueryTimeout(timeoutSeconds);
            for (SourceTable t : tables) {
                try (var rs = st.executeQuery(t.countSql())) {
                    out.put(t, rs.next() ? rs.getLong(1) : 0);
                }
            }
        }
        return out;
    }

    /** Rows and money counted again from the Helm database, not from the counters. */
    private static void recount(HelmDatabase helm, Map<Integer, RunReport.SliceResult> results) throws SQLException {
        for (RunReport.SliceResult r : results.values()) {
            for (TableAccount t : r.tables()) {
                t.targetCount = helm.count("SELECT COUNT(*) FROM " + t.target);
                for (TableAccount.Money m : t.money.values()) m.target = helm.count("SELECT COALESCE(SUM(" + m.targetColumn + "), 0) FROM " + t.target);
            }
        }
    }

    /** What writing one slice's D1 file found: its longest statement and the control totals of its tables as read from helm.sqlite. */
    private record SliceExport(long maxStatementBytes, Map<String, TableContent> content) {}

    /** Writes one slice's D1 file from the finished slice, on its own read connection. */
    private static SliceExport exportSlice(Path helmFile, Slice s, Path d1) throws SQLException, IOException {
        try (Connection read = java.sql.DriverManager.getConnection("jdbc:sqlite:" + helmFile.toAbsolutePath())) {
            D1Export export = new D1Export();
            export.write(read, "Helm data, slice " + s.number() + " (" + s.name() + ")", s.writes(), d1.resolve(fileName(s)));
            return new SliceExport(export.maxStatementBytes(), export.content());
        }
    }

    /**
     * The control totals of every Helm table: as the slices wrote the rows (source side)
     * against helm.sqlite as read back; kept slices keep what the previous run found.
     */
    @SuppressWarnings("unchecked")
    private static RunReport.Content compareContent(SortedSet<Integer> requested, Map<String, TableContent> written,
                                                    Map<String, TableContent> inHelm, Map<String, Object> previous) {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> before = previous == null || !(previous.get("content") instanceof Map<?, ?> c)
                ? Map.of() : (Map<String, Map<String, Object>>) c;
        for (Slice s : Slices.ALL) {
            for (String table : s.writes()) {
                if (!requested.contains(s.number())) {
                    if (before.containsKey(table)) tables.put(table, before.get(table));
                    continue;
                }
                TableContent source = written.get(table);
                TableContent helm = inHelm.get(table);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("source", source == null ? null : source.json());
                entry.put("helm_sqlite", helm == null ? null : helm.json());
                List<String> diff = source == null || helm == null ? List.of("not measured") : helm.differences(source.json());
                entry.put("agree", diff.isEmpty());
                if (!diff.isEmpty()) problems.add(table + ": helm.sqlite " + String.join("; ", diff));
                tables.put(table, entry);
            }
        }
        return new RunReport.Content(tables, problems);
    }

    private static String fileName(Slice s) {
        return String.format("%04d_%s.sql", s.number(), s.name());
    }

    /** Waits for this run's slice files, copies the kept ones, and joins them into all.sql in slice order. */
    private static long writeD1(OutputDir output, Map<Integer, RunReport.SliceResult> results,
                                Map<Integer, java.util.concurrent.Future<SliceExport>> written, Map<String, TableContent> content) throws IOException {
        Path d1 = output.staging().resolve("d1");
        long max = 0;
        try (java.io.OutputStream all = new java.io.BufferedOutputStream(Files.newOutputStream(d1.resolve("all.sql")), 1 << 16)) {
            for (int n : results.keySet()) {
                Slice s = Slices.get(n);
                Path file = d1.resolve(fileName(s));
                java.util.concurrent.Future<SliceExport> job = written.get(n);
                if (job != null) {
                    try {
                        SliceExport done = job.get();
                        max = Math.max(max, done.maxStatementBytes());
                        content.putAll(done.content());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while writing " + file, e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof IOException io) throw io;
                        throw new IOException("writing " + file + " failed: " + e.getCause(), e.getCause());
                    }
                } else {
                    Files.copy(output.current("d1").resolve(fileName(s)), file);
                    max = Math.max(max, longestLine(file));
                }
                Files.copy(file, all);
            }
        }
        return max;
    }

    /** The longest line of a file in bytes, read as a stream (a D1 file can be larger than the heap). */
    static long longestLine(Path file) throws IOException {
        long longest = 0, current = 0;
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        longest = Math.max(longest, current + 1);
                        current = 0;
                    } else {
                        current++;
                    }
                }
            }
        }
        return Math.max(longest, current);
    }

    private static void copyKeptFiles(OutputDir output, SortedSet<Integer> rerun) throws IOException {
        Path oldRejects = output.current("rejects");
        if (!Files.isDirectory(oldRejects)) return;
        List<String> rerunTables = new ArrayList<>();
        for (int n : rerun) Slices.get(n).reads().forEach(t -> rerunTables.add(t.name() + ".csv"));
        Files.createDirectories(output.staging().resolve("rejects"));
        try (var files = Files.list(oldRejects)) {
            for (Path f : files.toList()) {
                if (!rerunTables.contains(f.getFileName().toString())) {
                    Files.copy(f, output.staging().resolve("rejects").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, RunReport.SliceResult> previousResults(Map<String, Object> previous) {
        Map<Integer, RunReport.SliceResult> out = new LinkedHashMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) previous.get("slices")) {
            List<TableAccount> tables = new ArrayList<>();
            for (Map<String, Object> t : (List<Map<String, Object>>) s.get("tables")) tables.add(TableAccount.fromJson(t));
            int n = ((Number) s.get("number")).intValue();
            out.put(n, new RunReport.SliceResult(n, (String) s.get("name"), ((Number) s.get("seconds")).doubleValue(), tables, false));
        }
        return out;
    }

    /** The previous run's per-table D1 measurements, for the slices this run keeps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> knownLimits(Map<String, Object> previous) {
        if (previous == null) return Map.of();
        Object checks = previous.get("checks");
        if (!(checks instanceof Map<?, ?> c) || !(c.get("d1_limits") instanceof Map<?, ?> l) || !(l.get("tables") instanceof Map<?, ?> t)) return Map.of();
        return (Map<String, Map<String, Object>>) t;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> slicesIn(Map<String, Object> report) {
        List<Integer> out = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("slices")) out.add(((Number) s.get("number")).intValue());
        return out;
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

    private static String join(java.util.Collection<Integer> n) {
        return String.join(",", n.stream().map(String::valueOf).toList());
    }
}
