package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** What a migration night can bring: each fault gets one clear line, a documented exit code, and costs no data. */
@Tag("slow")
class FaultsTest {
    /** A writable copy of the scale-1 sample. */
    static String copyOfSample(Path dir) throws Exception {
        return SampleRun.writableCopy(dir);
    }

    static Run migrate(Map<String, String> env, Path out, String... args) {
        return SampleRun.migrate(env, out, args);
    }

    /**
     * A run that fails after slices have gone to the D1 writer (at slice 5 of --all): the writer writes nothing
     * more and its thread ends, its files and read connections closed, and the previous output is as it was.
     */
    @Test
    void aRunThatFailsMidLoadLeavesNoD1WriterBehind(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--sample").exit());
        String before = SampleRun.sha256(out.resolve("d1/all.sql"));
        java.util.Set<Thread> earlier = writers();
        lib.core.PausePoint.hook = p -> {
            if (p.equals("slice 5")) throw new IllegalStateException("a fault at slice 5");
        };
        Run r;
        try {
            r = SampleRun.migrate(out, "--all", "--sample");
        } finally {
            lib.core.PausePoint.hook = null;
        }
        assertNotEquals(0, r.exit(), r.all());
        assertTrue(r.all().contains("a fault at slice 5"), r.all());
        java.util.Set<Thread> left = writers();
        left.removeAll(earlier);
        for (Thread t : left) t.join(30_000);
        assertTrue(left.stream().noneMatch(Thread::isAlive), "a D1 writer outlived its failed run");
        assertEquals(before, SampleRun.sha256(out.resolve("d1/all.sql")));
    }

