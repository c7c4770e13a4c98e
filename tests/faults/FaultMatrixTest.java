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
import tests.support.TestSupport;
import tests.support.TestSupport.Run;
import tests.support.Wrangler;

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

    private Run recovers(String phase, Fault fault, String... args) throws Exception {
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
        shown(List.of(r.err().strip()));
        Run next = tds(out);
        assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
    }

    /** What the operator saw, into the test log (for the record, not checked here). */
    private static void shown(List<String> lines) {
        lines.forEach(l -> System.out.println("    operator sees: " + l));
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
                Run r = SampleRun.migrate(out, "--slice", "2", "--host", "127.0.0.1", "--port", String.valueOf(silent.getLocalPort()),
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
                assertTrue(r.out().contains("Reconnected to AIM: " + table + ": the read carried on after the last key read"), r.out());
                assertEquals(SampleRun.sha256(expected.resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                        "the same bytes as an undisturbed run");
            }));
        }
        return tests.stream();
    }

    // ---- signals: Ctrl-C (SIGINT) and kill -9 (SIGKILL) at every phase of a run, on the real script ----

    private static final List<String> RUN_PHASES = List.of("count", "read CUST", "slice 2", "checks", "d1 files", "publish");
    private static Path h2Undisturbed;

    /** Slice 2 of the sample with nothing in the way, as the previous output each faulted run must leave alone. */
    private static synchronized Path h2Undisturbed() {
        if (h2Undisturbed == null) {
            Path out = tmp.resolve("sample-undisturbed");
            Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
            assertEquals(0, r.exit(), r.all());
            h2Undisturbed = out;
        }
        return h2Undisturbed;
    }

    @TestFactory
    Stream<DynamicTest> signals() {
        List<DynamicTest> tests = new ArrayList<>();
        Path out = tmp.resolve("signalled");
        for (String phase : RUN_PHASES) {
            for (String signal : List.of("INT", "KILL")) {
                tests.add(cell(new Cell("SIG" + signal, phase), () -> {
                    ensurePrevious(out);
                    Map<String, String> before = snapshot(out);
                    Signalled r = signalled(out, phase, signal);
                    if (signal.equals("INT")) {
                        assertEquals(130, r.exit(), r.output());
                        List<String> said = r.output().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
                        assertEquals(1, said.size(), r.output());
                        assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"), r.output());
                        assertNoStaging(out);
                    } else {
                        assertEquals(137, r.exit(), "killed: " + r.output());
                    }
                    assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
                    nextRunSucceeds(out);
                }));
            }
        }
        return tests.stream();
    }

    private record Signalled(int exit, String output) {}

    /** Runs slice 2 of the sample as a separate process, paused at {@code phase}, and signals it there. */
    private static Signalled signalled(Path out, String phase, String signal) throws Exception {
        // A background job inherits SIGINT ignored (and the JVM keeps ignoring it); perl restores the default, as a terminal has it.
        return signalled(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--slice", "2", "--sample", "--out", out.toString(),
                "--quiet"), phase, signal);
    }

    private static Signalled signalled(List<String> command, String phase, String signal) throws Exception {
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

    // ---- the D1 load: Ctrl-C and a wrangler killed in the middle of a chunk ----

    @TestFactory
    Stream<DynamicTest> theD1Load() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("SIGINT", "d1-apply chunk 2"), () -> {
            Path dir = tmp.resolve("d1-int");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = d1Project(dir);
            List<String> command = List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                    TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--d1-apply", "helm", "--wrangler-dir",
                    project.toString(), "--d1-chunk-bytes", D1_CHUNK, "--out", out.toString());
            Signalled r = signalled(command, "d1-apply chunk 2", "INT");
            assertEquals(130, r.exit(), r.output());
            List<String> said = r.output().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
            assertEquals(1, said.size(), r.output());
            assertTrue(said.get(0).startsWith("MigrateAim: interrupted during chunk 2 of "), r.output());
            assertTrue(said.get(0).contains("chunk 1 is loaded and recorded in ") && said.get(0).contains("resume at chunk 2"), r.output());
            resumes(out, project, 1);
        }));
        tests.add(cell(new Cell("wrangler killed mid-chunk", "d1-apply chunk 2"), () -> {
            Path dir = tmp.resolve("d1-kill");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = d1Project(dir);
            Path dying = dir.resolve("dying-wrangler");
            Files.writeString(dying, "#!/bin/sh\n"
                    + "for a in \"$@\"; do case \"$a\" in *chunk-0002*) kill -9 $$;; esac; done\n"
                    + "exec '" + Wrangler.ensureInstalled() + "' \"$@\"\n");
            assertTrue(dying.toFile().setExecutable(true));
            Run r = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", dying.toString(),
                    "--d1-chunk-bytes", D1_CHUNK);
            assertEquals(7, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("MigrateAim: wrangler failed on chunk 2 of "), r.err());
            assertTrue(r.err().contains("resume at chunk 2"), r.err());
            resumes(out, project, 1);
        }));
        return tests.stream();
    }

    private static final String D1_CHUNK = "2000000";

    private static Path d1Project(Path dir) throws Exception {
        Path project = Wrangler.project(dir.resolve("helm"), TestSupport.repo().resolve("migrations"));
        Run m = SampleRun.migrate(dir.resolve("out"), "--d1-migrate", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, m.exit(), m.all());
        return project;
    }

    /** The same command again resumes after the chunks the checkpoint records, and D1 then matches the manifest. */
    private static void resumes(Path out, Path project, int loaded) throws Exception {
        assertEquals(loaded, Files.readAllLines(out.resolve("d1-apply/helm.local.checkpoint")).stream().filter(l -> l.startsWith("chunk ")).count());
        Run again = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("after chunk " + loaded + " of "), again.out());
        assertTrue(again.out().contains("content checksums all agree"), again.out());
    }

    // ---- a full disk: before the run (the estimate), and filling up at every phase ----

    @TestFactory
    Stream<DynamicTest> aFullDisk() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("too little space", "before the run"), () -> onSmallDisk((disk, out) -> {
            ensurePrevious(out);
            Map<String, String> before = snapshot(out);
            Path filler = fill(disk, 4_000_000);
            Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
            assertEquals(6, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().matches("(?s)MigrateAim: not enough free space in " + java.util.regex.Pattern.quote(out.toString())
                    + ": [0-9.]+ (bytes|kB|MB) free, this run \\(.*\\) needs about [0-9.]+ MB; .*"), r.err());
            assertEquals(before, snapshot(out), "nothing was written");
            Files.delete(filler);
            nextRunSucceeds(out);
        })));
        for (String phase : List.of("read CUST", "slice 2", "checks", "d1 files", "publish")) {
            tests.add(cell(new Cell("disk full", phase), () -> onSmallDisk((disk, out) -> {
                ensurePrevious(out);
                Map<String, String> before = snapshot(out);
                Path[] filler = new Path[1];
                PausePoint.hook = p -> {
                    if (p.equals(phase) && filler[0] == null) {
                        try {
                            filler[0] = fill(disk, 0);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
                Run r = SampleRun.migrate(out, "--slice", "2", "--sample");
                PausePoint.hook = null;
                assertNotNull(filler[0], "the run reached " + phase);
                if (phase.equals("publish")) {
                    // Everything is written before it is moved into place, and a move within a disk needs no space.
                    assertEquals(0, r.exit(), r.all());
                } else {
                    assertEquals(6, r.exit(), r.all());
                    assertEquals(1, r.err().strip().lines().count(), r.err());
                    assertTrue(r.err().startsWith("MigrateAim: the disk holding " + out + " filled up while "), r.err());
                    assertTrue(r.err().contains(" free now, the run needs about "), r.err());
                    assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
                }
                assertNoStaging(out);
                Files.delete(filler[0]);
                nextRunSucceeds(out);
            })));
        }
        return tests.stream();
    }

    interface OnDisk {
        void run(Path disk, Path out) throws Exception;
    }

    /** A 40 MB tmpfs of its own (as root; the test is skipped elsewhere), with the output folder on it. */
    private static void onSmallDisk(OnDisk body) throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk-" + faults.get()));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs to fill (needs root): " + said.strip());
        try {
            body.run(disk, disk.resolve("out"));
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    /** Fills the disk until only about {@code leave} bytes are free; returns the filler file. */
    private static Path fill(Path disk, long leave) throws java.io.IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[1 << 16];
        try (java.io.OutputStream o = Files.newOutputStream(filler)) {
            while (lib.core.DiskSpace.free(disk) > leave + block.length) o.write(block);
            if (leave == 0) {
                try {
                    for (;;) o.write(block, 0, 512);
                } catch (java.io.IOException full) {
                    // As full as it gets.
                }
            }
        }
        return filler;
    }

    // ---- helpers ----

    /** A previous output to protect: the undisturbed slice 2, unless the folder holds one already. */
    private static void ensurePrevious(Path out) throws Exception {
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
    private static void nextRunSucceeds(Path out) throws Exception {
        Run next = SampleRun.migrate(out, "--slice", "2", "--sample");
        assertEquals(0, next.exit(), "the next run succeeds: " + next.all());
        assertNoStaging(out);
        assertEquals(SampleRun.sha256(h2Undisturbed().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")));
    }

    private static void assertNoStaging(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), "no staging folder left in " + out);
        }
    }

    private static DynamicTest cell(Cell c, org.junit.jupiter.api.function.Executable body) {
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
