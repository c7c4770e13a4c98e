package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.PausePoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.Pty;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.WarmJvms;

/**
 * The warm JVM (env AIM_WARM=1, lib/core/WarmJvm.java), on the real script through ./jbang: a run it serves writes
 * what a run of its own writes, prints to the right stream, and a Ctrl-C or kill of the launching process stops the
 * served run with the previous output intact. Each test has its own socket folder (XDG_RUNTIME_DIR).
 */
@Tag("slow")
class WarmJvmTest {
    @TempDir
    Path tmp;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopWarmJvms() throws Exception {
        // The warm JVMs started here and after the runs here: every one with this test's socket folder in its environment.
        WarmJvms.stopAll(tmp.resolve("run"), started);
    }

    private Map<String, String> env(boolean warm) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("AIM_WARM");
        env.remove(PausePoint.ENV);
        if (warm) env.put("AIM_WARM", "1");
        Path run = Files.createDirectories(tmp.resolve("run"));
        env.put("XDG_RUNTIME_DIR", run.toString());
        return env;
    }

    private static List<String> migrateAim(String... args) {
        List<String> c = new ArrayList<>(List.of(TestSupport.repo().resolve("jbang").toString(), TestSupport.repo().resolve("MigrateAim.java").toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** Starts a warm JVM as a run would, and returns it once it waits for a run (it says "ready"). */
    private ProcessHandle warmJvm(Map<String, String> env) throws Exception {
        return warmJvm(env, TestSupport.repo());
    }

    /** As above, started in {@code folder} (a run from there finds it). */
    private ProcessHandle warmJvm(Map<String, String> env, Path folder) throws Exception {
        stopWarmJvms(); // the one a run before started for the next holds this key: one warm JVM a key
        ProcessBuilder pb = new ProcessBuilder(migrateAim("__aim_warm_spare__")).directory(folder.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p.toHandle());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertNotNull(line, "the warm JVM said nothing and ended");
            assertTrue(line.startsWith("ready "), line);
            assertTrue(Files.exists(Path.of(line.substring(6))), line);
        }
        return p.toHandle();
    }

    private static TestSupport.Run run(Map<String, String> env, List<String> command) throws Exception {
        return run(env, command, TestSupport.repo());
    }

    private static TestSupport.Run run(Map<String, String> env, List<String> command, Path folder) throws Exception {
        Path o = Files.createTempFile("warm", ".out"), e = Files.createTempFile("warm", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(o.toFile()).redirectError(e.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run ended");
            return new TestSupport.Run(p.exitValue(), Files.readString(o), Files.readString(e));
        } finally {
            Files.deleteIfExists(o);
            Files.deleteIfExists(e);
        }
    }

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

    @Test
    void ctrlCAndKillOfTheLaunchingProcessStopTheServedRunAndKeepThePreviousOutput() throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> before = previousOutput(out);
        // Ctrl-C and kill -9 of the launching process; a kill of the warm JVM itself (as the OOM killer's or a kill by pid).
        for (String signal : List.of("INT", "KILL", "TERM to the warm JVM")) {
            Map<String, String> env = env(true);
            env.put(PausePoint.ENV, "checks");
            ProcessHandle warm = warmJvm(env);
            // A background job inherits SIGINT ignored; perl restores the default, as a terminal has it.
            List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
            command.addAll(migrateAim("--slice", "2", "--sample", "--out", out.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            StringBuilder seen = new StringBuilder();
            boolean sent = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (!sent && line.startsWith("paused at checks")) {
                        assertTrue(warm.isAlive(), "the warm JVM runs it");
                        long target = signal.startsWith("TERM") ? warm.pid() : p.pid();
                        new ProcessBuilder("kill", "-" + signal.split(" ")[0], String.valueOf(target)).start().waitFor();
                        sent = true;
                    }
                }
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertTrue(sent, "the served run reached the checks:\n" + seen);
            warm.onExit().get(60, TimeUnit.SECONDS); // the warm JVM stopped the run and ended
            if (signal.equals("INT")) {
                assertEquals(130, p.exitValue(), seen.toString());
                List<String> said = seen.toString().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
                assertEquals(1, said.size(), seen.toString());
                assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"), seen.toString());
            } else if (signal.equals("KILL")) {
                assertEquals(137, p.exitValue(), seen.toString());
            } else {
                assertEquals(143, p.exitValue(), "as a run killed in its own JVM: " + seen);
                assertTrue(seen.toString().contains("MigrateAim: interrupted"), "the warm JVM's last line came through: " + seen);
            }
            assertEquals(before, snapshot(out), signal + ": the previous output is byte for byte as it was");
            String why = signal.equals("INT") ? "stopped by the launching process (Ctrl-C): exit 130"
                    : signal.equals("KILL") ? "the launching process is gone" : "stopped from outside (a signal to this JVM)";
            assertTrue(warmLog().contains(why), signal + ": the warm JVM's log says why its run ended: " + warmLog());
            try (Stream<Path> files = Files.list(out)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), signal + ": no staging folder left");
            }
        }
    }

    @Test
    void atATerminalTheServedRunDrawsItsProgressAsksItsQuestionsAndStopsOnCtrlC() throws Exception {
        Path out = tmp.resolve("terminal");
        Map<String, String> before = previousOutput(out);
        Map<String, String> env = env(true);
        env.put(PausePoint.ENV, "read CUST"); // the load goes on under the progress line until the Ctrl-C
        ProcessHandle warm = warmJvm(env);
        Pty.Session s = Pty.run(TestSupport.repo(), migrateAim("--slice", "2", "--sample", "--out", out.toString()), env,
                screen -> screen.contains("% ["), Pty.CTRL_C);
        assertTrue(s.typed(), "the live progress line was drawn:\n" + s.screen());
        assertEquals(130, s.exit(), s.screen());
        warm.onExit().get(60, TimeUnit.SECONDS); // it was the warm JVM's run, and it ended
        List<String> said = s.lines().stream().filter(l -> l.contains("MigrateAim:")).toList();
        assertEquals(1, said.size(), s.screen());
        assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"),
                "the message starts a line of its own, after the progress line: " + s.screen());
        assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");

        // The password prompt of a login without AIM_PASSWORD, answered at this terminal.
        warm = warmJvm(env(true));
        s = Pty.run(TestSupport.repo(), migrateAim("--check-source", "--source", "jdbc:sqlserver://127.0.0.1:1;databaseName=AIM;encrypt=false",
                "--user", "aim"), env(true), screen -> screen.contains("Password for aim: "), "x\r");
        assertTrue(s.typed(), "the warm JVM's question was asked here:\n" + s.screen());
        assertEquals(3, s.exit(), "the login then fails (nothing listens on port 1): " + s.screen());
        assertEquals(1, s.lines().stream().filter(l -> l.contains("Connecting to 127.0.0.1:1 (database AIM) as aim...")).count(),
                "the served run says where it connects, once: " + s.screen());
        warm.onExit().get(60, TimeUnit.SECONDS);
    }

    /** A previous output to protect, made by a run in its own JVM: its files' hashes. */
    private Map<String, String> previousOutput(Path out) throws Exception {
        TestSupport.Run first = run(env(false), migrateAim("--slice", "2", "--sample", "--out", out.toString()));
        assertEquals(0, first.exit(), first.all());
        return snapshot(out);
    }

    private static Map<String, String> snapshot(Path out) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lock")).toList()) {
                files.put(out.relativize(f).toString(), SampleRun.sha256(f));
            }
        }
        return files;
    }

    /** The warm JVMs' logs (KEY.log), one per key. */
    private List<Path> warmLogs() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("run").resolve("aim-toolkit-warm"))) {
            return files.filter(f -> f.toString().endsWith(".log")).toList();
        }
    }

    /** Every warm JVM's log, as one text. */
    private String warmLog() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path log : warmLogs()) all.append(Files.readString(log));
        return all.toString();
    }
}
