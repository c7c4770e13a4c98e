package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.core.PausePoint;
import lib.source.SourceLogin;
import lib.source.WarmSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.WarmJvms;

/**
 * The sessions a warm JVM opens and warms for the run it serves (lib.source.WarmSessions, lib.cli.WarmLogins), on
 * the TDS server: a run takes them only with the same URL, login and password, never one the server has ended, and a
 * served run that took them writes the sample's bytes.
 */
@Tag("slow")
class WarmSessionsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @AfterEach
    void closeHeldSessionsAndWarmJvms() throws Exception {
        WarmSessions.release();
        WarmJvms.stopAll(tmp.resolve("run"), List.of());
    }

    private static SourceLogin login(String password) {
        return new SourceLogin(TdsServer.URL, "the TDS server", TdsServer.USER, password, 15);
    }

    @Test
    void heldSessionsGoOnlyToTheSameLoginAndPasswordAndOnlyWhileTheyAnswer() throws Exception {
        assertEquals(2, WarmSessions.open(login(TdsServer.PASSWORD), 2, List.of("SELECT COUNT(*) FROM TICKET"),
                List.of("SELECT STORE_NO, TICKET_NO FROM TICKET ORDER BY STORE_NO, TICKET_NO")));
        // Another password is a login of its own, which the server refuses: no held session stands in for it.
        MigrationException refused = assertThrows(MigrationException.class, () -> login(TdsServer.PASSWORD + "x").open());
        assertEquals(ExitCode.SOURCE_UNREACHABLE, refused.exitCode(), refused.getMessage());
        try (Connection a = login(TdsServer.PASSWORD).open(); Connection b = login(TdsServer.PASSWORD).open()) {
            assertTrue(a.isValid(2) && b.isValid(2));
            assertNotSame(a, b);
        }
        assertEquals(2, WarmSessions.release(), "both held sessions were taken");

        // Sessions the server ended meanwhile are not handed over: the run logs in anew.
        assertEquals(1, WarmSessions.open(login(TdsServer.PASSWORD), 1, List.of(), List.of()));
        if (TdsServer.isSharedKit()) {
            assertTrue(TdsServer.endSessions() >= 1);
            try (Connection c = login(TdsServer.PASSWORD).open()) {
                assertTrue(c.isValid(2), "a new login");
            }
            assertEquals(0, WarmSessions.release(), "the ended session was not taken");
        }
    }

    @Test
    void aRunServedByAWarmJvmTakesTheSessionsItWarmedAndWritesTheSamplesBytes() throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(PausePoint.ENV);
        env.putAll(TdsServer.env());
        env.put("AIM_WARM", "1");
        env.put("XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("run")).toString());
        List<String> run = new ArrayList<>(List.of("--all", "--quiet", "--out", out.toString(), "--migrations",
                TestSupport.repo().resolve("migrations").toString()));
        run.addAll(TdsServer.sourceArgs());

        // A warm JVM as the previous run (the same arguments) starts it.
        List<String> spare = new ArrayList<>(launcher());
        spare.addAll(List.of("__aim_warm_spare__", "__aim_previous_run__"));
        spare.addAll(run);
        ProcessBuilder pb = new ProcessBuilder(spare).directory(TestSupport.repo().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process warm = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(warm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertNotNull(line, "the warm JVM said nothing and ended");
            assertTrue(line.startsWith("ready "), line);
        }

        List<String> served = new ArrayList<>(launcher());
        served.addAll(run);
        ProcessBuilder rb = new ProcessBuilder(served).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
        rb.environment().clear();
        rb.environment().putAll(env);
        Process p = rb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        warm.onExit().get(60, TimeUnit.SECONDS); // it served the run and ended

        String log;
        try (Stream<Path> files = Files.list(tmp.resolve("run").resolve("aim-toolkit-warm"))) {
            log = Files.readString(files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
        }
        // --all reads 25 tables with --jobs 4: four sessions, the first warmed with the checks and the figures too.
        assertTrue(log.contains("warmed 4 sessions to "), log);
        assertTrue(log.contains("the run took 4 warmed sessions"), log);
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the served run gives the H2 sample's D1 bytes");
        assertTrue(Files.readString(out.resolve("report.md")).contains("Open house-account balances"), "the figures were computed on the server");
    }

    private static List<String> launcher() {
        return List.of(TestSupport.repo().resolve("jbang").toString(), TestSupport.repo().resolve("MigrateAim.java").toString());
    }
}
