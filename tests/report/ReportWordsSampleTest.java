package tests.report;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.report.Dollars;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;

/**
 * What report.md and signoff.md say beside their numbers, read as the owner and a bookkeeper read them, on the
 * scale-1 sample: the numbers recomputed here from the H2 rows in Java, the words checked against them.
 */
class ReportWordsSampleTest {
    /**
     * A run's seconds count from its login to AIM: over a slow link the login, the table check and the isolation are
     * seconds the report left out. report.json's phases start with them ("connect"), and the run's seconds hold every phase.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theRunsSecondsHoldItsLoginAndEveryPhase() throws Exception {
        Map<String, Object> report = SampleRun.report(SampleRun.full());
        Map<String, Object> phases = (Map<String, Object>) report.get("phase_seconds");
        assertEquals("connect", phases.keySet().iterator().next(), phases.toString());
        double sum = phases.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertTrue(((Number) report.get("seconds")).doubleValue() >= sum - 0.01, report.get("seconds") + " s against phases " + phases);
    }

    /** Stock left out with its soft-deleted products: "67 rows, 1,264 units", not a bare "1,264" beside a count of rows. */
    @Test
    void aStockDifferenceNamesItsUnits() throws Exception {
        Map<String, long[]> skipped = new TreeMap<>();
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Statement st = aim.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.STORE_NO, s.ON_HAND, m.DELETED FROM INVSTORE s LEFT JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID")) {
            while (rs.next()) {
                if (!rs.getBoolean(3)) continue;
                long[] v = skipped.computeIfAbsent(rs.getString(1).strip(), k -> new long[2]);
                v[0]++;
                v[1] += rs.getLong(2);
            }
        }
        assertFalse(skipped.isEmpty(), "the sample soft-deletes products with stock");
        String sheet = Files.readString(SampleRun.full().resolve("signoff.md"));
        String report = Files.readString(SampleRun.full().resolve("report.md"));
        Map<String, List<String>> stock = SignoffSampleTest.table(sheet, "Stock on hand per store");
        for (Map.Entry<String, long[]> e : skipped.entrySet()) {
            String said = String.format("%,d rows, %,d units", e.getValue()[0], e.getValue()[1]);
            assertEquals(List.of(said, said), stock.get(e.getKey()).subList(5, 7), "signoff.md, store " + e.getKey());
            assertTrue(report.contains("| " + said + " | " + said + " | yes |"), "report.md, store " + e.getKey() + ": " + said);
        }
    }

    /** A figure no reject or skip touches says so, not "none in this run" in a report that lists rejected rows. */
    @Test
    void aFigureWithoutRejectsDoesNotSayTheRunHasNone() throws Exception {
        long orphanPayments;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Statement st = aim.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM TKTPAY p WHERE NOT EXISTS"
                     + " (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)")) {
            rs.next();
            orphanPayments = rs.getLong(1);
        }
        assertTrue(orphanPayments > 0, "the sample has payments whose ticket is gone");
        String report = Files.readString(SampleRun.full().resolve("report.md"));
        assertTrue(report.contains("| orphan_ticket | " + orphanPayments + " |"), "report.md lists the rejected payments");
        assertFalse(report.contains("none in this run"), "report.md says no reject is in this run beside " + orphanPayments + " rejected rows");
        String sales = report.substring(report.indexOf("### Sales per store per month"), report.indexOf("### Payments per store per month"));
        assertTrue(sales.contains("| difference | explained by (no rejected or skipped row is in this figure) | balances |"), sales);
    }

    /**
     * The gift-card balances are a line for the active cards and one for the inactive, as Helm holds them: a card whose
     * ACTIVE AIM left NULL is active (rule flag_blank), so its balance is with the active ones, on AIM's side too. The key
     * is named once ("cards active", not "cards all cards").
     */
    @Test
    void theGiftCardBalancesAreALineForActiveCardsAndOneForInactive() throws Exception {
        Map<String, long[]> cards = new TreeMap<>();
        long blank = 0;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Statement st = aim.createStatement();
             ResultSet rs = st.executeQuery("SELECT ACTIVE, BALANCE FROM GIFTCARD")) {
            while (rs.next()) {
                boolean active = rs.getBoolean(1) || rs.wasNull();
                if (rs.wasNull()) blank++;
                long[] v = cards.computeIfAbsent(active ? "active" : "inactive", k -> new long[2]);
                v[0]++;
                BigDecimal b = rs.getBigDecimal(2);
                if (b != null) v[1] += b.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
        }
        assertTrue(blank > 0 && cards.size() == 2, "the sample has active, inactive and blank cards");
        String report = Files.readString(SampleRun.full().resolve("report.md"));
        String sheet = Files.readString(SampleRun.full().resolve("signoff.md"));
        assertFalse(report.contains("cards all cards") || report.contains("active or not"), "one line for every card");
        String title = "Gift-card balances, active and inactive cards";
        assertTrue(sheet.contains("## " + title + "\n\nEvery card's balance: what the shop owes on the cards it sold, the active and the inactive"
                + " cards on lines of their own. A card whose active flag AIM left blank is active, as Helm loads it (rule flag_blank)."), sheet);
        Map<String, List<String>> shown = SignoffSampleTest.table(sheet, title);
        for (Map.Entry<String, long[]> e : cards.entrySet()) {
            String n = String.format("%,d", e.getValue()[0]), dollars = Dollars.of(e.getValue()[1]);
            String line = String.format("| cards %s | %s | %s | %s | %s |", e.getKey(), n, dollars, n, dollars);
            assertTrue(report.contains(line), line);
            assertEquals(List.of(e.getKey(), n, dollars, n, dollars), shown.get(e.getKey()).subList(0, 5), e.getKey());
        }
    }
}
