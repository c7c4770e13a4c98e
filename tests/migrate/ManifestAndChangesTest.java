package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.core.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** manifest.json and --verify-manifest; the content checksums; the report's "since the previous run". */
@Tag("slow")
class ManifestAndChangesTest {
    @Test
    @SuppressWarnings("unchecked")
    void theManifestNamesEveryFileAndTableAndAChangedValueOrFileIsCaughtByName(@TempDir Path tmp) throws Exception {
        Path out = D1ApplyTest.copyOf(SampleRun.full(), tmp.resolve("out"));
        Map<String, Object> manifest = Json.read(Files.readString(out.resolve("manifest.json")));
        Map<String, String> files = (Map<String, String>) manifest.get("files");
        assertEquals(SampleRun.sha256(out.resolve("helm.sqlite")), files.get("helm.sqlite"));
        assertEquals(SampleRun.sha256(out.resolve("d1/all.sql")), files.get("d1/all.sql"));
        assertEquals(9, files.size(), "helm.sqlite, all.sql and seven slice files: " + files.keySet());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), manifest.get("slices"));
        assertEquals("America/Chicago", manifest.get("shop_time_zone"));
        assertTrue(String.valueOf(manifest.get("git_commit")).matches("[0-9a-f]{40}(\\+changes)?|unknown"), manifest.get("git_commit").toString());
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) manifest.get("tables");
        assertEquals(25, tables.size());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            assertEquals(TestSupport.count(db, "SELECT COUNT(*) FROM sales"), ((Number) tables.get("sales").get("rows")).longValue());
            assertEquals(TestSupport.count(db, "SELECT SUM(total_cents) FROM sales"),
                    ((Number) ((Map<String, Object>) tables.get("sales").get("cents")).get("total_cents")).longValue());
            assertEquals(TestSupport.strings(db, "SELECT MIN(sold_at) FROM sales").get(0), tables.get("sales").get("first"));
        }
        // The report compared the rows as the slices made them with helm.sqlite, table by table.
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) SampleRun.report(out).get("content");
        assertEquals(tables.keySet(), content.keySet());
        content.forEach((t, e) -> assertEquals(Boolean.TRUE, e.get("agree"), t));

        TestSupport.Run clean = SampleRun.migrate(out, "--verify-manifest");
        assertEquals(0, clean.exit(), clean.all());
        assertTrue(clean.out().contains("all match"), clean.out());

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite")); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE customers SET last_name = last_name || 'x' WHERE id = (SELECT MIN(id) FROM customers WHERE last_name IS NOT NULL)");
        }
        Files.writeString(out.resolve("d1/0005_rentals.sql"), "-- edited by hand\n", StandardOpenOption.APPEND);
        TestSupport.Run tampered = SampleRun.migrate(out, "--verify-manifest");
        assertEquals(1, tampered.exit(), tampered.all());
        assertTrue(tampered.out().contains("table customers in helm.sqlite: checksum"), tampered.out());
        assertTrue(tampered.out().contains("file helm.sqlite has changed"), tampered.out());
        assertTrue(tampered.out().contains("file d1/0005_rentals.sql has changed"), tampered.out());
        assertFalse(tampered.out().contains("table sales"), tampered.out());
        assertFalse(tampered.out().contains("file d1/0004_sales.sql"), tampered.out());

        Files.writeString(out.resolve("manifest.json"), "{\n  \"tables\": {bad");
        TestSupport.Run damaged = SampleRun.migrate(out, "--verify-manifest");
        assertEquals(2, damaged.exit(), damaged.all());
        assertEquals(1, damaged.err().strip().lines().count(), "one line, not the parser's two: " + damaged.err());
        assertTrue(damaged.err().contains("manifest.json: not valid JSON (") && damaged.err().contains("at line 2, column"), damaged.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNextRunsReportSaysWhatChangedSinceThePreviousOne(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        assertFalse(Files.readString(out.resolve("report.md")).contains("## Since the previous run"), "a first run has nothing to compare with");

        // Same input again: nothing changed.
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        assertTrue(Files.readString(out.resolve("report.md")).contains("No change in rows, rejects, skips, checksums"));

        // One customer's flag becomes unreadable in the source: one row moves from loaded to rejected.
        long customer;
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            customer = TestSupport.count(db, "SELECT MAX(CUST_ID) FROM CUST WHERE DELETED = 'N'");
            st.execute("UPDATE CUST SET TAX_EXEMPT = 'X' WHERE CUST_ID = " + customer);
        }
        TestSupport.Run second = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, second.exit(), second.all());
        List<String> changes = changes(out);
        // One line for the table: its loaded count, the new reject, the checksum; nothing for a table that did not move.
        String cust = changes.stream().filter(c -> c.startsWith("CUST -> customers: ")).findFirst().orElse(String.valueOf(changes));
        assertTrue(cust.matches("CUST -> customers: loaded [0-9,]+ -> [0-9,]+ \\(-1\\), rejected by invalid_value 0 -> 1 \\(\\+1\\), content checksum moved"), cust);
        assertEquals(1, changes.stream().filter(c -> c.startsWith("CUST ")).count(), changes.toString());
        assertFalse(changes.stream().anyMatch(c -> c.startsWith("TICKET ")), changes.toString());
        assertFalse(changes.stream().anyMatch(c -> c.startsWith("the source changed")), changes.toString());

        // A rule's setting changes (the shop's time zone): every timestamp moves, no row does.
        TestSupport.Run third = SampleRun.migrate(out, "--all", "--source", url, "--shop-tz", "America/Denver");
        assertEquals(0, third.exit(), third.all());
        changes = changes(out);
        assertTrue(changes.contains("TICKET -> sales: content checksum moved"), changes.toString());
        assertFalse(changes.stream().anyMatch(c -> c.startsWith("TAXRATE ")), changes.toString());
        assertFalse(changes.stream().anyMatch(c -> c.contains(": loaded ") || c.contains(" rejected by ")), changes.toString());

        // Another database: said first, plainly, naming both.
        TestSupport.Run fourth = SampleRun.migrate(out, "--all", "--sample", "--shop-tz", "America/Denver");
        assertEquals(0, fourth.exit(), fourth.all());
        changes = changes(out);
        assertTrue(changes.get(0).matches("the source changed: jdbc:h2:.* -> sample AIM v12 database, scale 1"), changes.toString());
    }

    @SuppressWarnings("unchecked")
    static List<String> changes(Path out) throws Exception {
        Map<String, Object> since = (Map<String, Object>) SampleRun.report(out).get("changes_since_previous");
        List<String> changes = (List<String>) since.get("changes");
        String md = Files.readString(out.resolve("report.md"));
        for (String c : changes) assertTrue(md.contains("- " + c), "report.md lists " + c);
        return changes;
    }
}
