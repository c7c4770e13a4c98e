package lib.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.accounts.TableAccount;
import lib.report.ReportFile;
import lib.source.SourceTable;

/** The disk space a run will take beside the previous output, for the check before it writes. */
final class OutputSize {
    private OutputSize() {}

    /** Bytes per AIM row when there is no previous run to learn from: the sample's 370, rounded up for wider shops. */
    static final long BYTES_PER_ROW = 500;

    /**
     * The space this run will take beside the previous output: its rows at the previous run's
     * bytes per row (else {@link #BYTES_PER_ROW}), plus the previous output a slice re-run copies.
     */
    static long estimate(OutputDir output, Map<SourceTable, Long> counted, boolean fresh) throws IOException {
        long rows = 0;
        for (long n : counted.values()) rows += n;
        long previousBytes = 0;
        for (String name : OutputDir.PUBLISHED) {
            Path p = output.current(name);
            if (!Files.exists(p)) continue;
            try (var files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) previousBytes += Files.size(f);
            }
        }
        long previousRows = 0;
        ReportFile previous = output.previousReport();
        if (previous != null) {
            for (ReportFile.SliceEntry s : previous.slices()) for (TableAccount t : s.tables()) previousRows += t.read;
        }
        long perRow = previousRows >= 1000 && previousBytes > 0 ? Math.max(1, previousBytes / previousRows) : BYTES_PER_ROW;
        // A slice re-run works on a copy of the previous output, replacing the re-run slices' part of it.
        return fresh ? rows * perRow : Math.max(previousBytes, rows * perRow);
    }
}
