package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import lib.target.TableContent;
import org.junit.jupiter.api.Test;

/**
 * A table read back from SQLite totals what was written to it, whichever way each column is read: by its declared
 * type in a STRICT table (an INTEGER column that may be NULL, a TEXT column), by each value's own type otherwise,
 * where an INTEGER column can hold text and a TEXT column the text of a number.
 */
class TableContentScanTest {
    private static final List<String> COLUMNS = List.of("id", "amount_cents", "note", "sold_at");
    private static final List<Object[]> ROWS = List.of(
            new Object[] {1L, 0L, "", "2026-01-02T03:04:05Z"},
            new Object[] {2L, null, null, null},
            new Object[] {3L, -5L, "it's", "2026-01-01T00:00:00Z"},
            new Object[] {4L, Long.MAX_VALUE, "caf\u00e9 \uD83C\uDFB8", "2026-12-31T23:59:59Z"},
            new Object[] {5L, Long.MIN_VALUE, "0", "x"});

    @Test
    void aStrictTableTotalsAsTheRowsWritten() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            create(db, "INTEGER PRIMARY KEY, amount_cents INTEGER, note TEXT, sold_at TEXT) STRICT", ROWS);
            assertEquals(expected(ROWS).json(), TableContent.scan(db, "t").json());
        }
    }

    @Test
    void everyKindOfStrictColumnTotalsAsWritten() throws Exception {
        // INT NOT NULL (getLong alone), REAL and ANY (each value's own type), in a STRICT table.
        List<Object[]> rows = List.of(new Object[] {1L, Long.MIN_VALUE, 0.5, "text", "2026-01-01T00:00:00Z"},
                new Object[] {2L, 0L, null, 42L, null}, new Object[] {3L, -1L, -2.25, null, "2025-01-01T00:00:00Z"},
                new Object[] {4L, Long.MAX_VALUE, 1e300, 3.5, "x"});
        List<String> columns = List.of("id", "n_cents", "r", "a", "sold_at");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n_cents INT NOT NULL, r REAL, a ANY, sold_at TEXT) STRICT");
            }
            try (var insert = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?)")) {
                for (Object[] r : rows) {
                    for (int i = 0; i < r.length; i++) insert.setObject(i + 1, r[i]);
                    insert.executeUpdate();
                }
            }
            TableContent want = new TableContent("t", columns);
            for (Object[] r : rows) {
                want.beginRow();
                for (int i = 0; i < r.length; i++) want.value(i, r[i]);
                want.endRow();
            }
            assertEquals(want.json(), TableContent.scan(db, "t").json());
        }
    }

    @Test
    void aTableThatIsNotStrictTotalsEachValueByItsOwnType() throws Exception {
        List<Object[]> rows = new java.util.ArrayList<>(ROWS);
        rows.add(new Object[] {6L, "12 cents", "text", "2026-06-01T00:00:00Z"}); // an INTEGER column holding text
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            create(db, "INTEGER PRIMARY KEY, amount_cents INTEGER, note TEXT, sold_at TEXT)", rows);
            assertEquals(expected(rows).json(), TableContent.scan(db, "t").json());
        }
    }

    private static void create(Connection db, String columns, List<Object[]> rows) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE t (id " + columns);
        }
        try (var insert = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) insert.setObject(i + 1, r[i]);
                insert.executeUpdate();
            }
        }
    }

    private static TableContent expected(List<Object[]> rows) {
        TableContent t = new TableContent("t", COLUMNS);
        for (Object[] r : rows) {
            t.beginRow();
            for (int i = 0; i < r.length; i++) t.value(i, r[i]);
            t.endRow();
        }
        assertEquals(rows.size(), t.rows(), Arrays.toString(rows.get(0)));
        return t;
    }
}
