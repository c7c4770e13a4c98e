package tests.report;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.report.BusinessReconciliation;
import lib.report.Dollars;
import lib.sample.Defect;
import lib.sample.Manifest;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;

/**
 * signoff.md of the scale-1 sample against the sample itself: the AIM figures recomputed here from
 * the H2 rows (months and cents in Java, not the toolkit's SQL), the Helm figures from helm.sqlite,
 * and the rows that need a decision against the generator's manifest.
 */
class SignoffSampleTest {
    @Test
    void salesAndPaymentsPerStoreAndMonthAreAimsOwnFigures() throws Exception {
        Map<String, List<String>> sales = table(sheet(), "Sales per store per month");
        Map<String, List<String>> payments = table(sheet(), "Payments per store per month");
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            // The sample's VOIDED is 'Y' or 'N' and nothing else, so "<> 'Y'" is every ticket AIM's sales reports count.
            assertEquals(List.of("N", "Y"), tests.support.TestSupport.strings(aim, "SELECT DISTINCT VOIDED FROM TICKET ORDER BY 1"));
            Map<String, long[]> s = perStoreMonth(aim, "SELECT STORE_NO, TICKET_DATE, TOTAL FROM TICKET WHERE VOIDED <> 'Y'");
            // Voided tickets are left out, as AIM's own sales and tax reports leave them out; they have a section of their own.
            assertTrue(Long.parseLong(tests.support.TestSupport.strings(aim, "SELECT COUNT(*) FROM TICKET WHERE VOIDED = 'Y'").get(0)) > 0, "the sample voids some");
            assertTrue(sheet().contains("## Sales per store per month\n\nA ticket's total, tax included, each ticket rounded to the cent before it is added up."
                    + " Voided tickets are left out on both sides, as AIM's own sales reports leave them out; they are under \"Voided tickets per store\"."),
                    "the sheet says what a sale is, and that voids are left out");
            // A payment of a voided ticket was given back with the void: no drawer or deposit holds it. One whose ticket is gone is AIM's.
            Map<String, long[]> p = perStoreMonth(aim, "SELECT p.STORE_NO, p.PAID_AT, p.AMOUNT FROM TKTPAY p LEFT JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO WHERE t.VOIDED IS NULL OR t.VOIDED <> 'Y'");
            assertEquals(s.keySet(), new java.util.TreeSet<>(months(sales)), "one line per store and month that has sales");
            assertEquals(p.keySet(), new java.util.TreeSet<>(months(payments)));
            s.forEach((k, v) -> assertEquals(List.of(String.format("%,d", v[0]), Dollars.of(v[1])), sales.get(k).subList(2, 4), k));
            p.forEach((k, v) -> assertEquals(List.of(String.format("%,d", v[0]), Dollars.of(v[1])), payments.get(k).subList(2, 4), k));
        }
        // Helm's side per store, from helm.sqlite.
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + SampleRun.full().resolve("helm.sqlite"))) {
            for (String[] x : rows(helm, "SELECT substr(st.legacy_key, 7), COUNT(*), SUM(s.total_cents) FROM sales s JOIN stores st ON st.id = s.store_id"
                    + " WHERE s.is_void = 0 GROUP BY 1")) {
                assertEquals(List.of(String.format("%,d", Long.parseLong(x[1])), Dollars.of(Long.parseLong(x[2]))),
                        sales.get("**store " + x[0] + "**|").subList(4, 6), "store " + x[0]);
            }
        }
    }

    /**
     * Tax, gift cards, layaways and special-order deposits, each recomputed here from AIM's rows (the
     * status letters compared in Java, trimmed and in upper case), on both sides of the sheet: the sample rejects none of them.
     */
    @Test
    void theOwnersOtherMoneyIsAimsOwnOnBothSides() throws Exception {
        Map<String, String> sections = Map.of(
                "Tax collected per store", "SELECT CASE WHEN VOIDED <> 'Y' THEN STORE_NO END, TAX FROM TICKET",
                BusinessReconciliation.GIFT_CARDS, "SELECT CASE WHEN ACTIVE IS NULL OR ACTIVE THEN 'active' ELSE 'inactive' END, BALANCE FROM GIFTCARD",
                "Paid on layaways still open or cancelled",
                "SELECT CASE WHEN UPPER(TRIM(l.STATUS)) = 'O' THEN 'open' WHEN UPPER(TRIM(l.STATUS)) = 'X' THEN 'cancelled' END, p.AMOUNT"
                        + " FROM LAYPAY p JOIN LAYAWAY l ON l.LAYAWAY_NO = p.LAYAWAY_NO",
                BusinessReconciliation.ORDER_DEPOSITS,
                "SELECT CASE WHEN UPPER(TRIM(STATUS)) IN ('O', 'R') THEN STORE_NO END, DEPOSIT FROM SPECORD");
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            for (Map.Entry<String, String> section : sections.entrySet()) {
                Map<String, long[]> expected = new TreeMap<>();
                try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(section.getValue())) {
                    while (rs.next()) {
                        if (rs.getString(1) == null) continue; // a row the figure leaves out
                        long[] v = expected.computeIfAbsent(rs.getString(1).strip(), k -> new long[2]);
                        v[0]++;
                        v[1] += cents(rs.getBigDecimal(2));
                    }
                }
                Map<String, List<String>> shown = table(sheet(), section.getKey());
                assertTrue(expected.size() > 1, section.getKey() + ": " + expected.keySet());
                assertEquals(expected.keySet(), new java.util.TreeSet<>(months(shown)), section.getKey());
                for (Map.Entry<String, long[]> e : expected.entrySet()) {
                    List<String> aimSide = List.of(String.format("%,d", e.getValue()[0]), Dollars.of(e.getValue()[1]));
                    assertEquals(aimSide, shown.get(e.getKey()).subList(1, 3), section.getKey() + ", " + e.getKey());
                    assertEquals(aimSide, shown.get(e.getKey()).subList(3, 5), section.getKey() + ", " + e.getKey() + ": Helm holds it all");
                }
            }
        }
    }


    @Test
    void theLastTicketPerStoreIsOnBothSides() throws Exception {
        Map<String, List<String>> last = table(sheet(), "Last ticket number per store");
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Connection helm = DriverManager.getConnection("jdbc:sqlite:" + SampleRun.full().resolve("helm.sqlite"))) {
            List<String[]> a = rows(aim, "SELECT STORE_NO, COUNT(*), MAX(TICKET_NO) FROM TICKET GROUP BY STORE_NO ORDER BY STORE_NO");
            assertEquals(a.size(), last.size());
            for (String[] x : a) {
                List<String> line = last.get(x[0]);
                assertNotNull(line, "store " + x[0] + " in " + last.keySet());
                assertEquals(Long.toString(Long.parseLong(x[2])), line.get(2), "AIM's last ticket of store " + x[0]);
                List<String[]> h = rows(helm, "SELECT MAX(s.ticket_no) FROM sales s JOIN stores st ON st.id = s.store_id WHERE st.legacy_key = 'STORE:" + x[0] + "'");
                assertEquals(Long.toString(Long.parseLong(h.get(0)[0])), line.get(4), "Helm's last ticket of store " + x[0]);
            }
        }
    }

    @Test
    void whatNeedsADecisionIsWhatTheGeneratorPlanted() throws Exception {
        Manifest manifest = SampleRun.sample().manifest();
        Map<String, List<String>> decide = table(sheet(), "Needs a decision");
        int orphans = manifest.count(Defect.ORPHAN_TICKET, "TKTPAY", "TICKET_NO");
        assertTrue(orphans > 0);
        long cents = 0;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             PreparedStatement st = aim.prepareStatement("SELECT AMOUNT FROM TKTPAY WHERE STORE_NO = ? AND TICKET_NO = ? AND PAY_SEQ = ?")) {
            for (Manifest.Entry e : manifest.entries()) {
                if (!e.defect().equals("orphan_ticket")) continue;
                for (String key : e.keys()) {
                    String[] k = key.split("/");
                    for (int i = 0; i < 3; i++) st.setLong(i + 1, Long.parseLong(k[i]));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) cents += cents(rs.getBigDecimal(1));
                    }
                }
            }
        }
        assertEquals(List.of("rejected, see rejects/TKTPAY.csv", "orphan_ticket: " + orphans, String.valueOf(orphans), "AMOUNT " + Dollars.of(cents)),
                decide.get("TKTPAY").subList(1, 5));
        for (String table : List.of("CUST", "INVMAST")) {
            int deleted = manifest.count(Defect.SOFT_DELETED, table, "DELETED");
            assertEquals(List.of("skipped", "soft_deleted: " + String.format("%,d", deleted)), decide.get(table).subList(1, 3), table);
        }
        // Rows loaded with a reference AIM does not hold: the planted lines whose product and contracts whose customer are gone.
        String orphanTable = sheet().substring(sheet().indexOf("Loaded, but naming a row AIM does not hold"), sheet().indexOf("## Last ticket number per store"));
        assertTrue(orphanTable.contains(String.format("| TKTLINE.ITEM_ID | orphan_product | %,d |", manifest.count(Defect.ORPHAN_PRODUCT, "TKTLINE", "ITEM_ID"))), orphanTable);
        assertTrue(orphanTable.contains(String.format("| RENTCONT.CUST_ID | orphan_customer | %,d |", manifest.count(Defect.ORPHAN_CUSTOMER, "RENTCONT", "CUST_ID"))), orphanTable);
        String top = sheet().lines().filter(l -> l.startsWith("- Result:")).findFirst().orElseThrow();
        assertTrue(top.contains(orphans + " rejected rows (TKTPAY.AMOUNT " + Dollars.of(cents) + ") need a decision"), top);
        String md = Files.readString(SampleRun.full().resolve("report.md"));
        assertTrue(md.contains(orphans + " rejected rows (TKTPAY.AMOUNT " + Dollars.of(cents) + ") need a decision, see signoff.md"), md.lines().limit(4).toList().toString());
    }

    static String sheet() throws Exception {
        return Files.readString(SampleRun.full().resolve("signoff.md"));
    }

    /** AIM money to cents: each row rounded half away from zero. */
    static long cents(BigDecimal v) {
        return v == null ? 0 : v.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Rows and cents per "store|yyyy-MM" (the local month as AIM stores it). */
    static Map<String, long[]> perStoreMonth(Connection aim, String sql) throws Exception {
        Map<String, long[]> out = new TreeMap<>();
        try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                LocalDateTime at = rs.getObject(2, LocalDateTime.class);
                String month = at == null || at.getYear() < 1900 || at.getYear() >= 2100 ? "no date" : String.format("%04d-%02d", at.getYear(), at.getMonthValue());
                long[] v = out.computeIfAbsent(rs.getString(1).strip() + "|" + month, k -> new long[2]);
                v[0]++;
                v[1] += cents(rs.getBigDecimal(3));
            }
        }
        return out;
    }

    static List<String> months(Map<String, List<String>> table) {
        return table.keySet().stream().filter(k -> !k.startsWith("**")).toList();
    }

    /** A section's markdown table: cells per line, keyed by the first cell (and the second, when it is a month). */
    static Map<String, List<String>> table(String md, String section) {
        int from = md.indexOf("\n## " + section + "\n");
        assertTrue(from >= 0, "signoff.md has a section " + section);
        int to = md.indexOf("\n## ", from + 4);
        Map<String, List<String>> out = new TreeMap<>();
        boolean body = false;
        for (String line : md.substring(from, to < 0 ? md.length() : to).lines().toList()) {
            if (!line.startsWith("|")) continue;
            if (line.startsWith("|---")) {
                body = true;
                continue;
            }
            if (!body) continue;
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) cells.add(c.strip());
            boolean month = cells.size() > 1 && (cells.get(1).matches("[0-9]{4}-[0-9]{2}|no date|"));
            out.put(month ? cells.get(0) + "|" + cells.get(1) : cells.get(0), cells);
        }
        return out;
    }

    /** A section's table body: each line's cells, in order. */
    static List<List<String>> body(String md, String section) {
        int from = md.indexOf("\n## " + section + "\n");
        assertTrue(from >= 0, "signoff.md has a section " + section);
        int to = md.indexOf("\n## ", from + 4);
        List<List<String>> out = new ArrayList<>();
        boolean body = false;
        for (String line : md.substring(from, to < 0 ? md.length() : to).lines().toList()) {
            if (!line.startsWith("|")) continue;
            if (line.startsWith("|---")) {
                body = true;
            } else if (body) {
                List<String> cells = new ArrayList<>();
                for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) cells.add(c.strip());
                out.add(cells);
            }
        }
        return out;
    }

    /** A section's table header: its cells. */
    static List<String> header(String md, String section) {
        int from = md.indexOf("\n## " + section + "\n");
        assertTrue(from >= 0, "signoff.md has a section " + section);
        String line = md.substring(from).lines().filter(l -> l.startsWith("|")).findFirst().orElseThrow();
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) cells.add(c.strip());
        return cells;
    }

    static List<String[]> rows(Connection db, String sql) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] r = new String[n];
                for (int i = 0; i < n; i++) r[i] = rs.getString(i + 1) == null ? null : rs.getString(i + 1).strip();
                out.add(r);
            }
        }
        return out;
    }
}
