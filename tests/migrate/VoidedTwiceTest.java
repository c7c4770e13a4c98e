package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation;
import lib.report.BusinessReconciliation.Figure;
import lib.sample.SampleDatabase;
import lib.sample.TsqlColumn;
import lib.slices.Slices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.CountingConnection;
import tests.support.SampleCopy;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A ticket AIM holds twice, once voided and once not (a TICKET whose primary key was dropped): the toolkit loads one
 * copy, rejects the other (id_collision), and loads the ticket's payments with the loaded copy. AIM's side of the
 * payments figures took a payment as a voided ticket's when any copy was voided, so where the copy loaded was not
 * voided, its payments were in Helm's payments and AIM's voided payments: the figures failed (exit 1), nothing lost.
 */
public class VoidedTwiceTest {
    @TempDir
    Path tmp;

    /**
     * Ticket 1/K as it was and again voided (the copy not voided sorts first and is loaded), and 1/L as it was and again
     * voided a day earlier (the voided copy is loaded), each with its payments: the run reconciles, every payment is in
     * Helm with the copy loaded, and the rejected copies are the tickets' only rejects.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTicketHeldTwiceVoidedAndNotReconcilesThePaymentsFigures() throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("voided-twice"));
        List<String> columns = SampleCopy.tables().get("TICKET").stream().map(TsqlColumn::name).toList();
        String paid = "SELECT MIN(TICKET_NO) FROM TICKET t WHERE STORE_NO = 1 AND VOIDED = 'N' AND TICKET_NO > %s"
                + " AND EXISTS (SELECT 1 FROM TKTPAY p WHERE p.STORE_NO = 1 AND p.TICKET_NO = t.TICKET_NO)";
        String k, l, payments;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            k = TestSupport.strings(aim, String.format(paid, "0")).get(0);
            l = TestSupport.strings(aim, String.format(paid, k)).get(0);
            payments = TestSupport.strings(aim, "SELECT COUNT(*) FROM TKTPAY WHERE STORE_NO = 1 AND TICKET_NO IN (" + k + ", " + l + ")").get(0);
            st.execute("ALTER TABLE TICKET DROP PRIMARY KEY");
            st.execute("CREATE INDEX TICKET_BY_KEY ON TICKET (STORE_NO, TICKET_NO)");
            for (String[] copy : new String[][] {{k, "TICKET_DATE"}, {l, "DATEADD(DAY, -1, TICKET_DATE)"}}) {
                String select = String.join(", ", columns.stream().map(c -> c.equals("VOIDED") ? "'Y'" : c.equals("TICKET_DATE") ? copy[1] : c).toList());
                assertEquals(1, st.executeUpdate("INSERT INTO TICKET (" + String.join(", ", columns) + ") SELECT " + select
                        + " FROM TICKET WHERE STORE_NO = 1 AND TICKET_NO = " + copy[0]));
            }
        }
        Path out = tmp.resolve("out");
        Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), "the figures reconcile: " + run.all());
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"));
        for (Map<String, Object> f : (List<Map<String, Object>>) business.get("figures")) {
            if (String.valueOf(f.get("name")).startsWith("Payments")) {
                assertTrue(String.valueOf(f.get("explained_by")).contains("rejects/TICKET.csv"), "the rejected copies explain " + f);
            }
        }
        bothTicketsLoaded(out, k, l, payments);
    }

    /** Tickets 1/{@code k} (its copy not voided) and 1/{@code l} (its voided copy) in Helm with every payment, each other copy rejected. */
    public static void bothTicketsLoaded(Path out, Object k, Object l, String payments) throws Exception {
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            assertEquals(List.of("0", "1"), TestSupport.strings(helm, "SELECT is_void FROM sales WHERE legacy_key IN ('TICKET:1/" + k + "', 'TICKET:1/" + l
                    + "') ORDER BY legacy_key = 'TICKET:1/" + l + "'"), "1/K loaded as it was, 1/L voided");
            assertEquals(List.of(payments), TestSupport.strings(helm, "SELECT COUNT(*) FROM sale_payments WHERE legacy_key LIKE 'TKTPAY:1/" + k
                    + "/%' OR legacy_key LIKE 'TKTPAY:1/" + l + "/%'"), "every payment of both tickets loaded");
        }
        List<String> rejected = Files.readAllLines(out.resolve("rejects/TICKET.csv")).stream().skip(1).map(r -> r.split(",")[0]).toList();
        assertEquals(List.of("id_collision", "id_collision"), rejected);
    }

    /**
     * What the rejected copies explain on AIM: ticket 1/5 loaded as it was ($4 and $6 paid in January), its voided copy
     * rejected; 1/6 loaded voided, its copy not voided rejected ($30 paid in March). A payment is counted with each copy
     * of its ticket, in the figure that copy puts it in: the rejected copy's are what Helm does not hold.
     */
    @Test
    void theRejectedCopyExplainsItsPaymentsInTheFigureItPutsThemIn() throws Exception {
        try (Connection aim = aim("voidedtwice", false); Statement st = aim.createStatement()) {
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, SUBTOTAL, TAX, TOTAL) VALUES"
                    + " (1, 5, '2024-01-03 10:00:00', 'N', 9, 1, 10), (1, 5, '2024-01-03 10:00:00', 'Y', 9, 1, 10),"
                    + " (1, 6, '2024-03-02 10:00:00', 'Y', 27, 3, 30), (1, 6, '2024-03-03 10:00:00', 'N', 27, 3, 30)");
            st.execute("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, AMOUNT) VALUES (1, 5, 1, 'CASH', '2024-01-03 10:00:00', 4),"
                    + " (1, 5, 2, 'VISA', '2024-01-03 10:00:00', 6), (1, 6, 1, 'CASH', '2024-03-03 10:00:00', 30)");
            Path rejectsDir = rejectedCopies(tmp.resolve("rejects"),
                    new String[] {"1", "5", "2024-01-03T10:00:00", null, null, "Y", null, "9.0000", "1.0000", "10.0000"},
                    new String[] {"1", "6", "2024-03-03T10:00:00", null, null, "N", null, "27.0000", "3.0000", "30.0000"});
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            var explained = BusinessReconciliation.explainedAll(aim, rejectsDir, Set.of(1, 4));
            assertEquals(Map.of("store 1, month 2024-03", new Figure(1, 3000)), explained.get(BusinessReconciliation.PAYMENTS_BY_STORE));
            assertEquals(Map.of("method CASH, month 2024-03", new Figure(1, 3000)), explained.get(BusinessReconciliation.PAYMENTS_BY_METHOD));
            assertEquals(Map.of("store 1", new Figure(2, 1000)), explained.get(BusinessReconciliation.VOIDED_PAYMENTS));
            assertEquals(Map.of("store 1, month 2024-03", new Figure(1, 3000)), explained.get(BusinessReconciliation.SALES));
            assertEquals(Map.of("store 1", new Figure(1, 1000)), explained.get(BusinessReconciliation.VOIDED_SALES));
        }
    }

    /** rejects/TICKET.csv in {@code rejectsDir} with the copies of tickets rejected as id_collision, each by its values in TICKET's columns. */
    static Path rejectedCopies(Path rejectsDir, String[]... copies) throws java.io.IOException {
        try (Rejects rejects = new Rejects(rejectsDir)) {
            List<String> ticket = Slices.table("TICKET").columns();
            assertEquals(List.of("STORE_NO", "TICKET_NO", "TICKET_DATE", "CUST_ID", "EMP_ID", "VOIDED", "NOTES", "SUBTOTAL", "TAX", "TOTAL"), ticket);
            for (String[] copy : copies) rejects.add("TICKET", ticket, copy[0] + "/" + copy[1], "id_collision", "held by TICKET:" + copy[0] + "/" + copy[1], copy);
        }
        return rejectsDir;
    }

    /**
     * A ticket rejected alone on its key (its store rejected) took its payment with it (parent_rejected, in
     * rejects/TKTPAY.csv): the payments figures send no statement for the ticket, only the lookups of the rejected payment.
     */
    @Test
    void aTicketRejectedAloneOnItsKeyCostsThePaymentsFiguresNoStatement() throws Exception {
        try (Connection real = aim("alone", true); Statement st = real.createStatement()) {
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, SUBTOTAL, TAX, TOTAL) VALUES (2, 9, '2024-01-03 10:00:00', 'N', 9, 1, 10)");
            st.execute("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, AMOUNT) VALUES (2, 9, 1, 'CASH', '2024-01-03 10:00:00', 10)");
            Path rejectsDir = tmp.resolve("rejects-alone");
            try (Rejects rejects = new Rejects(rejectsDir)) {
                rejects.add("TICKET", Slices.table("TICKET").columns(), "2/9", "parent_rejected", "store 2 was rejected",
                        new String[] {"2", "9", "2024-01-03T10:00:00", null, null, "N", null, "9.0000", "1.0000", "10.0000"});
                List<String> payment = Slices.table("TKTPAY").columns();
                assertEquals(List.of("STORE_NO", "TICKET_NO", "PAY_SEQ", "PAY_CODE", "PAID_AT", "REF_NO", "AMOUNT"), payment);
                rejects.add("TKTPAY", payment, "2/9/1", "parent_rejected", "ticket 2/9 was rejected",
                        new String[] {"2", "9", "1", "CASH", "2024-01-03T10:00:00", null, "10.0000"});
            }
            CountingConnection aim = new CountingConnection(real);
            TestSupport.asARunSees(aim.connection()); // the comparisons and flag types a run of this AIM sets
            var explained = BusinessReconciliation.explainedAll(aim.connection(), rejectsDir, Set.of(1, 4));
            assertEquals(Map.of("store 2, month 2024-01", new Figure(1, 1000)), explained.get(BusinessReconciliation.PAYMENTS_BY_STORE));
            List<String> payments = aim.sent.stream().filter(s -> s.contains("FROM TKTPAY")).toList();
            assertEquals(3, payments.size(), "one lookup of the payment for each payments figure: " + payments);
            assertTrue(payments.stream().allMatch(s -> s.contains("p.PAY_SEQ = ?")), "each by the payment's key: " + payments);
        }
    }

    /** An AIM of TICKET, TKTPAY and PAYTYPE (CASH and VISA), TICKET with its primary key ({@code keyed}) or without. */
    private static Connection aim(String name, boolean keyed) throws Exception {
        Connection aim = DriverManager.getConnection("jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
        try (Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                if (ddl.contains("CREATE TABLE TICKET ")) {
                    st.execute(keyed ? ddl : ddl.replace(" PRIMARY KEY,", ",").replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                } else if (ddl.contains("CREATE TABLE TKTPAY ") || ddl.contains("CREATE TABLE PAYTYPE ")) {
                    st.execute(ddl);
                }
            }
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION) VALUES ('CASH', 'Cash'), ('VISA', 'Visa')");
        }
        return aim;
    }
}
