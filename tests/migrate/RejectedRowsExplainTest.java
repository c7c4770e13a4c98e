package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.report.BusinessReconciliation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * A business figure's difference is explained by the rows rejects/ lists, each found again on AIM by its key: many at
 * once, keys of text that look like numbers or hold '/', and amounts past a BIGINT. The helpers run on any AIM holding
 * the sample (the SQL Server tests call them on the TDS server).
 */
public class RejectedRowsExplainTest {
    @Test
    void manyRejectedRowsAreLookedUpAndEachCountsOnce(@TempDir Path tmp) throws Exception {
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            assertManyRejectsExplainTheirRowsOnce(aim, tmp);
        }
    }

    /**
     * More rejected payments than one lookup statement takes (on SQL Server), one listed twice: each row
     * explains once, and the rows and cents are what plain SQL sums for those payments. On any AIM holding the sample.
     */
    public static void assertManyRejectsExplainTheirRowsOnce(Connection aim, Path tmp) throws Exception {
        Path rejects = Files.createDirectories(tmp.resolve("rejects"));
        String first = " FROM TKTPAY p WHERE p.PAY_SEQ = 1 AND p.STORE_NO = 1 AND p.TICKET_NO < (SELECT MIN(TICKET_NO) + 150 FROM TICKET WHERE STORE_NO = 1)";
        List<String> keys = TestSupport.strings(aim, "SELECT p.TICKET_NO" + first).stream().map(t -> "1/" + t.strip() + "/1").toList();
        assertTrue(keys.size() > 2 * 50, "more than two statements' worth: " + keys.size());
        StringBuilder csv = new StringBuilder("rule,reason,aim_key\n");
        for (String k : keys) csv.append("planted,listed,").append(k).append('\n');
        csv.append("planted,listed again,").append(keys.get(0)).append('\n');
        Files.writeString(rejects.resolve("TKTPAY.csv"), csv);
        TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
        Map<String, Map<String, BusinessReconciliation.Figure>> explained = BusinessReconciliation.explainedAll(aim, rejects, Set.of(1, 4));
        long cents = TestSupport.count(aim, "SELECT SUM(CAST(ROUND(p.AMOUNT * 100, 0) AS BIGINT))" + first);
        // A payment of a voided ticket is in the voided tickets' payments, not the payments taken (the sample's VOIDED is 'Y' or 'N').
        String voided = " AND EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO AND t.VOIDED = 'Y')";
        long voidedRows = TestSupport.count(aim, "SELECT COUNT(*)" + first + voided);
        long voidedCents = TestSupport.count(aim, "SELECT COALESCE(SUM(CAST(ROUND(p.AMOUNT * 100, 0) AS BIGINT)), 0)" + first + voided);
        assertTrue(voidedRows > 0, "some of the first 150 tickets are voided");
        Map<String, long[]> sums = new java.util.TreeMap<>();
        for (String figure : List.of("Payments per store per month", "Payments per method per month", BusinessReconciliation.VOIDED_PAYMENTS)) {
            long rows = 0, amount = 0;
            for (BusinessReconciliation.Figure f : explained.get(figure).values()) {
                rows += f.rows();
                amount += f.amount().longValueExact();
            }
            sums.put(figure, new long[] {rows, amount});
        }
        for (String figure : List.of("Payments per store per month", "Payments per method per month")) {
            assertEquals(keys.size() - voidedRows, sums.get(figure)[0], figure);
            assertEquals(cents - voidedCents, sums.get(figure)[1], figure);
        }
        assertEquals(voidedRows, sums.get(BusinessReconciliation.VOIDED_PAYMENTS)[0]);
        assertEquals(voidedCents, sums.get(BusinessReconciliation.VOIDED_PAYMENTS)[1]);
        assertTrue(explained.get("Sales per store per month").isEmpty(), "no ticket is rejected");
    }

    @Test
    void rejectedGiftCardsNumberedInDigitsExplainTheirBalances(@TempDir Path tmp) throws Exception {
        try (Connection aim = DriverManager.getConnection(SampleRun.writableCopy(tmp.resolve("aim")))) {
            assertDigitCardNumbersExplainTheirRows(aim, tmp);
        }
    }

    /**
     * Gift cards whose numbers are digits ('700001'), rejected beside cards numbered as text ('GC...'): the figure's
     * lookups compare CARD_NO with text, as it is, so every card explains its balance; compared with a number, the server
     * converts every CARD_NO and fails on the first that is not one. And a number holding '/' ('GC/77') is one key, not
     * two parts of one. Adds three cards; the caller's AIM must allow it.
     */
    public static void assertDigitCardNumbersExplainTheirRows(Connection aim, Path tmp) throws Exception {
        try (Statement st = aim.createStatement()) {
            st.executeUpdate("INSERT INTO GIFTCARD (CARD_NO, STORE_NO, INITIAL_AMT, BALANCE, ACTIVE) VALUES ('700001', 1, 20, 12.34, 1),"
                    + " ('700002', 1, 60, 56.78, 1), ('GC/77', 1, 8, 7.5, 1)"); // a '/' as a composite key's parts are written
        }
        try {
            List<String> cards = new ArrayList<>(List.of("700001", "700002", "GC/77"));
            cards.addAll(TestSupport.strings(aim, "SELECT CARD_NO FROM GIFTCARD WHERE CARD_NO LIKE 'GC0%' ORDER BY CARD_NO").subList(0, 60));
            StringBuilder csv = new StringBuilder("rule,reason,aim_key\n");
            long cents = 0;
            for (String card : cards) {
                csv.append("planted,listed,").append(card).append('\n');
                cents += TestSupport.count(aim, "SELECT CAST(ROUND(BALANCE * 100, 0) AS BIGINT) FROM GIFTCARD WHERE CARD_NO = '" + card + "'");
            }
            Path rejects = Files.createDirectories(tmp.resolve("rejects"));
            Files.writeString(rejects.resolve("GIFTCARD.csv"), csv);
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            Map<String, BusinessReconciliation.Figure> explained = BusinessReconciliation.explainedAll(aim, rejects, Set.of(7))
                    .get(BusinessReconciliation.GIFT_CARDS);
            long rows = 0, amount = 0;
            for (BusinessReconciliation.Figure f : explained.values()) {
                rows += f.rows();
                amount += f.amount().longValueExact();
            }
            assertEquals(cards.size(), rows);
            assertEquals(cents, amount);
        } finally {
            try (Statement st = aim.createStatement()) {
                st.executeUpdate("DELETE FROM GIFTCARD WHERE CARD_NO IN ('700001', '700002', 'GC/77')");
            }
        }
    }

    /**
     * An AIM whose TOTAL is a wide DECIMAL, not MONEY, holding a ticket whose cents pass a BIGINT: the ticket is rejected
     * (amount_out_of_range), and the sales figure finds it again with its cents, exactly, where a per-row CAST to BIGINT
     * stopped the run (exit 70).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTicketWhoseCentsPassABigintIsRejectedAndExplainsItsFigure(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.executeUpdate("ALTER TABLE TICKET ALTER COLUMN TOTAL DECIMAL(38, 4)");
            st.executeUpdate("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, SUBTOTAL, TAX, TOTAL, VOIDED)"
                    + " VALUES (1, 999999, '2024-01-15 14:00:00', 1, 0, 123456789012345678901234.5678, 'N')");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        assertTrue(Files.readString(out.resolve("rejects/TICKET.csv")).contains("amount_out_of_range,"), "the ticket is rejected naming the rule");
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        Map<String, Object> sales = ((List<Map<String, Object>>) business.get("figures")).stream()
                .filter(f -> f.get("name").equals(BusinessReconciliation.SALES)).findFirst().orElseThrow();
        BigInteger explained = BigInteger.ZERO;
        for (Map<String, Object> l : (List<Map<String, Object>>) sales.get("lines")) explained = explained.add(new BigInteger(String.valueOf(l.get("explained"))));
        assertEquals(new BigInteger("12345678901234567890123457"), explained, "the rejected ticket's cents, exactly");
    }
}
