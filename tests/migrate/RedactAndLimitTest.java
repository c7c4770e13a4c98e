package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lib.core.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** --redact: nothing personal leaves the shop, every figure stays; --limit: a marked experiment. */
@Tag("slow")
class RedactAndLimitTest {
    static final java.util.regex.Pattern EMAIL_OR_PHONE = java.util.regex.Pattern.compile("[a-z0-9._%+-]+@[a-z0-9.-]+|[0-9()+. x-]{7,}");
    static final Map<String, String> SALT = Map.of("AIM_REDACT_SALT", "a-salt-only-this-test-knows");

    @Test
    @SuppressWarnings("unchecked")
    void aRedactedOutputHoldsNoNameEmailOrPhoneOfTheSampleAndEveryFigureOfTheUnredactedRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(SALT, out, "--all", "--sample", "--redact");
        assertEquals(0, r.exit(), r.all());

        // What must not appear: every customer, contact and staff name, e-mail and phone of the source,
        // as stored and as the rules would normalise them (lower-case e-mail, E.164 phone).
        Set<String> secrets = new HashSet<>(), nameTokens = new HashSet<>(), businessWords = new HashSet<>();
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            for (String sql : List.of("SELECT EMAIL FROM CUST", "SELECT EMAIL FROM CUSTCONT")) {
                for (String e : TestSupport.strings(aim, sql)) if (e != null && e.strip().length() > 3) secrets.add(e.strip().toLowerCase(Locale.ROOT));
            }
            for (String sql : List.of("SELECT PHONE1 FROM CUST", "SELECT PHONE2 FROM CUST", "SELECT PHONE FROM CUSTCONT")) {
                for (String p : TestSupport.strings(aim, sql)) {
                    if (p == null) continue;
                    String digits = p.replaceAll("[^0-9]", "");
                    if (p.strip().length() >= 7) secrets.add(p.strip().toLowerCase(Locale.ROOT));
                    if (digits.length() >= 10) secrets.add("+1" + digits.substring(digits.length() - 10));
                }
            }
            for (String sql : List.of("SELECT FIRST_NAME FROM CUST", "SELECT LAST_NAME FROM CUST", "SELECT FIRST_NAME FROM EMPLOYEE",
                    "SELECT LAST_NAME FROM EMPLOYEE", "SELECT CONTACT_NAME FROM CUSTCONT")) {
                for (String n : TestSupport.strings(aim, sql)) if (n != null) nameTokens.addAll(tokens(n));
            }
            // Words that legitimately appear in business text (products, vendors, stores, schools, categories) are not evidence.
            for (String sql : List.of("SELECT DESCRIPTION FROM INVMAST", "SELECT NAME FROM VENDOR", "SELECT STORE_NAME FROM STORE",
                    "SELECT NAME FROM SCHOOL", "SELECT DESCRIPTION FROM CATEGORY", "SELECT DESCRIPTION FROM TKTLINE", "SELECT DESCRIPTION FROM REPLINE",
                    "SELECT DESCRIPTION FROM PAYTYPE", "SELECT DESCRIPTION FROM TAXRATE", "SELECT DISTRICT FROM SCHOOL")) {
                for (String n : TestSupport.strings(aim, sql)) if (n != null) businessWords.addAll(tokens(n));
            }
        }
        nameTokens.removeIf(t -> t.length() < 4 || businessWords.contains(t));
        assertTrue(secrets.size() > 1000 && nameTokens.size() > 50, secrets.size() + " secrets, " + nameTokens.size() + " name words");

        assertEquals(List.of(), leaks(out, secrets, nameTokens), "personal data in the redacted output");
        // The same search does find them in the plain run's output: it is not blind.
        List<String> plainLeaks = leaks(SampleRun.full(), secrets, nameTokens);
        assertTrue(plainLeaks.stream().anyMatch(l -> l.contains("@")) && plainLeaks.stream().anyMatch(l -> l.startsWith("phone"))
                && plainLeaks.stream().anyMatch(l -> l.startsWith("name")), plainLeaks.toString());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }

        // Every count, sum, checksum of a non-personal table and business figure equals the unredacted run's.
        Map<String, Object> plain = SampleRun.report(SampleRun.full()), redacted = SampleRun.report(out);
        assertEquals(Boolean.TRUE, redacted.get("redacted"));
        assertEquals(Boolean.FALSE, plain.get("redacted"));
        assertEquals(plain.get("business"), redacted.get("business"));
        assertEquals(slicesWithoutTimes(plain), slicesWithoutTimes(redacted));
        Map<String, Map<String, Object>> pc = (Map<String, Map<String, Object>>) plain.get("content"), rc = (Map<String, Map<String, Object>>) redacted.get("content");
        for (String t : List.of("sale_lines", "products", "stock_levels", "rental_payments", "gift_cards", "instruments")) {
            assertEquals(pc.get(t), rc.get(t), t + " holds nothing personal and is identical");
        }
        Map<String, Object> customersPlain = (Map<String, Object>) pc.get("customers").get("source");
        Map<String, Object> customersRedacted = (Map<String, Object>) rc.get("customers").get("source");
        assertEquals(customersPlain.get("rows"), customersRedacted.get("rows"));
        assertNotEquals(customersPlain.get("checksum"), customersRedacted.get("checksum"));
        assertTrue(Files.readString(out.resolve("report.md")).contains("**REDACTED**"));
        Map<String, Object> manifest = Json.read(Files.readString(out.resolve("manifest.json")));
        assertEquals(Boolean.TRUE, manifest.get("redacted"));
        for (Path f : files) assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(SALT.get("AIM_REDACT_SALT")), "salt in " + f);

        // Birth dates keep only their year, ZIP codes their first three characters: no exact birth date of the sample is left.
        // (Births before 2002, when the sample's customers start to be created, so no other date of a customer row can match one.)
        Set<String> births = new HashSet<>();
        try (Connection aim = DriverManager.getConnection(SampleRun.sample().jdbcUrl())) {
            for (String b : TestSupport.strings(aim, "SELECT CAST(CAST(BIRTH_DATE AS DATE) AS VARCHAR(10)) FROM CUST "
                    + "WHERE BIRTH_DATE >= '1901-01-01' AND BIRTH_DATE < '2002-01-01'")) {
                if (!b.endsWith("-01-01")) births.add(b);
            }
        }
        assertTrue(births.size() > 1000, births.size() + " birth dates");
        assertEquals(Set.of(), datesIn(out.resolve("d1/0002_customers.sql"), births), "exact birth dates in the redacted D1 file");
        assertTrue(datesIn(SampleRun.full().resolve("d1/0002_customers.sql"), births).size() > 1000, "the plain run holds them (not blind)");
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            assertEquals(0, TestSupport.count(helm, "SELECT COUNT(*) FROM customers WHERE birth_date NOT GLOB '[0-9][0-9][0-9][0-9]-01-01' "
                    + "OR length(zip) > 3"));
            assertTrue(TestSupport.count(helm, "SELECT COUNT(*) FROM customers WHERE birth_date IS NOT NULL AND zip IS NOT NULL") > 1000);
            // A city (Safe Harbor keeps none smaller than a state), and the free text staff typed about one customer, where a
            // name or an e-mail may stand: pseudonyms, every one.
            for (String[] c : new String[][] {{"customers", "city", "City-"}, {"customer_contacts", "relation", "Redacted-"},
                    {"special_orders", "description", "Redacted-"}, {"repair_orders", "instrument", "Redacted-"}}) {
                assertTrue(TestSupport.count(helm, "SELECT COUNT(*) FROM " + c[0] + " WHERE " + c[1] + " IS NOT NULL") > 10, c[0] + "." + c[1]);
                assertEquals(0, TestSupport.count(helm, "SELECT COUNT(*) FROM " + c[0] + " WHERE " + c[1] + " NOT LIKE '" + c[2] + "%'"), c[0] + "." + c[1]);
            }
        }

        // Same salt, same pseudonyms: a second redacted run gives the same D1 bytes.
        Path again = tmp.resolve("again");
        assertEquals(0, SampleRun.migrate(SALT, again, "--all", "--sample", "--redact").exit());
        assertEquals(SampleRun.sha256(out.resolve("d1/all.sql")), SampleRun.sha256(again.resolve("d1/all.sql")));
    }

    @Test
    void redactWithoutASaltIsRefused(@TempDir Path tmp) {
        TestSupport.Run r = SampleRun.migrate(tmp.resolve("out"), "--all", "--sample", "--redact");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("--redact needs a salt: set AIM_REDACT_SALT or pass --redact-salt-file"), r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLimitedRunIsMarkedEverywhereAndRefusedForTheCutoverAndForD1(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(out, "--all", "--sample", "--limit", "300");
        assertEquals(0, r.exit(), r.all());
        Map<String, Object> report = SampleRun.report(out);
        assertEquals(300, ((Number) report.get("limit_rows_per_table")).intValue());
        long tickets = -1;
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("slices")) {
            for (Map<String, Object> t : (List<Map<String, Object>>) s.get("tables")) {
                if (t.get("source").equals("TICKET")) tickets = ((Number) t.get("read")).longValue();
            }
        }
        // The first 300 tickets, and those the first 300 house accounts name: far fewer than the sample's (LimitSubsetTest checks which).
        try (Connection aim = TestSupport.h2(SampleRun.sample().jdbcUrl())) {
            assertTrue(tickets >= 300 && tickets < TestSupport.count(aim, "SELECT COUNT(*) FROM TICKET") / 2, tickets + " tickets read");
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("LIMITED: a consistent subset of AIM (--limit 300)"));
        assertEquals(300, ((Number) Json.read(Files.readString(out.resolve("manifest.json"))).get("limited")).intValue());

        TestSupport.Run cutover = SampleRun.migrate(tmp.resolve("o2"), "--all", "--sample", "--limit", "300", "--isolation", "consistent");
        assertEquals(2, cutover.exit(), cutover.all());
        assertTrue(cutover.err().contains("the cutover run (--isolation consistent) reads every row"), cutover.err());

        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("wrangler.toml"), "name = \"x\"\n");
        TestSupport.Run d1 = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", "/bin/false");
        assertEquals(2, d1.exit(), d1.all());
        assertTrue(d1.err().contains("holds a --limit run"), d1.err());
    }

    /** Source e-mails, phones and name words found in the files of an output folder, one line each (at most a few per kind). */
    static List<String> leaks(Path out, Set<String> secrets, Set<String> nameTokens) throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            // A few of each file's, so one file full of them (fixes/CUSTCONT.csv of a plain run) does not hide the others.
            int before = found.size();
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            java.util.regex.Matcher m = EMAIL_OR_PHONE.matcher(text);
            while (m.find() && found.size() < before + 20) {
                String run = m.group().strip();
                String digits = digitsOf(run);
                if (secrets.contains(run)) found.add((run.contains("@") ? "" : "phone ") + run + " in " + f.getFileName());
                else if (!run.contains("@") && digits.length() >= 10) {
                    String national = digits.startsWith("1") && digits.length() >= 11 ? digits.substring(1, 11) : digits.substring(0, 10);
                    if (secrets.contains("+1" + national) || secrets.contains("+1" + digits.substring(digits.length() - 10))) {
                        found.add("phone " + run + " in " + f.getFileName());
                    }
                }
            }
            Set<String> words = tokens(text);
            words.retainAll(nameTokens);
            int names = 0;
            for (String w : words) if (names++ < 10) found.add("name " + w + " in " + f.getFileName());
        }
        return found;
    }

    /** The dates of {@code dates} (YYYY-MM-DD) that occur in a file. */
    static Set<String> datesIn(Path file, Set<String> dates) throws Exception {
        Set<String> found = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}").matcher(Files.readString(file));
        while (m.find()) if (dates.contains(m.group())) found.add(m.group());
        return found;
    }

    /** The words of a text in lower case: its runs of letters (Unicode category L, as the regex \\p{L}), without a regex over megabytes. */
    static Set<String> tokens(String text) {
        Set<String> out = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (Character.isLetter(cp)) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(lower.substring(start));
        return out;
    }

    /** The ASCII digits of a text, in order. */
    static String digitsOf(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) >= '0' && text.charAt(i) <= '9') b.append(text.charAt(i));
        return b.toString();
    }

    /** A report's slices without when and how long each ran (the two runs ran at other times): their counts, sums and fixes. */
    private static String slicesWithoutTimes(Map<String, Object> report) {
        return report.get("slices").toString().replaceAll("seconds=[0-9.]+", "").replaceAll("read_at=[0-9T:Z-]+", "");
    }
}
