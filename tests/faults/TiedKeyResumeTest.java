package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lib.core.Json;
import lib.core.PausePoint;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A read cut between two rows of one key, on a drifted AIM whose CUST lost its primary key. The read carries on from
 * the last key read: its rows come again, in whatever order the server gives them now, and the ones already taken are
 * dropped, so every AIM row is read once. It carried on after that key, which left out the rest of its rows: read by no
 * one, loaded, skipped and rejected by no one, and the run said every row was accounted for.
 *
 * <p>H2 serves the sample: the read is cut after its first 1,000 rows (PausePoint "read CUST", where every session is
 * aborted), and H2 returns rows of one key in the order they were stored (by row id, through a non-unique index).
 */
class TiedKeyResumeTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noHook() {
        PausePoint.hook = null;
    }

    /** The 1,000th customer held twice (other first names): the cut falls between them. */
    @Test
    void aKeyHeldTwiceCutBetweenItsRowsIsReadOnce() throws Exception {
        String url = drifted("twice", 999, List.of("'Tied one'"));
        cutAndCompare(url, 999, false);
    }

    /**
     * The 998th customer held four times, the three added alike: the cut falls after the first three (two rows alike among
     * them, and one more left: the rows taken are a multiset). While the connection is down the row stored first is stored
     * again (deleted, inserted), so the server gives the key's rows in another order when the read carries on.
     */
    @Test
    void aKeyHeldFourTimesWhoseRowsComeBackInAnotherOrderIsReadOnce() throws Exception {
        String url = drifted("four", 997, List.of("'Tied alike'", "'Tied alike'", "'Tied alike'"));
        cutAndCompare(url, 997, true);
    }

    /**
     * A CUST without its primary key whose first 1,000 rows in key order have no CUST_ID (NULL sorts first): the read is
     * cut after the last of them, and no condition on the key can carry on from a NULL (CUST_ID > NULL is no row), where
     * it carried on with nothing and left every later row read by no one. It fails, saying why, as a key held past
     * ResumePoint.MOST times does: exit 3, the previous output untouched.
     */
    @Test
    void aReadCutAfterARowWithoutAKeyFailsRatherThanLeaveTheRestUnread() throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("nulls"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE CUST DROP PRIMARY KEY");
            st.execute("ALTER TABLE CUST ALTER COLUMN CUST_ID SET NULL");
            st.execute("CREATE INDEX CUST_BY_KEY ON CUST (CUST_ID)");
            assertEquals(1000, st.executeUpdate("UPDATE CUST SET CUST_ID = NULL WHERE CUST_ID IN (SELECT CUST_ID FROM CUST ORDER BY CUST_ID FETCH FIRST 1000 ROWS ONLY)"));
            assertEquals(List.of("null"), TestSupport.strings(aim, "SELECT CAST(CUST_ID AS VARCHAR) FROM CUST ORDER BY CUST_ID OFFSET 999 ROWS FETCH NEXT 1 ROWS ONLY").stream()
                    .map(String::valueOf).toList(), "row 1,000 of the read has no key");
        }
        AtomicInteger aborted = new AtomicInteger();
        PausePoint.hook = p -> {
            if (!p.equals("read CUST") || aborted.get() > 0) return;
            try (Connection admin = DriverManager.getConnection(url)) {
                aborted.set((int) TestSupport.count(admin, "SELECT COUNT(ABORT_SESSION(SESSION_ID)) FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE SESSION_ID <> SESSION_ID()"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        Run r = SampleRun.migrate(tmp.resolve("cut-nulls"), "--slice", "2", "--source", url);
        PausePoint.hook = null;
        assertTrue(aborted.get() > 0, "sessions were aborted at read CUST");
        assertEquals(3, r.exit(), r.all());
        assertTrue(r.err().contains("reading CUST after 1,000 rows") && r.err().contains("NULL"), r.err());
        assertFalse(Files.exists(tmp.resolve("cut-nulls/report.json")), "no output is kept");
    }

    /**
     * A copy of the sample whose CUST has no primary key (an index kept, not unique) and holds the customer at
     * {@code offset} in key order once more for each of {@code names} (its FIRST_NAME that, the rest as it was).
     */
    private String drifted(String name, int offset, List<String> names) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve(name));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            long key = TestSupport.count(aim, "SELECT CUST_ID FROM CUST ORDER BY CUST_ID OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY");
            st.execute("ALTER TABLE CUST DROP PRIMARY KEY");
            st.execute("CREATE INDEX CUST_BY_KEY ON CUST (CUST_ID)");
            List<String> columns = TestSupport.strings(aim, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'CUST' "
                    + "ORDER BY ORDINAL_POSITION");
            for (String first : names) {
                String values = String.join(", ", columns.stream().map(c -> c.equals("FIRST_NAME") ? first + " AS FIRST_NAME" : c).toList());
                assertEquals(1, st.executeUpdate("INSERT INTO CUST (" + String.join(", ", columns) + ") SELECT " + values
                        + " FROM CUST WHERE CUST_ID = " + key + " AND _ROWID_ = (SELECT MIN(_ROWID_) FROM CUST WHERE CUST_ID = " + key + ")"));
            }
        }
        return url;
    }

    /**
     * Migrates slice 2 cut at "read CUST" (sessions aborted; {@code reorder}: the key's first stored row stored again
     * meanwhile), then again uncut: every AIM row once in each, and the same bytes.
     */
    private void cutAndCompare(String url, int offset, boolean reorder) throws Exception {
        long key, rows;
        List<String> tieBefore;
        try (Connection aim = DriverManager.getConnection(url)) {
            key = TestSupport.count(aim, "SELECT CUST_ID FROM CUST ORDER BY CUST_ID OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY");
            rows = TestSupport.count(aim, "SELECT COUNT(*) FROM CUST");
            tieBefore = tie(aim, key);
            List<String> cut = TestSupport.strings(aim, "SELECT CUST_ID FROM CUST ORDER BY CUST_ID OFFSET 999 ROWS FETCH NEXT 2 ROWS ONLY");
            assertEquals(List.of(String.valueOf(key), String.valueOf(key)), cut, "rows 1,000 and 1,001 of the read share the key");
        }
        AtomicInteger aborted = new AtomicInteger();
        AtomicReference<List<String>> tieAfter = new AtomicReference<>();
        PausePoint.hook = p -> {
            if (!p.equals("read CUST") || aborted.get() > 0) return;
            try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
                aborted.set((int) TestSupport.count(admin, "SELECT COUNT(ABORT_SESSION(SESSION_ID)) FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE SESSION_ID <> SESSION_ID()"));
                if (reorder) {
                    String first = "CUST_ID = " + key + " AND _ROWID_ = (SELECT MIN(_ROWID_) FROM CUST WHERE CUST_ID = " + key + ")";
                    st.execute("CREATE TABLE WAS AS SELECT * FROM CUST WHERE " + first);
                    assertEquals(1, st.executeUpdate("DELETE FROM CUST WHERE " + first));
                    st.execute("INSERT INTO CUST SELECT * FROM WAS");
                    st.execute("DROP TABLE WAS");
                }
                tieAfter.set(tie(admin, key));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        Path cut = tmp.resolve("cut-" + offset), whole = tmp.resolve("whole-" + offset);
        Run r = SampleRun.migrate(cut, "--slice", "2", "--source", url);
        PausePoint.hook = null;
        assertTrue(aborted.get() > 0, "sessions were aborted at read CUST");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("The connection to AIM dropped while reading CUST after 1,000 rows"), r.out());
        assertTrue(r.out().contains("Reconnected to AIM: CUST: the read carried on after the last row read"), r.out());
        if (reorder) {
            assertNotEquals(tieBefore, tieAfter.get(), "the server gives the key's rows in another order after the cut");
        } else {
            assertEquals(tieBefore, tieAfter.get());
        }
        Run plain = SampleRun.migrate(whole, "--slice", "2", "--source", url);
        assertEquals(0, plain.exit(), plain.all());
        for (Path out : List.of(cut, whole)) {
            Map<String, Object> cust = account(out, "CUST");
            long read = Json.integer(cust.get("read")), loaded = Json.integer(cust.get("loaded"));
            long skipped = Json.objectOf(cust.get("skipped"), Json::integer).values().stream().mapToLong(Long::longValue).sum();
            long rejected = Json.objectOf(cust.get("rejected"), Json::integer).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(rows, read, out.getFileName() + ": every AIM row of CUST is read once (" + rows + " rows in AIM)");
            assertEquals(rows, loaded + skipped + rejected, out.getFileName() + ": every row loaded, skipped or rejected once");
            long lines;
            try (var csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(Files.newBufferedReader(out.resolve("rejects/CUST.csv")))) {
                lines = csv.stream().filter(l -> l.get("aim_key").equals(String.valueOf(key))).count();
            }
            assertEquals(tieBefore.size() - 1, lines, out.getFileName() + ": each row of the key but the loaded one is in rejects/CUST.csv");
        }
        for (String folder : List.of("d1", "rejects")) {
            assertEquals(SampleRun.hashes(whole.resolve(folder)), SampleRun.hashes(cut.resolve(folder)), folder + "/ is byte for byte the uncut run's");
        }
    }

    /** The first names of the rows of {@code key}, in the order a read from that key gives them. */
    private static List<String> tie(Connection aim, long key) throws SQLException {
        return TestSupport.strings(aim, "SELECT FIRST_NAME FROM CUST WHERE CUST_ID >= " + key + " ORDER BY CUST_ID FETCH FIRST "
                + TestSupport.count(aim, "SELECT COUNT(*) FROM CUST WHERE CUST_ID = " + key) + " ROWS ONLY");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> account(Path out, String table) throws Exception {
        for (Object s : (List<Object>) SampleRun.report(out).get("slices")) {
            for (Object t : (List<Object>) Json.object(s).get("tables")) {
                if (table.equals(Json.object(t).get("source"))) return Json.object(t);
            }
        }
        throw new AssertionError("no " + table + " in " + out.resolve("report.json"));
    }
}
