package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;
import static tests.support.TestSupport.count;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lib.sample.Defect;
import lib.sample.Manifest;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;

/** The full sample migration, checked against the generator's manifest and the source itself. */
class MigrateAimTest {
    /** Defects that are not rules: the data must simply arrive unchanged. */
    static final Set<String> NOT_RULES = Set.of("non_ascii", "special_chars");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> tables(Map<String, Object> report) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("slices")) {
            for (Map<String, Object> t : (List<Map<String, Object>>) s.get("tables")) out.put((String) t.get("source"), t);
        }
        return out;
    }

    static Connection helm(Path out) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPlantedDefectIsHandledExactlyAsOftenAsPlanted() throws Exception {
        Manifest manifest = SampleRun.sample().manifest();
        Map<String, Map<String, Object>> tables = tables(SampleRun.report(SampleRun.full()));
        Map<String, Long> found = new TreeMap<>();
        Set<String> ruleNames = new java.util.TreeSet<>();
        for (Defect d : Defect.values()) ruleNames.add(d.ruleName());
        tables.forEach((table, t) -> {
            ((Map<String, Map<String, Number>>) t.get("fixes")).forEach((col, rules) -> rules.forEach((rule, n) -> {
                if (ruleNames.contains(rule)) found.put(rule + "|" + table + "|" + col, n.longValue());
            }));
            ((Map<String, Number>) t.get("skipped")).forEach((rule, n) -> { if (ruleNames.contains(rule)) found.put(rule + "|" + table + "|*", n.longValue()); });
            ((Map<String, Number>) t.get("rejected")).forEach((rule, n) -> { if (ruleNames.contains(rule)) found.put(rule + "|" + table + "|*", n.longValue()); });
        });
        // A soft-deleted row is skipped before any other rule sees it, and so are the contacts of a deleted customer.
        Set<String> deletedCustomers = Set.copyOf(entry(manifest, "soft_deleted", "CUST").keys());
        Set<String> deletedProducts = Set.copyOf(entry(manifest, "soft_deleted", "INVMAST").keys());
        Map<String, Long> planted = new TreeMap<>();
        for (Manifest.Entry e : manifest.entries()) {
            if (NOT_RULES.contains(e.defect())) continue;
            boolean wholeRow = e.defect().equals("soft_deleted") || e.defect().equals("orphan_ticket");
            long seen = e.keys().stream().filter(k -> wholeRow
                    || !(e.table().equals("CUST") && deletedCustomers.contains(k))
                    && !(e.table().equals("CUSTCONT") && deletedCustomers.contains(k.split("/")[0]))
                    && !(e.table().equals("INVMAST") && deletedProducts.contains(k))).count();
            if (seen > 0) planted.put(e.defect() + "|" + e.table() + "|" + (wholeRow ? "*" : e.column()), seen);
        }
        assertEquals(planted, found, "rules that fired (right) against defects planted (left)");
    }

    @Test
    void orphanLinesKeepTheirSkuAndAmountsAndOrphanPaymentsAreRejectedWithTheirMoney() throws Exception {
        SampleDatabase.Sample s = SampleRun.sample();
        Manifest.Entry lines = entry(s.manifest(), "orphan_product", "TKTLINE");
        try (Connection aim = DriverManager.getConnection(s.jdbcUrl()); Connection helm = helm(SampleRun.full());
             PreparedStatement src = aim.prepareStatement("SELECT SKU, EXT_PRICE FROM TKTLINE WHERE STORE_NO = ? AND TICKET_NO = ? AND LINE_NO = ?");
             PreparedStatement dst = helm.prepareStatement("SELECT product_id, legacy_sku, amount_cents FROM sale_lines WHERE legacy_key = ?")) {
            for (String key : lines.keys()) {
                String[] k = key.split("/");
                for (int i = 0; i < 3; i++) src.setInt(i + 1, Integer.parseInt(k[i]));
                dst.setString(1, "TKTLINE:" + key);
                try (ResultSet a = src.executeQuery(); ResultSet h = dst.executeQuery()) {
                    assertTrue(a.next() && h.next(), "line " + key + " is in Helm");
                    assertNull(h.getObject(1), key);
                    assertEquals(a.getString(1), h.getString(2), key);
                    assertEquals(a.getBigDecimal(2).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(), h.getLong(3), key);
                }
            }
            Manifest.Entry payments = entry(s.manifest(), "orphan_ticket", "TKTPAY");
            List<String> csv = Files.readAllLines(SampleRun.full().resolve("rejects/TKTPAY.csv"));
            assertEquals(payments.count() + 1, csv.size(), "header plus one row per orphan payment");
            assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("orphan_ticket,")), csv.get(1));
            // Each payment's time as AIM holds it, seconds always (Java's toString drops ':00').
            for (String t : tests.support.TestSupport.strings(aim, "SELECT FORMATDATETIME(PAID_AT, 'yyyy-MM-dd''T''HH:mm:ss') FROM TKTPAY p"
                    + " WHERE NOT EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)")) {
                assertTrue(csv.stream().anyMatch(l -> l.contains("," + t + ",")), t + " in " + csv);
            }
            long orphanCents = count(aim, "SELECT SUM(CAST(AMOUNT * 100 AS BIGINT)) FROM TKTPAY p WHERE NOT EXISTS "
                    + "(SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)");
            Map<String, Object> amount = money(tables(SampleRun.report(SampleRun.full())).get("TKTPAY"), "AMOUNT");
            assertEquals(orphanCents, ((Number) amount.get("rejected_cents")).longValue());
        }
    }

    /**
     * A unit cost keeps AIM's four decimals, so its column is reconciled in ten-thousandths, not cents: AIM's sum (plain
     * SQL on the sample) is read = loaded + skipped, the soft-deleted products' costs are the skipped part, and Helm's
     * unit_cost_e4 sums to the loaded part.
     */
    @Test
    void unitCostsAreReconciledToTheTenThousandth() throws Exception {
        Map<String, Object> cost = money(tables(SampleRun.report(SampleRun.full())).get("INVMAST"), "COST");
        assertEquals("unit_cost_e4", cost.get("target_column"));
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl()); Connection helm = helm(SampleRun.full())) {
            long all = count(aim, "SELECT SUM(CAST(COST * 10000 AS BIGINT)) FROM INVMAST");
            long deleted = count(aim, "SELECT SUM(CAST(COST * 10000 AS BIGINT)) FROM INVMAST WHERE DELETED = 1");
            assertTrue(deleted > 0 && count(aim, "SELECT COUNT(*) FROM INVMAST WHERE COST * 100 <> CAST(COST * 100 AS BIGINT)") > 0,
                    "the sample has soft-deleted products, and costs below the cent");
            assertEquals(all, ((Number) cost.get("read_e4")).longValue());
            assertEquals(deleted, ((Number) cost.get("skipped_e4")).longValue());
            assertEquals(all - deleted, ((Number) cost.get("loaded_e4")).longValue());
            assertEquals(all - deleted, count(helm, "SELECT SUM(unit_cost_e4) FROM products"));
            assertEquals(all - deleted, ((Number) cost.get("target_e4")).longValue());
        }
        assertTrue(Files.readString(SampleRun.full().resolve("report.md")).contains("| INVMAST.COST | products.unit_cost_e4 | $"),
                "report.md's money table has the unit costs");
    }

    @Test
    void centTotalsEqualTheSourcesPerRowRoundedTotals() throws Exception {
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl()); Connection helm = helm(SampleRun.full())) {
            String rounded = "CAST(ROUND(%s * 100, 0) AS BIGINT)";
            assertEquals(count(aim, "SELECT SUM(" + rounded.formatted("EXT_PRICE") + ") FROM TKTLINE"),
                    count(helm, "SELECT SUM(amount_cents) FROM sale_lines"));
            assertEquals(count(aim, "SELECT SUM(" + rounded.formatted("TOTAL") + ") FROM TICKET"),
                    count(helm, "SELECT SUM(total_cents) FROM sales"));
            assertEquals(count(aim, "SELECT SUM(" + rounded.formatted("AMOUNT") + ") FROM TKTPAY p WHERE EXISTS "
                    + "(SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)"),
                    count(helm, "SELECT SUM(amount_cents) FROM sale_payments"));
            assertEquals(count(aim, "SELECT SUM(" + rounded.formatted("AMOUNT") + ") FROM RENTPAY"),
                    count(helm, "SELECT SUM(amount_cents) FROM rental_payments"));
        }
    }

    @Test
    void readEqualsLoadedPlusSkippedPlusRejectedForEveryTableCountedFromBothEnds() throws Exception {
        Map<String, Map<String, Object>> tables = tables(SampleRun.report(SampleRun.full()));
        assertEquals(25, tables.size());
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl()); Connection helm = helm(SampleRun.full())) {
            for (Map<String, Object> t : tables.values()) {
                long read = num(t.get("read")), loaded = num(t.get("loaded"));
                long skipped = sum(t.get("skipped")), rejected = sum(t.get("rejected"));
                assertEquals(count(aim, "SELECT COUNT(*) FROM " + t.get("source")), read, t.get("source") + " read");
                assertEquals(count(helm, "SELECT COUNT(*) FROM " + t.get("target")), loaded, t.get("target") + " rows");
                assertEquals(read, loaded + skipped + rejected, t.get("source") + " balance");
            }
            assertEquals(0, count(helm, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        }
    }

    @Test
    void nonAsciiNamesAndNotesWithQuotesArriveExactly() throws Exception {
        SampleDatabase.Sample s = SampleRun.sample();
        try (Connection aim = DriverManager.getConnection(s.jdbcUrl()); Connection helm = helm(SampleRun.full())) {
            int compared = 0;
            for (String[] field : new String[][] {{"FIRST_NAME", "first_name"}, {"LAST_NAME", "last_name"}, {"NOTES", "notes"}}) {
                Manifest.Entry e = s.manifest().entries().stream().filter(x -> x.table().equals("CUST") && x.column().equals(field[0])
                        && (x.defect().equals("non_ascii") || x.defect().equals("special_chars"))).findFirst().orElseThrow();
                for (String key : e.keys()) {
                    String source = TestSupportStrings.one(aim, "SELECT " + field[0] + " FROM CUST WHERE CUST_ID = " + key + " AND DELETED <> 'Y'");
                    if (source == null) continue;
                    String target = TestSupportStrings.one(helm, "SELECT " + field[1] + " FROM customers WHERE id = " + key);
                    assertEquals(field[0].equals("NOTES") ? source : source.strip(), target, "CUST " + key + " " + field[0]);
                    compared++;
                }
            }
            assertTrue(compared > 300, "compared " + compared);
        }
    }

    static Manifest.Entry entry(Manifest m, String defect, String table) {
        return m.entries().stream().filter(e -> e.defect().equals(defect) && e.table().equals(table)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> money(Map<String, Object> table, String column) {
        return ((Map<String, Map<String, Object>>) table.get("money")).get(column);
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    @SuppressWarnings("unchecked")
    static long sum(Object counts) {
        return ((Map<String, Number>) counts).values().stream().mapToLong(Number::longValue).sum();
    }

    /** Reads one text value exactly as stored. */
    static final class TestSupportStrings {
        static String one(Connection db, String sql) throws Exception {
            List<String> v = tests.support.TestSupport.strings(db, sql);
            return v.isEmpty() ? null : v.get(0);
        }
    }
}
