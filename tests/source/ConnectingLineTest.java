package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import lib.source.SourceLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A login to a SQL Server whose port drops packets shows nothing for the whole login timeout: a run says where it
 * connects, on stderr, once, before its first login (not under --quiet, not for the sample), and then fails as before.
 */
class ConnectingLineTest {
    static final Map<String, String> ENV = Map.of("AIM_PASSWORD", "not-a-real-one");

    /** A port that completes the TCP handshake (the kernel does, from the backlog) and never answers the login. */
    @Test
    void aSilentPortShowsTheConnectingLineBeforeTheTimeoutLine(@TempDir Path tmp) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            Run r = TestSupport.run(new MigrateAimCommand(ENV), "--all", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--user", "etl", "--login-timeout", "1", "--out", tmp.resolve("out").toString());
            assertEquals(3, r.exit(), "exit 3 (cannot reach the source), as before: " + r.all());
            List<String> err = r.err().strip().lines().toList();
            assertEquals(2, err.size(), "the connecting line and the failure, once each: " + r.err());
            assertEquals("Connecting to 127.0.0.1:" + port + " (database AIM) as etl...", err.get(0));
            assertTrue(err.get(1).startsWith("MigrateAim: the source did not answer in time (jdbc:sqlserver://127.0.0.1:" + port), err.get(1));
            assertFalse(r.out().contains("Connecting"), "stdout stays for the run's own output: " + r.out());
        }
    }

    @Test
    void aClosedPortNamedByUrlShowsItsDatabaseAndFailsWithExitThree(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = TestSupport.run(new MigrateAimCommand(ENV), "--check-source", "--source",
                "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=ShopAim;encrypt=false", "--user", "etl", "--login-timeout", "5");
        assertEquals(3, r.exit(), r.all());
        List<String> err = r.err().strip().lines().toList();
        assertEquals(2, err.size(), r.err());
        assertEquals("Connecting to 127.0.0.1:" + port + " (database ShopAim) as etl...", err.get(0));
        assertTrue(err.get(1).contains("cannot reach the SQL Server"), err.get(1));
    }

    @Test
    void quietLeavesOnlyTheFailureLine(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = TestSupport.run(new MigrateAimCommand(ENV), "--all", "--quiet", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--user", "etl", "--login-timeout", "5", "--out", tmp.resolve("out").toString());
        assertEquals(3, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.all().contains("Connecting"), r.all());
    }

    @Test
    void theSampleHasNoConnectingLine() {
        Run r = TestSupport.run(new MigrateAimCommand(Map.of()), "--check-source", "--sample");
        assertEquals(0, r.exit(), r.all());
        assertFalse(r.all().contains("Connecting"), r.all());
    }

    /** The server as the URL names it, its forms: a named instance, properties instead of host:port, no database, no login. */
    @Test
    void theLineNamesTheServerAsTheUrlDoes() {
        assertEquals("Connecting to aim-host:1433 (database AIM) as etl...",
                new SourceLogin("jdbc:sqlserver://aim-host;databaseName=AIM;encrypt=false", "x", "etl", "p", 15).connecting());
        assertEquals("Connecting to aim-host\\AIMSQL (database AIM) as etl...",
                new SourceLogin("jdbc:sqlserver://aim-host;instanceName=AIMSQL;databaseName=AIM", "x", "etl", "p", 15).connecting());
        assertEquals("Connecting to aim-host\\AIMSQL:1500 (database Shop) as etl...",
                new SourceLogin("jdbc:sqlserver://aim-host\\AIMSQL:1500;database=Shop", "x", "etl", "p", 15).connecting());
        assertEquals("Connecting to db.example:2433 (the login's default database)...",
                new SourceLogin("jdbc:sqlserver://;serverName=db.example;portNumber=2433;integratedSecurity=true", "x", null, null, 15).connecting());
        assertNull(new SourceLogin("jdbc:h2:/tmp/aim", "x", null, null, 15).connecting(), "an H2 file opens at once");
    }
}
