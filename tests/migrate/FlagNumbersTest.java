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
}
