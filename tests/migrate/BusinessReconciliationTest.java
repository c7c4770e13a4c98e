package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.report.BusinessReconciliation;
import lib.sample.SampleDatabase;
import lib.report.BusinessReconciliation.Line;
import lib.report.BusinessReconciliation.Result;
import lib.source.AimFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** AIM's business figures against Helm's, on the sample and with a planted discrepancy. */
public class BusinessReconciliationTest {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    @SuppressWarnings("unchecked")
    void everyFigureBalancesOnTheSampleAndTheRejectedPaymentsExplainTheOnlyDifference() throws Exception {
        Path out = SampleRun.full();
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"));
        List<Map<String, Object>> figures = (List<Map<String, Object>>) business.get("figures");
        assertEquals(15, figures.size());
        Map<String, Object> payments = figures.stream().filter(f -> f.get("name").equals("Payments per method per month")).findFirst().orElseThrow();
        long explainedRows = 0, explainedCents = 0;
        for (Map<String, Object> l : (List<Map<String, Object>>) payments.get("lines")) {
            explainedRows += ((Number) l.get("explained_rows")).longValue();
            explainedCents += ((Number) l.get("explained")).longValue();
        }
        // The orphan payments planted by the generator, summed with plain SQL on the sample.
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            String orphans = " FROM TKTPAY p WHERE NOT EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)";
            assertEquals(TestSupport.count(aim, "SELECT COUNT(*)" + orphans), explainedRows);
            assertEquals(TestSupport.count(aim, "SELECT SUM(CAST(ROUND(AMOUNT * 100, 0) AS BIGINT))" + orphans), explainedCents);
            assertTrue(explainedRows > 0);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Business reconciliation: AIM against Helm"));
        assertTrue(md.contains("### Stock on hand per store"));
    }

