package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import lib.core.PausePoint;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport.Run;

/** The fault matrix at the source: dropped connections, a restarted or stopped server, timeouts (the TDS server of ../shared/tds, and H2). */
class SourceFaultsTest extends FaultMatrix {
    // ---- the source: a dropped connection, a restarted server, a server that stays away ----

    static final List<String> SOURCE_PHASES = List.of("read CUST", "read CUSTCONT", "checks");

    @TestFactory
    Stream<DynamicTest> theSourceConnectionDrops() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String phase : SOURCE_PHASES) {
            tests.add(cell(new Cell("sessions ended by the server", phase), () -> recovers(phase, TdsServer::endSessions)));
        }
        tests.add(cell(new Cell("server restarted", "read CUST"), () -> recovers("read CUST", () -> {
            TdsServer.stop();
            TdsServer.start();
        })));
        tests.add(cell(new Cell("sessions ended by the server, --isolation consistent", "read CUST"), () -> {
            Run r = recovers("read CUST", TdsServer::endSessions, "--isolation", "consistent");
            assertTrue(r.out().contains("its snapshot with it; the run starts over from the beginning"), r.out());
        }));
        tests.add(cell(new Cell("server gone for good", "read CUST"), this::serverGoneForGood));
        return tests.stream();
    }

    interface Fault {
        void deliver() throws Exception;
    }

    static Path undisturbed;

    /** Slice 2 read from the server with nothing in the way: the bytes every disturbed run must match. */
    static synchronized Path undisturbed() throws Exception {
        if (undisturbed == null) {
            Path out = tmp.resolve("undisturbed");
            Run r = tds(out);
            assertEquals(0, r.exit(), r.all());
            undisturbed = out;
        }
        return undisturbed;
    }

    static Run tds(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--slice", "2", "--jobs", "1"));
        args.addAll(TdsServer.sourceArgs());
        args.addAll(List.of(more));
        return SampleRun.migrate(TdsServer.env(), out, args.toArray(String[]::new));
    }

    Run recovers(String phase, Fault fault, String... args) throws Exception {
        TdsServer.ensureSample();
        Path expected = undisturbed();
        Path out = tmp.resolve("recovers-" + faults.get());
        AtomicInteger delivered = new AtomicInteger();
        PausePoint.hook = p -> {
            if (p.equals(phase) && delivered.getAndIncrement() == 0) {
                try {
                    fault.deliver();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Run r = tds(out, args);
        PausePoint.hook = null;
        assertTrue(delivered.get() >= 1, "the run reached " + phase); // a consistent run that starts over reaches it again
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("The connection to AIM dropped"), "each attempt is said: " + r.out());
        shown(r.out().lines().filter(l -> l.contains("The connection to AIM dropped") || l.startsWith("Reconnected to AIM")).toList());
        assertTrue(r.out().contains("Reconnected to AIM: "), r.out());
        assertEquals(SampleRun.sha256(expected.resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the same bytes as an undisturbed run");
        @SuppressWarnings("unchecked")
        List<String> recorded = (List<String>) SampleRun.report(out).get("source_reconnects");
        assertFalse(recorded.isEmpty(), "the report records the reconnect");
        assertTrue(Files.readString(out.resolve("report.md")).contains("The connection to AIM dropped"));
        return r;
    }

    void serverGoneForGood() throws Exception {
        TdsServer.ensureSample();
        Path out = tmp.resolve("gone");
        Run first = tds(out);
        assertEquals(0, first.exit(), first.all());
        Map<String, String> before = snapshot(out);
        PausePoint.hook = p -> {
            if (p.equals("read CUST")) {
                try {
                    TdsServer.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Run r;
        try {
            r = tds(out, "--reconnect-attempts", "2");
        } finally {
            PausePoint.hook = null;
            TdsServer.start();
        }
        assertEquals(3, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // The server may have sent all of CUST before it stopped; then CUSTCONT is the read that finds it gone.
        assertTrue(r.err().matches("(?s)MigrateAim: lost the connection to AIM while reading CUST(CONT)? after [0-9,]+ rows, .*"), r.err());
        assertTrue(r.err().contains(", and 2 reconnects failed"), r.err());
        assertTrue(r.out().contains("(attempt 2 of 2)"), r.out());
        assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
        shown(List.of(r.err().strip()));
        Run next = tds(out);
        assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
    }

    @TestFactory
    Stream<DynamicTest> theSourceDoesNotAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("query timeout (a table locked)", "read CUST"), () -> {
            TdsServer.ensureSample();
            Path out = tmp.resolve("timeout");
            Run first = tds(out);
            assertEquals(0, first.exit(), first.all());
            Map<String, String> before = snapshot(out);
            AutoCloseable[] lock = new AutoCloseable[1];
            PausePoint.hook = p -> {
                if (p.equals("read CUST") && lock[0] == null) {
                    try {
                        // Read next, on the same connection (--jobs 1). Babelfish difference (seen here, not in its README):
                        // a statement waiting on a lock ignores the driver's cancel (TDS attention), which SQL Server honours;
                        // the toolkit's cancelQueryTimeout closes such a connection, which covers both.
                        lock[0] = TdsServer.lock("CUSTCONT");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            Run r;
            try {
                r = tds(out, "--query-timeout", "2");
            } finally {
                PausePoint.hook = null;
                if (lock[0] != null) lock[0].close();
            }
            assertNotNull(lock[0], "the run reached read CUST");
            assertEquals(3, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("MigrateAim: reading CUSTCONT after 0 rows: the source did not answer in time"), r.err());
            assertTrue(r.err().contains("--query-timeout"), r.err());
            assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
            Run next = tds(out);
            assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
        }));
        tests.add(cell(new Cell("login timeout (a port that accepts and never answers)", "connect"), () -> {
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                // Never accepted: the kernel completes the TCP handshake, and nothing ever answers the login.
                Path out = tmp.resolve("silent");
                ensurePrevious(out);
                Map<String, String> before = snapshot(out);
                // --all: a --slice re-run against another source than out/source.json names is refused before any connection.
                Run r = SampleRun.migrate(out, "--all", "--host", "127.0.0.1", "--port", String.valueOf(silent.getLocalPort()),
                        "--login-timeout", "2");
                assertEquals(3, r.exit(), r.all());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().startsWith("MigrateAim: the source did not answer in time (jdbc:sqlserver://127.0.0.1:"), r.err());
                assertEquals(before, snapshot(out));
                nextRunSucceeds(out);
            }
        }));
        return tests.stream();
    }

    // ---- the same on H2, where ending a session cuts a read in the middle of a table every time ----

    @TestFactory
    Stream<DynamicTest> aReadCutInTheMiddleCarriesOnAfterTheLastKey() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String phase : List.of("read CUST", "read CUSTCONT")) {
            tests.add(cell(new Cell("H2 sessions aborted mid-table", phase), () -> {
                String url = SampleRun.writableCopy(tmp.resolve("h2-" + faults.get()));
                Path expected = tmp.resolve("h2-undisturbed-" + faults.get());
                Run plain = SampleRun.migrate(expected, "--slice", "2", "--source", url);
                assertEquals(0, plain.exit(), plain.all());
                AtomicInteger aborted = new AtomicInteger();
                PausePoint.hook = p -> {
                    if (!p.equals(phase) || aborted.get() > 0) return;
                    try (java.sql.Connection admin = java.sql.DriverManager.getConnection(url); java.sql.Statement st = admin.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(ABORT_SESSION(SESSION_ID)) FROM INFORMATION_SCHEMA.SESSIONS "
                                 + "WHERE SESSION_ID <> SESSION_ID()")) {
                        rs.next();
                        aborted.set(rs.getInt(1));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                };
                Path out = tmp.resolve("h2-cut-" + faults.get());
                Run r = SampleRun.migrate(out, "--slice", "2", "--source", url);
                PausePoint.hook = null;
                assertTrue(aborted.get() > 0, "sessions were aborted at " + phase);
                assertEquals(0, r.exit(), r.all());
                String table = phase.substring("read ".length());
                assertTrue(r.out().contains("The connection to AIM dropped while reading " + table + " after 1,000 rows"), r.out());
                assertTrue(r.out().contains("Reconnected to AIM: " + table + ": the read carried on after the last row read"), r.out());
                assertEquals(SampleRun.sha256(expected.resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                        "the same bytes as an undisturbed run");
            }));
        }
        return tests.stream();
    }
}
