package tests.sample;

import static org.junit.jupiter.api.Assertions.*;
import static tests.support.TestSupport.count;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import lib.core.MigrationException;
import lib.sample.Hazard;
import lib.sample.Manifest;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * The adversarial scenario (--sample=1:adversarial): the plain sample plus planted rows, each in
 * the manifest with its fate, each class found again by a query of its own that knows nothing of
 * the generator; all of it values SQL Server can store.
 */
class AdversarialSampleTest {
    static SampleDatabase.Sample adversarial() {
        return SampleDatabase.ensure(1, "adversarial", m -> {});
    }

    @Test
    void theOptionValueNamesAScaleAndAScenarioAndAnythingElseIsOneClearLine() {
        assertEquals(new SampleDatabase.Choice(1, null), SampleDatabase.parse("1"));
        assertEquals(new SampleDatabase.Choice(10, null), SampleDatabase.parse("10"));
        assertEquals(new SampleDatabase.Choice(1, "adversarial"), SampleDatabase.parse("1:adversarial"));
        assertEquals("sample AIM v12 database, scale 1", SampleDatabase.parse("1").label(), "the plain sample's label (in report.md) is unchanged");
        assertEquals("sample AIM v12 database, scale 1, adversarial scenario", SampleDatabase.parse("1:adversarial").label());
        MigrationException e = assertThrows(MigrationException.class, () -> SampleDatabase.parse("1:evil"));
        assertEquals("--sample takes SCALE or SCALE:adversarial (e.g. --sample=10 or --sample=1:adversarial), not '1:evil'", e.getMessage());
        assertThrows(MigrationException.class, () -> SampleDatabase.parse("one"));
    }

    @Test
    void theScenarioIsCachedApartAndItsManifestGivesEveryPlantedRowAFate() {
        SampleDatabase.Sample plain = SampleRun.sample(), adv = adversarial();
        assertNotEquals(plain.dir(), adv.dir());
        assertNull(plain.manifest().scenario());
        assertEquals(List.of(), plain.manifest().scenarioRows());
        Manifest m = adv.manifest();
        assertEquals("adversarial", m.scenario());
        List<String> hazards = m.scenarioRows().stream().map(Manifest.Planted::hazard).distinct().sorted().toList();
        List<String> all = new ArrayList<>();
        for (Hazard h : Hazard.values()) all.add(h.ruleName());
        assertEquals(all.stream().sorted().toList(), hazards, "every hazard is planted");
        for (Manifest.Planted p : m.scenarioRows()) {
            Hazard h = Hazard.valueOf(p.hazard().toUpperCase());
            assertEquals(h.fate.name().toLowerCase(), p.fate(), p.toString());
            assertFalse(p.expected().isBlank(), p.toString());
        }
        // The plain sample's defects are all there, in the same numbers.
        assertEquals(plain.manifest().entries(), m.entries());
    }

    /**
     * Each class counted with plain SQL (and Java for what SQL cannot see) on the plain sample and on the
     * scenario: the scenario holds exactly the manifest's rows more, and the plain sample's rows are all still there.
     */
    @Test
    void everyPlantedClassIsFoundAgainByAQueryOfItsOwn() throws Exception {
        Map<String, Long> plain = classes(SampleRun.sample().jdbcUrl()), adv = classes(adversarial().jdbcUrl());
        Map<String, Long> planted = new TreeMap<>();
        for (Manifest.Planted p : adversarial().manifest().scenarioRows()) planted.merge(p.hazard() + " " + p.table(), 1L, Long::sum);
        Map<String, Long> difference = new TreeMap<>();
        adv.forEach((k, n) -> {
            if (n - plain.getOrDefault(k, 0L) != 0) difference.put(k, n - plain.getOrDefault(k, 0L));
        });
        assertEquals(planted, difference);

        Manifest pm = SampleRun.sample().manifest(), am = adversarial().manifest();
        try (Connection db = TestSupport.h2(adversarial().jdbcUrl())) {
            for (Map.Entry<String, Long> t : am.rowCounts().entrySet()) {
                assertEquals(t.getValue(), count(db, "SELECT COUNT(*) FROM " + t.getKey()), t.getKey());
                long added = am.scenarioRows().stream().filter(p -> p.table().equals(t.getKey())).map(Manifest.Planted::key).distinct().count();
                assertTrue(t.getValue() - pm.rowCounts().get(t.getKey()) >= added, t.getKey());
            }
            // The plain sample's tickets are all there, unchanged.
            try (Connection p = TestSupport.h2(SampleRun.sample().jdbcUrl())) {
                assertEquals(TestSupport.tableHash(p, "TICKET", "STORE_NO, TICKET_NO"),
                        TestSupport.tableHash(db, "TICKET WHERE TICKET_NO < 900000000 AND STORE_NO < 1000", "STORE_NO, TICKET_NO"),
                        "plain tickets unchanged");
            }
        }
    }

