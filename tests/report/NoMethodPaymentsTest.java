package tests.report;

import static org.junit.jupiter.api.Assertions.*;
import static tests.report.SignoffSampleTest.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.report.Dollars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * Payments whose PAY_CODE AIM's PAYTYPE does not hold (a retired tender) load with no method, and the tender table of
 * signoff.md shows them as method "(none)" on both sides: under it, the codes AIM wrote, with how many payments and how
 * much, so a bookkeeper matching a retired tender's deposits can tell which code they were (a trial's finding). The
 * expected codes, counts and amounts are worked out here with SQL on the AIM copy, not from the program's output.
 */
class NoMethodPaymentsTest {
    private static final String TITLE = "Payments per method (tender), whole period";
    private static final String HEAD = "| AIM pay code | Helm payments | Helm paid |";

    @Test
    void theNoneLineIsBrokenDownByTheCodesAimWrote(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Map<String, long[]> expected = new TreeMap<>();
        long voidedPlanted = 0;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String c : TestSupport.strings(aim, "SELECT PAY_CODE FROM PAYTYPE")) {
                assertFalse(List.of("ZZZZ", "Q").contains(c.strip().toUpperCase()), "PAYTYPE holds " + c);
            }
            // Two retired codes ('Q' padded by CHAR(4)), and one on a voided ticket's payment, which the table leaves out.
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = 'ZZZZ' WHERE MOD(TICKET_NO, 97) = 0");
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = 'Q' WHERE MOD(TICKET_NO, 89) = 0 AND MOD(TICKET_NO, 97) <> 0");
            String[] voided = TestSupport.strings(aim, "SELECT CONCAT(p.STORE_NO, '/', p.TICKET_NO) FROM TKTPAY p JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO WHERE t.VOIDED = 'Y' ORDER BY 1").get(0).split("/");
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = 'ZZZZ' WHERE STORE_NO = " + voided[0] + " AND TICKET_NO = " + voided[1]);
            try (ResultSet rs = st.executeQuery("SELECT p.PAY_CODE, t.VOIDED, p.AMOUNT FROM TKTPAY p JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO")) {
                while (rs.next()) {
                    String code = rs.getString(1) == null ? "" : rs.getString(1).strip();
                    if (!code.equals("ZZZZ") && !code.equals("Q")) continue;
                    if ("Y".equals(rs.getString(2))) {
                        voidedPlanted++;
                        continue;
                    }
                    long[] v = expected.computeIfAbsent(code, k -> new long[2]);
                    v[0]++;
                    v[1] += cents(rs.getBigDecimal(3));
                }
            }
        }
        assertTrue(expected.size() == 2 && expected.get("ZZZZ")[0] > 1 && expected.get("Q")[0] > 1 && voidedPlanted > 0,
                "both codes on payments, one on a voided ticket");
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());
        List<List<String>> rows = new ArrayList<>();
        expected.forEach((code, v) -> rows.add(List.of("'" + code + "'", String.format("%,d", v[0]), Dollars.of(v[1]))));
        long[] total = {expected.get("Q")[0] + expected.get("ZZZZ")[0], expected.get("Q")[1] + expected.get("ZZZZ")[1]};
        rows.add(List.of("**total**", String.format("%,d", total[0]), Dollars.of(total[1])));
        String sheet = Files.readString(out.resolve("signoff.md"));
        assertEquals(rows, breakdown(sheet), sheet);
        assertEquals(List.of(String.format("%,d", total[0]), Dollars.of(total[1])), table(sheet, TITLE).get("(none)").subList(3, 5),
                "the codes add up to Helm's side of the (none) line");
        assertTrue(section(sheet).contains("fixes/TKTPAY.csv lists each"), section(sheet));
        // A re-run of another slice keeps slice 4, and its fixes/: the same breakdown.
        assertEquals(0, SampleRun.migrate(out, "--slice", "2", "--source", url).exit());
        assertEquals(rows, breakdown(Files.readString(out.resolve("signoff.md"))), "slice 4 kept");
    }

    /**
     * A payment whose PAY_CODE is NULL or blank loads with no method too, and no orphan_* line counts it: signoff.md's
     * "Needs a decision" says how many payments Helm holds with no method and for how much, those with a code PAYTYPE
     * lacks apart from those with none (a trial's finding: 3,724 payments, $2,989,650.52, were only in the tender table).
     * Expected with SQL on the AIM copy: the planted payments on tickets AIM holds, not voided.
     */
    @Test
    void needsADecisionCountsThePaymentsWithNoMethod(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        long[] retired = new long[2], none = new long[2];
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = 'ZZZZ' WHERE MOD(TICKET_NO, 83) = 0");
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = NULL WHERE MOD(TICKET_NO, 79) = 0 AND MOD(TICKET_NO, 83) <> 0");
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = '' WHERE MOD(TICKET_NO, 73) = 0 AND MOD(TICKET_NO, 83 * 79) <> 0");
            st.executeUpdate("UPDATE TKTPAY SET PAY_CODE = '  ' WHERE MOD(TICKET_NO, 71) = 0 AND MOD(TICKET_NO, 83 * 79 * 73) <> 0");
            try (ResultSet rs = st.executeQuery("SELECT p.PAY_CODE, p.AMOUNT FROM TKTPAY p JOIN TICKET t"
                    + " ON t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO WHERE t.VOIDED <> 'Y'"
                    + " AND (p.PAY_CODE IS NULL OR TRIM(p.PAY_CODE) IN ('', 'ZZZZ'))")) {
                while (rs.next()) {
                    long[] v = rs.getString(1) != null && rs.getString(1).strip().equals("ZZZZ") ? retired : none;
                    v[0]++;
                    v[1] += cents(rs.getBigDecimal(2));
                }
            }
        }
        assertTrue(retired[0] > 1 && none[0] > 3, "payments planted with a retired code and with none");
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());
        String decide = decisions(Files.readString(out.resolve("signoff.md")));
        String line = decide.lines().filter(l -> l.contains("with no payment method")).findFirst().orElse("");
        assertTrue(line.startsWith("- " + String.format("%,d payments (%s, ", retired[0] + none[0], Dollars.of(retired[1] + none[1]))), decide);
        assertTrue(line.contains(String.format("%,d payments (%s) with a pay code AIM's PAYTYPE does not hold", retired[0], Dollars.of(retired[1]))), line);
        assertTrue(line.contains(String.format("%,d payments (%s) with no pay code (NULL or blank)", none[0], Dollars.of(none[1]))), line);
        assertTrue(line.contains(TITLE), "points at the tender table's breakdown: " + line);
    }

    /** The plain sample pays with PAYTYPE's codes only: no "(none)" line, and nothing under the table. */
    @Test
    void thePlainSampleHasNoBreakdown() throws Exception {
        String sheet = sheet();
        assertFalse(table(sheet, TITLE).containsKey("(none)"), "the sample's payments all have a method");
        assertFalse(section(sheet).contains(HEAD), section(sheet));
        assertTrue(section(sheet).contains("| **total** |"), "the tender table is there");
        assertFalse(decisions(sheet).contains("with no payment method"), decisions(sheet));
    }

    /** signoff.md's "Needs a decision" section. */
    private static String decisions(String md) {
        int from = md.indexOf("\n## Needs a decision\n");
        assertTrue(from >= 0, "signoff.md has a section Needs a decision");
        return md.substring(from, md.indexOf("\n## ", from + 4));
    }

    private static String section(String md) {
        int from = md.indexOf("\n## " + TITLE + "\n");
        assertTrue(from >= 0, "signoff.md has a section " + TITLE);
        int to = md.indexOf("\n## ", from + 4);
        return md.substring(from, to < 0 ? md.length() : to);
    }

    /** The rows of the table of codes under the tender table; none when it is not there. */
    private static List<List<String>> breakdown(String md) {
        String s = section(md);
        int at = s.indexOf(HEAD);
        List<List<String>> out = new ArrayList<>();
        if (at < 0) return out;
        for (String line : s.substring(at).lines().skip(2).toList()) {
            if (!line.startsWith("|")) break;
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("\\|", -1)) cells.add(c.strip());
            out.add(cells);
        }
        return out;
    }
}
