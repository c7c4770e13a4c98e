package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.sample.SampleDatabase;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.target.D1Export;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/** The D1 files loaded for real into wrangler's local D1, and strings that must survive every step byte for byte. */
@Tag("slow")
class D1LoadTest {
    /** Row count and the sum of every *_cents column of every Helm table. */
    static Map<String, Long> totals(Path sqlite) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            for (Slice s : Slices.ALL) {
                for (String t : s.writes()) {
                    out.put(t + " rows", TestSupport.count(db, "SELECT COUNT(*) FROM " + t));
                    for (String c : TestSupport.strings(db, "SELECT name FROM pragma_table_info('" + t + "') WHERE name LIKE '%_cents'")) {
                        out.put(t + "." + c, TestSupport.count(db, "SELECT COALESCE(SUM(" + c + "), 0) FROM " + t));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The sample, with strings nobody would plant in a customer's notes and name and a sale line's SKU, migrated and
     * its all.sql loaded for real into wrangler's local D1 (one load, for both checks): the same counts, money sums and
     * content checksums as helm.sqlite and as the slices made the rows, and the strings byte for byte.
     */
    @Test
    void allSqlLoadsIntoLocalD1WithTheSameCountsSumsAndStringsAsHelmSqlite(@TempDir Path tmp) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("aim"));
        Files.copy(SampleRun.sample().dir().resolve("aim.mv.db"), copy.resolve("aim.mv.db"));
        String url = SampleDatabase.url(copy, false);
        String note = adversarial().get(6) + adversarial().get(1) + adversarial().get(2) + adversarial().get(3);
        String name = "O'Brien-Müller \"Jr\" 🎸";
        String sku = "A'\u0001\u001F\\\"\u007F\t";
        long customer;
        try (Connection aim = DriverManager.getConnection(url)) {
            customer = TestSupport.count(aim, "SELECT MIN(CUST_ID) FROM CUST WHERE DELETED = 'N'");
            try (PreparedStatement up = aim.prepareStatement("UPDATE CUST SET NOTES = ?, LAST_NAME = ? WHERE CUST_ID = ?")) {
                up.setString(1, note);
                up.setString(2, name);
                up.setLong(3, customer);
                assertEquals(1, up.executeUpdate());
            }
            try (PreparedStatement up = aim.prepareStatement("UPDATE TKTLINE SET SKU = ? WHERE STORE_NO = 1 AND TICKET_NO = 100001 AND LINE_NO = 1")) {
                up.setString(1, sku);
                assertEquals(1, up.executeUpdate());
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        Path project = Wrangler.migrated(tmp.resolve("d1"));
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", out.resolve("d1/all.sql").toString());

        Map<String, Long> helm = totals(out.resolve("helm.sqlite"));
        assertTrue(helm.get("sale_lines rows") > 30_000);
        assertEquals(helm, totals(Wrangler.localDatabase(project)));
        // Content checksums: the rows as the slices made them (report.json) = helm.sqlite = local D1.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) SampleRun.report(out).get("content");
        Map<String, Map<String, Object>> d1 = D1ApplyTest.content(Wrangler.localDatabase(project));
        assertEquals(content.keySet(), d1.keySet());
        content.forEach((table, e) -> {
            assertEquals(((Map<?, ?>) e.get("source")).get("checksum"), d1.get(table).get("checksum"), table);
            assertEquals(((Map<?, ?>) e.get("helm_sqlite")).get("checksum"), d1.get(table).get("checksum"), table);
        });
        String all = Files.readString(out.resolve("d1/all.sql"));
        assertFalse(all.contains("BEGIN TRANSACTION") || all.contains("COMMIT"), "no explicit transactions");
        assertTrue(all.lines().anyMatch(l -> l.equals("PRAGMA defer_foreign_keys = true;")));
        assertTrue(all.lines().allMatch(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 100_000), "every statement under 100 KB");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project))) {
            assertEquals(note, TestSupport.strings(db, "SELECT notes FROM customers WHERE id = " + customer).get(0));
            assertEquals(name, TestSupport.strings(db, "SELECT last_name FROM customers WHERE id = " + customer).get(0));
            assertEquals(sku, TestSupport.strings(db, "SELECT legacy_sku FROM sale_lines WHERE legacy_key = 'TKTLINE:1/100001/1'").get(0));
        }
    }

    /** Every character a string can hold, and one value far larger than a D1 statement. */
    static List<String> adversarial() {
        List<String> s = new ArrayList<>();
        StringBuilder controls = new StringBuilder();
        for (char c = 1; c < 0x20; c++) controls.append(c);
        s.add(controls.append('\u007F').toString());
        s.add("it's \"quoted\" `back` [bracket] \\backslash\\ ; -- not a comment /* nor this */");
        s.add("CR\rLF\nCRLF\r\nTAB\tend");
        s.add("Zoë Müller Ñ 🎸🎺 李 \uD83D\uDE00 \u2028 \uFEFF");
        s.add("'); DROP TABLE t; --");
        s.add("");
        StringBuilder big = new StringBuilder();
        while (big.length() < 150_000) big.append("Line ").append(big.length()).append(": it's a \"note\"\twith 🎻 and \r\n");
        s.add(big.toString());
        return s;
    }

    @Test
    void theD1WriterCarriesEveryCharacterExactly(@TempDir Path tmp) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("0001_t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT) STRICT;\n");
        Path db = tmp.resolve("src.sqlite");
        List<String> values = adversarial();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT) STRICT");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ins.setInt(1, i + 1);
                    ins.setString(2, values.get(i));
                    ins.execute();
                }
            }
            D1Export export = new D1Export();
            export.write(c, "adversarial strings", List.of("t"), tmp.resolve("t.sql"));
            assertTrue(export.maxStatementBytes() < 100_000, "largest statement " + export.maxStatementBytes());
        }
        Path project = Wrangler.project(tmp.resolve("d1"), migrations);
        Wrangler.run(project, "d1", "migrations", "apply", "helm", "--local");
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", tmp.resolve("t.sql").toString());
        try (Connection d1 = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project));
             Statement st = d1.createStatement(); ResultSet rs = st.executeQuery("SELECT id, s FROM t ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                assertEquals(values.get(rs.getInt(1) - 1), rs.getString(2), "value " + rs.getInt(1));
                n++;
            }
            assertEquals(values.size(), n);
        }
    }
}
