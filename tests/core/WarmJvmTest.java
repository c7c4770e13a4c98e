package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.ExitCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.WarmJvmFixture;

/**
 * The warm JVM (env AIM_WARM=1, lib/core/WarmJvm.java), on the real script through ./jbang: a run it serves writes
 * what a run of its own writes, prints to the right stream, and runs only what it may (the same environment, no file of
 * the launching process's own). Its Ctrl-C and kills: WarmJvmSignalsTest. Each test has its own socket folder (XDG_RUNTIME_DIR).
 */
@Tag("slow")
class WarmJvmTest extends WarmJvmFixture {
    @Test
    void aServedRunWritesWhatARunOfItsOwnWritesAndTheWarmJvmEndsWithIt() throws Exception {
        Path own = tmp.resolve("own"), served = tmp.resolve("served");
        TestSupport.Run cold = run(env(false), migrateAim("--all", "--sample", "--out", own.toString()));
        assertEquals(0, cold.exit(), cold.all());

        ProcessHandle warm = warmJvm(env(true));
        TestSupport.Run r = run(env(true), migrateAim("--all", "--sample", "--out", served.toString()));
        assertEquals(0, r.exit(), r.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // the warm JVM served this run and ended
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("MIGRATED")), "the summary comes on standard output: " + r.all());
        try (Stream<Path> files = Files.list(own.resolve("d1"))) {
            for (Path f : files.sorted().toList()) {
                assertEquals(SampleRun.sha256(f), SampleRun.sha256(served.resolve("d1").resolve(f.getFileName())), f.getFileName().toString());
            }
        }
        Map<String, Object> a = SampleRun.report(own), b = SampleRun.report(served);
        assertEquals(a.get("tables"), b.get("tables"), "every table's counts and sums");

        // A usage error: its line on standard error, exit 2, nothing on standard output.
        warm = warmJvm(env(true));
        TestSupport.Run bad = run(env(true), migrateAim("--no-such-option", "--all", "--sample"));
        assertEquals(2, bad.exit(), bad.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // it served the run and ended
        assertTrue(bad.err().contains("unknown option --no-such-option"), bad.all());
        assertEquals("", bad.out());
    }

    @Test
    void aReaderThatStopsReadingCostsTheRunNothing() throws Exception {
        // As "| head -1": the launching process's standard output closes after the first line; the run goes on and publishes.
        Path out = tmp.resolve("head");
        ProcessHandle warm = warmJvm(env(true));
        ProcessBuilder pb = new ProcessBuilder(migrateAim("--slice", "2", "--sample", "--out", out.toString())).directory(TestSupport.repo().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env(true));
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertNotNull(r.readLine());
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        warm.onExit().get(60, TimeUnit.SECONDS);
        assertTrue(Files.isRegularFile(out.resolve("helm.sqlite")), "the run finished and published its output");
    }

    @Test
    void aSocketFolderTooLongForASocketsPathGivesWayToAShortOne() throws Exception {
        Map<String, String> env = env(true);
        Path deep = Files.createDirectories(tmp.resolve("run").resolve("a-folder-name-long-enough-that-a-socket-in-it-would-pass-107-bytes"));
        env.put("XDG_RUNTIME_DIR", deep.toString());
        ProcessHandle warm = warmJvm(env);
        TestSupport.Run r = run(env, migrateAim("--version"));
        assertEquals(0, r.exit(), r.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // it listened, and served
    }

    @Test
    void theWarmJvmsLogSaysWhatItDidAndWhyItsTrainingFailed() throws Exception {
        // From a folder without migrations/ the training run (--all --sample) fails, silently but for the log; a run there still is served.
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        ProcessHandle warm = warmJvm(env(true), elsewhere);
        TestSupport.Run r = run(env(true), migrateAim("--all", "--sample", "--quiet", "--out", tmp.resolve("out").toString(),
                "--migrations", TestSupport.repo().resolve("migrations").toString()), elsewhere);
        assertEquals(0, r.exit(), r.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // served, then ended
        List<Path> logs = warmLogs();
        assertEquals(1, logs.size(), logs.toString());
        String log = Files.readString(logs.get(0));
        assertTrue(log.contains("migrations folder not found"), "the training's own error line: " + log);
        assertTrue(log.contains("the training run ended with exit " + ExitCode.BAD_INPUT.code), log);
        assertTrue(log.contains("ready: waits"), log);
        assertTrue(log.contains("served: exit 0"), log);
        // The run named --migrations: the warm JVM it started for the next run trains with them, and does.
        try (java.nio.file.WatchService watch = logs.get(0).getFileSystem().newWatchService()) {
            logs.get(0).getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
            long until = System.nanoTime() + 180_000_000_000L;
            while (!Files.readString(logs.get(0)).contains("trained in") && System.nanoTime() < until) {
                java.nio.file.WatchKey k = watch.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS); // the log written again
                if (k == null) break;
                k.pollEvents();
                k.reset();
            }
        }
        assertTrue(Files.readString(logs.get(0)).contains("trained in"), Files.readString(logs.get(0)));
    }

    @Test
    void anotherEnvironmentIsNotServed() throws Exception {
        ProcessHandle warm = warmJvm(env(true));
        Map<String, String> other = env(true);
        other.put("AIM_WARM_TEST_OTHER", "1");
        TestSupport.Run r = run(other, migrateAim("--version"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(warm.isAlive(), "the warm JVM waits still: it is not this environment's");
        TestSupport.Run mine = run(env(true), migrateAim("--version"));
        assertEquals(0, mine.exit(), mine.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // served, then ended
    }

    /** /dev/stdin is the launching process's: a warm JVM would read its own (no salt, or a jar as the salt); such a run runs on its own. */
    @Test
    void aRunNamingAFileOfTheLaunchingProcessOwnIsNotServed() throws Exception {
        Path salt = tmp.resolve("salt.txt"), viaStdin = tmp.resolve("stdin"), viaFile = tmp.resolve("file");
        Files.writeString(salt, "a-salt-of-this-test");
        ProcessHandle warm = warmJvm(env(true));
        ProcessBuilder pb = new ProcessBuilder(migrateAim("--slice", "1", "--sample", "--redact", "--redact-salt-file", "/dev/stdin", "--out", viaStdin.toString(),
                "--quiet")).directory(TestSupport.repo().toFile()).redirectInput(salt.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("said.txt").toFile());
        pb.environment().clear();
        pb.environment().putAll(env(true));
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS); // served, it waited on the warm JVM's own standard input
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "the run ended");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("said.txt")));
        assertTrue(warm.isAlive(), "the warm JVM was not handed it");
        TestSupport.Run file = run(env(true), migrateAim("--slice", "1", "--sample", "--redact", "--redact-salt-file", salt.toString(), "--out", viaFile.toString()));
        assertEquals(0, file.exit(), file.all());
        warm.onExit().get(60, TimeUnit.SECONDS); // that one it served
        assertEquals(SampleRun.sha256(viaFile.resolve("d1/0001_reference.sql")), SampleRun.sha256(viaStdin.resolve("d1/0001_reference.sql")),
                "the same salt, the same pseudonyms");
    }
}
