package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import lib.core.PausePoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * Phases x faults, shared by SourceFaultsTest, SignalFaultsTest and DiskFaultsTest: each fault is
 * delivered at a named phase of a run (lib/core/PausePoint), so it lands there however loaded the
 * machine is. For each: the documented exit code, one line, the previous output byte for byte as it
 * was, and the next run succeeds. Runs are of slice 2 (customers: 20,000 AIM rows, no
 * prerequisites), the smallest slice that reads a table long enough to be cut in the middle.
 */
@Tag("slow")
abstract class FaultMatrix {
    static final AtomicInteger faults = new AtomicInteger(), survived = new AtomicInteger();

    @TempDir
    static Path tmp;

    @AfterEach
    void noHook() {
        PausePoint.hook = null;
    }

    @AfterAll
    static void result() { // all classes of the matrix so far
        System.out.println("fault matrix: " + faults.get() + " faults, " + survived.get() + " survived");
    }

    /** What the fault is and the phases it is delivered at. */
    record Cell(String fault, String phase) {
        String name() {
            return fault + " at " + phase;
        }
    }

    static Path h2Undisturbed;

    /** Slice 2 of the sample with nothing in the way, as the previous output each faulted run must leave alone. */
    static synchronized Path h2Undisturbed() {
        if (h2Undisturbed == null || !h2Undisturbed.startsWith(tmp)) { // each class has its own tmp
            Path out = tmp.resolve("sample-undisturbed");
            Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
            assertEquals(0, r.exit(), r.all());
            h2Undisturbed = out;
        }
        return h2Undisturbed;
    }

    record Signalled(int exit, String output) {}

    /** Runs slice 2 of the sample as a separate process, paused at {@code phase}, and signals it there. */
    static Signalled signalled(Path out, String phase, String signal) throws Exception {
        // A background job inherits SIGINT ignored (and the JVM keeps ignoring it); perl restores the default, as a terminal has it.
        return signalled(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--slice", "2", "--sample", "--out", out.toString(),
                "--quiet"), phase, signal);
    }

    static Signalled signalled(List<String> command, String phase, String signal) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
        pb.environment().put(PausePoint.ENV, phase);
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        boolean sent = false;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (!sent && line.startsWith("paused at " + phase)) {
                    new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
                    sent = true;
                }
            }
        }
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(sent, "the run reached " + phase + ":\n" + seen);
        return new Signalled(p.exitValue(), seen.toString());
    }

    /** What the operator saw, into the test log (for the record, not checked here). */
    static void shown(List<String> lines) {
        lines.forEach(l -> System.out.println("    operator sees: " + l));
    }

    // ---- helpers ----

    /** A previous output to protect: the undisturbed slice 2, unless the folder holds one already. */
    static void ensurePrevious(Path out) throws Exception {
        if (Files.isRegularFile(out.resolve("helm.sqlite"))) return;
        Files.createDirectories(out);
        Path from = h2Undisturbed();
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                Path to = out.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else if (!from.relativize(f).toString().startsWith(".")) Files.copy(f, to);
            }
        }
    }

    /** The next run after a fault succeeds, clears any leftover staging, and makes the undisturbed bytes. */
    static void nextRunSucceeds(Path out) throws Exception {
        Run next = SampleRun.migrate(out, "--slice", "2", "--sample");
        assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
        assertNoStaging(out);
        assertEquals(SampleRun.sha256(h2Undisturbed().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")));
    }

    static void assertNoStaging(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), "no staging folder left in " + out);
        }
    }

    static DynamicTest cell(Cell c, org.junit.jupiter.api.function.Executable body) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            faults.incrementAndGet();
            try {
                body.execute();
            } catch (org.opentest4j.TestAbortedException skipped) {
                faults.decrementAndGet(); // no server or no tmpfs here: a skipped cell is not a fault tried
                throw skipped;
            }
            survived.incrementAndGet();
        });
    }

    /** Every published file of an output folder and its SHA-256 (hidden staging and lock files aside). */
    static Map<String, String> snapshot(Path out) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(f).toString();
                if (rel.startsWith(".")) continue;
                files.put(rel, SampleRun.sha256(f));
            }
        }
        return files;
    }
}
