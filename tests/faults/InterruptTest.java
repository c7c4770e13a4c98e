package tests.faults;

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

/** Ctrl-C (SIGINT) on the real script: a clean stop, exit 130, partial work removed, previous output intact. */
class InterruptTest {
    @Test
    void ctrlCStopsCleanlyWithExit130(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        List<String> command = List.of(TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--all", "--sample", "--out", out.toString());
        assertEquals(0, TestSupport.process(command, TestSupport.repo(), 600).exit());
        String before = SampleRun.sha256(out.resolve("helm.sqlite"));
        // The run waits at slice 4 until it is signalled (lib/core/PausePoint), so it cannot finish first on a busy machine.
        // A job started in the background (`cmd &` without job control) inherits SIGINT ignored, and the JVM then keeps
        // ignoring it, as a terminal's Ctrl-C should not reach a background job. perl (always in Debian) restores the
        // default before exec, so the run gets the Ctrl-C an operator's terminal sends, however the suite was started.
        List<String> ctrlC = new java.util.ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        ctrlC.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(ctrlC).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
        pb.environment().put(PausePoint.ENV, "slice 4");
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            boolean sent = false;
            for (String line; (line = lines.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (!sent && line.startsWith("paused at slice 4")) {
                    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
                    sent = true;
                }
            }
            assertTrue(sent, "the run reached slice 4:\n" + seen);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, p.exitValue(), seen.toString());
        assertTrue(seen.toString().contains("interrupted; this run's partial output was removed"), seen.toString());
        assertEquals(before, SampleRun.sha256(out.resolve("helm.sqlite")));
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), "no staging folder left");
        }
    }
}
