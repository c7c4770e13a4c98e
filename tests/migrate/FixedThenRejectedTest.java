package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lib.accounts.Fixes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * A row is loaded with its fixes or rejected with its reason, never counted as both (a trial's finding): a ticket whose
 * TICKET_DATE is 1753-01-01 or 9999-12-31 was listed as a typo_date fix in fixes/TICKET.csv and counted in the report's
 * fixes, then rejected as invalid_value, as TICKET_DATE is required. The tickets planted here are chosen with SQL on the
 * AIM copy, and what is expected follows from the plants, not from the program's output.
 */
class FixedThenRejectedTest {
    @Test
    void aRejectedRowHasNoFixes(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        List<String> rejected, loaded;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            assertEquals(0, TestSupport.count(aim, "SELECT COUNT(*) FROM TICKET WHERE YEAR(TICKET_DATE) NOT BETWEEN 1900 AND 2099"),
                    "the sample's ticket dates are all plausible");
            List<String> keys = TestSupport.strings(aim, "SELECT TOP 3 CONCAT(STORE_NO, '/', TICKET_NO) FROM TICKET ORDER BY STORE_NO, TICKET_NO");
            rejected = keys.subList(0, 2);
            loaded = keys.subList(2, 3);
            // Two tickets with no plausible date, each with a blank note too (an empty_string fix, were it loaded); a third
            // ticket with only the blank note, which loads, and lists its fix.
            st.executeUpdate(update("TICKET_DATE = TIMESTAMP '9999-12-31 00:00:00', NOTES = ''", rejected.get(0)));
            st.executeUpdate(update("TICKET_DATE = TIMESTAMP '1753-01-01 00:00:00', NOTES = ''", rejected.get(1)));
            st.executeUpdate(update("NOTES = ''", loaded.get(0)));
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());

        Set<String> invalid = new TreeSet<>();
        for (CSVRecord r : records(out.resolve("rejects/TICKET.csv"))) {
            if (r.get("rule").equals("invalid_value") && r.get("reason").contains("TICKET_DATE")) invalid.add(r.get("aim_key"));
        }
        assertEquals(new TreeSet<>(rejected), invalid, "both tickets without a plausible date are rejected");
        List<Fixes.Fix> fixes = Fixes.read(out.resolve("fixes/TICKET.csv"));
        assertTrue(fixes.stream().anyMatch(f -> f.key().equals(loaded.get(0)) && f.column().equals("NOTES") && f.rule().equals("empty_string")),
                "the loaded ticket's blank note is listed");
        for (Fixes.Fix f : fixes) assertFalse(rejected.contains(f.key()), "a rejected ticket listed as fixed: " + f);
        Map<String, Object> ticket = account(SampleRun.report(out), "TICKET");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> counted = (Map<String, Map<String, Number>>) ticket.get("fixes");
        assertNull(counted.getOrDefault("TICKET_DATE", Map.of()).get("typo_date"), "no typo_date counted: " + counted);
        long blankNotes = fixes.stream().filter(f -> f.column().equals("NOTES") && f.rule().equals("empty_string")).count();
        assertEquals(blankNotes, counted.get("NOTES").get("empty_string").longValue(), "the count is the file's lines");

        // Every table: no key rejected is listed as fixed (the payments of a ticket gone, with a sub-cent amount, were).
        int tables = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(out.resolve("rejects"), "*.csv")) {
            for (Path csv : files) {
                Set<String> keys = new TreeSet<>();
                for (CSVRecord r : records(csv)) keys.add(r.get("aim_key"));
                for (Fixes.Fix f : Fixes.read(out.resolve("fixes").resolve(csv.getFileName()))) {
                    assertFalse(keys.contains(f.key()), csv.getFileName() + ": a rejected row listed as fixed: " + f);
                }
                tables++;
            }
        }
        assertTrue(tables >= 3, "TICKET, TKTLINE and TKTPAY have rejects");
    }

    /**
     * A payment AIM holds twice (TKTPAY lost its primary key), both copies with a blank REF_NO: the copy for a dollar
     * more is refused by helm.sqlite (id_collision) after its row was counted as loaded with its fix. Its fix goes with
     * it: fixes/TKTPAY.csv lists the blank REF_NO once, for the payment loaded, and the report counts the file's lines.
     */
    @Test
    void aRowTheTargetRefusesHasNoFixes(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        String key;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            key = TestSupport.strings(aim, "SELECT TOP 1 CONCAT(p.STORE_NO, '/', p.TICKET_NO, '/', p.PAY_SEQ) FROM TKTPAY p JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO ORDER BY p.STORE_NO, p.TICKET_NO, p.PAY_SEQ").get(0);
            String[] k = key.split("/");
            String where = " WHERE STORE_NO = " + k[0] + " AND TICKET_NO = " + k[1] + " AND PAY_SEQ = " + k[2];
            st.execute("ALTER TABLE TKTPAY DROP PRIMARY KEY");
            assertEquals(1, st.executeUpdate("UPDATE TKTPAY SET REF_NO = ''" + where));
            assertEquals(1, st.executeUpdate("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO)"
                    + " SELECT STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT + 1, PAID_AT, REF_NO FROM TKTPAY" + where));
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());
        List<String> refused = records(out.resolve("rejects/TKTPAY.csv")).stream().filter(r -> r.get("aim_key").equals(key)).map(r -> r.get("rule")).toList();
        assertEquals(List.of("id_collision"), refused, "the copy for a dollar more is refused");
        List<Fixes.Fix> fixes = Fixes.read(out.resolve("fixes/TKTPAY.csv"));
        assertEquals(1, fixes.stream().filter(f -> f.key().equals(key) && f.column().equals("REF_NO") && f.rule().equals("empty_string")).count(),
                "the blank REF_NO of the payment loaded, once");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> counted = (Map<String, Map<String, Number>>) account(SampleRun.report(out), "TKTPAY").get("fixes");
        long blank = fixes.stream().filter(f -> f.column().equals("REF_NO") && f.rule().equals("empty_string")).count();
        assertEquals(blank, counted.get("REF_NO").get("empty_string").longValue(), "the count is the file's lines");
    }

    private static String update(String set, String key) {
        String[] k = key.split("/");
        return "UPDATE TICKET SET " + set + " WHERE STORE_NO = " + k[0] + " AND TICKET_NO = " + k[1];
    }

    private static List<CSVRecord> records(Path csv) throws Exception {
        try (var r = Files.newBufferedReader(csv)) {
            return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> account(Map<String, Object> report, String table) {
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("slices")) {
            for (Map<String, Object> t : (List<Map<String, Object>>) s.get("tables")) {
                if (table.equals(t.get("source"))) return t;
            }
        }
        throw new AssertionError("report.json has no account of " + table);
    }
}
