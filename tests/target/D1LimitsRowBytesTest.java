package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.target.D1Limits;
import org.junit.jupiter.api.Test;

/**
 * The largest row D1's limit is checked against is the bytes its values take as D1 counts them: a text's UTF-8
 * bytes (accents, emoji), an integer's digits and sign, nothing for NULL; counted here in Java, not by SQLite.
 */
class D1LimitsRowBytesTest {
    private static final List<Object[]> ROWS = List.of(
            new Object[] {1L, 0L, "", null},
            new Object[] {2L, null, null, null},
            new Object[] {3L, Long.MIN_VALUE, "Zo\u00eb M\u00fcller \u00d1 \uD83C\uDFB8", "line\nbreak\ttab 'quoted'"},
            new Object[] {4L, Long.MAX_VALUE, "plain", "\u4e2d\u6587"},
            new Object[] {5L, -7L, "x".repeat(3_000), "\u00e9".repeat(2_000)});

    @Test
    void theLargestRowIsItsValuesInUtf8AndDigits() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, amount_cents INTEGER, name TEXT, notes TEXT) STRICT");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
                for (Object[] r : ROWS) {
                    for (int i = 0; i < r.length; i++) ins.setObject(i + 1, r[i]);
                    ins.executeUpdate();
                }
            }
            long largest = 0;
            for (Object[] r : ROWS) {
                long bytes = 0;
                for (Object v : r) {
                    if (v instanceof String s) bytes += s.getBytes(StandardCharsets.UTF_8).length;
                    else if (v != null) bytes += Long.toString((Long) v).length();
                }
                largest = Math.max(largest, bytes);
            }
            D1Limits.Result limits = D1Limits.check(db, List.of("t"), Map.of(), 0);
            assertEquals(largest, ((Number) limits.measured().get("largest_row_bytes")).longValue());
            assertEquals(1 + 2 + 3_000 + 4_000, largest); // the last row: 5, -7, 3,000 x and 2,000 two-byte e-acute
            assertTrue(limits.problems().isEmpty(), limits.problems().toString());
        }
    }
}
