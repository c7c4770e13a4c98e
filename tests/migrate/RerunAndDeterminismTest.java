package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.slices.Slice;
import lib.slices.Slices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** Same input, same bytes; re-running one slice touches nothing else; bad requests are refused up front. */
class RerunAndDeterminismTest {
    static Map<String, String> tableHashes(Path out) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            for (Slice s : Slices.ALL) for (String t : s.writes()) hashes.put(t, TestSupport.tableHash(db, t, "id"));
        }
        return hashes;
    }

    @Test
    void twoFullRunsGiveTheSameD1BytesAndASliceRerunChangesNothingElse(@TempDir Path tmp) throws Exception {
        Path first = SampleRun.full(), second = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(second, "--all", "--sample").exit());
        assertEquals(SampleRun.sha256(first.resolve("d1/all.sql")), SampleRun.sha256(second.resolve("d1/all.sql")));
        Map<String, String> before = tableHashes(second);
        String slice3 = SampleRun.sha256(second.resolve("d1/0003_inventory.sql"));
        Run rerun = SampleRun.migrate(second, "--slice", "4", "--sample");
        assertEquals(0, rerun.exit(), rerun.all());
        assertEquals(java.util.List.of(4), SampleRun.report(second).get("slices_run"));
        assertEquals(before, tableHashes(second), "every table, slice 4's included, is identical after re-running slice 4");
        assertEquals(slice3, SampleRun.sha256(second.resolve("d1/0003_inventory.sql")));
        assertEquals(SampleRun.sha256(first.resolve("d1/all.sql")), SampleRun.sha256(second.resolve("d1/all.sql")));
        assertTrue(Files.isRegularFile(second.resolve("rejects/TKTPAY.csv")), "slice 4's rejects are written again");
    }

    /**
     * Each slice's D1 file, written table by table as the load finished them (slice 3 loads its stock before its
     * products), holds the bytes of its tables exported at once from the finished helm.sqlite, in the slice's order.
     */
    @Test
    void eachSlicesD1FileIsItsTablesExportedAtOnceFromTheFinishedHelmSqlite() throws Exception {
        Path out = SampleRun.full();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            for (Slice s : Slices.ALL) {
                java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
                new lib.target.D1Export().write(db, "Helm data, slice " + s.number() + " (" + s.name() + ")", s.writes(), whole);
                String file = String.format("d1/%04d_%s.sql", s.number(), s.name());
                assertArrayEquals(whole.toByteArray(), Files.readAllBytes(out.resolve(file)), file);
            }
        }
    }

    @Test
    void aSliceWithoutItsPrerequisitesIsRefusedNamingThem(@TempDir Path tmp) {
        Run r = SampleRun.migrate(tmp.resolve("out"), "--slice", "4", "--sample");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("slice 4 needs slices 1,2,3 in "), r.err());
        assertTrue(r.err().contains("run --slice 1,2,3,4 or --all"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }

    @Test
    void unknownSlicesAndConflictingOptionsAreRefusedBeforeAnyWork(@TempDir Path tmp) {
        Run r = SampleRun.migrate(tmp.resolve("out"), "--slice", "99", "--sample");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no slice 99; the slices are: 1 reference, 2 customers"), r.err());
        Run both = SampleRun.migrate(tmp.resolve("out"), "--all", "--slice", "2", "--sample");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Run two = SampleRun.migrate(tmp.resolve("out"), "--all", "--sample", "--source", "jdbc:h2:mem:x");
        assertEquals(2, two.exit());
        assertTrue(two.err().contains("--sample and --source exclude each other"), two.err());
        Run zone = SampleRun.migrate(tmp.resolve("out"), "--all", "--sample", "--shop-tz", "Mars/Olympus");
        assertEquals(2, zone.exit());
        assertTrue(zone.err().contains("--shop-tz Mars/Olympus is not a time zone"), zone.err());
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }

    /**
     * A slice re-run maps its rows as the output's kept slices were mapped, or is refused before anything is read:
     * another shop zone would leave times of two zones in one output, another phone region phones read two ways,
     * and a redaction that differs real names beside pseudonyms (or pseudonyms of two salts).
     */
    @Test
    void aSliceRerunThatWouldMapRowsOtherwiseThanTheKeptSlicesIsRefused(@TempDir Path tmp) throws Exception {
        Path plain = tmp.resolve("plain"), redacted = tmp.resolve("redacted");
        Map<String, String> salt = Map.of("AIM_REDACT_SALT", "one-salt-of-this-test"), other = Map.of("AIM_REDACT_SALT", "another-salt-of-this-test");
        assertEquals(0, SampleRun.migrate(plain, "--slice", "1,2,3", "--sample").exit());
        assertEquals(0, SampleRun.migrate(salt, redacted, "--slice", "1,2,3", "--sample", "--redact").exit());
        String built = SampleRun.sha256(plain.resolve("helm.sqlite")), builtRedacted = SampleRun.sha256(redacted.resolve("helm.sqlite"));
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("plain", "--shop-tz", "Asia/Tokyo"), "holds AIM's times converted with --shop-tz America/Chicago; this run would use Asia/Tokyo");
        refused.put(List.of("plain", "--phone-region", "GB"), "holds phone numbers read with --phone-region US; this run would use GB");
        refused.put(List.of("plain", "--redact"), "holds a plain migration (real names); this run is --redact");
        refused.put(List.of("redacted"), "holds a redacted migration (pseudonyms); this run is not");
        refused.put(List.of("plain", "--shop-tz", "UTC"), "holds AIM's times converted with --shop-tz America/Chicago; this run would use UTC");
        refused.put(List.of("redacted", "--redact", "other"), "holds a migration redacted with another salt");
        for (Map.Entry<List<String>, String> c : refused.entrySet()) {
            List<String> args = new ArrayList<>(List.of("--slice", "4", "--sample"));
            args.addAll(c.getKey().subList(1, c.getKey().size()));
            boolean otherSalt = args.remove("other");
            Path out = c.getKey().get(0).equals("plain") ? plain : redacted;
            Run r = SampleRun.migrate(otherSalt ? other : salt, out, args.toArray(String[]::new));
            assertEquals(2, r.exit(), c.getKey() + ": " + r.all());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
        }
        assertEquals(built, SampleRun.sha256(plain.resolve("helm.sqlite")), "the previous output is untouched");
        assertEquals(builtRedacted, SampleRun.sha256(redacted.resolve("helm.sqlite")));
        assertFalse(Files.exists(plain.resolve("d1/0004_sales.sql")));
        assertEquals(0, SampleRun.migrate(salt, redacted, "--slice", "4", "--sample", "--redact").exit(), "the same salt is accepted");
        // An output of an earlier version, whose source.json says nothing of the mapping: its report.json still says redacted.
        Path source = redacted.resolve("source.json");
        Map<String, Object> held = new LinkedHashMap<>(lib.core.Json.read(Files.readString(source)));
        for (String k : List.of("shop_time_zone", "phone_region", "redaction", "redaction_scope")) assertNotNull(held.remove(k), k);
        Files.writeString(source, lib.core.Json.write(held));
        Run older = SampleRun.migrate(redacted, "--slice", "4", "--sample");
        assertEquals(2, older.exit(), older.all());
        assertTrue(older.err().contains("holds a redacted migration (pseudonyms); this run is not"), older.err());
        // Its redaction left cities and the free text about a customer plain: a re-run would leave the output half redacted.
        Run narrower = SampleRun.migrate(salt, redacted, "--slice", "4", "--sample", "--redact");
        assertEquals(2, narrower.exit(), narrower.all());
        assertTrue(narrower.err().contains("was redacted by an earlier version of the toolkit") && narrower.err().contains("run --all"), narrower.err());
        assertEquals(0, SampleRun.migrate(salt, redacted, "--all", "--sample", "--redact").exit(), "--all redacts it whole");
        assertEquals(0, SampleRun.migrate(salt, redacted, "--slice", "4", "--sample", "--redact").exit(), "and then a slice again");
        Run alias = SampleRun.migrate(plain, "--slice", "4", "--sample", "--shop-tz", "US/Central");
        assertEquals(0, alias.exit(), "US/Central has America/Chicago's rules: " + alias.all());
        Run region = SampleRun.migrate(tmp.resolve("uk"), "--all", "--sample", "--phone-region", "UK");
        assertEquals(2, region.exit(), region.all());
        assertTrue(region.err().contains("--phone-region UK is not a region"), region.err());
    }

    /** A damaged or deleted source.json or report.json: one line and exit 2 before any work, never exit 70 or an unchecked run. */
    @Test
    void aSliceRerunIntoAnOutputWhoseRecordsAreDamagedOrGoneIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--slice", "1,2,3", "--sample").exit());
        String built = SampleRun.sha256(out.resolve("helm.sqlite"));
        String source = Files.readString(out.resolve("source.json")), report = Files.readString(out.resolve("report.json"));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("source.json={bad", "source.json cannot be read (damaged or edited)");
        cases.put("source.json={}", "source.json cannot be read (damaged or edited)");
        cases.put("source.json=" + source.replace("\"America/Chicago\"", "42"), "source.json cannot be read (damaged or edited)");
        cases.put("source.json=", "holds no source.json");
        cases.put("report.json={bad", "report.json cannot be read (damaged or edited)");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String file = c.getKey().substring(0, c.getKey().indexOf('=')), content = c.getKey().substring(c.getKey().indexOf('=') + 1);
            if (content.isEmpty()) Files.delete(out.resolve(file));
            else Files.writeString(out.resolve(file), content);
            Run r = SampleRun.migrate(out, "--slice", "4", "--sample");
            assertEquals(2, r.exit(), c.getKey() + ": " + r.all());
            assertEquals(1, r.err().strip().lines().count(), c.getKey() + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()) && r.err().contains("run --all to start over"), c.getKey() + ": " + r.err());
            Files.writeString(out.resolve("source.json"), source);
            Files.writeString(out.resolve("report.json"), report);
        }
        assertEquals(built, SampleRun.sha256(out.resolve("helm.sqlite")), "the previous output is untouched");
        assertEquals(0, SampleRun.migrate(out, "--slice", "4", "--sample").exit(), "restored, the re-run goes");
    }

    /** A row whose parent a kept slice rejected is rejected on a slice re-run as on --all: parent_rejected, the same bytes. */
    @Test
    void aSliceRerunRejectsTheChildrenOfAParentAKeptSliceRejectedAsTheFullRunDid(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE STORE SET ACTIVE = 'Q' WHERE STORE_NO = 2")); // no flag: the store is rejected
        }
        Path out = tmp.resolve("out");
        Run all = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, all.exit(), all.all());
        String tickets = Files.readString(out.resolve("rejects/TICKET.csv"));
        assertTrue(tickets.contains("\nparent_rejected,store 2 was rejected (see rejects/STORE.csv),2/"), tickets.substring(0, Math.min(400, tickets.length())));
        assertFalse(tickets.contains("orphan_store"), "no ticket of store 2 is said to have no store");
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(0, rerun.exit(), rerun.all());
        assertEquals(tickets, Files.readString(out.resolve("rejects/TICKET.csv")), "slice 4 alone rejects what --all rejected, as it did");
    }

    @Test
    void aFigureOfKeptSlicesThatAimChangedSinceNamesTheSlicesToReadAgain(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        Run first = SampleRun.migrate(out, "--slice", "1,2,3", "--source", url);
        assertEquals(0, first.exit(), first.all());
        String built = SampleRun.sha256(out.resolve("helm.sqlite"));
        // A delivery during the day's dry-runs: one stock line of a product in use changes on AIM after slice 3 was loaded.
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement();
             ResultSet line = st.executeQuery("SELECT s.ITEM_ID, s.STORE_NO FROM INVSTORE s JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID "
                     + "WHERE COALESCE(m.DELETED, 0) = 0 ORDER BY s.ITEM_ID, s.STORE_NO")) {
            assertTrue(line.next());
            long item = line.getLong(1), store = line.getLong(2);
            try (Statement up = aim.createStatement()) {
                assertEquals(1, up.executeUpdate("UPDATE INVSTORE SET ON_HAND = ON_HAND + 5 WHERE ITEM_ID = " + item + " AND STORE_NO = " + store));
            }
        }
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(1, rerun.exit(), rerun.all());
        String why = "Stock on hand per store rests only on slices kept from the previous output (1 reference, 3 inventory)";
        assertTrue(rerun.out().contains(why), rerun.out());
        assertTrue(rerun.out().contains("Read them again too (--slice 1,3,4) or run --all"), rerun.out());
        assertTrue(Files.readString(out.resolve("failed/report.md")).contains(why));
        assertTrue(Files.readString(out.resolve("failed/signoff.md")).contains(why));
        assertEquals(built, SampleRun.sha256(out.resolve("helm.sqlite")), "the previous output is untouched");
        Run advised = SampleRun.migrate(out, "--slice", "1,3,4", "--source", url);
        assertEquals(0, advised.exit(), advised.all());
        assertFalse(advised.out().contains("rests only"), advised.out());
    }

    /** Customers soft-deleted on AIM after --all: slice 2 alone leaves kept slices' rows pointing at them, and the run names every slice that mends it. */
    @Test
    void brokenForeignKeysOfKeptSlicesNameTheSlicesToReadAgain(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            // A customer with a sale and a house account.
            long customer = Long.parseLong(TestSupport.strings(aim, "SELECT MIN(c.CUST_ID) FROM CUST c WHERE COALESCE(c.DELETED, 'N') <> 'Y' AND EXISTS "
                    + "(SELECT 1 FROM TICKET t WHERE t.CUST_ID = c.CUST_ID) AND EXISTS (SELECT 1 FROM ARACCT a WHERE a.CUST_ID = c.CUST_ID)").get(0));
            assertEquals(1, st.executeUpdate("UPDATE CUST SET DELETED = 'Y' WHERE CUST_ID = " + customer));
            // And 40 more: more broken rows than the report lists, in more tables (rentals, repairs, orders too).
            assertEquals(40, st.executeUpdate("UPDATE CUST SET DELETED = 'Y' WHERE CUST_ID IN (SELECT CUST_ID FROM CUST WHERE COALESCE(DELETED, 'N') <> 'Y' "
                    + "ORDER BY CUST_ID FETCH FIRST 40 ROWS ONLY)"));
        }
        Run rerun = SampleRun.migrate(out, "--slice", "2", "--source", url);
        assertEquals(1, rerun.exit(), rerun.all());
        Matcher advice = Pattern.compile("Rows of kept slices point at rows this run no longer loads \\(.*\\): AIM has changed since they were loaded\\. "
                + "Read them again too \\(--slice ([0-9,]+)\\) or run --all").matcher(rerun.out());
        assertTrue(advice.find(), rerun.out());
        List<String> slices = List.of(advice.group(1).split(","));
        assertTrue(slices.containsAll(List.of("2", "4", "7")), "the sale's and the house account's slices: " + slices);
        assertTrue(Files.readString(out.resolve("failed/report.md")).contains("Read them again too (--slice " + advice.group(1) + ")"));
        Run advised = SampleRun.migrate(out, "--slice", advice.group(1), "--source", url);
        assertEquals(0, advised.exit(), "the advice mends it: " + advised.all());
        assertFalse(Files.exists(out.resolve("failed")), "the failed attempt the advice mended is not left beside the output that mends it");
    }
}
