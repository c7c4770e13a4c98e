package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation;
import lib.report.BusinessReconciliation.Figure;
import lib.sample.SampleDatabase;
import lib.sample.TsqlColumn;
import lib.slices.Slice01Reference;
import lib.slices.Slice07Accounts;
import lib.slices.Slices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleCopy;
import tests.support.SampleRun;
import tests.support.SliceBench;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A shop's AIM that drifted from AIM v12's DDL: a table whose PRIMARY KEY was dropped, so two rows share the key the
 * toolkit knows them by. Which of them is loaded depended on the order the server happened to return them in (two runs
 * on the same rows could differ), and the rejected one was explained in the business figures by the first AIM row of
 * its key, which could be the loaded one: the figure failed by their difference (exit 1) though nothing was lost.
 */
class DuplicateKeysTest {
    @TempDir
    Path tmp;

    /**
     * Ticket 1/K twice on a copy of the sample: as it was, and again a month later for $100 more. Inserted in both
     * orders into two copies: both runs load the same row, the one whose values sort first (the earlier, smaller
     * ticket), write the same bytes, and reject the other as id_collision with its own values, which explain the
     * figures: every figure reconciles.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aDuplicatedTicketLoadsTheSameRowWhateverTheServersOrderAndItsFiguresReconcile() throws Exception {
        String first = drifted("original-first", false), second = drifted("duplicate-first", true);
        Path a = tmp.resolve("out-a"), b = tmp.resolve("out-b");
        Run ra = SampleRun.migrate(a, "--slice", "1-4", "--source", first);
        Run rb = SampleRun.migrate(b, "--slice", "1-4", "--source", second);
        assertEquals(0, ra.exit(), "the figures reconcile: " + ra.all());
        assertEquals(0, rb.exit(), "the figures reconcile: " + rb.all());
        for (String folder : List.of("d1", "rejects", "fixes")) {
            assertEquals(SampleRun.hashes(a.resolve(folder)), SampleRun.hashes(b.resolve(folder)), folder + "/ is the same whichever row the server gave first");
        }
        long original;
        BigDecimal total;
        try (Connection aim = DriverManager.getConnection(first)) {
            original = Long.parseLong(TestSupport.strings(aim, "SELECT " + ticket(aim)).get(0));
            total = new BigDecimal(TestSupport.strings(aim, "SELECT MIN(TOTAL) FROM TICKET WHERE STORE_NO = 1 AND TICKET_NO = " + original).get(0));
        }
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + b.resolve("helm.sqlite"))) {
            assertEquals(List.of(total.movePointRight(2).setScale(0).toPlainString()),
                    TestSupport.strings(helm, "SELECT total_cents FROM sales WHERE legacy_key = 'TICKET:1/" + original + "'"), "the earlier ticket is loaded");
        }
        List<String> rejected = Files.readAllLines(b.resolve("rejects/TICKET.csv")).stream().filter(l -> l.contains(",1/" + original + ",")).toList();
        assertEquals(1, rejected.size(), String.valueOf(rejected));
        assertTrue(rejected.get(0).startsWith("id_collision,"), rejected.get(0));
        assertTrue(rejected.get(0).contains("; held by TICKET:1/" + original + ", another AIM row of this key (AIM holds it more than once"), rejected.get(0));
        assertTrue(rejected.get(0).endsWith("," + total.add(new BigDecimal(100)).setScale(4)), "the later ticket's own total, its last column: " + rejected.get(0));
        assertEquals(Boolean.TRUE, ((Map<String, Object>) SampleRun.report(b).get("business")).get("ok"));
    }

    /**
     * The slices see rows sharing a key in one order whatever order they come in: employee 7 twice and gift card
     * GC1 as 'GC1' and 'gc1' (one code to a case-insensitive AIM), given in both orders, load the same rows.
     */
    @Test
    void rowsSharingAKeyAreTakenInTheOrderOfTheirValues() throws Exception {
        List<List<String>> loaded = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
            Path dir = Files.createDirectories(tmp.resolve(reversed ? "reversed" : "given"));
            try (SliceBench bench = SliceBench.open(dir)) {
                Object[][] staff = {{"EMP_ID", 7, "STORE_NO", 1, "FIRST_NAME", "Bob"}, {"EMP_ID", 7, "STORE_NO", 1, "FIRST_NAME", "Ann"}};
                bench.row("STORE", "STORE_NO", 1, "STORE_NAME", "Main", "ACTIVE", "Y");
                for (int i = 0; i < 2; i++) bench.row("EMPLOYEE", staff[reversed ? 1 - i : i]);
                bench.run(new Slice01Reference());
                Object[][] cards = {{"CARD_NO", "gc1", "INITIAL_AMT", new BigDecimal("5.00"), "BALANCE", new BigDecimal("5.00")},
                    {"CARD_NO", "GC1", "INITIAL_AMT", new BigDecimal("9.00"), "BALANCE", new BigDecimal("9.00")}};
                for (int i = 0; i < 2; i++) bench.row("GIFTCARD", cards[reversed ? 1 - i : i]);
                bench.run(new Slice07Accounts());
                List<String> got = new ArrayList<>(bench.query("SELECT first_name FROM staff"));
                got.addAll(bench.query("SELECT card_no || ' ' || balance_cents FROM gift_cards"));
                got.addAll(bench.rejected("EMPLOYEE"));
                got.addAll(bench.rejected("GIFTCARD"));
                loaded.add(got);
            }
        }
        assertEquals(loaded.get(0), loaded.get(1), "the same rows whichever came first");
        // By their values: 'Ann' before 'Bob'; 'GC1' before 'gc1' (as text, upper case first).
        assertEquals(List.of("Ann", "GC1 900", "id_collision 7", "duplicate_code gc1"), loaded.get(0));
    }

    /**
     * What the rejects explain on AIM, where AIM holds a key twice: the rejected row's own month and amounts (ticket 1/5:
     * loaded in January for $10, rejected in February for $20), one of two rows alike when one of them is rejected
     * (ticket 1/6), and nothing where the rejected row is not in the figure though the loaded one is (house account 9:
     * loaded open, rejected closed). The first AIM row of the key explained each: the loaded one.
     */
    @Test
    void aRejectedRowWhoseKeyAimHoldsTwiceExplainsTheFiguresWithItsOwnValues() throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:duplicatekeys;MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
             Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                if (ddl.contains("CREATE TABLE TICKET ") || ddl.contains("CREATE TABLE ARACCT ")) {
                    st.execute(ddl.replace(" PRIMARY KEY,", ",").replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                } else if (ddl.contains("CREATE TABLE TKTPAY ") || ddl.contains("CREATE TABLE PAYTYPE ")) {
                    st.execute(ddl); // the payments figures look up the payments of a ticket AIM holds twice (none here)
                }
            }
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, SUBTOTAL, TAX, TOTAL) VALUES"
                    + " (1, 5, '2024-01-03 10:00:00', 'N', 9, 1, 10), (1, 5, '2024-02-03 10:00:00', 'N', 18, 2, 20),"
                    + " (1, 6, '2024-03-03 10:00:00', 'N', 27, 3, 30), (1, 6, '2024-03-03 10:00:00', 'N', 27, 3, 30)");
            st.execute("INSERT INTO ARACCT (AR_ID, BALANCE, STATUS) VALUES (9, 50, 'O'), (9, 70, 'C')");
            Path rejectsDir = tmp.resolve("rejects");
            try (Rejects rejects = new Rejects(rejectsDir)) {
                List<String> ticket = Slices.table("TICKET").columns(), account = Slices.table("ARACCT").columns();
                assertEquals(List.of("STORE_NO", "TICKET_NO", "TICKET_DATE", "CUST_ID", "EMP_ID", "VOIDED", "NOTES", "SUBTOTAL", "TAX", "TOTAL"), ticket);
                rejects.add("TICKET", ticket, "1/5", "id_collision", "held by TICKET:1/5",
                        new String[] {"1", "5", "2024-02-03T10:00:00", null, null, "N", null, "18.0000", "2.0000", "20.0000"});
                rejects.add("TICKET", ticket, "1/6", "id_collision", "held by TICKET:1/6",
                        new String[] {"1", "6", "2024-03-03T10:00:00", null, null, "N", null, "27.0000", "3.0000", "30.0000"});
                assertEquals(List.of("AR_ID", "CUST_ID", "OPENED", "STATUS", "CREDIT_LIMIT", "BALANCE"), account);
                rejects.add("ARACCT", account, "9", "id_collision", "held by ARACCT:9", new String[] {"9", null, null, "C", null, "70.0000"});
            }
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            var explained = BusinessReconciliation.explainedAll(aim, rejectsDir, Set.of(1, 4, 7));
            assertEquals(Map.of("store 1, month 2024-02", new Figure(1, 2000),
                    "store 1, month 2024-03", new Figure(1, 3000)), explained.get(BusinessReconciliation.SALES));
            assertEquals(Map.of("store 1", new Figure(2, 500)), explained.get(BusinessReconciliation.TAX));
            assertEquals(Map.of(), explained.get(BusinessReconciliation.OPEN_ACCOUNTS), "the closed account is in no open balance");
        }
    }

    /** A copy of the sample whose TICKET has no primary key and holds ticket 1/K twice; {@code duplicateFirst}: the later one stored first. */
    private String drifted(String name, boolean duplicateFirst) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve(name));
        List<String> columns = SampleCopy.tables().get("TICKET").stream().map(TsqlColumn::name).toList();
        String changed = String.join(", ", columns.stream().map(c -> switch (c) {
            case "TICKET_DATE" -> "DATEADD(DAY, 31, TICKET_DATE)";
            case "TOTAL" -> "TOTAL + 100";
            default -> c;
        }).toList());
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            String key = "STORE_NO = 1 AND TICKET_NO = (SELECT " + ticket(aim) + ")";
            st.execute("ALTER TABLE TICKET DROP PRIMARY KEY");
            // Its index kept, not unique (a drifted AIM's usual state): H2 looks each payment's ticket up by it, where
            // without one the figures' lookups scan TICKET for every payment (100 s for this test, against seconds).
            st.execute("CREATE INDEX TICKET_BY_KEY ON TICKET (STORE_NO, TICKET_NO)");
            st.execute("CREATE TABLE WAS AS SELECT * FROM TICKET WHERE " + key);
            if (duplicateFirst) st.execute("DELETE FROM TICKET WHERE " + key);
            assertEquals(1, st.executeUpdate("INSERT INTO TICKET (" + String.join(", ", columns) + ") SELECT " + changed + " FROM WAS"));
            if (duplicateFirst) st.execute("INSERT INTO TICKET SELECT * FROM WAS");
            st.execute("DROP TABLE WAS");
        }
        return url;
    }

    /** The ticket duplicated: store 1's first with a total. */
    private static String ticket(Connection aim) throws Exception {
        return TestSupport.strings(aim, "SELECT MIN(TICKET_NO) FROM TICKET WHERE STORE_NO = 1 AND TOTAL > 0").get(0);
    }
}
