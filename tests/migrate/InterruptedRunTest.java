package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.core.PausePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** The real script, killed in the middle of a slice: the previous output survives and the next run works. */
class InterruptedRunTest {
    static List<String> command(Path out) {
        return List.of(TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--all", "--sample", "--out", out.toString());
    }

    @Test
    void aRunKilledMidSliceLeavesThePreviousOutputAndTheNextRunSucceeds(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run first = TestSupport.process(command(out), TestSupport.repo(), 600);
        assertEquals(0, first.exit(), first.all());
        String before = SampleRun.sha256(out.resolve("helm.sqlite"));
        String report = Files.readString(out.resolve("report.json"));

        // The run waits at slice 4 (lib/core/PausePoint) until killed: it cannot finish first on a busy machine.
        ProcessBuilder pb = new ProcessBuilder(command(out)).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
        pb.environment().put(PausePoint.ENV, "slice 4");
        Process p = pb.start();
        boolean killed = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("paused at slice 4")) {
                    p.destroyForcibly(); // SIGKILL: no chance to clean up
                    killed = true;
                    break;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(killed, "the run was killed in slice 4");
        assertEquals(before, SampleRun.sha256(out.resolve("helm.sqlite")), "helm.sqlite untouched");
        assertEquals(report, Files.readString(out.resolve("report.json")), "report untouched");

        TestSupport.Run again = TestSupport.process(command(out), TestSupport.repo(), 600);
        assertEquals(0, again.exit(), again.all());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), "the killed run's staging folder is gone");
        }
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")));
    }
}
