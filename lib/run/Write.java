package lib.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import lib.accounts.Fixes;
import lib.core.Json;
import lib.core.Version;
import lib.report.NoMethodPayments;
import lib.report.ReportFile;
import lib.report.RunReport;
import lib.report.RunSummary;
import lib.report.SignoffSheet;
import lib.target.CutoverManifest;
import lib.target.HelmDatabase;

/**
 * Write: helm.sqlite finished and closed, then into the staging folder last-run.json,
 * report.json, report.md, signoff.md and manifest.json (the hashes of the finished files).
 */
final class Write {
    private Write() {}

    /** Writes the report files; returns the report, for the console summary and whether the run is OK. */
    static RunReport run(RunContext run, OutputDir output, Prepare.Staged staged, Check.Found found, SortedSet<Integer> requested,
                         HelmDatabase helm, List<String> drops) throws IOException, SQLException {
        MigrationRun.Settings settings = run.settings;
        helm.finish();
        RunReport report = new RunReport(new RunReport.RunInfo(Version.TOOLKIT, settings.sourceLabel(), settings.shopZone().getId(),
                run.startedAt, run.elapsed(), MigrationRun.migrationsHash(settings.migrations()), List.copyOf(requested)),
                new ArrayList<>(staged.results().values()), new RunReport.Checks(found.foreignKeyProblems(), found.limits().measured(),
                found.limits().problems()), found.content(), run.phaseSeconds);
        report.business(found.business(), found.lastTickets());
        report.marks(settings.redact() != null, settings.limit());
        report.reconnects(drops);
        report.keptCountsNow(staged.keptCounted());
        // The tender table's "(none)" payments by the code AIM wrote: from fixes/ and helm.sqlite, no statement to AIM.
        NoMethodPayments.add(report, output.staging().resolve(Fixes.DIR), helm.connection());
        RunSummary previous = output.previousSummary();
        RunSummary summary = RunSummary.of(report.file());
        if (previous != null) report.since(String.valueOf(previous.startedAt()), RunSummary.changes(previous, summary));
        run.doing = "writing the report";
        Path staging = output.staging();
        // The report is complete: report.md and signoff.md are rendered on a second thread while this one writes the JSON
        // (code run once a process, a tenth of a second each, beside only the files' hashing by now).
        FutureTask<String[]> sheets = new FutureTask<>(() -> new String[] {report.markdown(), SignoffSheet.markdown(report)});
        Thread rendering = new Thread(sheets, "report-markdown");
        rendering.setDaemon(true);
        rendering.start();
        Files.writeString(staging.resolve(RunSummary.FILE), Json.write(summary.toMap()), StandardCharsets.UTF_8);
        ReportFile file = report.file();
        Files.writeString(staging.resolve("report.json"), Json.write(file.toMap()), StandardCharsets.UTF_8);
        String[] markdown = done(sheets);
        Files.writeString(staging.resolve("report.md"), markdown[0], StandardCharsets.UTF_8);
        Files.writeString(staging.resolve(SignoffSheet.FILE), markdown[1], StandardCharsets.UTF_8);
        if (settings.identity() != null) {
            SourceFile.write(staging, settings.identity(), settings.limit(), SourceFile.Mapping.of(settings.shopZone(), settings.phoneRegion(), settings.redact()));
        }
        helm.close();
        Path project = settings.migrations().toAbsolutePath().getParent();
        CutoverManifest.build(file.source(), file.startedAt(), file.shopTimeZone(), file.slicesRun(), file.migrationsSha256(), file.redacted(),
                file.limitRowsPerTable() > 0 ? file.limitRowsPerTable() : null, file.sourceTotals(), new TreeMap<>(found.fileHashes().get()), project == null ? Path.of(".") : project,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).write(staging.resolve(CutoverManifest.FILE));
        return report;
    }

    /** What a rendering thread made; its failure is this thread's, as if it had rendered. */
    private static <T> T done(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the report was rendered", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IOException(e.getCause());
        }
    }
}
