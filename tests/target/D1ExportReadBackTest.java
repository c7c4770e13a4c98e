package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import lib.target.D1Export;
import lib.target.TableContent;
import org.junit.jupiter.api.Test;

/**
 * A D1 file's rows, read back from helm.sqlite, are each value as {@link D1Export#quote} writes the text getString
 * reads and as Long.toString writes the integer (of a column that may be NULL, and of one that may not), and the read-back's control totals are {@link TableContent#scan}'s:
 * for random texts, most of them ASCII (written from their bytes) and the rest not (written from the String).
 */
class D1ExportReadBackTest {
    private static final String[] PIECES = {"a", "Z", " ", "'", "''", "\n", "\u0000", "\u007F", "\u001F", "transaction", "TRANSACTIO", "Commit",
            "commi", "t", "C", "o", "r", "N", "COMMIT", "cOmMiT", "TrAnSaCtIoN", "\u00e9", "\u4e2d", "\uD83C\uDFB8", "\uD800", "\u017F", "\u212A", "x".repeat(200)};

    @Test
    void theFileHoldsEachValueAsQuoteWritesItAndTotalsAsAScan() throws Exception {
        Random random = new Random(20261128);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, qty INTEGER, n INTEGER NOT NULL, paid_at TEXT) STRICT");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= 4_000; id++) {
                    ins.setLong(1, id);
                    ins.setString(2, text(random, random.nextInt(3) > 0));
                    ins.setObject(3, random.nextInt(4) == 0 ? null : text(random, random.nextBoolean()));
                    ins.setObject(4, random.nextInt(4) == 0 ? null : random.nextLong() >> random.nextInt(64));
                    ins.setLong(5, random.nextLong() >> random.nextInt(64));
                    ins.setString(6, "2026-11-" + (10 + random.nextInt(20)));
                    ins.executeUpdate();
                }
            }
            D1Export export = new D1Export();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            export.write(db, "test", List.of("t"), file);
            String sql = file.toString(StandardCharsets.UTF_8);
            int at = 0, ascii = 0, other = 0;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name, note, qty, n, paid_at FROM t ORDER BY id")) {
                while (rs.next()) {
                    String name = rs.getString(2), note = rs.getString(3);
                    Object qty = rs.getObject(4);
                    String row = "(" + rs.getLong(1) + ", " + D1Export.quote(name) + ", " + (note == null ? "NULL" : D1Export.quote(note)) + ", "
                            + (qty == null ? "NULL" : Long.toString(((Number) qty).longValue())) + ", " + rs.getLong(5) + ", " + D1Export.quote(rs.getString(6)) + ")";
                    int found = sql.indexOf(row, at);
                    assertTrue(found >= 0, "row " + rs.getLong(1) + " is in the file, after the one before, as " + row);
                    at = found + row.length();
                    if (name.chars().allMatch(c -> c < 0x80)) ascii++;
                    else other++;
                }
            }
            assertTrue(ascii > 1_000 && other > 500, "both ways of writing a text were taken: " + ascii + " and " + other);
            assertEquals(TableContent.scan(db, "t").json(), export.content().get("t").json());
        }
    }

    private static String text(Random random, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(10); i > 0; i--) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            if (!asciiOnly || piece.chars().allMatch(c -> c < 0x80)) sb.append(piece);
        }
        return sb.toString();
    }
}
