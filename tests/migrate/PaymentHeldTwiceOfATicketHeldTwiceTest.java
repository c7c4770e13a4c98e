package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation;
import lib.sample.SampleDatabase;
import lib.slices.Slices;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tests.support.TestSupport;

/**
 * Found by ExplainedRejectsPropertyTest: TICKET and TKTPAY both without their primary keys, ticket 1/7 held twice (alike,
 * not voided) and its payment 1/7/1 held twice (alike, $10). AIM's payments figures join each payment copy to each ticket
 * copy: 4 rows, $40. The load keeps one ticket copy and one payment copy (Helm: 1 row, $10) and rejects the other copies
 * (id_collision), so the rejects must explain 3 rows, $30: the rejected payment with both ticket copies, and the loaded
 * payment with the rejected ticket copy. With the ticket's store rejected too (every copy of both rejected), all 4.
 */
public class PaymentHeldTwiceOfATicketHeldTwiceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "store rejected: {0}")
    @ValueSource(booleans = {false, true})
    void eachRejectedCopyExplainsItsPaymentWithEveryCopyOfItsTicket(boolean storeRejected) throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:paytwice" + storeRejected + ";MODE=MSSQLServer");
             Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                if (ddl.contains("CREATE TABLE TICKET ") || ddl.contains("CREATE TABLE TKTPAY ")) {
                    st.execute(ddl.replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                } else if (ddl.contains("CREATE TABLE PAYTYPE ")) {
                    st.execute(ddl);
                }
            }
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION) VALUES ('CASH', 'Cash')");
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, TAX, TOTAL) VALUES"
                    + " (1, 7, '2024-01-03 10:00:00', 'N', 1, 10), (1, 7, '2024-01-03 10:00:00', 'N', 1, 10)");
            st.execute("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, AMOUNT) VALUES"
                    + " (1, 7, 1, 'CASH', '2024-01-03 10:00:00', 10), (1, 7, 1, 'CASH', '2024-01-03 10:00:00', 10)");
            Path rejectsDir = tmp.resolve("rejects");
            int copies = storeRejected ? 2 : 1;
            try (Rejects rejects = new Rejects(rejectsDir)) {
                for (int i = 0; i < copies; i++) {
                    rejects.add("TICKET", Slices.table("TICKET").columns(), "1/7", i == 0 ? "id_collision" : "parent_rejected", "a reason",
                            new String[] {"1", "7", "2024-01-03T10:00:00", null, null, "N", null, null, "1.0000", "10.0000"});
                    List<String> payment = Slices.table("TKTPAY").columns();
                    assertEquals(List.of("STORE_NO", "TICKET_NO", "PAY_SEQ", "PAY_CODE", "PAID_AT", "REF_NO", "AMOUNT"), payment);
                    rejects.add("TKTPAY", payment, "1/7/1", i == 0 ? "id_collision" : "parent_rejected", "a reason",
                            new String[] {"1", "7", "1", "CASH", "2024-01-03T10:00:00", null, "10.0000"});
                }
            }
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            var explained = BusinessReconciliation.explainedAll(aim, rejectsDir, Set.of(1, 4));
            // Rejected ticket copies explain the sales as they are: one row, or two.
            assertEquals(Map.of("store 1, month 2024-01", new Figure(copies, copies * 1000L)), explained.get(BusinessReconciliation.SALES));
            long rows = storeRejected ? 4 : 3;
            assertEquals(Map.of("store 1, month 2024-01", new Figure(rows, rows * 1000)), explained.get(BusinessReconciliation.PAYMENTS_BY_STORE));
            assertEquals(Map.of("method CASH, month 2024-01", new Figure(rows, rows * 1000)), explained.get(BusinessReconciliation.PAYMENTS_BY_METHOD));
        }
    }
}
