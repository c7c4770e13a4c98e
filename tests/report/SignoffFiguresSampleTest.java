package tests.report;

import static org.junit.jupiter.api.Assertions.*;
import static tests.report.SignoffSampleTest.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.report.BusinessReconciliation;
import lib.report.Dollars;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;

/**
 * signoff.md's tables the owner's-eye review added (voided tickets, payments per tender, repairs not picked up), against the
 * scale-1 sample itself: AIM's side recomputed here from the H2 rows in Java, Helm's from helm.sqlite (as SignoffSampleTest).
 */
class SignoffFiguresSampleTest {
    /**
     * The voided tickets, left out of sales, tax and payments, on a section of their own: per store their count, sales and
     * tax, and the payments given back with them, on both sides; with the sales above, every ticket AIM holds is counted once.
     */
    @Test
    void voidedTicketsArePerStoreWithTheirSalesTaxAndPayments() throws Exception {
        Map<String, List<String>> voided = table(sheet(), "Voided tickets per store");
        Map<String, List<String>> given = table(sheet(), "Payments of voided tickets per store");
        Map<String, long[]> tickets = new TreeMap<>(), paid = new TreeMap<>();
        long all;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery("SELECT STORE_NO, VOIDED, TOTAL, TAX FROM TICKET")) {
                while (rs.next()) {
                    if (!"Y".equals(rs.getString(2))) continue;
                    long[] v = tickets.computeIfAbsent(rs.getString(1).strip(), k -> new long[3]);
                    v[0]++;
                    v[1] += cents(rs.getBigDecimal(3));
                    v[2] += cents(rs.getBigDecimal(4));
                }
            }
            try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery("SELECT p.STORE_NO, t.VOIDED, p.AMOUNT FROM TKTPAY p"
                    + " JOIN TICKET t ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO")) {
                while (rs.next()) {
                    if (!"Y".equals(rs.getString(2))) continue;
                    long[] v = paid.computeIfAbsent(rs.getString(1).strip(), k -> new long[2]);
                    v[0]++;
                    v[1] += cents(rs.getBigDecimal(3));
                }
            }
            all = Long.parseLong(tests.support.TestSupport.strings(aim, "SELECT COUNT(*) FROM TICKET").get(0));
        }
        assertTrue(tickets.size() > 1 && paid.size() > 1, "the sample voids tickets, paid ones, in several stores: " + tickets.keySet());
        assertTrue(sheet().contains("## Voided tickets per store\n\nTickets voided in AIM: left out of the sales, tax and payments above,"
                + " as AIM's own reports leave them out. Helm keeps them, marked void."), "the sheet says what the section is");
        assertEquals(List.of("store", "AIM tickets", "AIM sales", "AIM tax", "Helm tickets", "Helm sales", "Helm tax", "difference", "explained by"),
                header(sheet(), "Voided tickets per store"));
        long[] total = new long[3];
        for (Map.Entry<String, long[]> e : tickets.entrySet()) {
            long[] v = e.getValue();
            List<String> aimSide = List.of(String.format("%,d", v[0]), Dollars.of(v[1]), Dollars.of(v[2]));
            assertEquals(aimSide, voided.get(e.getKey()).subList(1, 4), "AIM, store " + e.getKey());
            assertEquals(aimSide, voided.get(e.getKey()).subList(4, 7), "Helm holds every voided ticket, store " + e.getKey());
            assertEquals(List.of("-", "-"), voided.get(e.getKey()).subList(7, 9), "store " + e.getKey());
            for (int i = 0; i < 3; i++) total[i] += v[i];
        }
        assertEquals(List.of(String.format("%,d", total[0]), Dollars.of(total[1]), Dollars.of(total[2])), voided.get("**total**").subList(1, 4));
        for (Map.Entry<String, long[]> e : paid.entrySet()) {
            List<String> aimSide = List.of(String.format("%,d", e.getValue()[0]), Dollars.of(e.getValue()[1]));
            assertEquals(aimSide, given.get(e.getKey()).subList(1, 3), "AIM, store " + e.getKey());
            assertEquals(aimSide, given.get(e.getKey()).subList(3, 5), "Helm, store " + e.getKey());
        }
        // Every ticket once: the sales' tickets and the voided ones are all of AIM's TICKET.
        long sold = Long.parseLong(table(sheet(), "Sales per store per month").get("**total**|").get(2).replace(",", ""));
        assertEquals(all, sold + total[0], "sales " + sold + " and voided " + total[0] + " tickets");
        // Helm's side, from helm.sqlite: its voided sales per store.
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + SampleRun.full().resolve("helm.sqlite"))) {
            for (String[] x : rows(helm, "SELECT substr(st.legacy_key, 7), COUNT(*), SUM(s.total_cents), SUM(s.tax_cents) FROM sales s"
                    + " JOIN stores st ON st.id = s.store_id WHERE s.is_void = 1 GROUP BY 1")) {
                assertEquals(List.of(String.format("%,d", Long.parseLong(x[1])), Dollars.of(Long.parseLong(x[2])), Dollars.of(Long.parseLong(x[3]))),
                        voided.get(x[0]).subList(4, 7), "store " + x[0]);
            }
        }
    }

    /**
     * The payments per tender over the whole period, for a bookkeeper to check the cash and card deposits: AIM's side
     * recomputed here from the H2 rows in Java (a payment's code trimmed and in upper case, as the sample compares codes;
     * one PAYTYPE does not hold is "(none)"; a voided ticket's payment left out), Helm's from helm.sqlite, and the difference
     * the payments whose ticket is gone, which rejects/TKTPAY.csv lists.
     */
    @Test
    void paymentsPerTenderOverTheWholePeriodAreOnTheSheet() throws Exception {
        Map<String, long[]> aim = new TreeMap<>(), orphans = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            java.util.Set<String> codes = new java.util.HashSet<>();
            for (String c : tests.support.TestSupport.strings(db, "SELECT PAY_CODE FROM PAYTYPE")) codes.add(c.strip().toUpperCase());
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT p.PAY_CODE, p.AMOUNT, t.VOIDED, t.TICKET_NO FROM TKTPAY p"
                    + " LEFT JOIN TICKET t ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO")) {
                while (rs.next()) {
                    if ("Y".equals(rs.getString(3))) continue;
                    String code = rs.getString(1) == null ? "" : rs.getString(1).strip().toUpperCase();
                    String method = codes.contains(code) ? code : "(none)";
                    for (Map<String, long[]> side : rs.getString(4) == null ? List.of(aim, orphans) : List.of(aim)) {
                        long[] v = side.computeIfAbsent(method, k -> new long[2]);
                        v[0]++;
                        v[1] += cents(rs.getBigDecimal(2));
                    }
                }
            }
        }
        assertTrue(aim.size() > 4 && !orphans.isEmpty(), "the sample pays with several tenders, and has payments whose ticket is gone: " + aim.keySet());
        String title = "Payments per method (tender), whole period";
        assertTrue(sheet().contains("## " + title + "\n\nEvery payment of the whole period per method (AIM's pay code), those of voided tickets left out,"
                + " as in the payments per store: to check against the cash counted and the card and check deposits. Per month in report.json."),
                "the sheet says what the table is for");
        assertEquals(List.of("method", "AIM payments", "AIM paid", "Helm payments", "Helm paid", "difference", "explained by (rejects/TKTPAY.csv)"),
                header(sheet(), title));
        Map<String, List<String>> shown = table(sheet(), title);
        assertEquals(aim.size() + 1, shown.size(), "a line per method, and the total: " + shown.keySet());
        Map<String, String[]> helm = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + SampleRun.full().resolve("helm.sqlite"))) {
            for (String[] x : rows(db, "SELECT COALESCE(m.code, '(none)'), COUNT(*), SUM(p.amount_cents) FROM sale_payments p JOIN sales s ON s.id = p.sale_id"
                    + " LEFT JOIN payment_methods m ON m.id = p.payment_method_id WHERE s.is_void = 0 GROUP BY 1")) {
                helm.put(x[0], x);
            }
        }
        long[] total = new long[4];
        for (Map.Entry<String, long[]> e : aim.entrySet()) {
            String[] h = helm.get(e.getKey());
            long[] o = orphans.getOrDefault(e.getKey(), new long[2]);
            String diff = o[0] == 0 ? "-" : String.format("%,d %s, %s", o[0], o[0] == 1 ? "row" : "rows", Dollars.of(o[1]));
            assertEquals(List.of(e.getKey(), String.format("%,d", e.getValue()[0]), Dollars.of(e.getValue()[1]),
                    String.format("%,d", Long.parseLong(h[1])), Dollars.of(Long.parseLong(h[2])), diff, diff), shown.get(e.getKey()), e.getKey());
            assertEquals(e.getValue()[0] - o[0], Long.parseLong(h[1]), "Helm holds AIM's payments but those rejected, " + e.getKey());
            total[0] += e.getValue()[0];
            total[1] += e.getValue()[1];
            total[2] += Long.parseLong(h[1]);
            total[3] += Long.parseLong(h[2]);
        }
        assertEquals(List.of(String.format("%,d", total[0]), Dollars.of(total[1]), String.format("%,d", total[2]), Dollars.of(total[3])),
                shown.get("**total**").subList(1, 5));
        assertEquals(table(sheet(), "Payments per store per month").get("**total**|").subList(2, 6), shown.get("**total**").subList(1, 5),
                "the tenders add up to the payments per store");
    }

    /**
     * Every repair still in the shop, that is not picked up, per store and status, each status its own line: open, waiting,
     * and complete (ready, the instrument still in the shop), which the sheet left out. Recomputed here from AIM's rows,
     * the status letters compared in Java (trimmed, in upper case); a letter AIM's codes do not name would be "unknown".
     */
    @Test
    void everyRepairNotPickedUpIsOnTheSheetPerStoreAndStatus() throws Exception {
        Map<String, String> names = Map.of("O", "open", "W", "waiting", "C", "complete");
        Map<String, long[]> expected = new TreeMap<>();
        long pickedUp = 0;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Statement st = aim.createStatement(); ResultSet rs = st.executeQuery("SELECT STORE_NO, STATUS, ESTIMATE FROM REPAIR")) {
            while (rs.next()) {
                String code = rs.getString(2) == null ? "" : rs.getString(2).strip().toUpperCase();
                if (code.equals("P")) {
                    pickedUp++;
                    continue;
                }
                long[] v = expected.computeIfAbsent(rs.getString(1).strip() + "|" + names.getOrDefault(code, "unknown"), k -> new long[2]);
                v[0]++;
                v[1] += cents(rs.getBigDecimal(3));
            }
        }
        assertTrue(pickedUp > 0 && expected.keySet().stream().anyMatch(k -> k.endsWith("|complete")), "the sample has repairs picked up and complete");
        String title = BusinessReconciliation.OPEN_REPAIRS;
        assertEquals("Repairs in the shop (not picked up), per store and status", title);
        assertTrue(sheet().contains("## " + title + "\n\nEvery repair order not picked up, each status on a line of its own: open, waiting,"
                + " complete (ready, the instrument still in the shop until it is picked up), and unknown (a status AIM's codes do not name)."
                + " A repair without an estimate counts $0.00."), "the sheet says what it counts");
        Map<String, List<String>> shown = new TreeMap<>();
        for (List<String> cells : body(sheet(), title)) shown.put(cells.get(0) + "|" + cells.get(1), cells);
        Map<String, long[]> perStore = new TreeMap<>();
        long[] total = new long[2];
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            List<String> aimSide = List.of(String.format("%,d", e.getValue()[0]), Dollars.of(e.getValue()[1]));
            assertNotNull(shown.get(e.getKey()), e.getKey() + " in " + shown.keySet());
            assertEquals(aimSide, shown.get(e.getKey()).subList(2, 4), "AIM, " + e.getKey());
            assertEquals(aimSide, shown.get(e.getKey()).subList(4, 6), "Helm holds them all, " + e.getKey());
            long[] s = perStore.computeIfAbsent(e.getKey().split("\\|")[0], k -> new long[2]);
            for (int i = 0; i < 2; i++) {
                s[i] += e.getValue()[i];
                total[i] += e.getValue()[i];
            }
        }
        perStore.forEach((store, v) -> assertEquals(List.of(String.format("%,d", v[0]), Dollars.of(v[1])),
                shown.get("**store " + store + "**|").subList(2, 4), "store " + store));
        assertEquals(List.of(String.format("%,d", total[0]), Dollars.of(total[1])), shown.get("**total**|").subList(2, 4));
        assertEquals(expected.size() + perStore.size() + 1, shown.size(), "a line per store and status, one per store, the total: " + shown.keySet());
    }
}
