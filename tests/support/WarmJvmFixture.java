package tests.support;

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
import lib.core.PausePoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the warm JVM tests (WarmJvmTest, WarmJvmSignalsTest) share: each test's own socket folder (XDG_RUNTIME_DIR) under
 * its temporary folder, a warm JVM started as a run would start one, runs of the real script through ./jbang, and the
 * warm JVMs stopped after each test.
 */
public abstract class WarmJvmFixture {
    @TempDir
    protected Path tmp;

    protected final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    protected void stopWarmJvms() throws Exception {
        // The warm JVMs started here and after the runs here: every one with this test's socket folder in its environment.
        WarmJvms.stopAll(tmp.resolve("run"), started);
    }

    protected Map<String, String> env(boolean warm) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("AIM_WARM");
        env.remove(PausePoint.ENV);
        if (warm) env.put("AIM_WARM", "1");
        Path run = Files.createDirectories(tmp.resolve("run"));
        env.put("XDG_RUNTIME_DIR", run.toString());
        return env;
    }

    protected static List<String> migrateAim(String... args) {
        List<String> c = new ArrayList<>(List.of(TestSupport.repo().resolve("jbang").toString(), TestSupport.repo().resolve("MigrateAim.java").toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** Starts a warm JVM as a run would, and returns it once it waits for a run (it says "ready"). */
    protected ProcessHandle warmJvm(Map<String, String> env) throws Exception {
        return warmJvm(env, TestSupport.repo());
    }

    /** As above, started in {@code folder} (a run from there finds it). */
    protected ProcessHandle warmJvm(Map<String, String> env, Path folder) throws Exception {
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

    protected static TestSupport.Run run(Map<String, String> env, List<String> command) throws Exception {
        return run(env, command, TestSupport.repo());
    }

    protected static TestSupport.Run run(Map<String, String> env, List<String> command, Path folder) throws Exception {
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

    /** A previous output to protect, made by a run in its own JVM: its files' hashes. */
    protected Map<String, String> previousOutput(Path out) throws Exception {
        TestSupport.Run first = run(env(false), migrateAim("--slice", "2", "--sample", "--out", out.toString()));
        assertEquals(0, first.exit(), first.all());
        return snapshot(out);
    }

    protected static Map<String, String> snapshot(Path out) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lock")).toList()) {
                files.put(out.relativize(f).toString(), SampleRun.sha256(f));
            }
        }
        return files;
    }

    /** The warm JVMs' logs (KEY.log), one per key. */
    protected List<Path> warmLogs() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("run").resolve("aim-toolkit-warm"))) {
            return files.filter(f -> f.toString().endsWith(".log")).toList();
        }
    }

    /** Every warm JVM's log, as one text. */
    protected String warmLog() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path log : warmLogs()) all.append(Files.readString(log));
        return all.toString();
    }
}
