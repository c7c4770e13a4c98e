package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.report.BusinessReconciliation;
import lib.rules.CodeKey;
import lib.sample.SampleDatabase;
import lib.source.AimSalesFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AIM's side of the business figures compares each code as its column's collation says, as the toolkit does. */
class CollationFiguresTest {
    /**
     * AIM's side of the payments figure compares pay codes as PAYTYPE.PAY_CODE's collation says, as the toolkit does: a
     * case-sensitive PAY_CODE in a case-insensitive AIM keeps 'CASH' and 'cash' apart (H2 compares CHAR with case, as
     * such a column does on SQL Server). With UPPER for the whole database it put both on CASH, agreeing with a wrong
     * migration that had rejected CASH; and a status column's own collation decides its figure's comparison.
     */
    @Test
    void aimsSideOfTheFiguresComparesEachCodeAsItsColumnsCollationSays(@TempDir Path tmp) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("aim").toAbsolutePath() + ";MODE=MSSQLServer";
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String sql : SampleDatabase.ddlStatements()) st.execute(sql);
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION, IS_CASH, OPENS_DRAWER) VALUES ('CASH', 'Cash', 'Y', 1), ('cash', 'Store credit', 'N', 0)");
            String pay = "INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT) VALUES ";
            st.execute(pay + "(1, 100, 1, 'cash', 1.00, '2024-01-15 14:00:00'), (1, 100, 2, 'CASH', 2.00, '2024-01-15 14:00:00'),"
                    + " (1, 100, 3, 'CASH', 4.00, '2024-01-15 14:00:00')");
            CodeKey.use("SQL_Latin1_General_CP1_CI_AS", Map.of("PAYTYPE.PAY_CODE", "Latin1_General_CS_AS", "TKTPAY.PAY_CODE", "Latin1_General_CS_AS",
                    "ARACCT.STATUS", "Latin1_General_CS_AS"));
            Map<String, BusinessReconciliation.Figure> byMethod = BusinessReconciliation.aimTotals(aim, Set.of(1, 4)).get("Payments per method per month");
            assertEquals(Map.of("method CASH, month 2024-01", new BusinessReconciliation.Figure(2, 600),
                    "method cash, month 2024-01", new BusinessReconciliation.Figure(1, 100)), byMethod);
            List<String> statements = BusinessReconciliation.aimStatements();
            assertTrue(statements.stream().anyMatch(q -> q.contains("FROM ARACCT a WHERE LTRIM(RTRIM(a.STATUS)) = 'O'")), statements.toString());
            assertTrue(statements.stream().anyMatch(q -> q.contains("WHERE UPPER(LTRIM(RTRIM(c.STATUS))) = 'A'")), "RENTCONT.STATUS is the database's");
            assertFalse(statements.stream().anyMatch(q -> q.contains(" COLLATE ")), "both PAY_CODE columns share one collation");

            // TKTPAY's PAY_CODE of another collation than PAYTYPE's: the payment's code takes the collation of the column
            // that defines the codes.
            CodeKey.use("SQL_Latin1_General_CP1_CI_AS", Map.of("PAYTYPE.PAY_CODE", "Latin1_General_CS_AS", "TKTPAY.PAY_CODE", "SQL_Latin1_General_CP1_CI_AS"));
            // The totals group the payments by their code as it is in that collation, so 'cash' and 'CASH' stay two codes
            // there, and a lookup of rejected payments gives each one's code so; the toolkit finds each code's method.
            String lookup = AimSalesFigures.payments().rowsSql("1 = 1"), totals = AimSalesFigures.payments().totalsSql();
            assertTrue(lookup.startsWith("SELECT p.PAY_CODE COLLATE Latin1_General_CS_AS, "), lookup);
            assertTrue(totals.startsWith("SELECT p.PAY_CODE COLLATE Latin1_General_CS_AS, "), totals);
            assertTrue(totals.contains(" GROUP BY p.PAY_CODE COLLATE Latin1_General_CS_AS, "), totals);
        } finally {
            CodeKey.use(null);
        }
    }
}
