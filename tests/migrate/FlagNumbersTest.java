package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.source.AimFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * A flag kept as a number other than 0 or 1: a shop's INT soft delete holding 2 or -1. The toolkit reads any number
 * but 0 as set (SQL Server's CAST to BIT) and skips the product; AIM's side of the stock figure took only 1 as set, so
 * the figure failed (exit 1) on a correct migration.
 */
class FlagNumbersTest {
    /**
     * Each column's rows 1-3 hold a flag that is set, rows 4-5 one that is not (0, or NULL: the default of a soft
     * delete); written out here, as SQL Server's CAST(x AS BIT) reads them.
     */
    static final String ROWS = "INSERT INTO F VALUES (1, 2, 0.50, -1, 2.0, 'Y'), (2, -1, -1.00, 2.5, -0.25, ' t '), (3, 1, 1.00, 1, 1e-5, 'yes'),"
            + " (4, 0, 0.00, 0, 0.0, 'N'), (5, NULL, NULL, NULL, NULL, NULL)";

    /** The rows of F whose {@code column} AIM's side of the figures takes as set. */
    static List<String> setRows(Connection aim, String column, boolean whenNull) throws Exception {
        return TestSupport.strings(aim, "SELECT ID FROM F WHERE " + AimFigures.isSet(column, whenNull) + " ORDER BY ID");
    }

    static void createFlags(Statement st) throws Exception {
        st.execute("CREATE TABLE F (ID INT, I INT, D DECIMAL(5, 2), M MONEY, R FLOAT, C VARCHAR(8))");
        st.execute(ROWS);
    }

    @Test
    void aNumberOtherThanZeroIsSetInEveryNumericTypeAndNullIsTheDefault() throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:flagnumbers;MODE=MSSQLServer"); Statement st = aim.createStatement()) {
            createFlags(st);
            for (String column : List.of("I", "D", "M", "R", "C")) {
                assertEquals(List.of("1", "2", "3"), setRows(aim, column, false), column);
                assertEquals(List.of("1", "2", "3", "5"), setRows(aim, column, true), column + ", NULL set by default");
            }
        }
    }

    @Test
    void anIntSoftDeleteHoldingTwoOrMinusOneReconcilesTheStockFigure(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        long kept;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE INVMAST ALTER COLUMN DELETED INT");
            assertTrue(st.executeUpdate("UPDATE INVMAST SET DELETED = CASE WHEN MOD(ITEM_ID, 2) = 0 THEN 2 ELSE -1 END WHERE DELETED = 1") > 2);
            assertTrue(st.executeUpdate("UPDATE INVMAST SET DELETED = NULL WHERE DELETED = 0 AND MOD(ITEM_ID, 13) = 0") > 0);
            kept = TestSupport.count(aim, "SELECT COUNT(*) FROM INVMAST WHERE DELETED = 0 OR DELETED IS NULL");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-3", "--source", url);
        assertEquals(0, run.exit(), run.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"), String.valueOf(business));
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            assertEquals(kept, TestSupport.count(helm, "SELECT count(*) FROM products"), "every product set deleted, 2 or -1, is skipped");
        }
    }

    /**
     * A ticket's VOIDED and a gift card's ACTIVE kept as INT, set as 2 or -1: the toolkit reads them set, and so must AIM's
     * side of the sales, voided-ticket and gift-card figures, which took only 1 as set and failed (exit 1); the toolkit
     * rejected a ticket whose VOIDED was 2 (a CHAR flag, read as its text). The same tickets are voided and the same cards
     * active as in the sample whose flags are 'Y' and a BIT.
     */
    @Test
    void anIntVoidedOrActiveHoldingTwoOrMinusOneReconcilesTheSalesAndGiftCardFigures(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        long voided, active;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            voided = TestSupport.count(aim, "SELECT COUNT(*) FROM TICKET WHERE VOIDED = 'Y'");
            assertTrue(voided > 2);
            st.executeUpdate("UPDATE TICKET SET VOIDED = CASE WHEN VOIDED = 'Y' THEN '1' ELSE '0' END");
            st.execute("ALTER TABLE TICKET ALTER COLUMN VOIDED INT");
            st.executeUpdate("UPDATE TICKET SET VOIDED = CASE WHEN MOD(TICKET_NO, 2) = 0 THEN 2 ELSE -1 END WHERE VOIDED = 1");
            st.execute("ALTER TABLE GIFTCARD ALTER COLUMN ACTIVE INT");
            assertTrue(st.executeUpdate("UPDATE GIFTCARD SET ACTIVE = CASE WHEN MOD(ASCII(RIGHT(CARD_NO, 1)), 2) = 0 THEN 2 ELSE -1 END WHERE ACTIVE = 1") > 2);
            assertEquals(List.of("-1", "2"), TestSupport.strings(aim, "SELECT DISTINCT VOIDED FROM TICKET WHERE VOIDED <> 0 ORDER BY 1"));
            assertEquals(List.of("-1", "2"), TestSupport.strings(aim, "SELECT DISTINCT ACTIVE FROM GIFTCARD WHERE ACTIVE <> 0 ORDER BY 1"));
            active = TestSupport.count(aim, "SELECT COUNT(*) FROM GIFTCARD WHERE ACTIVE <> 0 OR ACTIVE IS NULL");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"), String.valueOf(business));
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the same rows as where the flags are 'Y' and a BIT: every ticket loaded, the same voided, the same cards active");
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            assertTrue(TestSupport.count(helm, "SELECT count(*) FROM sales WHERE is_void = 1") > voided / 2, "most of AIM's voided tickets are loaded voided");
            assertEquals(active, TestSupport.count(helm, "SELECT count(*) FROM gift_cards WHERE is_active = 1"), "every card set active, 2, -1 or NULL");
        }
    }
}