    @Test
    void aChangedSaleInHelmIsCaughtOnItsStoreAndMonthAndNowhereElse(@TempDir Path tmp) throws Exception {
        Path out = SampleRun.full();
        Path helm = Files.copy(out.resolve("helm.sqlite"), tmp.resolve("helm.sqlite"));
        String store, month;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + helm); Statement st = db.createStatement()) {
            // A July afternoon sale: local month = UTC month, so the expected key is plain.
            List<String> sale = TestSupport.strings(db, "SELECT s.id || '|' || substr(st.legacy_key, 7) || '|' || substr(s.sold_at, 1, 7)"
                    + " FROM sales s JOIN stores st ON st.id = s.store_id WHERE substr(s.sold_at, 6, 2) = '07' AND substr(s.sold_at, 12, 2) = '18' AND s.is_void = 0"
                    + " ORDER BY s.id LIMIT 1");
            String[] p = sale.get(0).split("\\|");
            store = p[1];
            month = p[2];
            st.executeUpdate("UPDATE sales SET total_cents = total_cents + 123 WHERE id = " + p[0]);
        }
        List<Result> results;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Connection db = DriverManager.getConnection("jdbc:sqlite:" + helm)) {
            results = BusinessReconciliation.compute(aim, db, CHICAGO, out.resolve("rejects"), Set.of(1, 2, 3, 4, 5, 6, 7));
        }
        Result sales = results.stream().filter(r -> r.name().equals("Sales per store per month")).findFirst().orElseThrow();
        assertFalse(sales.ok());
        List<Line> broken = sales.lines().stream().filter(l -> !l.balances()).toList();
        assertEquals(1, broken.size(), broken.toString());
        assertEquals("store " + store + ", month " + month, broken.get(0).key());
        assertEquals(BigInteger.valueOf(-123), broken.get(0).aim().amount().subtract(broken.get(0).helm().amount()));
        assertTrue(results.stream().filter(r -> r != sales).allMatch(Result::ok), "the other figures still balance");
    }

    /**
     * The owner's money figures (tax, voided tickets and their payments, gift cards, layaways, special-order deposits,
     * repairs): a cent more on one row Helm counts breaks that figure on that row's key and nowhere else (a voided ticket's
     * total or tax breaks the voided tickets' figure, not the sales or the tax; a payment of one, not the payments); a
     * change to a row the figure leaves out (a completed layaway's payment, a picked-up repair's estimate) breaks nothing,
     * so both sides pick the same rows.
     */
    @Test
    void eachOfTheOwnersMoneyFiguresCatchesACentOnItsOwnRowsAndOnlyThere(@TempDir Path tmp) throws Exception {
        String store = "(SELECT substr(st.legacy_key, 7) FROM stores st WHERE st.id = x.store_id)";
        List<String[]> cases = List.of(
                new String[] {BusinessReconciliation.TAX, "sales", "tax_cents", "x.is_void = 0", "'store ' || " + store},
                new String[] {BusinessReconciliation.VOIDED_SALES, "sales", "total_cents", "x.is_void = 1", "'store ' || " + store},
                new String[] {BusinessReconciliation.VOIDED_TAX, "sales", "tax_cents", "x.is_void = 1", "'store ' || " + store},
                new String[] {BusinessReconciliation.VOIDED_PAYMENTS, "sale_payments", "amount_cents",
                        "(SELECT s.is_void FROM sales s WHERE s.id = x.sale_id) = 1",
                        "'store ' || (SELECT substr(st.legacy_key, 7) FROM sales s JOIN stores st ON st.id = s.store_id WHERE s.id = x.sale_id)"},
                new String[] {BusinessReconciliation.GIFT_CARDS, "gift_cards", "balance_cents", "x.is_active = 1", "'cards active'"},
                new String[] {BusinessReconciliation.GIFT_CARDS, "gift_cards", "balance_cents", "x.is_active = 0", "'cards inactive'"},
                new String[] {BusinessReconciliation.LAYAWAY_PAID, "layaway_payments", "amount_cents",
                        "(SELECT l.status FROM layaways l WHERE l.id = x.layaway_id) = 'cancelled'", "'layaways cancelled'"},
                new String[] {BusinessReconciliation.ORDER_DEPOSITS, "special_orders", "deposit_cents", "x.status = 'received'", "'store ' || " + store},
                new String[] {BusinessReconciliation.OPEN_REPAIRS, "repair_orders", "estimate_cents",
                        "x.status = 'waiting' AND x.estimate_cents IS NOT NULL", "'store ' || " + store + " || ', status waiting'"},
                new String[] {BusinessReconciliation.OPEN_REPAIRS, "repair_orders", "estimate_cents",
                        "x.status = 'complete' AND x.estimate_cents IS NOT NULL", "'store ' || " + store + " || ', status complete'"});
        Path out = SampleRun.full();
        for (String[] c : cases) {
            Path helm = Files.copy(out.resolve("helm.sqlite"), tmp.resolve(cases.indexOf(c) + "-" + c[1] + ".sqlite"));
            String key;
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + helm); Statement st = db.createStatement()) {
                String row = "(SELECT MIN(x.id) FROM " + c[1] + " x WHERE " + c[3] + ")";
                key = TestSupport.strings(db, "SELECT " + c[4] + " FROM " + c[1] + " x WHERE x.id = " + row).get(0);
                assertEquals(1, st.executeUpdate("UPDATE " + c[1] + " SET " + c[2] + " = " + c[2] + " + 1 WHERE id = " + row));
            }
            List<Result> results = compute(out, helm);
            List<Result> broken = results.stream().filter(r -> !r.ok()).toList();
            assertEquals(List.of(c[0]), broken.stream().map(Result::name).toList(), c[0]);
            List<Line> lines = broken.get(0).lines().stream().filter(l -> !l.balances()).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(key, lines.get(0).key());
            assertEquals(BigInteger.ONE, lines.get(0).helm().amount().subtract(lines.get(0).aim().amount()));
        }
        Path helm = Files.copy(out.resolve("helm.sqlite"), tmp.resolve("left-out.sqlite"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + helm); Statement st = db.createStatement()) {
            assertTrue(st.executeUpdate("UPDATE layaway_payments SET amount_cents = amount_cents + 1 WHERE layaway_id IN"
                    + " (SELECT id FROM layaways WHERE status = 'completed')") > 0);
            assertTrue(st.executeUpdate("UPDATE repair_orders SET estimate_cents = 1 WHERE status = 'picked_up'") > 0);
            assertTrue(st.executeUpdate("UPDATE special_orders SET deposit_cents = deposit_cents + 1 WHERE status IN ('completed', 'cancelled')") > 0);
        }
        assertTrue(compute(out, helm).stream().allMatch(Result::ok), "rows the figures leave out, on both sides");
    }

    static List<Result> compute(Path out, Path helm) throws Exception {
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Connection db = DriverManager.getConnection("jdbc:sqlite:" + helm)) {
            return BusinessReconciliation.compute(aim, db, CHICAGO, out.resolve("rejects"), Set.of(1, 2, 3, 4, 5, 6, 7));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void paymentsBalancePerMethodWhateverTheCaseOrSpacesOfTheirCodeAndAnUnknownCodeIsMethodNoneOnBothSides(@TempDir Path tmp) throws Exception {
        // A tiny AIM (the sample's DDL, compared as SQL Server's default collation compares): pay codes CASH and CHK, and
        // January payments spelled 'cash', ' chk', 'Chk ' (CHAR(4) holds no wider spelling), an unknown 'ZZ', and a
        // 'cash' payment of a ticket that does not exist.
        String url = "jdbc:h2:file:" + tmp.resolve("aim").toAbsolutePath() + ";MODE=MSSQLServer";
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String sql : SampleDatabase.ddlStatements()) st.execute(sql);
            st.execute("INSERT INTO STORE (STORE_NO, STORE_NAME, ACTIVE) VALUES (1, 'Main', 'Y')");
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION, IS_CASH, OPENS_DRAWER) VALUES ('CASH', 'Cash', 'Y', 1), ('CHK', 'Check', 'N', 1)");
            st.execute("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, SUBTOTAL, TAX, TOTAL, VOIDED)"
                    + " VALUES (1, 100, '2024-01-15 14:00:00', 15.00, 0, 15.00, 'N')");
            String pay = "INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT) VALUES ";
            st.execute(pay + "(1, 100, 1, 'cash', 1.00, '2024-01-15 14:00:00')");
            st.execute(pay + "(1, 100, 2, ' chk', 2.00, '2024-01-15 14:00:00')");
            st.execute(pay + "(1, 100, 3, 'Chk ', 4.00, '2024-01-15 14:00:00')");
            st.execute(pay + "(1, 100, 4, 'ZZ', 8.00, '2024-01-15 14:00:00')");
            // A tab, or a scanner's group separator, after the code: the toolkit's stray-space rule takes it off, and so does AIM's side.
            st.execute(pay + "(1, 100, 5, 'Chk' || CHAR(9), 32.00, '2024-01-15 14:00:00')");
            st.execute(pay + "(1, 100, 6, 'Chk' || CHAR(29), 64.00, '2024-01-15 14:00:00')");
            st.execute(pay + "(1, 999, 1, 'cash', 16.00, '2024-01-15 14:00:00')");
        }
        TestSupport.Run run = SampleRun.migrate(tmp.resolve("out"), "--source", url, "--slice", "1-4", "--shop-tz", "America/Chicago");
        assertEquals(0, run.exit(), run.all());
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(tmp.resolve("out")).get("business");
        Map<String, Object> payments = ((List<Map<String, Object>>) business.get("figures")).stream()
                .filter(f -> f.get("name").equals("Payments per method per month")).findFirst().orElseThrow();
        List<String> lines = ((List<Map<String, Object>>) payments.get("lines")).stream()
                .map(l -> l.get("key") + ": AIM " + l.get("aim_rows") + "/" + l.get("aim") + ", Helm " + l.get("helm_rows") + "/" + l.get("helm")
                        + ", explained " + l.get("explained_rows") + "/" + l.get("explained"))
                .toList();
        assertEquals(List.of(
                // 'ZZ' is no pay code: no method on Helm, and method (none) on AIM too.
                "method (none), month 2024-01: AIM 1/800, Helm 1/800, explained 0/0",
                // The payment of ticket 1/999 is rejected (orphan_ticket): it explains the difference, found again on AIM.
                "method CASH, month 2024-01: AIM 2/1700, Helm 1/100, explained 1/1600",
                "method CHK, month 2024-01: AIM 4/10200, Helm 4/10200, explained 0/0"), lines);
        assertEquals(Boolean.TRUE, business.get("ok"));
    }
    @Test
    void noFigureOnAimCastsEveryRowsCentsInsideItsSum() {
        // A SUM of cents sums the rows' rounded DECIMALs, made a long as it is read (AimFigures.sum and amount): a cast to
        // BIGINT on every row took the TDS server three times as long, and one on every group's sum a third more. The
        // per-row form stays where rows are read one by one.
        List<String> sums = BusinessReconciliation.aimStatements().stream().filter(s -> s.contains("SUM(")).toList();
        assertTrue(sums.size() >= 6, sums.toString());
        for (String s : sums) assertFalse(s.matches(".*SUM\\(CAST\\([^;]*\\* 100[^;]* AS BIGINT\\).*") || s.contains("CAST(SUM("), s);
        assertTrue(sums.stream().anyMatch(s -> s.contains(", SUM(ROUND(COALESCE(CAST(t.TOTAL AS DECIMAL(38, 8)), 0) * 100, 0)) FROM TICKET t")), sums.toString());
    }

    @Test
    void aSumBeyondABigintIsExactOnAimNeverWrapping(@TempDir Path tmp) throws Exception {
        // 101 tickets of MONEY's largest amount on one day: their cents (9.2e16 each) sum beyond a BIGINT. On H2 the
        // sales come a row at a time and are summed in Java, exactly, as SQL Server's SUM of DECIMAL sums them.
        String url = "jdbc:h2:file:" + tmp.resolve("aim").toAbsolutePath() + ";MODE=MSSQLServer";
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String sql : SampleDatabase.ddlStatements()) st.execute(sql);
            StringBuilder tickets = new StringBuilder("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, SUBTOTAL, TAX, TOTAL, VOIDED) VALUES ");
            for (int i = 1; i <= 101; i++) {
                tickets.append(i > 1 ? ", " : "").append("(1, ").append(i).append(", '2024-01-15 14:00:00', 0, 0, 922337203685477.5807, 'N')");
            }
            st.execute(tickets.toString());
            Map<String, BusinessReconciliation.Figure> sales = BusinessReconciliation.aimTotals(aim, Set.of(1, 4)).get(BusinessReconciliation.SALES);
            assertEquals(new BusinessReconciliation.Figure(101, BigInteger.valueOf(92233720368547758L).multiply(BigInteger.valueOf(101))),
                    sales.values().iterator().next(), sales.toString());
        }
    }

    /**
     * A shop whose amounts sum beyond a long (MONEY's largest amount, $922 trillion, on every open house account and
     * every ticket of store 1): the run passes, and each figure's AIM and Helm sides are the exact sums of the rows'
     * cents, worked out here from AIM's amounts with BigDecimal.
     */
    @Test
    @SuppressWarnings("unchecked")
    void figuresThatSumBeyondALongOnBothSidesAreExactAndTheRunPasses(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        BigInteger sales = BigInteger.ZERO, open = BigInteger.ZERO;
        long tickets = 0;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.executeUpdate("UPDATE TICKET SET TOTAL = 922337203685477.5807 WHERE STORE_NO = 1");
            st.executeUpdate("UPDATE ARACCT SET BALANCE = 922337203685477.5807");
            // The sales figure's tickets: every one not voided (the sample's VOIDED is 'Y' or 'N').
            try (ResultSet rs = st.executeQuery("SELECT TOTAL FROM TICKET WHERE VOIDED <> 'Y'")) {
                while (rs.next()) {
                    tickets++;
                    if (rs.getBigDecimal(1) != null) sales = sales.add(cents(rs.getBigDecimal(1)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT BALANCE FROM ARACCT WHERE LTRIM(RTRIM(STATUS)) = 'O'")) {
                while (rs.next()) open = open.add(cents(rs.getBigDecimal(1)));
            }
        }
        assertTrue(open.bitLength() >= 64 && sales.bitLength() >= 64, "beyond a long: " + open + ", " + sales);
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        Map<String, String> totals = (Map<String, String>) business.get("totals");
        assertTrue(totals.get(BusinessReconciliation.SALES).startsWith("AIM " + tickets + " rows " + sales + " cents, Helm " + tickets + " rows " + sales + " cents"),
                totals.get(BusinessReconciliation.SALES));
        assertTrue(totals.get(BusinessReconciliation.OPEN_ACCOUNTS).matches("AIM \\d+ rows " + open + " cents, Helm \\d+ rows " + open + " cents"),
                totals.get(BusinessReconciliation.OPEN_ACCOUNTS));
        assertEquals(Boolean.TRUE, business.get("ok"));
        assertTrue(Files.readString(out.resolve("signoff.md")).contains(lib.report.Dollars.of(open)), "signoff.md shows the balances to the cent");
    }

    /** AIM's rule for cents, half away from zero, on an exact amount. */
    static BigInteger cents(java.math.BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
    }
}
