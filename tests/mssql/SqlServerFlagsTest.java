package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.source.AimFigures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A flag kept as a number other than 0 or 1 on a real SQL Server-protocol server: AIM's side of the figures takes it as
 * set where SQL Server's CAST to BIT and the toolkit do (tests/migrate/FlagNumbersTest on H2). The run changes the
 * server's copy of the sample and puts it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerFlagsTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @Test
    void aNumberOtherThanZeroIsSetInEveryTypeOnTheServerAsItsCastToBitSays() throws Exception {
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE #F (ID INT, B BIT, I INT, D DECIMAL(5, 2), M MONEY, R FLOAT, C VARCHAR(8))");
            st.execute("INSERT INTO #F VALUES (1, 1, 2, 0.50, -1, 2.0, 'Y'), (2, 1, -1, -1.00, 2.5, -0.25, ' t '), (3, 1, 1, 1.00, 1, 1e-5, 'yes'),"
                    + " (4, 0, 0, 0.00, 0, 0.0, 'N'), (5, NULL, NULL, NULL, NULL, NULL, NULL)");
            for (String column : List.of("B", "I", "D", "M", "R", "C")) {
                assertEquals(List.of("1", "2", "3"), TestSupport.strings(db, "SELECT ID FROM #F WHERE " + AimFigures.isSet(column, false) + " ORDER BY ID"), column);
                assertEquals(List.of("1", "2", "3", "5"), TestSupport.strings(db, "SELECT ID FROM #F WHERE " + AimFigures.isSet(column, true) + " ORDER BY ID"),
                        column + ", NULL set by default");
                if (column.equals("C") || column.equals("M")) continue; // Babelfish does not cast MONEY to BIT (SQL Server does)
                // The server's own reading of each number as a flag, which the toolkit follows.
                assertEquals(List.of("1", "2", "3"), TestSupport.strings(db, "SELECT ID FROM #F WHERE CAST(" + column + " AS BIT) = 1 ORDER BY ID"), column);
            }
        }
    }

    @Test
    void anIntSoftDeleteHoldingTwoOrMinusOneReconcilesTheStockFigureOnTheServer(@TempDir Path tmp) throws Exception {
        boolean changed = false;
        long kept;
        try {
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                changed = true;
                st.execute("ALTER TABLE INVMAST ALTER COLUMN DELETED INT");
                assertTrue(st.executeUpdate("UPDATE INVMAST SET DELETED = CASE WHEN ITEM_ID % 2 = 0 THEN 2 ELSE -1 END WHERE DELETED = 1") > 2);
                kept = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM INVMAST WHERE DELETED = 0 OR DELETED IS NULL").get(0));
            }
            Run r = SqlServerTest.migrate(tmp.resolve("out"));
            assertEquals(0, r.exit(), "the stock figure reconciles: " + r.all());
            @SuppressWarnings("unchecked")
            Map<String, Object> business = (Map<String, Object>) SampleRun.report(tmp.resolve("out")).get("business");
            assertEquals(Boolean.TRUE, business.get("ok"));
            try (Connection helm = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("out/helm.sqlite"))) {
                assertEquals(kept, TestSupport.count(helm, "SELECT count(*) FROM products"));
            }
        } finally {
            if (changed) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    st.executeUpdate("UPDATE INVMAST SET DELETED = 1 WHERE DELETED <> 0");
                    st.execute("ALTER TABLE INVMAST ALTER COLUMN DELETED BIT"); // NULL as before (Babelfish takes no NULL here)
                    TdsServer.changing(till, false);
                }
            }
        }
    }

    /**
     * A ticket's VOIDED and a gift card's ACTIVE kept as INT, set as 2 or -1, on the server: read by their type, AIM's side of
     * the sales, voided-ticket and gift-card figures takes them as set as the toolkit does, and the run loads what it loads
     * from the H2 sample whose flags are 'Y' and a BIT (tests/migrate/FlagNumbersTest on H2).
     */
    @Test
    void anIntVoidedOrActiveHoldingTwoOrMinusOneReconcilesTheFiguresOnTheServer(@TempDir Path tmp) throws Exception {
        boolean changed = false;
        try {
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                changed = true;
                st.executeUpdate("UPDATE TICKET SET VOIDED = CASE WHEN VOIDED = 'Y' THEN '1' ELSE '0' END");
                st.execute("ALTER TABLE TICKET ALTER COLUMN VOIDED INT");
                assertTrue(st.executeUpdate("UPDATE TICKET SET VOIDED = CASE WHEN TICKET_NO % 2 = 0 THEN 2 ELSE -1 END WHERE VOIDED = 1") > 2);
                st.execute("ALTER TABLE GIFTCARD ALTER COLUMN ACTIVE INT");
                assertTrue(st.executeUpdate("UPDATE GIFTCARD SET ACTIVE = CASE WHEN ASCII(RIGHT(CARD_NO, 1)) % 2 = 0 THEN 2 ELSE -1 END WHERE ACTIVE = 1") > 2);
                assertEquals(List.of("-1", "2"), TestSupport.strings(till, "SELECT DISTINCT ACTIVE FROM GIFTCARD WHERE ACTIVE <> 0 ORDER BY 1"));
            }
            Run r = SqlServerTest.migrate(tmp.resolve("out"));
            assertEquals(0, r.exit(), "the figures reconcile: " + r.all());
            @SuppressWarnings("unchecked")
            Map<String, Object> business = (Map<String, Object>) SampleRun.report(tmp.resolve("out")).get("business");
            assertEquals(Boolean.TRUE, business.get("ok"));
            assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(tmp.resolve("out/d1/all.sql")),
                    "every ticket loaded, the same voided and the same cards active as from the sample's 'Y' and BIT");
        } finally {
            if (changed) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    st.executeUpdate("UPDATE TICKET SET VOIDED = 1 WHERE VOIDED <> 0");
                    st.execute("ALTER TABLE TICKET ALTER COLUMN VOIDED CHAR(1)");
                    st.executeUpdate("UPDATE TICKET SET VOIDED = CASE WHEN VOIDED = '1' THEN 'Y' ELSE 'N' END");
                    st.executeUpdate("UPDATE GIFTCARD SET ACTIVE = 1 WHERE ACTIVE <> 0");
                    st.execute("ALTER TABLE GIFTCARD ALTER COLUMN ACTIVE BIT");
                    TdsServer.changing(till, false);
                }
            }
        }
    }
}
