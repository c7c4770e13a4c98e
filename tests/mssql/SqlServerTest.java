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
import lib.source.SourceCollation;
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
        statements.addAll(BusinessReconciliation.aimStatements()); // a flag whose type is unknown, read whole
        try (Connection db = TdsServer.connect()) {
            SourceCollation.use(db, Slices.tableNames()); // as a run reads the types: a text VOIDED, a BIT ACTIVE
            statements.addAll(BusinessReconciliation.aimStatements());
        } finally {
            SourceCollation.use(null, List.of());
        }
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

    static Run migrate(Path out, String... more) {
        return TestSupport.run(new MigrateAimCommand(TdsServer.env()), args(out, more).toArray(new String[0]));
    }

    private static void assertSameD1(Path out) throws IOException {
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(out.resolve("d1/all.sql")),
                "the server and the H2 sample give the same D1 bytes");
    }
}
