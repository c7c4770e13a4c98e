package lib.run;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import lib.accounts.Fixes;
import lib.accounts.Progress;
import lib.accounts.Rejects;
import lib.report.ReportFile;
import lib.report.RunReport;
import lib.slices.Slice;
import lib.slices.SliceContext;
import lib.slices.Slices;
import lib.source.Prefetcher;
import lib.target.HelmDatabase;
import lib.target.TableContent;

/**
 * Load: each requested slice into helm.sqlite in turn, its tables emptied first and its
 * indexes built after; each slice's D1 file is started as soon as the slice is committed.
 */
final class Load {
    private Load() {}

    /** Loads the slices, adding their results to {@code staged.results()}; returns the control totals of the rows as the slices wrote them. */
    static Map<String, TableContent> run(RunContext run, Prepare.Staged staged, SortedSet<Integer> requested, HelmDatabase helm,
                                         Rejects rejects, Fixes fixes, Prefetcher prefetch, D1Files d1) throws SQLException {
        MigrationRun.Settings settings = run.settings;
        Progress progress = run.progress;
        Map<String, TableContent> written = new LinkedHashMap<>();
        if (staged.fresh()) helm.applyMigrations(settings.migrations());
        for (int n : requested) {
            Slice slice = Slices.get(n);
            run.phase("slice " + n, "loading slice " + n + " (" + slice.name() + ")");
            progress.say("Slice " + n + " " + slice.name());
            long sliceStart = System.nanoTime();
            d1.keptBefore(n); // copied while this slice loads
            List<String> writes = new ArrayList<>(slice.writes());
            Collections.reverse(writes);
            for (String t : writes) helm.deleteAll(t);
            List<String> indexes = helm.dropIndexes(slice.writes());
            SliceContext ctx = new SliceContext(prefetch, helm.connection(), settings.shopZone(), settings.phoneRegion(), rejects,
                    t -> progress.start(MigrationRun.label(t), staged.counted().getOrDefault(t, 0L))).redact(settings.redact()).fixes(fixes)
                    .whenFinished(t -> {
                        // A table that is full goes to the D1 file now, while the slice's next tables load.
                        List<String> ready = d1.finished(slice, t);
                        if (ready.isEmpty()) return;
                        helm.commit();
                        d1.exportTables(staged.helmFile(), slice, ready);
                    });
            slice.run(ctx);
            written.putAll(ctx.content());
            helm.createIndexes(indexes);
            helm.commit();
            d1.export(staged.helmFile(), slice);
            Map<String, Long> counts = new LinkedHashMap<>();
            slice.reads().forEach(t -> counts.put(t.name(), staged.counted().getOrDefault(t, 0L)));
            staged.results().put(n, new RunReport.SliceResult(n, slice.name(), (System.nanoTime() - sliceStart) / 1e9,
                    new ArrayList<>(ctx.accounts().values()), true, new ReportFile.AimRead(staged.readAt(), counts)));
        }
        return written;
    }
}
