package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import lib.sample.SampleDatabase;
import lib.target.D1Export;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * Text that wrangler's SQL file handling would alter (it deletes the first "BEGIN TRANSACTION;" and
 * "COMMIT;" anywhere in a file, string literals included) and NUL, which wrangler's export writes raw:
 * through the pinned wrangler into a local D1 and back out with --d1-verify.
 */
@Tag("slow")
class D1TextTest {
    static final List<String> TRANSACTION_WORDS = List.of(
            "customer said: BEGIN TRANSACTION; then COMMIT; and left",
            "again: BEGIN TRANSACTION; COMMIT;",
            "begin transaction; commit; rollback;",
            "Begin Transaction without a semicolon",
            "a -- dash comment, a /* block */ and a $tag$ quote $$",
            "it's -- a 'quote'; /* then */ $$ ';",
            ";",
            "COMMIT;");

    @Test
    void transactionWordsAndCommentMarkersArriveByteExactAndTwoSuchValuesLoad(@TempDir Path tmp) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("0001_t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT) STRICT;\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("src.sqlite")); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT) STRICT");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < TRANSACTION_WORDS.size(); i++) {
                    ins.setInt(1, i + 1);
                    ins.setString(2, TRANSACTION_WORDS.get(i));
                    ins.execute();
                }
            }
            new D1Export().write(c, "transaction words", List.of("t"), tmp.resolve("t.sql"));
        }
        Path project = Wrangler.project(tmp.resolve("d1"), migrations);
        Wrangler.run(project, "d1", "migrations", "apply", "helm", "--local");
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", tmp.resolve("t.sql").toString());
        try (Connection d1 = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project))) {
            assertEquals(TRANSACTION_WORDS, TestSupport.strings(d1, "SELECT s FROM t ORDER BY id"));
        }
    }

    @Test
    void nulTransactionWordsAndALoneSurrogateInStaffNamesLoadAndPassD1Verify(@TempDir Path tmp) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("aim"));
        Files.copy(SampleRun.sample().dir().resolve("aim.mv.db"), copy.resolve("aim.mv.db"));
        String url = SampleDatabase.url(copy, false);
        // A literal backslash-n or backslash-r beside a real line break: wrangler's export writes the break as
        // that escape and turns every such escape back into a break (see lib.target.WranglerExport).
        List<String> names = List.of("Nul\u0000Name", "x BEGIN TRANSACTION; y", "COMMIT; BEGIN TRANSACTION;", "end\u0000",
                "C:\\new\nfolder", "a\\r\rb\\n\nc");
        List<Long> ids;
        try (Connection aim = DriverManager.getConnection(url)) {
            ids = TestSupport.strings(aim, "SELECT EMP_ID FROM EMPLOYEE ORDER BY EMP_ID").stream().limit(names.size()).map(Long::valueOf).toList();
            try (PreparedStatement up = aim.prepareStatement("UPDATE EMPLOYEE SET LAST_NAME = ? WHERE EMP_ID = ?")) {
                for (int i = 0; i < names.size(); i++) {
                    up.setString(1, names.get(i));
                    up.setLong(2, ids.get(i));
                    assertEquals(1, up.executeUpdate());
                }
            }
            // Half of U+1F3B8 (an NVARCHAR can hold it; UTF-8 cannot): arrives as U+FFFD, counted.
            try (PreparedStatement up = aim.prepareStatement("UPDATE EMPLOYEE SET FIRST_NAME = ? WHERE EMP_ID = ?")) {
                up.setString(1, "Ann\uD83C");
                up.setLong(2, ids.get(0));
                assertEquals(1, up.executeUpdate());
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1", "--source", url);
        assertEquals(0, run.exit(), run.all());
        Path project = Wrangler.migrated(tmp.resolve("d1"));
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", out.resolve("d1/all.sql").toString());
        try (Connection d1 = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project))) {
            for (int i = 0; i < names.size(); i++) {
                assertEquals(names.get(i), TestSupport.strings(d1, "SELECT last_name FROM staff WHERE legacy_key = 'EMPLOYEE:" + ids.get(i) + "'").get(0));
            }
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| EMPLOYEE.FIRST_NAME | lone_surrogate | 1 |"), run.out());
        try (Connection d1 = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project))) {
            assertEquals("Ann\uFFFD", TestSupport.strings(d1, "SELECT first_name FROM staff WHERE legacy_key = 'EMPLOYEE:" + ids.get(0) + "'").get(0));
        }
        TestSupport.Run verify = SampleRun.migrate(out, "--d1-verify", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, verify.exit(), verify.all());
        assertTrue(verify.out().contains("content checksums all agree"), verify.out());
        // The two texts above with a backslash-n or backslash-r of their own beside a line break.
        assertTrue(verify.out().contains("table staff: 2 texts holding a line break and a \\n or \\r of their own"), verify.out());
    }
}
