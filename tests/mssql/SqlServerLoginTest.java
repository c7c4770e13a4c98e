package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * Logging in to a real SQL Server-protocol server (AIM_TEST_MSSQL_URL; CI starts Babelfish from ../shared/tds):
 * each way a connection fails is one line, exit 3, with the fix, and never the password.
 */
@Tag("slow")
class SqlServerLoginTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @Test
    void connectionFailuresAreOneLineExit3AndNeverShowThePassword(@TempDir Path tmp) throws Exception {
        String secret = "Wr0ng-Secret-" + System.nanoTime();
        String url = TdsServer.URL;
        Map<String, String> wrongPassword = Map.of("AIM_PASSWORD", secret);
        assertFailure(tmp, "login failed for user " + TdsServer.USER, secret, wrongPassword, url);
        // Babelfish answers an unknown database with Msg 911 ("database ... does not exist"), SQL Server with Msg 4060
        // ("Cannot open database ..."); the toolkit maps both, so this holds on either server.
        assertFailure(tmp, "the database does not exist", TdsServer.PASSWORD, TdsServer.env(),
                url.replaceAll("(?i)databaseName=[^;]*", "databaseName=no_such_aim"));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertFailure(tmp, "cannot reach the SQL Server", secret, wrongPassword, url.replaceAll(":\\d+;", ":" + closed + ";"));
    }

    /** A run of several connections (the readers' logins ahead, --jobs 4) says where it connects once, before the first. */
    @Test
    void theConnectingLineIsSaidOnceForARunOfSeveralConnections(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(List.of("--slice", "1", "--jobs", "4", "--out", tmp.resolve("out").toString()));
        args.addAll(TdsServer.sourceArgs());
        Run r = TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.all());
        Matcher at = Pattern.compile("(?i)jdbc:sqlserver://([^:;/]+):(\\d+).*;databaseName=([^;]*)").matcher(TdsServer.URL);
        assertTrue(at.find(), TdsServer.URL);
        String line = "Connecting to " + at.group(1) + ":" + at.group(2) + " (database " + at.group(3) + ")"
                + (TdsServer.USER == null ? "" : " as " + TdsServer.USER) + "...";
        assertEquals(List.of(line), r.err().lines().toList(), "said once, on stderr: " + r.all());
        assertTrue(r.out().contains("4 connections"), "the run did open several: " + r.out());
    }

    /**
     * Babelfish speaks no TLS, as some shop servers: the driver's default encrypt=true fails, and the advice, a whole
     * --source URL, fixes it, also for a run that named the server with --host (which has no option for it).
     */
    @Test
    void aServerWithoutEncryptionGetsAdviceThatWorks(@TempDir Path tmp) throws Exception {
        String plain = TdsServer.URL.replaceAll("(?i);encrypt=[^;]*", "");
        Matcher at = Pattern.compile("(?i)jdbc:sqlserver://([^:;/]+):(\\d+).*;databaseName=([^;]*)").matcher(plain);
        assertTrue(at.find(), plain);
        List<String> host = List.of("--check-source", "--host", at.group(1), "--port", at.group(2), "--database", at.group(3));
        for (List<String> failing : List.of(List.of("--check-source", "--source", plain), host)) {
            List<String> args = new ArrayList<>(failing);
            if (TdsServer.USER != null) args.addAll(List.of("--user", TdsServer.USER));
            Run r = TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
            assertEquals(3, r.exit(), r.all());
            Matcher advice = Pattern.compile("run with --source '([^']*)'").matcher(r.err());
            assertTrue(advice.find(), r.err());
            assertTrue(advice.group(1).endsWith(";encrypt=false"), advice.group(1));
            List<String> fixedArgs = new ArrayList<>(List.of("--check-source", "--source", advice.group(1)));
            if (TdsServer.USER != null) fixedArgs.addAll(List.of("--user", TdsServer.USER));
            Run fixed = TestSupport.run(new MigrateAimCommand(TdsServer.env()), fixedArgs.toArray(new String[0]));
            assertEquals(0, fixed.exit(), failing + " then " + advice.group(1) + ": " + fixed.all());
        }
    }

    private static void assertFailure(Path tmp, String expected, String secret, Map<String, String> env, String url) throws IOException {
        Path out = tmp.resolve("failed-" + Math.abs(url.hashCode()));
        List<String> args = new ArrayList<>(List.of("--all", "--source", url, "--out", out.toString(), "--login-timeout", "5"));
        if (TdsServer.USER != null) args.addAll(List.of("--user", TdsServer.USER));
        Run r = TestSupport.run(new MigrateAimCommand(env), args.toArray(new String[0]));
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.failure().strip().lines().count(), "one line after the connecting line: " + r.err());
        if (secret == null || secret.isEmpty()) return;
        assertFalse(r.all().contains(secret), "the password is not shown");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret), f + " holds the password");
                }
            }
        }
    }
}
