package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * Codes on a real SQL Server-protocol server compare as AIM's collations say: the database's (case-insensitive:
 * 'a' is 'A'), and a column's own where it differs (a case-sensitive PAY_CODE keeps 'CASH' and 'cash' apart). These
 * change the server's copy of the sample and put it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerCollationTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    private static Run migrate(Path out, String... more) {
        return SqlServerTest.migrate(out, more);
    }

    /**
     * AIM's collation is case-insensitive: a status typed 'a' is 'A' to AIM and to the business figures' WHERE STATUS = 'A'
     * on the server. The toolkit read it as an unknown code, so an active rental and an open house account lost their
     * status in Helm and the figures did not reconcile (exit 1). The H2 sample compares case-sensitively and hid it.
     */
    @Test
    void lowerCaseStatusCodesAreTheSameCodesAsAimsCollationSays(@TempDir Path tmp) throws Exception {
        String[][] rows = { // table, key column, status, Helm table, legacy prefix
            {"RENTCONT", "CONTRACT_NO", "A", "rental_contracts", "RENTCONT:", "active"},
            {"ARACCT", "AR_ID", "O", "house_accounts", "ARACCT:", "open"},
            {"REPAIR", "RO_NO", "O", "repair_orders", "REPAIR:", "open"},
            {"LAYAWAY", "LAYAWAY_NO", "O", "layaways", "LAYAWAY:", "open"}};
        List<String> keys = new ArrayList<>();
        try (Connection db = TdsServer.connect()) {
            for (String[] r : rows) {
                keys.add(TestSupport.strings(db, "SELECT MIN(" + r[1] + ") FROM " + r[0] + " WHERE STATUS = '" + r[2] + "' AND ASCII(STATUS) = " + (int) r[2].charAt(0)).get(0));
            }
        }
        boolean changed = false;
        try {
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                changed = true;
                for (int i = 0; i < rows.length; i++) {
                    assertEquals(1, st.executeUpdate("UPDATE " + rows[i][0] + " SET STATUS = '" + rows[i][2].toLowerCase() + "' WHERE " + rows[i][1] + " = " + keys.get(i)));
                }
            }
            Run r = migrate(tmp.resolve("out"));
            assertEquals(0, r.exit(), "the figures reconcile: " + r.all());
            try (Connection helm = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("out/helm.sqlite"))) {
                for (int i = 0; i < rows.length; i++) {
                    assertEquals(List.of(rows[i][5]), TestSupport.strings(helm, "SELECT status FROM " + rows[i][3] + " WHERE legacy_key = '" + rows[i][4] + keys.get(i) + "'"),
                            rows[i][0] + " " + keys.get(i));
                }
            }
        } finally {
            if (changed) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    for (int i = 0; i < rows.length; i++) st.executeUpdate("UPDATE " + rows[i][0] + " SET STATUS = '" + rows[i][2] + "' WHERE " + rows[i][1] + " = " + keys.get(i));
                    TdsServer.changing(till, false);
                }
            }
        }
    }

    /**
     * A new user's server: PAY_CODE CHAR(4) COLLATE Latin1_General_CS_AS on PAYTYPE and TKTPAY in a case-insensitive AIM,
     * PAYTYPE holding 'CASH' (cash) and 'cash' (store credit), which the server keeps apart. The toolkit compared every
     * code as the database's collation says: 'CASH' was rejected as the same code as 'cash', every cash payment went to
     * store credit with is_cash 0, and AIM's side of the payments figure, folding the codes alike, agreed (exit 0). Now
     * each column compares as its collation says. (The TDS server names the column's collation bbf_unicode_cp1_cs_as;
     * SQL Server names it Latin1_General_CS_AS.) With TKTPAY.PAY_CODE left in the database's collation, AIM's side of the
     * payments figure groups the payments by their code in PAYTYPE's collation (a COLLATE), so 'cash' and 'CASH' stay
     * two codes there, as the toolkit looks them up; CollationFiguresTest checks that the COLLATE is written.
     */
    @ParameterizedTest(name = "TKTPAY.PAY_CODE case-sensitive too: {0}")
    @ValueSource(booleans = {true, false})
    @SuppressWarnings("unchecked")
    void aCaseSensitivePayCodeColumnKeepsCashAndStoreCreditApart(boolean paymentsToo, @TempDir Path tmp) throws Exception {
        List<int[]> credit = new ArrayList<>();
        boolean changed = false;
        try {
            long cash, storeCredit, creditTaken, storeCreditTaken;
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                changed = true;
                payCodes(st, " COLLATE Latin1_General_CS_AS", paymentsToo ? List.of("PAYTYPE", "TKTPAY") : List.of("PAYTYPE"));
                st.executeUpdate("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION, IS_CASH, OPENS_DRAWER) VALUES ('cash', 'Store credit', 'N', 0)");
                try (ResultSet rs = st.executeQuery("SELECT STORE_NO, TICKET_NO, PAY_SEQ FROM TKTPAY WHERE PAY_CODE = 'CASH' AND TICKET_NO % 4 = 0")) {
                    while (rs.next()) credit.add(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                }
                setPayCode(till, credit, "cash");
                String loadable = " AND AMOUNT IS NOT NULL AND EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)";
                cash = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) COLLATE Latin1_General_CS_AS = 'CASH'" + loadable).get(0));
                storeCredit = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) COLLATE Latin1_General_CS_AS = 'cash'" + loadable).get(0));
                // The payments figure's: a voided ticket's payment was given back with the void (the sample's VOIDED is 'Y' or 'N').
                String taken = " AND NOT EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO AND t.VOIDED = 'Y')";
                storeCreditTaken = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) COLLATE Latin1_General_CS_AS = 'cash'" + loadable + taken).get(0));
                creditTaken = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) COLLATE Latin1_General_CS_AS = 'cash'" + taken).get(0));
            }
            assertTrue(cash > 0 && storeCredit > 0, cash + " / " + storeCredit);
            List<String> check = new ArrayList<>(List.of("--check-source"));
            check.addAll(TdsServer.sourceArgs());
            Run c = TestSupport.run(new MigrateAimCommand(TdsServer.env()), check.toArray(new String[0]));
            assertEquals(0, c.exit(), c.all());
            // The TDS server names the collation its own way (bbf_unicode_cp1_cs_as for Latin1_General_CS_AS).
            assertTrue(c.out().matches("(?s).*\\n  PAYTYPE\\.PAY_CODE is \\S+: case-sensitive, where the database \\(\\S+\\) is not: 'CASH' and 'cash' are two codes there\\n.*"), c.out());
            assertEquals(paymentsToo, c.out().contains("\n  TKTPAY.PAY_CODE is "), c.out());
            Run r = migrate(tmp.resolve("out"));
            assertEquals(0, r.exit(), "the figures reconcile: " + r.all());
            Path rejects = tmp.resolve("out/rejects/PAYTYPE.csv");
            assertFalse(Files.exists(rejects) && Files.readString(rejects).contains("duplicate_code"), "no code lost");
            try (Connection helm = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("out/helm.sqlite"))) {
                assertEquals(List.of("CASH|1|" + cash, "cash|0|" + storeCredit), TestSupport.strings(helm, "SELECT m.code || '|' || m.is_cash || '|'"
                        + " || (SELECT COUNT(*) FROM sale_payments p WHERE p.payment_method_id = m.id) FROM payment_methods m"
                        + " WHERE m.code IN ('CASH', 'cash') ORDER BY m.code"), "each payment on its own method");
            }
            // AIM's side of the figure keeps store credit apart too: its rows on method cash are the payments Helm has there.
            Map<String, Object> business = (Map<String, Object>) SampleRun.report(tmp.resolve("out")).get("business");
            long aimCredit = 0, helmCredit = 0;
            for (Map<String, Object> f : (List<Map<String, Object>>) business.get("figures")) {
                if (!f.get("name").equals("Payments per method per month")) continue;
                for (Map<String, Object> l : (List<Map<String, Object>>) f.get("lines")) {
                    if (!((String) l.get("key")).startsWith("method cash, ")) continue;
                    aimCredit += ((Number) l.get("aim_rows")).longValue();
                    helmCredit += ((Number) l.get("helm_rows")).longValue();
                }
            }
            assertEquals(storeCreditTaken, helmCredit);
            assertEquals(creditTaken, aimCredit, "every payment AIM holds as 'cash', its ticket not voided");
            assertTrue(creditTaken < credit.size(), "some of them are of voided tickets: " + creditTaken + " of " + credit.size());
            assertEquals(Boolean.TRUE, business.get("ok"));
        } finally {
            if (changed) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    setPayCode(till, credit, "CASH");
                    st.executeUpdate("DELETE FROM PAYTYPE WHERE PAY_CODE = 'cash'");
                    payCodes(st, "", paymentsToo ? List.of("PAYTYPE", "TKTPAY") : List.of("PAYTYPE"));
                    TdsServer.changing(till, false);
                }
            }
        }
    }

    /**
     * {@code tables} (PAYTYPE, TKTPAY) rebuilt with {@code collate} after their PAY_CODE ("": the database's collation), their
     * rows kept. (The TDS server refuses COLLATE in ALTER TABLE ALTER COLUMN, and SQL Server alters no primary key column's.)
     */
    private static void payCodes(Statement st, String collate, List<String> tables) throws Exception {
        for (String table : tables) {
            String ddl = lib.sample.SampleDatabase.ddlStatements().stream().filter(d -> d.contains("CREATE TABLE " + table + " ")).findFirst().orElseThrow();
            st.execute("SELECT * INTO " + table + "_WAS FROM " + table);
            st.execute("DROP TABLE " + table);
            st.execute(ddl.replaceFirst("PAY_CODE( +)CHAR\\(4\\)", "PAY_CODE$1CHAR(4)" + collate));
            st.execute("INSERT INTO " + table + " SELECT * FROM " + table + "_WAS");
            st.execute("DROP TABLE " + table + "_WAS");
        }
    }

    private static void setPayCode(Connection db, List<int[]> keys, String code) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("UPDATE TKTPAY SET PAY_CODE = ? WHERE STORE_NO = ? AND TICKET_NO = ? AND PAY_SEQ = ?")) {
            for (int[] k : keys) {
                ps.setString(1, code);
                for (int i = 0; i < 3; i++) ps.setInt(i + 2, k[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
