package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.cli.Cli;
import lib.cli.MigrateAimCommand;
import lib.report.BusinessReconciliation;
import lib.sample.TsqlColumn;
import lib.slices.Slices;
import lib.source.AimFigures;
import lib.source.AimSubset;
import lib.source.Isolation;
import lib.source.SourceConnection;
import lib.source.SourceProfile;
import lib.source.SourceTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * The production path against a real SQL Server-protocol server: these run only when
 * AIM_TEST_MSSQL_URL names one (CI starts Babelfish from ../shared/tds). The scale-1
 * sample is copied there from the H2 sample, and every run must give exactly the
 * bytes the H2 sample gives.
 */
@Tag("slow")
class SqlServerTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @Test
    void theSampleLoadsIntoTheServerUnchanged() throws Exception {
        Map<String, String> h2 = new TreeMap<>(), server = new TreeMap<>();
        try (Connection a = TestSupport.h2(SampleRun.sample().jdbcUrl()); Connection b = TdsServer.connect()) {
            for (Map.Entry<String, List<TsqlColumn>> t : TdsServer.tables().entrySet()) {
                // TdsServer.TEXT_WITHOUT_NUL: the one documented difference, applied to the H2 side before hashing.
                h2.put(t.getKey(), TdsServer.contentHash(a, t.getKey(), t.getValue(), true));
                server.put(t.getKey(), TdsServer.contentHash(b, t.getKey(), t.getValue(), false));
            }
        }
        assertEquals(25, server.size());
        assertEquals(h2, server, "every table's content, H2 sample against the server");
    }

    @Test
    void aFiguresSumOfCentsIsExactBeyondABigint() throws Exception {
        // MONEY's largest amount is 92,233,720,368,547,758 cents (rounded): 99 of them fit a BIGINT, 101 do not. Run on the
        // TDS server (Babelfish); the DECIMAL(38, 4) arithmetic is SQL Server's documented rule as well. The server sums
        // as DECIMAL, exact either way, and lib.report.FigureSums reads it so, where a cast to BIGINT would fail (Msg 8115).
        String money = "SELECT CAST(922337203685477.5807 AS MONEY) AS X";
        String sum = AimFigures.sum(AimFigures.cents("t.X"));
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            for (int n : new int[] {99, 101}) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*), " + sum + " FROM (" + String.join(" UNION ALL ", java.util.Collections.nCopies(n, money)) + ") t")) {
                    assertTrue(rs.next());
                    assertEquals(n, rs.getLong(1));
                    assertEquals(java.math.BigInteger.valueOf(92_233_720_368_547_758L).multiply(java.math.BigInteger.valueOf(n)),
                            rs.getBigDecimal(2).toBigIntegerExact(), n + " of them");
                }
            }
        }
    }

    @Test
    void aimsCentsAreTheToolkitsInEveryAmountTypeOnTheServer() throws Exception {
        try (Connection db = TdsServer.connect()) {
            tests.source.AimCentsTest.assertRoundsAsTheToolkit(db, 200);
        }
    }

    @Test
    void everyStatementTheToolkitSendsToAimRunsOnTheServer() throws Exception {
        List<SourceTable> tables = new ArrayList<>();
        Slices.ALL.forEach(s -> tables.addAll(s.reads()));
        List<String> statements = new ArrayList<>();
        AimSubset subset = new AimSubset(3); // --limit 3: the subset's conditions are T-SQL too
        for (SourceTable t : tables) {
            statements.add(t.selectSql());
            statements.add(t.countSql());
            statements.add(subset.selectSql(t));
            statements.add(subset.countSql(t));
        }
        statements.add(Isolation.SNAPSHOT_STATE_SQL);
        statements.addAll(SourceProfile.statements(tables));
        statements.addAll(BusinessReconciliation.aimStatements());
        List<String> failed = new ArrayList<>();
        try (Connection db = TdsServer.connect()) {
            for (String sql : statements) {
                try (PreparedStatement st = db.prepareStatement(sql)) {
                    long params = sql.chars().filter(c -> c == '?').count(); // no statement holds a '?' in a literal
                    // A key as text: SQL Server converts '1' to a number for a numeric key column, and a text key (a gift card's
                    // CARD_NO) takes it as it is, where a number would make it convert every CARD_NO and fail.
                    for (int i = 1; i <= params; i++) st.setString(i, "1");
                    st.setMaxRows(10);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) rs.getObject(1);
                    }
                } catch (Exception e) {
                    failed.add(sql + "\n    -> " + e.getMessage());
                }
            }
        }
        assertTrue(statements.size() > 100, statements.size() + " statements");
        assertEquals(List.of(), failed, "statements the server refused");
    }

    @Test
    void manyRejectedRowsAreLookedUpInBatchesOnTheServer(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            tests.migrate.RejectedRowsExplainTest.assertManyRejectsExplainTheirRowsOnce(db, tmp);
        }
    }

    @Test
    void rejectedGiftCardsNumberedInDigitsExplainTheirBalancesOnTheServer(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            TdsServer.changing(db, true);
            try {
                tests.migrate.RejectedRowsExplainTest.assertDigitCardNumbersExplainTheirRows(db, tmp);
            } finally {
                TdsServer.changing(db, false);
            }
        }
    }

    @Test
    void aFullRunEqualsTheH2SampleByteForByte(@TempDir Path tmp) throws Exception {
        Run r = migrate(tmp.resolve("out"));
        assertEquals(0, r.exit(), r.all());
        assertSameD1(tmp.resolve("out"));
        String business = Files.readString(tmp.resolve("out/report.md"));
        assertTrue(business.contains("Open house-account balances"), "the business figures were computed on the server");
    }

    /** Every isolation mode gives the sample's bytes; read-committed also with one reader instead of four (--jobs 1). */
    @Test
    void everyIsolationModeAndOneReaderGiveTheSameBytes(@TempDir Path tmp) throws Exception {
        for (String mode : List.of("snapshot", "read-uncommitted", "read-committed", "consistent")) {
            Path out = tmp.resolve(mode);
            Run r = mode.equals("read-committed") ? migrate(out, "--isolation", mode, "--jobs", "1") : migrate(out, "--isolation", mode);
            assertEquals(0, r.exit(), mode + ": " + r.all());
            assertSameD1(out);
            String report = Files.readString(out.resolve("report.md"));
            assertTrue(report.contains("isolation " + mode), mode + " is named in the report");
        }
    }

    /**
     * A live till writes while a consistent run reads: a ticket's total changes after the run
     * started. The tables and the business figures both come from the run's one snapshot, so
     * the output is the untouched sample's and the figures balance.
     */
    @Test
    void aConsistentRunReadsTheBusinessFiguresInItsOwnSnapshot(@TempDir Path tmp) throws Exception {
        String change = "UPDATE TICKET SET TOTAL = TOTAL + 1000 WHERE STORE_NO = 1 AND TICKET_NO = 100001";
        String undo = "UPDATE TICKET SET TOTAL = TOTAL - 1000 WHERE STORE_NO = 1 AND TICKET_NO = 100001";
        boolean[] changed = {false};
        List<String> args = args(tmp.resolve("out"), "--isolation", "consistent");
        args.remove("--quiet"); // the slice headings are the moment to change the data
        StringWriter seen = new StringWriter();
        Writer watch = new Writer() {
            @Override
            public void write(char[] b, int off, int len) throws IOException {
                seen.write(b, off, len);
                if (!changed[0] && seen.toString().contains("Slice 1 ")) {
                    try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                        TdsServer.changing(till, true);
                        assertEquals(1, st.executeUpdate(change));
                    } catch (java.sql.SQLException e) {
                        throw new IOException(e);
                    }
                    changed[0] = true;
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        try {
            CommandLine cl = Cli.commandLine(new MigrateAimCommand(TdsServer.env()));
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(watch, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args.toArray(new String[0]));
            assertTrue(changed[0], "the till wrote during the run");
            assertEquals(0, exit, seen + "\n" + err);
        } finally {
            if (changed[0]) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    st.executeUpdate(undo);
                    TdsServer.changing(till, false);
                }
            }
        }
        assertSameD1(tmp.resolve("out"));
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
     * SQL Server names it Latin1_General_CS_AS.)
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCaseSensitivePayCodeColumnKeepsCashAndStoreCreditApart(@TempDir Path tmp) throws Exception {
        List<int[]> credit = new ArrayList<>();
        boolean changed = false;
        try {
            long cash, storeCredit;
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                changed = true;
                payCodes(st, " COLLATE Latin1_General_CS_AS");
                st.executeUpdate("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION, IS_CASH, OPENS_DRAWER) VALUES ('cash', 'Store credit', 'N', 0)");
                try (ResultSet rs = st.executeQuery("SELECT STORE_NO, TICKET_NO, PAY_SEQ FROM TKTPAY WHERE PAY_CODE = 'CASH' AND TICKET_NO % 4 = 0")) {
                    while (rs.next()) credit.add(new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)});
                }
                setPayCode(till, credit, "cash");
                String loadable = " AND AMOUNT IS NOT NULL AND EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)";
                cash = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) = 'CASH'" + loadable).get(0));
                storeCredit = Long.parseLong(TestSupport.strings(till, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(PAY_CODE)) = 'cash'" + loadable).get(0));
            }
            assertTrue(cash > 0 && storeCredit > 0, cash + " / " + storeCredit);
            List<String> check = new ArrayList<>(List.of("--check-source"));
            check.addAll(TdsServer.sourceArgs());
            Run c = TestSupport.run(new MigrateAimCommand(TdsServer.env()), check.toArray(new String[0]));
            assertEquals(0, c.exit(), c.all());
            // The TDS server names the collation its own way (bbf_unicode_cp1_cs_as for Latin1_General_CS_AS).
            assertTrue(c.out().matches("(?s).*\\n  PAYTYPE\\.PAY_CODE is \\S+: case-sensitive, where the database \\(\\S+\\) is not: 'CASH' and 'cash' are two codes there\\n.*"), c.out());
            assertTrue(c.out().contains("\n  TKTPAY.PAY_CODE is "), c.out());
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
            assertEquals(storeCredit, helmCredit);
            assertEquals(credit.size(), aimCredit, "every payment AIM holds as 'cash'");
            assertEquals(Boolean.TRUE, business.get("ok"));
        } finally {
            if (changed) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    setPayCode(till, credit, "CASH");
                    st.executeUpdate("DELETE FROM PAYTYPE WHERE PAY_CODE = 'cash'");
                    payCodes(st, "");
                    TdsServer.changing(till, false);
                }
            }
        }
    }

    /**
     * PAYTYPE and TKTPAY rebuilt with {@code collate} after their PAY_CODE ("": the database's collation), their rows
     * kept. (The TDS server refuses COLLATE in ALTER TABLE ALTER COLUMN, and SQL Server alters no primary key column's.)
     */
    private static void payCodes(Statement st, String collate) throws Exception {
        for (String table : new String[] {"PAYTYPE", "TKTPAY"}) {
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

    @Test
    void checkSourceAndProfileWorkOnTheServer(@TempDir Path tmp) throws Exception {
        List<String> check = new ArrayList<>(List.of("--check-source"));
        check.addAll(TdsServer.sourceArgs());
        Run c = TestSupport.run(new MigrateAimCommand(TdsServer.env()), check.toArray(new String[0]));
        assertEquals(0, c.exit(), c.all());
        assertTrue(c.out().contains("Microsoft SQL Server"), c.out());
        assertTrue(c.out().contains("Every table and column the selected slices read is there."), c.out());
        assertFalse(c.out().contains("another type"), "the sample's types, as the server's driver reports them, are AIM v12's: " + c.out());
        assertFalse(c.out().contains("compare case otherwise"), "the sample's columns compare as its database does: " + c.out());

        List<String> profile = new ArrayList<>(List.of("--profile", "--out", tmp.resolve("server").toString(), "--quiet"));
        profile.addAll(TdsServer.sourceArgs());
        Run p = TestSupport.run(new MigrateAimCommand(TdsServer.env()), profile.toArray(new String[0]));
        assertEquals(0, p.exit(), p.all());
        Run h = SampleRun.migrate(tmp.resolve("h2"), "--profile", "--sample");
        assertEquals(0, h.exit(), h.all());
        // The repeated keys and the orphans are counted by the server's own SQL: they must equal the H2 sample's.
        assertEquals(tail(tmp.resolve("h2/profile.md")), tail(tmp.resolve("server/profile.md")));
    }

    /**
     * The preflight on the server: a table's columns as {@code SELECT TOP 0 *} returns them, and a table that
     * probe cannot read looked up in the catalogue, so a missing table and a missing column are both named.
     */
    @Test
    void thePreflightNamesAMissingTableAndAMissingColumn() throws Exception {
        SourceTable absent = SourceTable.of("NO_SUCH_TABLE", "nowhere", "ID");
        SourceTable lacking = SourceTable.of("TICKET", "sales", "STORE_NO", "TICKET_NO").columns("TOTAL", "NO_SUCH_COLUMN");
        SourceTable complete = Slices.get(4).reads().get(0);
        try (Connection db = TdsServer.connect()) {
            assertEquals(List.of("table NO_SUCH_TABLE (slice 9)", "column TICKET.NO_SUCH_COLUMN (slice 9)"),
                    SourceConnection.missing(db, List.of(absent, lacking, complete), t -> 9));
            assertEquals(List.of(), SourceConnection.missing(db, Slices.get(4).reads(), t -> 4));
        }
    }

    private static String tail(Path profile) throws IOException {
        String md = Files.readString(profile);
        return md.substring(md.indexOf("## Would-be keys that repeat"));
    }

    private static List<String> args(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--all", "--out", out.toString(), "--migrations",
                TestSupport.repo().resolve("migrations").toString(), "--quiet"));
        args.addAll(TdsServer.sourceArgs());
        args.addAll(List.of(more));
        return args;
    }

    private static Run migrate(Path out, String... more) {
        return TestSupport.run(new MigrateAimCommand(TdsServer.env()), args(out, more).toArray(new String[0]));
    }

    private static void assertSameD1(Path out) throws IOException {
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the server and the H2 sample give the same D1 bytes");
    }
}
