package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import lib.accounts.Fixes;
import lib.accounts.Fixes.Fix;
import lib.rules.Pseudonym;
import lib.sample.Defect;
import lib.sample.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** fixes/TABLE.csv of the whole sample: against the report's counts, the manifest's planted rows, AIM and Helm. */
class FixesFileTest {
    /** Every line of every fixes/TABLE.csv of an output folder. */
    static List<Fix> fixes(Path out) throws Exception {
        List<Fix> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(out.resolve(Fixes.DIR))) {
            for (Path f : files.sorted().toList()) {
                List<Fix> lines = Fixes.read(f);
                String table = f.getFileName().toString().replace(".csv", "");
                assertTrue(lines.stream().allMatch(x -> x.table().equals(table)), f.toString());
                all.addAll(lines);
            }
        }
        return all;
    }

    static Map<String, List<Fix>> byColumnAndRule(List<Fix> fixes) {
        Map<String, List<Fix>> out = new TreeMap<>();
        for (Fix f : fixes) out.computeIfAbsent(f.rule() + "|" + f.table() + "|" + f.column(), k -> new ArrayList<>()).add(f);
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLinesOfEachColumnAndRuleAreTheReportsCountAndThePlantedRowsByKey() throws Exception {
        Path out = SampleRun.full();
        Map<String, List<Fix>> listed = byColumnAndRule(fixes(out));
        Map<String, Long> counted = new TreeMap<>(), lines = new TreeMap<>();
        MigrateAimTest.tables(SampleRun.report(out)).forEach((table, t) -> ((Map<String, Map<String, Number>>) t.get("fixes"))
                .forEach((col, rules) -> rules.forEach((rule, n) -> counted.put(rule + "|" + table + "|" + col, n.longValue()))));
        listed.forEach((k, v) -> lines.put(k, (long) v.size()));
        assertEquals(counted, lines, "report.json's values-fixed counts (left) against the lines of fixes/ (right)");
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Values fixed, by rule (each value, before and after, in fixes/TABLE.csv)"));

        // Each planted value defect is listed under its own rule, column and key (soft-deleted rows are skipped before any rule).
        Manifest manifest = SampleRun.sample().manifest();
        Set<String> deletedCustomers = Set.copyOf(MigrateAimTest.entry(manifest, "soft_deleted", "CUST").keys());
        Set<String> deletedProducts = Set.copyOf(MigrateAimTest.entry(manifest, "soft_deleted", "INVMAST").keys());
        Set<String> rules = new java.util.HashSet<>();
        for (Defect d : Defect.values()) rules.add(d.ruleName());
        rules.add("null_as_zero"); // the sample's plain "none" (a payment without a late fee), no planted defect: checked below
        int compared = 0;
        for (Manifest.Entry e : manifest.entries()) {
            if (MigrateAimTest.NOT_RULES.contains(e.defect()) || Set.of("soft_deleted", "orphan_ticket").contains(e.defect())) continue;
            List<String> planted = e.keys().stream().filter(k -> !(e.table().equals("CUST") && deletedCustomers.contains(k))
                    && !(e.table().equals("CUSTCONT") && deletedCustomers.contains(k.split("/")[0]))
                    && !(e.table().equals("INVMAST") && deletedProducts.contains(k))).sorted().toList();
            List<String> keys = listed.getOrDefault(e.defect() + "|" + e.table() + "|" + e.column(), List.of()).stream()
                    .map(Fix::key).sorted().toList();
            assertEquals(planted, keys, e.defect() + " " + e.table() + "." + e.column());
            compared += keys.size();
        }
        assertTrue(compared > 10_000, compared + " planted rows compared");
        assertTrue(rules.containsAll(listed.keySet().stream().map(k -> k.split("\\|")[0]).toList()), listed.keySet().toString());
    }

    @Test
    void beforeIsWhatAimHoldsAndAfterIsWhatTheRuleMadeAndHelmHolds() throws Exception {
        Path out = SampleRun.full();
        Map<String, List<Fix>> listed = byColumnAndRule(fixes(out));
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl());
             Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            // Text columns of customers: 'before' is AIM's value exactly (NULL and '' alike are an empty cell).
            Map<String, String> aimText = new HashMap<>();
            List<String> textColumns = List.of("ACCT_NO", "FIRST_NAME", "LAST_NAME", "COMPANY", "PHONE1", "PHONE2", "EMAIL", "TAX_EXEMPT", "NOTES");
            try (var st = aim.createStatement(); ResultSet rs = st.executeQuery("SELECT CUST_ID, " + String.join(", ", textColumns) + " FROM CUST")) {
                while (rs.next()) for (String c : textColumns) aimText.put(rs.getInt(1) + "|" + c, rs.getString(c));
            }
            int cust = 0;
            for (List<Fix> group : listed.values()) {
                for (Fix f : group) {
                    if (!f.table().equals("CUST") || !textColumns.contains(f.column())) continue;
                    assertEquals(emptyAsNull(aimText.get(f.key() + "|" + f.column())), f.before(), "CUST " + f.key() + " " + f.column());
                    cust++;
                }
            }
            assertTrue(cust > 1500, cust + " customer values compared");

            for (Fix f : listed.get("sub_cent_money|TKTLINE|EXT_PRICE")) {
                assertEquals(new BigDecimal(f.before()).movePointRight(2).setScale(0, RoundingMode.HALF_UP).toString(), f.after(), f.key());
            }
            for (Fix f : listed.get("stray_spaces|TKTLINE|DESCRIPTION")) assertEquals(f.before().strip(), f.after(), f.key());
            for (Fix f : listed.get("email_normalized|CUSTCONT|EMAIL")) assertEquals(f.before().strip().toLowerCase(Locale.ROOT), f.after(), f.key());
            for (String nulled : List.of("sentinel_date|RENTCONT|END_DATE", "typo_date|CUST|BIRTH_DATE", "orphan_product|TKTLINE|ITEM_ID",
                    "phone_unparseable|CUSTCONT|PHONE", "email_invalid|CUST|EMAIL", "empty_string|CUST|COMPANY")) {
                assertTrue(listed.get(nulled).stream().allMatch(f -> f.before() != null && f.after() == null || nulled.startsWith("empty")
                        && f.after() == null), nulled);
            }
            // 'after' is the value in Helm.
            assertHelmHolds(helm, listed.get("duplicate_sku|INVMAST|SKU"), "SELECT sku FROM products WHERE legacy_key = 'INVMAST:' || ?");
            assertHelmHolds(helm, listed.get("duplicate_account|CUST|ACCT_NO"), "SELECT account_no FROM customers WHERE legacy_key = 'CUST:' || ?");
            assertHelmHolds(helm, listed.get("dst_gap|TICKET|TICKET_DATE"), "SELECT sold_at FROM sales WHERE legacy_key = 'TICKET:' || ?");
            assertHelmHolds(helm, listed.get("dst_overlap|TKTPAY|PAID_AT"), "SELECT paid_at FROM sale_payments WHERE legacy_key = 'TKTPAY:' || ?");
            assertHelmHolds(helm, listed.get("flag_variant|INVMAST|TAXABLE"), "SELECT is_taxable FROM products WHERE legacy_key = 'INVMAST:' || ?");
            assertHelmHolds(helm, listed.get("sub_cent_money|TICKET|TOTAL"), "SELECT total_cents FROM sales WHERE legacy_key = 'TICKET:' || ?");
        }
    }

    static void assertHelmHolds(Connection helm, List<Fix> fixes, String sql) throws Exception {
        assertFalse(fixes.isEmpty(), sql);
        try (PreparedStatement st = helm.prepareStatement(sql)) {
            for (Fix f : fixes) {
                st.setString(1, f.key());
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next(), f.table() + " " + f.key() + " is in Helm");
                    assertEquals(rs.getString(1), f.after(), f.table() + " " + f.key() + " " + f.column() + " " + f.rule());
                }
            }
        }
    }

    static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A NULL where Helm's column is NOT NULL and the number is kept as 0 changes a value on its way, so it is a named
     * rule: with every such AIM value set to NULL, each Helm row of the table has one null_as_zero line per column
     * in fixes/, from NULL to 0, and Helm's column sums to 0.
     */
    @Test
    void aNullKeptAsZeroIsListedForEveryRowItChanged(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Map<String, String> helmTable = Map.of("INVSTORE", "stock_levels", "TKTLINE", "sale_lines", "RENTPAY", "rental_payments",
                "ARACCT", "house_accounts", "SPECORD", "special_orders");
        Map<String, List<String>> columns = Map.of("INVSTORE", List.of("ON_HAND", "ON_ORDER", "MIN_QTY"), "TKTLINE", List.of("DISCOUNT"),
                "RENTPAY", List.of("LATE_FEE"), "ARACCT", List.of("CREDIT_LIMIT", "BALANCE"), "SPECORD", List.of("DEPOSIT"));
        try (Connection aim = DriverManager.getConnection(url); java.sql.Statement st = aim.createStatement()) {
            for (Map.Entry<String, List<String>> t : columns.entrySet()) {
                st.executeUpdate("UPDATE " + t.getKey() + " SET " + String.join(", ", t.getValue().stream().map(c -> c + " = NULL").toList()));
            }
        }
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, r.exit(), r.all());
        Map<String, List<Fix>> listed = byColumnAndRule(fixes(out));
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            for (Map.Entry<String, List<String>> t : columns.entrySet()) {
                long rows = TestSupport.count(helm, "SELECT COUNT(*) FROM " + helmTable.get(t.getKey()));
                assertTrue(rows > 0, t.getKey());
                for (String c : t.getValue()) {
                    List<Fix> lines = listed.getOrDefault("null_as_zero|" + t.getKey() + "|" + c, List.of());
                    assertEquals(rows, lines.size(), t.getKey() + "." + c);
                    assertTrue(lines.stream().allMatch(f -> emptyAsNull(f.before()) == null && "0".equals(f.after())), t.getKey() + "." + c);
                }
            }
        }
    }

    @Test
    void aSliceRerunWritesItsTablesFixesAgainAndKeepsTheOthers(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        try (Stream<Path> walk = Files.walk(SampleRun.full())) {
            for (Path p : walk.toList()) {
                Path to = out.resolve(SampleRun.full().relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Path repair = out.resolve("fixes/REPAIR.csv"), cust = out.resolve("fixes/CUST.csv");
        byte[] repairAsMade = Files.readAllBytes(repair);
        // Marks that tell a file written again (slice 6 reads REPAIR) from one kept (slice 2 reads CUST).
        Files.writeString(repair, "REPAIR,0,X,marker,,\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(cust, "CUST,0,X,marker,,\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        byte[] custMarked = Files.readAllBytes(cust);

        TestSupport.Run r = SampleRun.migrate(out, "--slice", "6", "--sample");
        assertEquals(0, r.exit(), r.all());
        assertArrayEquals(repairAsMade, Files.readAllBytes(repair), "slice 6's REPAIR.csv is written again, the same bytes as the full run's");
        assertArrayEquals(custMarked, Files.readAllBytes(cust), "slice 2's CUST.csv is kept as it was");
    }

    @Test
    @Tag("slow")
    void underRedactNoPersonalValueReadOrMadeIsInFixesAndEveryOtherLineIsThePlainRunsLine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(RedactAndLimitTest.SALT, out, "--all", "--sample", "--redact");
        assertEquals(0, r.exit(), r.all());
        List<Fix> plain = fixes(SampleRun.full()), redacted = fixes(out);
        assertEquals(plain.size(), redacted.size());

        // A planted e-mail of the sample, as AIM holds it and as the rule makes it: in the plain fixes/, nowhere in the redacted one.
        String key = MigrateAimTest.entry(SampleRun.sample().manifest(), "email_normalized", "CUST").keys().get(0);
        String email;
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            email = TestSupport.strings(aim, "SELECT EMAIL FROM CUST WHERE CUST_ID = " + key).get(0);
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        assertTrue(Files.readString(SampleRun.full().resolve("fixes/CUST.csv")).contains(normalized), "the search is not blind");
        String all = redactedText(out);
        assertFalse(all.contains(email.strip()) || all.contains(normalized), email + " is in the redacted fixes/");

        int personal = 0;
        for (int i = 0; i < plain.size(); i++) {
            Fix p = plain.get(i), x = redacted.get(i);
            assertEquals(List.of(p.table(), p.key(), p.column(), p.rule()), List.of(x.table(), x.key(), x.column(), x.rule()));
            if (!Pseudonym.aimColumn(p.column())) {
                assertEquals(p, x, "a value redaction does not hide is listed as in the plain run");
                continue;
            }
            personal++;
            for (String[] v : new String[][] {{p.before(), x.before()}, {p.after(), x.after()}}) {
                assertEquals(v[0] == null, v[1] == null, x.toString());
                if (v[0] != null && v[0].isBlank()) assertEquals(v[0], v[1], "a blank value holds nothing personal");
                else if (v[0] != null && p.column().contains("BIRTH")) {
                    // A birth date keeps its year alone (what --redact keeps in Helm too).
                    assertEquals(v[0].substring(0, 4) + "-01-01", v[1], x.toString());
                } else if (v[0] != null && p.column().contains("ZIP")) {
                    assertEquals(v[0].strip().substring(0, Math.min(3, v[0].strip().length())), v[1], x.toString());
                } else if (v[0] != null) assertTrue(!v[1].equals(v[0]) && v[1].matches(PSEUDONYM), x.toString());
            }
        }
        assertTrue(personal > 2000, personal + " personal values");
    }

    static final String PSEUDONYM = "(Name|Address|Redacted)-[0-9a-f]{12}|r[0-9a-f]{12}@redacted\\.invalid|\\+1555[0-9]{7}";

    static String redactedText(Path out) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(out.resolve(Fixes.DIR))) {
            for (Path f : files.toList()) sb.append(Files.readString(f, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
