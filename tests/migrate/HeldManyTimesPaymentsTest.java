package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;

/**
 * Tickets AIM holds more than once where VoidedTwiceTest does not look: twice and never voided (the copies differ by their
 * date), and three times (two copies alike and not voided, one voided). AIM's side of the payments figures joins each
 * payment to every copy of its ticket, so a payment is counted once with each copy; Helm holds it once, with the copy
 * loaded. Each rejected copy must explain its own payments, once, in the figure it puts them in, or the run fails.
 */
public class HeldManyTimesPaymentsTest {
    @TempDir
    Path tmp;

    @Test
    void theRejectedCopiesOfTicketsHeldTwiceAndThriceExplainTheirPaymentsOnce() throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:heldmany;MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
             Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                if (ddl.contains("CREATE TABLE TICKET ")) {
                    st.execute(ddl.replace(" PRIMARY KEY,", ",").replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                } else if (ddl.contains("CREATE TABLE TKTPAY ") || ddl.contains("CREATE TABLE PAYTYPE ")) {
                    st.execute(ddl);
                }
            }
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION) VALUES ('CASH', 'Cash'), ('VISA', 'Visa')");
            // 1/7 twice, neither voided: the earlier date sorts first and is loaded, the later copy rejected.
            // 1/8 three times: two copies alike and not voided (one loaded, one rejected) and a voided copy (rejected).
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, SUBTOTAL, TAX, TOTAL) VALUES"
                    + " (1, 7, '2024-01-03 10:00:00', 'N', 9, 1, 15), (1, 7, '2024-01-04 10:00:00', 'N', 9, 1, 15),"
                    + " (1, 8, '2024-01-05 10:00:00', 'N', 18, 2, 20), (1, 8, '2024-01-05 10:00:00', 'N', 18, 2, 20),"
                    + " (1, 8, '2024-01-05 10:00:00', 'Y', 18, 2, 20)");
            st.execute("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, AMOUNT) VALUES"
                    + " (1, 7, 1, 'CASH', '2024-01-03 10:00:00', 10), (1, 7, 2, 'VISA', '2024-01-03 10:00:00', 5),"
                    + " (1, 8, 1, 'CASH', '2024-01-05 10:00:00', 20)");
            Path rejectsDir = VoidedTwiceTest.rejectedCopies(tmp.resolve("rejects"),
                    new String[] {"1", "7", "2024-01-04T10:00:00", null, null, "N", null, "9.0000", "1.0000", "15.0000"},
                    new String[] {"1", "8", "2024-01-05T10:00:00", null, null, "N", null, "18.0000", "2.0000", "20.0000"},
                    new String[] {"1", "8", "2024-01-05T10:00:00", null, null, "Y", null, "18.0000", "2.0000", "20.0000"});
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            var explained = BusinessReconciliation.explainedAll(aim, rejectsDir, Set.of(1, 4));
            // AIM counts 1/7's two payments twice and 1/8's payment twice (its two copies not voided); Helm once each.
            assertEquals(Map.of("store 1, month 2024-01", new Figure(3, 3500)), explained.get(BusinessReconciliation.PAYMENTS_BY_STORE));
            assertEquals(Map.of("method CASH, month 2024-01", new Figure(2, 3000), "method VISA, month 2024-01", new Figure(1, 500)),
                    explained.get(BusinessReconciliation.PAYMENTS_BY_METHOD));
            // 1/8's voided copy put its payment in the voided payments, where Helm (1/8 loaded not voided) has none.
            assertEquals(Map.of("store 1", new Figure(1, 2000)), explained.get(BusinessReconciliation.VOIDED_PAYMENTS));
            assertEquals(Map.of("store 1", new Figure(1, 2000)), explained.get(BusinessReconciliation.VOIDED_SALES));
        }
    }
}
