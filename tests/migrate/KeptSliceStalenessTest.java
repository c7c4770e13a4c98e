package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * The shop trades between dry-runs (helper-42's trial): a --slice re-run against an AIM that changed since the
 * kept slices were read. The first two tests are helper-42's (c2c8442), failing at 82f77b4: the run said OK
 * (exit 0) and nothing told a kept slice was stale.
 */
class KeptSliceStalenessTest {

    /**
     * A customer's e-mail edited on AIM after --all (no count moves, no figure covers customers); --slice 4 keeps slice 2.
     * The output then holds the old e-mail, which no count shows: report.md and signoff.md say that slice 2 was kept
     * from an earlier read, when, and that AIM may have changed since, so --all before signing.
     */
    @Test
    void aKeptSliceWhoseAimRowsWereEditedSinceIsFlagged(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        assertFalse(Files.readString(out.resolve("report.md")).contains("## Slices kept"), "--all keeps no slice");
        long customer;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            customer = Long.parseLong(TestSupport.strings(aim, "SELECT MIN(CUST_ID) FROM CUST WHERE COALESCE(DELETED, 'N') <> 'Y'").get(0));
            assertEquals(1, st.executeUpdate("UPDATE CUST SET EMAIL = 'changed.today@example.com' WHERE CUST_ID = " + customer));
        }
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        String report = Files.readString(out.resolve(rerun.exit() == 0 ? "report.md" : "failed/report.md"));
        String kept = section(report, "## Slices kept");
        assertTrue(kept.matches("(?s).*slice 2 customers: read from AIM at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC.*") && kept.contains("changed since"),
                "CUST " + customer + " changed on AIM after slice 2 was loaded; the --slice 4 run (exit " + rerun.exit()
                + ") does not say slice 2 was kept from an earlier read:\n" + report.substring(0, Math.min(3000, report.length())));
        String signoff = Files.readString(out.resolve(rerun.exit() == 0 ? "signoff.md" : "failed/signoff.md"));
        String sheet = section(signoff, "## Slices kept");
        assertTrue(sheet.contains("slice 2 customers: read from AIM at ") && sheet.contains("--all before signing"), signoff);
        assertFalse(section(report, "## Slices kept").contains("slice 4 sales:"), "slice 4 was read by this run, not kept");
    }

    /**
     * A product added on AIM and sold the same day; --slice 4 keeps slice 3. The new line was loaded with its product
     * left empty, counted as orphan_product, which signoff.md explains as "naming a row AIM does not hold (a customer,
     * product or ticket since deleted)": but AIM holds it, only the kept slice 3 predates it. The run says to read
     * slice 3 again (as it does when a figure or a foreign key shows a kept slice is stale), and does not pass.
     */
    @Test
    void aLineOfAProductAddedSinceTheKeptInventoryIsNotAnOrphan(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        long products;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            products = Long.parseLong(TestSupport.strings(aim, "SELECT COUNT(*) FROM INVMAST").get(0));
            long item = 1 + Long.parseLong(TestSupport.strings(aim, "SELECT MAX(ITEM_ID) FROM INVMAST").get(0));
            long ticket = 1 + Long.parseLong(TestSupport.strings(aim, "SELECT MAX(TICKET_NO) FROM TICKET WHERE STORE_NO = 1").get(0));
            st.executeUpdate("INSERT INTO INVMAST (ITEM_ID, SKU, DESCRIPTION, PRICE, DELETED) VALUES (" + item + ", 'NEW-" + item
                    + "', 'Special order clarinet', 3200.00, 0)");
            st.executeUpdate("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, SUBTOTAL, TAX, TOTAL, VOIDED) VALUES (1, " + ticket
                    + ", '2026-11-29 09:30:00', 3200.00, 0, 3200.00, 'N')");
            st.executeUpdate("INSERT INTO TKTLINE (STORE_NO, TICKET_NO, LINE_NO, ITEM_ID, SKU, QTY, UNIT_PRICE, DISCOUNT, EXT_PRICE) VALUES (1, "
                    + ticket + ", 1, " + item + ", 'NEW-" + item + "', 1, 3200.00, 0, 3200.00)");
        }
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertTrue(rerun.exit() != 0 && rerun.out().contains("--slice 3,4"), "a line of a product AIM holds, added after the kept slice 3 was "
                + "loaded, passes as an orphan (exit " + rerun.exit() + "):\n" + rerun.out());
        assertEquals(1, rerun.exit(), rerun.all());
        assertTrue(rerun.out().contains("INVMAST had " + String.format("%,d", products) + " rows, now " + String.format("%,d", products + 1)
                + " (slice 3, read "), rerun.out());
    }

    /**
     * A tax code added on AIM after --all (TAXRATE, kept slice 1): neither loaded, skipped nor rejected by --slice 4,
     * which said "every row and every cent accounted for". Now the run fails as a stale kept figure does: exit 1, the
     * previous output untouched, the attempt in failed/, one message naming the table's count then and now and the
     * --slice list that reads it again; --all after it passes, and so does a --slice run after that.
     */
    @Test
    void aRowAddedToAKeptSlicesTableFailsTheRunNamingTheSlicesToReadAgain(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        long rates;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            rates = Long.parseLong(TestSupport.strings(aim, "SELECT COUNT(*) FROM TAXRATE").get(0));
            // Each slice of report.json keeps the AIM rows it counted when it read: slice 1's TAXRATE as AIM holds them.
            Map<String, Object> slice1 = slice(SampleRun.report(out), 1);
            assertEquals(rates, ((Number) Json.object(slice1.get("aim_counts")).get("TAXRATE")).longValue(), slice1.toString());
            assertTrue(String.valueOf(slice1.get("read_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), slice1.toString());
            assertEquals(1, st.executeUpdate("INSERT INTO TAXRATE (TAX_CODE, DESCRIPTION, RATE) VALUES ('ZNEW', 'New county tax', 1.25)"));
        }
        String built = SampleRun.sha256(out.resolve("helm.sqlite")), report = Files.readString(out.resolve("report.md"));
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(1, rerun.exit(), rerun.all());
        String why = "AIM changed since the kept slices were read: TAXRATE had " + rates + " rows, now " + (rates + 1) + " (slice 1, read ";
        assertTrue(rerun.out().contains(why), rerun.out());
        assertTrue(rerun.out().contains("Read them again too (--slice 1,4) or run --all"), rerun.out());
        assertFalse(rerun.out().contains("every cent accounted for"), rerun.out());
        assertTrue(Files.readString(out.resolve("failed/report.md")).contains(why));
        assertTrue(Files.readString(out.resolve("failed/signoff.md")).contains(why));
        assertEquals(built, SampleRun.sha256(out.resolve("helm.sqlite")), "the previous output is untouched");
        assertEquals(report, Files.readString(out.resolve("report.md")));
        Run all = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, all.exit(), all.all());
        assertEquals(rates + 1, ((Number) Json.object(slice(SampleRun.report(out), 1).get("aim_counts")).get("TAXRATE")).longValue());
        Run again = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(0, again.exit(), again.all());
        Run advised = SampleRun.migrate(out, "--slice", "1,4", "--source", url);
        assertEquals(0, advised.exit(), advised.all());
    }

    /**
     * An output an earlier version wrote keeps no read time nor AIM counts per slice: a --slice re-run cannot compare,
     * so it does not fail for it; report.md and signoff.md say each such kept slice was read at an unknown time.
     */
    @Test
    void aKeptSliceOfAnOutputWithoutTheRecordIsUnknownNotAFailure(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        String json = Files.readString(out.resolve("report.json"));
        String older = json.replaceAll("\"read_at\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*", "").replaceAll("\"aim_counts\"\\s*:\\s*\\{[^}]*\\}\\s*,\\s*", "");
        assertFalse(older.contains("read_at") || older.contains("aim_counts"), "as an earlier version wrote it");
        assertNotEquals(json, older);
        Files.writeString(out.resolve("report.json"), older);
        Run rerun = SampleRun.migrate(out, "--slice", "4", "--source", url);
        assertEquals(0, rerun.exit(), rerun.all());
        String kept = section(Files.readString(out.resolve("report.md")), "## Slices kept");
        assertTrue(kept.contains("slice 1 reference: read from AIM at an unknown time"), kept);
        assertTrue(section(Files.readString(out.resolve("signoff.md")), "## Slices kept").contains("slice 3 inventory: read from AIM at an unknown time"));
        Map<String, Object> report = SampleRun.report(out);
        assertNull(slice(report, 1).get("read_at"), "still unknown");
        assertNotNull(slice(report, 4).get("read_at"), "read by this run");
    }

    private static Map<String, Object> slice(Map<String, Object> report, int number) {
        List<Object> slices = Json.listOf(report.get("slices"), x -> x);
        for (Object s : slices) if (((Number) Json.object(s).get("number")).intValue() == number) return Json.object(s);
        throw new AssertionError("no slice " + number + " in report.json");
    }

    /** The markdown section whose heading starts with {@code heading}, up to the next heading; "" when there is none. */
    private static String section(String md, String heading) {
        int at = md.indexOf("\n" + heading);
        if (at < 0) return "";
        int end = md.indexOf("\n## ", at + 1);
        return md.substring(at, end < 0 ? md.length() : end);
    }
}
