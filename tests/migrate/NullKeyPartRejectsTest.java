package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * Review (helper-70): a TKTPAY that lost its primary key may hold a payment whose PAY_SEQ is NULL. AIM's payments
 * figures join it to its ticket and count it; Helm cannot hold it, so its reject must explain it, or the figure does
 * not reconcile. The lookup binds the file's '' for the NULL part (H2: a conversion error, which the run takes for a
 * column of the wrong type and keeps no output; SQL Server: '' is 0), and the one pass says "a NULL part is no key".
 */
class NullKeyPartRejectsTest {
    private static final String COLUMNS = "STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO";

    /** One rejected payment, looked up by key. */
    @Test
    void aPaymentWithANullPaySeqIsExplainedByLookup(@TempDir Path tmp) throws Exception {
        assertExplained(tmp, 0);
    }

    /** The same with 60 orphan payments besides, so the figures read TKTPAY's rejects in one pass (more than 50, no key). */
    @Test
    void aPaymentWithANullPaySeqIsExplainedInOnePass(@TempDir Path tmp) throws Exception {
        assertExplained(tmp, 60);
    }

    private static void assertExplained(Path tmp, int orphans) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        String key;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            key = TestSupport.strings(aim, "SELECT TOP 1 CONCAT(p.STORE_NO, '/', p.TICKET_NO, '/', p.PAY_SEQ) FROM TKTPAY p JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO WHERE t.VOIDED = 'N' ORDER BY p.STORE_NO, p.TICKET_NO, p.PAY_SEQ").get(0);
            String[] k = key.split("/");
            st.execute("ALTER TABLE TKTPAY DROP PRIMARY KEY");
            st.execute("ALTER TABLE TKTPAY ALTER COLUMN PAY_SEQ SET NULL");
            assertEquals(1, st.executeUpdate("INSERT INTO TKTPAY (" + COLUMNS + ") SELECT STORE_NO, TICKET_NO, NULL, PAY_CODE, AMOUNT, PAID_AT, REF_NO"
                    + " FROM TKTPAY WHERE STORE_NO = " + k[0] + " AND TICKET_NO = " + k[1] + " AND PAY_SEQ = " + k[2]));
            if (orphans > 0) {
                assertEquals(orphans, st.executeUpdate("INSERT INTO TKTPAY (" + COLUMNS + ") SELECT TOP " + orphans
                        + " STORE_NO, TICKET_NO + 3000000, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO FROM TKTPAY WHERE TICKET_NO < 900000"
                        + " AND PAY_SEQ IS NOT NULL ORDER BY STORE_NO, TICKET_NO, PAY_SEQ"));
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        // AIM counts the planted payment once in each payments figure (its ticket is not voided); Helm has none of it (it has
        // no key), so it is rejected, and its reject is what explains the difference: the run reconciles and keeps its output.
        assertEquals(0, run.exit(), "every figure reconciles: " + run.all());
        String[] k = key.split("/");
        String nullKey = k[0] + "/" + k[1] + "/";
        assertTrue(Files.readAllLines(out.resolve("rejects/TKTPAY.csv")).stream().anyMatch(l -> l.contains("," + nullKey + "," + k[0] + "," + k[1] + ",,")),
                "the payment without a PAY_SEQ is rejected, listed under " + nullKey);
    }
}
