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

    /** The gift-card line is named once ("cards active or not"), not "cards all cards"; its numbers are every card's. */
    @Test
    void theGiftCardLineIsNamedOnce() throws Exception {
        long cards = 0, cents = 0;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Statement st = aim.createStatement();
             ResultSet rs = st.executeQuery("SELECT BALANCE FROM GIFTCARD")) {
            while (rs.next()) {
                cards++;
                BigDecimal b = rs.getBigDecimal(1);
                if (b != null) cents += b.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
        }
        String report = Files.readString(SampleRun.full().resolve("report.md"));
        assertFalse(report.contains("cards all cards"), "the key name said twice");
        String line = String.format("| cards active or not | %,d | %s | %,d | %s |", cards, Dollars.of(cents), cards, Dollars.of(cents));
        assertTrue(report.contains(line), line);
        String sheet = Files.readString(SampleRun.full().resolve("signoff.md"));
        assertEquals(List.of("active or not", String.format("%,d", cards), Dollars.of(cents)),
                SignoffSampleTest.table(sheet, "Gift-card balances (every card, active or not)").get("active or not").subList(0, 3));
    }
}
