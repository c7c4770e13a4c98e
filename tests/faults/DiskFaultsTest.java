package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.core.DiskSpace;
import lib.core.PausePoint;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tests.support.SampleRun;
import tests.support.TestSupport.Run;

/** The fault matrix for space: too little before the run, and a disk that fills at every phase (a small tmpfs; as root). */
class DiskFaultsTest extends FaultMatrix {
    // ---- a full disk: before the run (the estimate), and filling up at every phase ----

    @TestFactory
    Stream<DynamicTest> aFullDisk() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("too little space", "before the run"), () -> onSmallDisk((disk, out) -> {
            ensurePrevious(out);
            Map<String, String> before = snapshot(out);
            Path filler = fill(disk, 4_000_000);
            Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
            assertEquals(6, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().matches("(?s)MigrateAim: not enough free space in " + java.util.regex.Pattern.quote(out.toString())
                    + ": [0-9.]+ (bytes|kB|MB) free, this run \\(.*\\) needs about [0-9.]+ MB; .*"), r.err());
            assertEquals(before, snapshot(out), "nothing was written");
            Files.delete(filler);
            nextRunSucceeds(out);
        })));
        for (String phase : List.of("read CUST", "slice 2", "checks", "d1 files", "publish")) {
            tests.add(cell(new Cell("disk full", phase), () -> onSmallDisk((disk, out) -> {
                ensurePrevious(out);
                Map<String, String> before = snapshot(out);
                Path[] filler = new Path[1];
                PausePoint.hook = p -> {
                    if (p.equals(phase) && filler[0] == null) {
                        try {
                            filler[0] = fill(disk, 0);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
                Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
                PausePoint.hook = null;
                assertNotNull(filler[0], "the run reached " + phase + " (exit " + r.exit() + "): " + r.all());
                if (phase.equals("publish")) {
                    // Everything is written before it is moved into place, and a move within a disk needs no space.
                    assertEquals(0, r.exit(), r.all());
                } else {
                    assertEquals(6, r.exit(), r.all());
                    assertEquals(1, r.err().strip().lines().count(), r.err());
                    assertTrue(r.err().startsWith("MigrateAim: the disk holding " + out + " filled up while "), r.err());
                    assertTrue(r.err().contains(" free now, the run needs about "), r.err());
                    assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
                }
                assertNoStaging(out);
                Files.delete(filler[0]);
                nextRunSucceeds(out);
            })));
        }
        return tests.stream();
    }

    interface OnDisk {
        void run(Path disk, Path out) throws Exception;
    }

    /** A 40 MB tmpfs of its own (as root; the test is skipped elsewhere), with the output folder on it. */
    static void onSmallDisk(OnDisk body) throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk-" + faults.get()));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs to fill (needs root): " + said.strip());
        try {
            body.run(disk, disk.resolve("out"));
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    /** Fills the disk until only about {@code leave} bytes are free; returns the filler file. */
    static Path fill(Path disk, long leave) throws java.io.IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[1 << 16];
        try (java.io.OutputStream o = Files.newOutputStream(filler)) {
            try {
                while (DiskSpace.free(disk) > leave + block.length) o.write(block);
                if (leave == 0) {
                    for (;;) o.write(block, 0, 512);
                }
            } catch (java.io.IOException full) {
                // As full as it gets. Filling to the last byte, a run's own threads write beside this one (the D1 files
                // at "checks"), so the disk can fill under a whole block too.
                if (leave > 0) throw full;
            }
        }
        return filler;
    }
}
