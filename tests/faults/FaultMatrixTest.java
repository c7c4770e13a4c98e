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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport.Run;

/**
 * Phases x faults: each fault is delivered at a named phase of a run (lib/core/PausePoint), so
 * it lands there however loaded the machine is. For each: the documented exit code, one line,
 * the previous output byte for byte as it was, and the next run succeeds. Runs are of slice 2
 * (customers: 20,000 AIM rows, no prerequisites), the smallest slice that reads a table long
 * enough to be cut in the middle.
 */
class FaultMatrixTest {
    private static final AtomicInteger faults = new AtomicInteger(), survived = new AtomicInteger();

    @TempDir
    static Path tmp;

    @AfterEach
    void noHook() {
        PausePoint.hook = null;
    }

    @AfterAll
    static void result() {
        System.out.println("fault matrix: " + faults.get() + " faults, " + survived.get() + " survived");
    }

    /** What the fault is and the phases it is delivered at. */
    private record Cell(String fault, String phase) {
        String name() {
            return fault + " at " + phase;
        }
    }

    // ---- the source: a dropped connection, a restarted server, a server that stays away ----

    private static final List<String> SOURCE_PHASES = List.of("read CUST", "read CUSTCONT", "checks");

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
        tests.add(cell(new Cell("server gone for good", "read CUST"), this::serverGoneForGood));
        return tests.stream();
    }

    interface Fault {
        void deliver() throws Exception;
    }

    private static Path undisturbed;

    /** Slice 2 read from the server with nothing in the way: the bytes every disturbed run must match. */
    private static synchronized Path undisturbed() throws Exception {
        if (undisturbed == null) {
            Path out = tmp.resolve("undisturbed");
            Run r = tds(out);
            assertEquals(0, r.exit(), r.all());
            undisturbed = out;
        }
        return undisturbed;
    }

    private static Run tds(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--slice", "2", "--jobs", "1"));
        args.addAll(TdsServer.sourceArgs());
        args.addAll(List.of(more));
        return SampleRun.migrate(TdsServer.env(), out, args.toArray(String[]::new));
    }

    private void recovers(String phase, Fault fault) throws Exception {
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
        Run r = tds(out);
        PausePoint.hook = null;
        assertEquals(1, delivered.get(), "the run reached " + phase);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("The connection to AIM dropped"), "each attempt is said: " + r.out());
        assertTrue(r.out().contains("Reconnected to AIM: "), r.out());
        assertEquals(SampleRun.sha256(expected.resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the same bytes as an undisturbed run");
        @SuppressWarnings("unchecked")
        List<String> recorded = (List<String>) SampleRun.report(out).get("source_reconnects");
        assertFalse(recorded.isEmpty(), "the report records the reconnect");
        assertTrue(Files.readString(out.resolve("report.md")).contains("The connection to AIM dropped"));
    }

    private void serverGoneForGood() throws Exception {
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
        Run next = tds(out);
        assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
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
                assertTrue(r.out().contains("Reconnected to AIM: " + table + ": the read carried on after the last key read"), r.out());
                assertEquals(SampleRun.sha256(expected.resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                        "the same bytes as an undisturbed run");
            }));
        }
        return tests.stream();
    }

    // ---- helpers ----

    private static DynamicTest cell(Cell c, org.junit.jupiter.api.function.Executable body) {
        return DynamicTest.dynamicTest(c.name(), () -> {
            faults.incrementAndGet();
            body.execute();
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
