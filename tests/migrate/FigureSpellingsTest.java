package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;
import static tests.migrate.BusinessReconciliationTest.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.report.BusinessReconciliation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * A flag or a status in every spelling AIM may hold (VOIDED, a gift card's ACTIVE, a repair's STATUS) puts its row on the same
 * line of a business figure on AIM's side as the toolkit puts it on Helm's (from BusinessReconciliationTest, past 300 lines).
 */
class FigureSpellingsTest {
    /**
     * VOIDED in every spelling a CHAR(1) holds: 'y', 't' and '1' are voided to the toolkit (flag_variant) and to AIM's side
     * alike; ' ', a tab, NULL, 'n', 'f' and '0' are not (blank is the column's default, not voided); 'X' rejects its ticket,
     * and its payments with it, which explains the sales and payments it would have held. The run reconciles, and the voided
     * tickets are exactly the ones read so here, their payments with them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aVoidedFlagInAnySpellingIsVoidedOnBothSidesAsTheToolkitReadsIt(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        String[] spellings = {"y", "t", "1", " ", "\t", null, "n", "f", "0", "X"};
        long voided = 0, voidedCents = 0, voidedPayments = 0;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            List<String> tickets = TestSupport.strings(aim, "SELECT TICKET_NO FROM TICKET WHERE STORE_NO = 2 AND VOIDED = 'N' AND TICKET_NO IN"
                    + " (SELECT TICKET_NO FROM TKTPAY WHERE STORE_NO = 2) ORDER BY TICKET_NO");
            for (int i = 0; i < 3 * spellings.length; i++) {
                String v = spellings[i % spellings.length], ticket = tickets.get(i * 7);
                st.executeUpdate("UPDATE TICKET SET VOIDED = " + (v == null ? "NULL" : "'" + v + "'") + " WHERE STORE_NO = 2 AND TICKET_NO = " + ticket);
                if (v == null || !List.of("Y", "T", "1").contains(v.strip().toUpperCase())) continue;
                voided++;
                voidedCents += TestSupport.count(aim, "SELECT CAST(ROUND(TOTAL * 100, 0) AS BIGINT) FROM TICKET WHERE STORE_NO = 2 AND TICKET_NO = " + ticket);
                voidedPayments += TestSupport.count(aim, "SELECT COUNT(*) FROM TKTPAY WHERE STORE_NO = 2 AND TICKET_NO = " + ticket);
            }
            voided += TestSupport.count(aim, "SELECT COUNT(*) FROM TICKET WHERE STORE_NO = 2 AND VOIDED = 'Y'");
            voidedCents += TestSupport.count(aim, "SELECT SUM(CAST(ROUND(TOTAL * 100, 0) AS BIGINT)) FROM TICKET WHERE STORE_NO = 2 AND VOIDED = 'Y'");
            voidedPayments += TestSupport.count(aim, "SELECT COUNT(*) FROM TKTPAY p JOIN TICKET t ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO"
                    + " WHERE p.STORE_NO = 2 AND t.VOIDED = 'Y'");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());
        assertEquals(3, Files.readString(out.resolve("rejects/TICKET.csv")).lines().filter(l -> l.contains("unrecognized flag value 'X'")).count(),
                "the 'X' tickets are rejected");
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"));
        Map<String, Map<String, Object>> store2 = new java.util.HashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) business.get("figures")) {
            for (Map<String, Object> l : (List<Map<String, Object>>) f.get("lines")) if (l.get("key").equals("store 2")) store2.put((String) f.get("name"), l);
        }
        Map<String, Object> sales = store2.get(BusinessReconciliation.VOIDED_SALES), payments = store2.get(BusinessReconciliation.VOIDED_PAYMENTS);
        assertEquals(List.of(voided, voidedCents, voided, voidedCents), List.of(((Number) sales.get("aim_rows")).longValue(),
                ((Number) sales.get("aim")).longValue(), ((Number) sales.get("helm_rows")).longValue(), ((Number) sales.get("helm")).longValue()));
        assertEquals(List.of(voidedPayments, voidedPayments), List.of(((Number) payments.get("aim_rows")).longValue(), ((Number) payments.get("helm_rows")).longValue()));
    }

    /**
     * A repair whose status AIM's codes do not name ('Z', blank, NULL) may be in the shop: it is on the repairs figure as
     * status unknown on both sides, as the toolkit loads it; 'p' is picked up (the sample compares as SQL Server's default
     * collation, without case) and is left out, as 'P' is. The run reconciles.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRepairOfAStatusAimsCodesDoNotNameIsInTheShopAsUnknownOnBothSides(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        String[] statuses = {"Z", " ", null, "p", "c"};
        long unknown = 0, unknownCents = 0;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            List<String> orders = TestSupport.strings(aim, "SELECT RO_NO FROM REPAIR WHERE STORE_NO = 3 AND STATUS = 'O' AND ESTIMATE IS NOT NULL ORDER BY RO_NO");
            for (int i = 0; i < 2 * statuses.length; i++) {
                String v = statuses[i % statuses.length], order = orders.get(i * 3);
                st.executeUpdate("UPDATE REPAIR SET STATUS = " + (v == null ? "NULL" : "'" + v + "'") + " WHERE RO_NO = " + order);
                if (v != null && List.of("P", "C").contains(v.strip().toUpperCase())) continue;
                unknown++;
                unknownCents += TestSupport.count(aim, "SELECT CAST(ROUND(ESTIMATE * 100, 0) AS BIGINT) FROM REPAIR WHERE RO_NO = " + order);
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-3,6", "--source", url);
        assertEquals(0, run.exit(), run.all());
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"));
        Map<String, Object> repairs = ((List<Map<String, Object>>) business.get("figures")).stream()
                .filter(f -> f.get("name").equals(BusinessReconciliation.OPEN_REPAIRS)).findFirst().orElseThrow();
        Map<String, Object> line = ((List<Map<String, Object>>) repairs.get("lines")).stream()
                .filter(l -> l.get("key").equals("store 3, status unknown")).findFirst().orElseThrow();
        assertEquals(List.of(unknown, unknownCents, unknown, unknownCents), List.of(((Number) line.get("aim_rows")).longValue(),
                ((Number) line.get("aim")).longValue(), ((Number) line.get("helm_rows")).longValue(), ((Number) line.get("helm")).longValue()));
    }

    /**
     * GIFTCARD.ACTIVE kept as text, in every spelling: 'y', 'TRUE', ' ', a tab and NULL are active to the toolkit (blank is
     * the column's default, flag_blank) and to AIM's side alike; 'n', 'no', '0' are inactive; 'X' rejects its card, which
     * explains the balance it would have held. The run reconciles, each card on the line it is read to be on.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aGiftCardsActiveFlagInAnySpellingPutsItOnTheSameLineOnBothSides(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        String[] spellings = {"y", "TRUE", " ", "\t", null, "n", "no", "0", "X"};
        Map<String, Long> cards = new java.util.TreeMap<>();
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE GIFTCARD ALTER COLUMN ACTIVE VARCHAR(5)");
            List<String> numbers = TestSupport.strings(aim, "SELECT CARD_NO FROM GIFTCARD ORDER BY CARD_NO");
            for (int i = 0; i < numbers.size(); i++) {
                String v = spellings[i % spellings.length];
                st.executeUpdate("UPDATE GIFTCARD SET ACTIVE = " + (v == null ? "NULL" : "'" + v + "'") + " WHERE CARD_NO = '" + numbers.get(i) + "'");
                if ("X".equals(v)) continue;
                cards.merge(v == null || List.of("", "Y", "TRUE").contains(v.strip().toUpperCase()) ? "cards active" : "cards inactive", 1L, Long::sum);
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        assertTrue(Files.readString(out.resolve("rejects/GIFTCARD.csv")).contains("unrecognized flag value 'X'"), "the 'X' cards are rejected");
        Map<String, Object> business = (Map<String, Object>) SampleRun.report(out).get("business");
        assertEquals(Boolean.TRUE, business.get("ok"));
        Map<String, Object> gift = ((List<Map<String, Object>>) business.get("figures")).stream()
                .filter(f -> f.get("name").equals(BusinessReconciliation.GIFT_CARDS)).findFirst().orElseThrow();
        Map<String, Long> helm = new java.util.TreeMap<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) gift.get("lines")) helm.put((String) l.get("key"), ((Number) l.get("helm_rows")).longValue());
        assertEquals(cards, helm);
    }
}
