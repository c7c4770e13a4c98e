package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.target.D1Export;
import org.junit.jupiter.api.Test;

/** The integers of a D1 file: every value SQLite holds, written as its decimal digits (the JDK's own form is the reference). */
class D1ExportNumbersTest {
    @Test
    void everyIntegerIsWrittenAsItsDecimalDigits() throws Exception {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, -10L, 99L, 100L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE,
                Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1L << 53, -(1L << 53)));
        Random random = new Random(20261127);
        for (int i = 0; i < 2_000; i++) values.add(random.nextLong() >> random.nextInt(64)); // every magnitude, both signs
        TreeMap<Long, String> expected = new TreeMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO t (id, n) VALUES (?, ?)")) {
                long id = 0;
                for (long v : values) {
                    ins.setLong(1, ++id);
                    ins.setLong(2, v);
                    ins.executeUpdate();
                    expected.put(id, Long.toString(v));
                }
            }
            new D1Export().write(db, "numbers", List.of("t"), out);
        }
        TreeMap<Long, String> written = new TreeMap<>();
        Matcher row = Pattern.compile("\\((\\d+), (-?\\d+)\\)").matcher(out.toString(StandardCharsets.UTF_8));
        while (row.find()) written.put(Long.parseLong(row.group(1)), row.group(2));
        assertEquals(expected, written);
    }
}