    @Test
    void everyValueOfTheScenarioFitsItsSqlServerType() throws Exception {
        List<String> problems = new ArrayList<>();
        assertTrue(SampleFitsSqlServerTest.check(adversarial().jdbcUrl(), problems) > 1_000_000);
        assertEquals(List.of(), problems);
    }

    /** Each class of hazard, counted per table without the generator's help. */
    static Map<String, Long> classes(String url) throws SQLException {
        Map<String, Long> n = new TreeMap<>();
        try (Connection db = TestSupport.h2(url)) {
            for (String[] t : new String[][] {{"TAXRATE", "TAX_CODE"}, {"PAYTYPE", "PAY_CODE"}, {"GIFTCARD", "CARD_NO"}}) {
                // Codes that are one code once trimmed and compared in upper case (SQL Server's CI collation).
                put(n, "code_leading_spaces " + t[0], count(db, "SELECT COALESCE(SUM(c), 0) FROM (SELECT COUNT(*) c FROM " + t[0]
                        + " WHERE LTRIM(RTRIM(" + t[1] + ")) <> '' GROUP BY UPPER(LTRIM(RTRIM(" + t[1] + "))) HAVING COUNT(*) > 1) x"));
            }
            put(n, "blank_code TAXRATE", count(db, "SELECT COUNT(*) FROM TAXRATE WHERE LTRIM(RTRIM(TAX_CODE)) = ''"));
            put(n, "tax_rate_out_of_range TAXRATE", count(db, "SELECT COUNT(*) FROM TAXRATE WHERE RATE > 100 OR RATE < 0"));
            // A SKU (account) equal to another row's SKU (account) plus the duplicate rule's suffix, with the rows it comes from.
            put(n, "sku_equals_duplicate_suffix INVMAST", suffixTwins(db, "SELECT ITEM_ID, SKU FROM INVMAST", "~"));
            put(n, "account_equals_duplicate_suffix CUST", suffixTwins(db, "SELECT CUST_ID, RTRIM(ACCT_NO) FROM CUST", "-"));
            put(n, "nul_in_text CUST", texts(db, "SELECT EMAIL FROM CUST", s -> s.indexOf('\u0000') >= 0)
                    + texts(db, "SELECT LAST_NAME FROM CUST", s -> s.indexOf('\u0000') >= 0));
            put(n, "unpaired_surrogate CUST", texts(db, "SELECT FIRST_NAME FROM CUST", AdversarialSampleTest::loneSurrogate));
            put(n, "phone_extension CUST", texts(db, "SELECT PHONE1 FROM CUST", s -> s.matches(".*(ext\\. ?\\d+|x\\d+|#\\d+)$|1-800-[A-Z]+")));
            put(n, "store_number_high STORE", count(db, "SELECT COUNT(*) FROM STORE WHERE STORE_NO IN (1000, 9999)"));
            put(n, "store_number_high INVSTORE", count(db, "SELECT COUNT(*) FROM INVSTORE WHERE STORE_NO >= 1000"));
            // Ids built as store x 10^9 (+ ticket) x 1000 (+ line) pass 2^53 from store 9008 on.
            assertTrue((9008L * 1_000_000_000L + 1) * 1000 + 1 > (1L << 53));
            put(n, "ids_past_2_53 STORE", count(db, "SELECT COUNT(*) FROM STORE WHERE STORE_NO >= 9008 AND STORE_NO <> 9999"));
            put(n, "ids_past_2_53 TICKET", count(db, "SELECT COUNT(*) FROM TICKET WHERE STORE_NO >= 9008 AND STORE_NO <> 9999"));
            put(n, "ids_past_2_53 TKTLINE", count(db, "SELECT COUNT(*) FROM TKTLINE WHERE STORE_NO >= 9008 AND STORE_NO <> 9999"));
            put(n, "ticket_number_10e9 ARTRANS", count(db, "SELECT COUNT(*) FROM ARTRANS WHERE TICKET_NO >= 1000000000"));
            put(n, "sql_in_note TICKET", texts(db, "SELECT NOTES FROM TICKET", s -> s.contains("BEGIN TRANSACTION;") && s.contains("COMMIT;")));
            put(n, "huge_note TICKET", texts(db, "SELECT NOTES FROM TICKET", s -> s.length() > 2 << 20));
            put(n, "control_only_note TICKET", texts(db, "SELECT NOTES FROM TICKET",
                    s -> !s.isEmpty() && s.chars().allMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F)));
            put(n, "money_at_limits TICKET", count(db, "SELECT COUNT(*) FROM TICKET WHERE ABS(TOTAL) > 900000000000000"));
            // Pay codes PAYTYPE holds only when compared as SQL Server's CI collation does; and codes it does not hold at all.
            put(n, "pay_code_case TKTPAY", count(db, "SELECT COUNT(*) FROM TKTPAY p WHERE NOT EXISTS (SELECT 1 FROM PAYTYPE t WHERE t.PAY_CODE = p.PAY_CODE)"
                    + " AND EXISTS (SELECT 1 FROM PAYTYPE t WHERE UPPER(LTRIM(RTRIM(t.PAY_CODE))) = UPPER(LTRIM(RTRIM(p.PAY_CODE))))"));
            put(n, "pay_code_unknown TKTPAY", count(db, "SELECT COUNT(*) FROM TKTPAY p WHERE LTRIM(RTRIM(p.PAY_CODE)) <> ''"
                    + " AND NOT EXISTS (SELECT 1 FROM PAYTYPE t WHERE UPPER(LTRIM(RTRIM(t.PAY_CODE))) = UPPER(LTRIM(RTRIM(p.PAY_CODE))))"));
        }
        return n;
    }

    /**
     * Rows in a trio: a value held by an earlier row and by a later row B, and a third row whose own
     * value is B's plus the duplicate rule's suffix (value + separator + B's id).
     */
    private static long suffixTwins(Connection db, String sql, String separator) throws SQLException {
        Map<String, List<Long>> byValue = new TreeMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) if (rs.getString(2) != null) byValue.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
        }
        java.util.Set<Long> rows = new java.util.TreeSet<>();
        byValue.forEach((value, ids) -> {
            List<Long> sorted = ids.stream().sorted().toList();
            for (Long later : sorted.subList(1, sorted.size())) {
                List<Long> third = byValue.get(value + separator + later);
                if (third != null) {
                    rows.add(sorted.get(0));
                    rows.add(later);
                    rows.addAll(third);
                }
            }
        });
        return rows.size();
    }

    private static void put(Map<String, Long> n, String key, long value) {
        n.put(key, value);
    }

    private static long texts(Connection db, String sql, Predicate<String> test) throws SQLException {
        long n = 0;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String s = rs.getString(1);
                if (s != null && test.test(s)) n++;
            }
        }
        return n;
    }

    static boolean loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) return true;
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) return true;
        }
        return false;
    }
}
