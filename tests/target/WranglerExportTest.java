package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import lib.target.WranglerExport;
import org.junit.jupiter.api.Test;

/**
 * What SQLite reads back from wrangler's D1 export of a text, against SQLite itself running the
 * expression the export writes (wrangler 4.86.0's outputQuotedEscapedString, written out below).
 */
class WranglerExportTest {
    /** The export's literal for a text, as outputQuotedEscapedString builds it. */
    static String exported(String cell) {
        boolean lf = cell.indexOf('\n') >= 0, cr = cell.indexOf('\r') >= 0;
        StringBuilder b = new StringBuilder("'");
        for (char c : cell.toCharArray()) b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\'' ? "''" : String.valueOf(c));
        String out = b.append('\'').toString();
        if (cr) out = "replace(" + out + ",'\\r',char(13))";
        if (lf) out = "replace(" + out + ",'\\n',char(10))";
        return out;
    }

    @Test
    void theCopyToCompareIsNotStrictSoAnIntegerPrintedBeyondALongLoadsAndNoTextChanges() throws Exception {
        String text = "x'); CREATE TABLE y (a INTEGER) STRICT; \"; STRICT";
        String dump = "PRAGMA defer_foreign_keys=TRUE;\nCREATE TABLE t (id INTEGER PRIMARY KEY, -- the shop's own; id\n n INTEGER NOT NULL, /* it's; */ s TEXT) STRICT;\n"
                + "INSERT INTO t VALUES(1,9223372036854776000," + exported(text) + ");\n"
                + "CREATE TABLE \"u;v\" (k TEXT PRIMARY KEY, [n;'] INTEGER) WITHOUT ROWID, STRICT;\nINSERT INTO \"u;v\" VALUES('a\u0000b',-9223372036854776000);\n";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            st.executeUpdate(WranglerExport.runnable(dump));
            try (ResultSet rs = st.executeQuery("SELECT typeof(n), n, s FROM t")) {
                assertTrue(rs.next());
                assertEquals("real", rs.getString(1), "the export's 2^63 is a REAL, kept");
                assertEquals(0x1p63, rs.getDouble(2));
                assertEquals(text, rs.getString(3), "a text that looks like a statement is not touched");
            }
            try (ResultSet rs = st.executeQuery("SELECT name, strict, wr FROM pragma_table_list WHERE name IN ('t', 'u;v', 'y') ORDER BY name")) {
                assertTrue(rs.next());
                assertEquals("t|0|0", rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3));
                assertTrue(rs.next());
                assertEquals("u;v|0|1", rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3), "WITHOUT ROWID stays");
                assertFalse(rs.next(), "no table y: it was text");
            }
            try (ResultSet rs = st.executeQuery("SELECT k, typeof([n;']) FROM \"u;v\"")) {
                assertTrue(rs.next());
                assertEquals("a\u0000b", rs.getString(1));
                assertEquals("real", rs.getString(2));
            }
        }
    }

    /**
     * Two integers beyond 2^53 that D1 holds apart are printed alike by the export (9007199254740993 as ...992): the
     * tables compared hold them as two rows, where their key or UNIQUE constraint stopped the copy (--d1-verify exit 70).
     * A table not compared (wrangler's own d1_migrations, AUTOINCREMENT) keeps its constraints.
     */
    @Test
    void theTablesComparedHoldTwoRowsTheExportPrintsAlike() throws Exception {
        String dump = "PRAGMA defer_foreign_keys=TRUE;\nCREATE TABLE d1_migrations(\n id INTEGER PRIMARY KEY AUTOINCREMENT,\n name TEXT UNIQUE);\n"
                + "INSERT INTO \"d1_migrations\" VALUES(1,'0001_a.sql');\n"
                + "CREATE TABLE sales (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL, ticket_no INTEGER NOT NULL, UNIQUE (store_id, ticket_no)) STRICT;\n"
                + "INSERT INTO \"sales\" VALUES(1,1,9007199254740992);\nINSERT INTO \"sales\" VALUES(2,1,9007199254740992);\n"
                + "CREATE TABLE IF NOT EXISTS \"Odd \"\"k\"\"\" (k INTEGER PRIMARY KEY, n TEXT) WITHOUT ROWID, STRICT;\n"
                + "INSERT INTO \"Odd \"\"k\"\"\" VALUES(9007199254740992,'a');\nINSERT INTO \"Odd \"\"k\"\"\" VALUES(9007199254740992,'b');\n"
                + "DELETE FROM sqlite_sequence;\nINSERT INTO \"sqlite_sequence\" VALUES('d1_migrations',1);\n"
                + "CREATE UNIQUE INDEX sales_no ON sales (ticket_no);\nCREATE INDEX sales_store ON sales (store_id);\n";
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            st.executeUpdate(WranglerExport.runnable(dump, java.util.Set.of("sales", "odd \"k\"")));
            assertEquals(2, count(st, "SELECT count(*) FROM sales WHERE ticket_no = 9007199254740992"));
            assertEquals(2, count(st, "SELECT count(*) FROM \"Odd \"\"k\"\"\""));
            assertEquals(1, count(st, "SELECT count(*) FROM pragma_table_info('sales') WHERE name = 'ticket_no' AND type = 'INT'"), "typed as before");
            assertEquals(2, count(st, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sales'"), "the indexes are kept");
            assertEquals(1, count(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'd1_migrations' AND sql LIKE '%AUTOINCREMENT%'"));
            assertThrows(java.sql.SQLException.class, () -> st.executeUpdate("INSERT INTO d1_migrations VALUES(2, '0001_a.sql')"),
                    "a table not compared keeps its constraints");
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> st.executeUpdate(WranglerExport.runnable(dump)), "as the copy was made before");
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void aTextReadsBackAsSqliteRunsTheExportsExpression() throws Exception {
        Random random = new Random(20261127);
        char[] alphabet = {'a', '\\', 'n', 'r', '\n', '\r', '\'', '\u00e9'};
        int altered = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            for (int i = 0; i < 3000; i++) {
                StringBuilder s = new StringBuilder();
                for (int k = random.nextInt(13); k > 0; k--) s.append(alphabet[random.nextInt(alphabet.length)]);
                String text = s.toString();
                try (ResultSet rs = st.executeQuery("SELECT " + exported(text))) {
                    assertTrue(rs.next());
                    assertEquals(rs.getString(1), WranglerExport.textReadBack(text), "text " + text.replace("\n", "<LF>").replace("\r", "<CR>"));
                }
                if (!WranglerExport.textReadBack(text).equals(text)) altered++;
            }
        }
        assertTrue(altered > 0, "some texts are read back otherwise (the export is lossy)");
        assertEquals("C:\new\nfolder", WranglerExport.textReadBack("C:\\new\nfolder"));
        assertEquals("no break \\n here", WranglerExport.textReadBack("no break \\n here"));
    }
}