    static java.util.Set<Thread> writers() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals("d1-writer")) out.add(t);
        return out;
    }

    @Test
    void aClosedPortIsOneLineAndExitThree(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = migrate(Map.of(), tmp.resolve("out"), "--all", "--host", "127.0.0.1", "--port", String.valueOf(port), "--login-timeout", "5");
        assertEquals(3, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot reach the SQL Server (jdbc:sqlserver://127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("TCP/IP"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }

    @Test
    void aMistypedH2PathIsADatabaseThatDoesNotExistNotANewEmptyOne(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("no-such-folder/aim");
        for (String action : new String[] {"--all", "--check-source"}) {
            Run r = migrate(Map.of(), tmp.resolve("out"), action, "--source", "jdbc:h2:" + missing);
            assertEquals(3, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("the database does not exist") && r.err().contains("check the file's path in --source"), r.err());
            assertFalse(Files.exists(missing.getParent()), "no database made where the path pointed");
        }
    }

    @Test
    void anOutFolderOfSomeoneElsesFilesIsRefusedNotReplaced(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("work/d1"));
        Files.writeString(out.resolve("custom.sql"), "-- mine");
        Files.writeString(tmp.resolve("work/report.md"), "# my notes");
        Files.writeString(tmp.resolve("work/notes.txt"), "mine too");
        Run r = migrate(Map.of(), tmp.resolve("work"), "--all", "--sample");
        assertEquals(2, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("holds d1, report.md but no earlier output of MigrateAim"), r.err());
        assertEquals("-- mine", Files.readString(out.resolve("custom.sql")));
        assertEquals("# my notes", Files.readString(tmp.resolve("work/report.md")));
        Files.delete(tmp.resolve("work/report.md"));
        Files.delete(out.resolve("custom.sql"));
        Files.delete(out);
        assertEquals(0, migrate(Map.of(), tmp.resolve("work"), "--all", "--sample").exit(), "a folder of other files only is fine");
        assertEquals("mine too", Files.readString(tmp.resolve("work/notes.txt")));
        assertEquals(0, migrate(Map.of(), tmp.resolve("work"), "--all", "--sample").exit(), "and so is its own output, again");
    }

    @Test
    void anOutFolderThatCannotBeMadeSaysWhyNotAnExceptionsName(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc takes no new folder");
        Run r = migrate(Map.of(), Path.of("/proc/aim-out-" + ProcessHandle.current().pid()), "--all", "--sample");
        assertEquals(6, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("it cannot be made there") && !r.err().contains("NoSuchFileException"), r.err());
    }

    @Test
    void aPlainH2UrlOfAnAimCopyIsReadAsSqlServerWouldBe(@TempDir Path tmp) throws Exception {
        String url = tests.support.SampleRun.writableCopy(tmp.resolve("aim")).replaceAll(";MODE=[^;]*", "");
        assertFalse(url.contains("MODE"), url);
        Run r = migrate(Map.of(), tmp.resolve("out"), "--all", "--source", url);
        assertEquals(0, r.exit(), "H2's own mode ended the figures with exit 70 (BOOLEAN and INTEGER not comparable): " + r.all());
        assertEquals(tests.support.SampleRun.sha256(tests.support.SampleRun.full().resolve("d1/all.sql")),
                tests.support.SampleRun.sha256(tmp.resolve("out/d1/all.sql")), "the sample's bytes");
    }

    @Test
    void aFailedLoginNeverShowsThePassword(@TempDir Path tmp) throws Exception {
        String url = copyOfSample(tmp.resolve("aim"));
        String right = "Corr3ct-Horse-77!", wrong = "Known-S3cret-Pa55";
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute("CREATE USER AIM_READER PASSWORD '" + right + "' ADMIN");
        }
        Path out = tmp.resolve("out");
        Run ok = migrate(Map.of("AIM_PASSWORD", right), out, "--all", "--source", url, "--user", "AIM_READER");
        assertEquals(0, ok.exit(), ok.all());
        Run failed = migrate(Map.of("AIM_PASSWORD", wrong), out, "--all", "--source", url, "--user", "AIM_READER", "--verbose");
        assertEquals(3, failed.exit(), failed.all());
        assertTrue(failed.err().contains("login failed for user AIM_READER"), failed.err());
        for (String secret : new String[] {right, wrong}) {
            assertFalse(ok.all().contains(secret) || failed.all().contains(secret), "the password appears in the output");
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret), "password in " + f);
                }
            }
        }
        Run inUrl = migrate(Map.of(), out, "--all", "--source", url + ";PASSWORD=" + wrong, "--user", "AIM_READER");
        assertEquals(2, inUrl.exit());
        assertTrue(inUrl.err().contains("the --source URL holds a password; remove it and set AIM_PASSWORD"), inUrl.err());
        assertFalse(inUrl.all().contains(wrong));
    }

    @Test
    void aValueThatCannotBeConvertedRejectsTheRowAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        String url = copyOfSample(tmp.resolve("aim"));
        long customer;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            customer = TestSupport.count(aim, "SELECT MAX(CUST_ID) FROM CUST WHERE DELETED = 'N'");
            st.execute("UPDATE CUST SET TAX_EXEMPT = 'X' WHERE CUST_ID = " + customer);
        }
        Run r = migrate(Map.of(), tmp.resolve("out"), "--all", "--source", url);
        assertEquals(0, r.exit(), r.all());
        String csv = Files.readString(tmp.resolve("out/rejects/CUST.csv"));
        assertTrue(csv.contains("invalid_value,unrecognized flag value 'X'," + customer + ","), csv);
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsExitSix(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Run r = migrate(Map.of(), file.resolve("out"), "--all", "--sample");
        assertEquals(6, r.exit(), r.all());
        assertTrue(r.err().startsWith("MigrateAim: cannot write the output folder " + file.resolve("out")), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aProfileIntoAFileOrAnEmptyOutIsRefusedBeforeTheSourceIsRead(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Run profile = migrate(Map.of(), file, "--profile", "--sample");
        assertEquals(6, profile.exit(), profile.all());
        assertEquals("MigrateAim: cannot write the output folder " + file + ": it is a file, not a folder (choose another with --out)", profile.err().strip());
        assertFalse(profile.out().contains("INVMAST"), "no table was profiled: " + profile.out());
        // An unset variable in --out "$OUT": refused, not written into the current folder.
        Run empty = TestSupport.run(new lib.cli.MigrateAimCommand(Map.of()), "--all", "--sample", "--out", "", "--quiet");
        assertEquals(2, empty.exit(), empty.all());
        assertTrue(empty.err().contains("--out is empty: name the output folder"), empty.err());
    }

    @Test
    void aServerLoginWithoutAPasswordAndNoTerminalToAskOnIsOneLineBeforeAnyConnection(@TempDir Path tmp) {
        // Port 1: were a connection tried, the run would end unreachable (exit 3). The test JVM may have a controlling
        // terminal (tests started at one), where the run would ask: AIM_TERMINAL_PROMPT=0 says never to, as cron has none.
        Run r = migrate(Map.of("AIM_TERMINAL_PROMPT", "0"), tmp.resolve("out"), "--all", "--source", "jdbc:sqlserver://127.0.0.1:1;databaseName=AIM", "--user", "aim_reader");
        assertEquals(2, r.exit(), r.all());
        assertEquals("MigrateAim: no password for aim_reader: set AIM_PASSWORD (AIM_TERMINAL_PROMPT=0 says not to ask)", r.err().strip());
    }

    @Test
    void brokenMigrationsAreBadInputNamingFileAndLineAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        try (Stream<Path> files = Files.list(TestSupport.repo().resolve("migrations"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).toList()) Files.copy(f, migrations.resolve(f.getFileName()));
        }
        Path broken = migrations.resolve("0006_repairs.sql");
        Files.writeString(broken, Files.readString(broken).replace("CREATE TABLE repair_lines (", "CREATE TABLE repair_lines (("));
        Path out = tmp.resolve("out");
        Run r = TestSupport.run(new MigrateAimCommand(Map.of()), "--all", "--sample", "--out", out.toString(), "--migrations", migrations.toString(), "-q");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("0006_repairs.sql:") && r.err().contains("SQLite rejects this migration statement"), r.err());
        assertFalse(Files.exists(out.resolve("helm.sqlite")));
    }

    @Test
    void outputBytesDoNotDependOnJobs(@TempDir Path tmp) throws Exception {
        Run one = migrate(Map.of(), tmp.resolve("one"), "--all", "--sample", "--jobs", "1");
        assertEquals(0, one.exit(), one.all());
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(tmp.resolve("one/d1/all.sql")));
        Run four = migrate(Map.of(), tmp.resolve("four"), "--all", "--sample", "--jobs", "4");
        assertEquals(0, four.exit(), four.all());
        assertEquals(SampleRun.sha256(tmp.resolve("one/d1/all.sql")), SampleRun.sha256(tmp.resolve("four/d1/all.sql")));
        assertTrue(SampleRun.report(tmp.resolve("four")).get("source").toString().contains("4 connections"));
    }
}
