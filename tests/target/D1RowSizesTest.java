package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lib.target.D1Export;
import lib.target.D1Limits;
import lib.target.D1RowSizes;
import lib.target.TableContent;
import org.junit.jupiter.api.Test;

/**
 * The D1 limits of a table measured from its rows as its D1 file reads them back ({@link D1RowSizes}) are the ones
 * SQLite's own scan finds (octet_length of every value, the integers beyond +-(2^53 - 1)), for values drawn at random
 * from what the columns can hold: any integer, any text (every plane, lone surrogates, NUL, line breaks), NULL.
 */
class D1RowSizesTest {
    private static final String[] PIECES = {"a", "Z", " ", "'", "\n", "\r", "\t", "\u0000", "\u00e9", "\u00f1", "\u4e2d", "\uD83C\uDFB8",
            "\uD800", "\uDC00", "\uFFFF", "\u07FF", "\u0800", "\\", "x".repeat(300)};

    @Test
    void theExportsMeasureIsTheScansForRandomRows() throws Exception {
        Random random = new Random(20261128);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, qty INTEGER, amount_cents INTEGER, "
                        + "paid_cents INTEGER NOT NULL) STRICT");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= 3_000; id++) {
                    ins.setLong(1, id);
                    ins.setString(2, text(random));
                    ins.setObject(3, random.nextInt(4) == 0 ? null : text(random));
                    ins.setObject(4, random.nextInt(4) == 0 ? null : integer(random));
                    ins.setObject(5, random.nextInt(4) == 0 ? null : integer(random));
                    ins.setLong(6, integer(random));
                    ins.executeUpdate();
                }
            }
            Map<String, TableContent> readBack = exported(db, "t");
            assertTrue(readBack.get("t").d1Sizes().exact(), "every value of a STRICT table is measured as it is read back");
            D1Limits.Measured fromExport = D1Limits.measure(db, List.of("t"), Map.of(), readBack);
            D1Limits.Measured scanned = D1Limits.measure(db, List.of("t"), Map.of());
            assertEquals(scanned.perTable(), fromExport.perTable());
            assertEquals(scanned.largestRow(), fromExport.largestRow());
            assertFalse(scanned.inexact().isEmpty(), "the draw holds cents beyond 2^53, so that count is compared too");
            // Every INTEGER column is measured so, not only the amounts: a count or a reference a Worker reads as another number.
            assertEquals(java.util.Set.of("qty"), ((Map<?, ?>) scanned.perTable().get("t").get("integers_beyond_2^53")).keySet());
            assertEquals(List.of(), fromExport.integers().stream().filter(c -> c.contains("cents")).toList(), "an amount is counted as one");
        }
    }

    @Test
    void aTableWithAValueTheMeasureDoesNotCountIsScanned() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, weight, amount_cents)"); // not STRICT: any value goes
                st.execute("INSERT INTO t VALUES (1, 2.5, 9007199254740993), (2, 'heavy', 'a lot'), (3, 1e300, NULL)");
            }
            Map<String, TableContent> readBack = exported(db, "t");
            assertFalse(readBack.get("t").d1Sizes().exact());
            assertEquals(D1Limits.measure(db, List.of("t"), Map.of()).perTable(), D1Limits.measure(db, List.of("t"), Map.of(), readBack).perTable());
        }
    }

    @Test
    void anEmptyTableMeasuresAsTheScanOfNoRows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, amount_cents INTEGER) STRICT");
            }
            Map<String, TableContent> readBack = exported(db, "t");
            assertTrue(readBack.get("t").d1Sizes().exact());
            assertEquals(D1Limits.measure(db, List.of("t"), Map.of()).perTable(), D1Limits.measure(db, List.of("t"), Map.of(), readBack).perTable());
        }
    }

    private static Map<String, TableContent> exported(Connection db, String table) throws Exception {
        D1Export export = new D1Export();
        export.write(db, "test", List.of(table), OutputStream.nullOutputStream());
        return export.content();
    }

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) sb.append(PIECES[random.nextInt(PIECES.length)]);
        return sb.toString();
    }

    /** Every magnitude, both signs, and the values at the edges of a long and of JavaScript's exact range. */
    private static long integer(Random random) {
        long[] edges = {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, D1Limits.MAX_SAFE_INTEGER, -D1Limits.MAX_SAFE_INTEGER,
                D1Limits.MAX_SAFE_INTEGER + 1, -D1Limits.MAX_SAFE_INTEGER - 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        return random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong() >> random.nextInt(64);
    }
}
