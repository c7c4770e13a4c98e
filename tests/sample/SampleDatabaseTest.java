package tests.sample;

import static org.junit.jupiter.api.Assertions.*;
import static tests.support.TestSupport.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import lib.sample.Defect;
import lib.sample.Manifest;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;

/** The embedded sample AIM v12 database: DDL, determinism, scale, and the manifest's truth. */
class SampleDatabaseTest {
    private static final String[] NO_LOG = {};

    @Test
    void ddlLoadsIntoH2InSqlServerMode() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:ddl;MODE=MSSQLServer");
             Statement st = db.createStatement()) {
            for (String sql : SampleDatabase.ddlStatements()) st.execute(sql);
            assertEquals(25, count(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"));
            assertEquals("NUMERIC", TestSupport.strings(db, "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE TABLE_NAME = 'TKTLINE' AND COLUMN_NAME = 'EXT_PRICE'").get(0));
        }
    }

    @Test
    void generationIsDeterministicAndScaleChangesContent(@TempDir Path tmp) throws Exception {
        SampleDatabase.Sample cached = SampleDatabase.ensure(1, m -> {});
        SampleDatabase.create(tmp.resolve("again"), 1);
        Map<String, String> first = hashes(cached.jdbcUrl(), cached.manifest());
        Map<String, String> second = hashes(SampleDatabase.url(tmp.resolve("again"), true), cached.manifest());
        assertEquals(first, second, "two generations at scale 1 must hold identical rows");
        SampleDatabase.Sample two = SampleDatabase.ensure(2, m -> {});
        Map<String, String> scaled = hashes(two.jdbcUrl(), two.manifest());
        assertNotEquals(first.get("TICKET"), scaled.get("TICKET"));
        assertNotEquals(first.get("CUST"), scaled.get("CUST"));
    }

    @Test
    void scaleOneHasEnoughRowsAndScaleTwoDoublesEveryTable() throws Exception {
        SampleDatabase.Sample one = SampleDatabase.ensure(1, m -> {});
        SampleDatabase.Sample two = SampleDatabase.ensure(2, m -> {});
        Map<String, Long> c1 = counts(one), c2 = counts(two);
        assertEquals(25, c1.size());
        long total = c1.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= 113_000, "scale 1 has " + total + " rows");
        for (String table : c1.keySet()) {
            assertEquals(2 * c1.get(table), c2.get(table), table + " at scale 2");
        }
        assertTrue(c1.get("TKTLINE") > 1000 * c1.get("STORE"), "many more ticket lines than stores");
        assertEquals(c1, one.manifest().rowCounts(), "manifest row counts");
    }

    @Test
    void everyManifestEntryIsConfirmedByAnIndependentQuery() throws Exception {
        SampleDatabase.Sample s = SampleDatabase.ensure(1, m -> {});
        Manifest m = s.manifest();
        assertTrue(m.entries().size() >= 30, "manifest has " + m.entries().size() + " entries");
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            for (Manifest.Entry e : m.entries()) {
                kinds.add(e.defect());
                assertTrue(e.count() > 0, e + " is empty");
                long actual = independentCount(db, Defect.valueOf(e.defect().toUpperCase()), e.table(), e.column());
                assertEquals(e.count(), actual, e.defect() + " in " + e.table() + "." + e.column());
            }
        }
        for (Defect d : Defect.values()) {
            assertTrue(kinds.contains(d.ruleName()), "defect " + d.ruleName() + " is planted somewhere");
        }
    }

    @Test
    void orphanKeysInTheManifestAreTheRowsWithoutAParent() throws Exception {
        SampleDatabase.Sample s = SampleDatabase.ensure(1, m -> {});
        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            java.util.List<String> orphans = TestSupport.strings(db, "SELECT CONCAT(STORE_NO, '/', TICKET_NO, '/', PAY_SEQ) FROM TKTPAY p "
                    + "WHERE NOT EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)");
            Manifest.Entry entry = s.manifest().entries().stream()
                    .filter(e -> e.defect().equals("orphan_ticket")).findFirst().orElseThrow();
            assertEquals(new java.util.TreeSet<>(orphans), new java.util.TreeSet<>(entry.keys()));
        }
    }

    /** As a clustered primary key stores them in SQL Server: H2's own row order (_ROWID_) is the key's order, in every table. */
    @Test
    void everyTableIsStoredInItsPrimaryKeysOrder() throws Exception {
        SampleDatabase.Sample s = SampleDatabase.ensure(1, m -> {});
        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            for (String t : s.manifest().rowCounts().keySet()) {
                java.util.List<String> key = new java.util.ArrayList<>();
                try (ResultSet rs = db.getMetaData().getPrimaryKeys(null, null, t)) {
                    TreeMap<Integer, String> seq = new TreeMap<>();
                    while (rs.next()) seq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                    key.addAll(seq.values());
                }
                assertFalse(key.isEmpty(), t + " keeps its primary key");
                String cols = "CONCAT(" + String.join(", '/', ", key) + ", '')";
                assertEquals(TestSupport.strings(db, "SELECT " + cols + " FROM " + t + " ORDER BY " + String.join(", ", key)),
                        TestSupport.strings(db, "SELECT " + cols + " FROM " + t + " ORDER BY _ROWID_"), t + " in key order");
            }
        }
    }

    static Map<String, Long> counts(SampleDatabase.Sample s) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(s.jdbcUrl())) {
            for (String t : TestSupport.strings(db, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                out.put(t, count(db, "SELECT COUNT(*) FROM " + t));
            }
        }
        return out;
    }

    static Map<String, String> hashes(String url, Manifest m) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(url)) {
            for (String t : m.rowCounts().keySet()) {
                int cols = (int) count(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" + t + "'");
                StringBuilder order = new StringBuilder("1");
                for (int i = 2; i <= cols; i++) order.append(", ").append(i);
                out.put(t, TestSupport.tableHash(db, t, order.toString()));
            }
        }
        return out;
    }

    private static final String VALID_EMAIL = "REGEXP_LIKE(LOWER(TRIM(%1$s)), '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$')";

    /** Counts a defect with SQL written apart from the generator, from the data alone. */
    static long independentCount(Connection db, Defect d, String t, String c) throws Exception {
        String blank = "(%1$s IS NULL OR TRIM(CAST(%1$s AS VARCHAR)) = '')";
        String where = switch (d) {
            case STRAY_SPACES -> "TRIM(%1$s) <> '' AND (LEFT(%1$s, 1) = ' ' OR RIGHT(%1$s, 1) = ' ')";
            case EMPTY_STRING -> "%1$s IS NOT NULL AND TRIM(%1$s) = ''";
            case SENTINEL_DATE -> "CAST(%1$s AS DATE) IN (DATE '1900-01-01', DATE '1899-12-30')";
            case TYPO_DATE -> "(%1$s < DATE '1899-12-30' OR %1$s > DATE '2099-12-31')";
            case SUB_CENT_MONEY, SUB_CENT_COST -> "%1$s * 100 <> FLOOR(%1$s * 100)";
            case FLAG_VARIANT -> "NOT " + blank + " AND %1$s NOT IN ('Y', 'N')";
            case FLAG_BLANK -> blank;
            case PHONE_UNPARSEABLE -> "NOT " + blank + " AND LENGTH(REGEXP_REPLACE(%1$s, '[^0-9]', '')) < 10";
            case EMAIL_NORMALIZED -> VALID_EMAIL + " AND %1$s <> LOWER(TRIM(%1$s))";
            case EMAIL_INVALID -> "NOT " + blank + " AND NOT " + VALID_EMAIL;
            case NON_ASCII -> "REGEXP_LIKE(%1$s, '[^\\x00-\\x7F]')";
            case CONTROL_CHARS -> "REGEXP_LIKE(%1$s, '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]')";
            case SPECIAL_CHARS -> "REGEXP_LIKE(%1$s, '[\"''\\t\\n\\r\\\\]')";
            case SOFT_DELETED -> "CAST(%1$s AS VARCHAR) IN ('Y', 'TRUE', '1')";
            case ORPHAN_PRODUCT -> "NOT EXISTS (SELECT 1 FROM INVMAST i WHERE i.ITEM_ID = x.ITEM_ID)";
            case ORPHAN_TICKET -> "NOT EXISTS (SELECT 1 FROM TICKET k WHERE k.STORE_NO = x.STORE_NO AND k.TICKET_NO = x.TICKET_NO)";
            case ORPHAN_CUSTOMER -> "NOT EXISTS (SELECT 1 FROM CUST k WHERE k.CUST_ID = x.CUST_ID)";
            case DUPLICATE_SKU -> null;
            case DUPLICATE_ACCOUNT -> null;
            case DST_GAP, DST_OVERLAP -> null;
        };
        if (d == Defect.DUPLICATE_SKU) {
            return count(db, "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) n FROM INVMAST "
                    + "WHERE DELETED = FALSE GROUP BY UPPER(TRIM(SKU)))");
        }
        if (d == Defect.DUPLICATE_ACCOUNT) {
            return count(db, "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) n FROM CUST "
                    + "WHERE DELETED <> 'Y' GROUP BY TRIM(ACCT_NO))");
        }
        if (d == Defect.DST_GAP || d == Defect.DST_OVERLAP) {
            ZoneId zone = ZoneId.of("America/Chicago");
            long n = 0;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT " + c + " FROM " + t)) {
                while (rs.next()) {
                    int offsets = zone.getRules().getValidOffsets(rs.getObject(1, LocalDateTime.class)).size();
                    if (d == Defect.DST_GAP ? offsets == 0 : offsets == 2) n++;
                }
            }
            return n;
        }
        return count(db, "SELECT COUNT(*) FROM " + t + " x WHERE " + String.format(where, c));
    }
}
