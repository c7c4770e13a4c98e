package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import lib.rules.CodeKey;
import lib.source.AimFigures.Query;
import lib.source.AimSalesFigures;
import lib.source.PaymentMethods;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tests.support.TdsServer;

/**
 * The payments-per-method totals give each code the payments hold as it is, grouped in PAYTYPE.PAY_CODE's collation, and
 * the toolkit finds each one's method (PaymentMethods); a lookup of rejected rows still trims and upper-cases each
 * payment's own code on the server. Every payment must count under the method the toolkit gives it (CodeKey, as Helm's
 * payment_method_id is found), whatever its code's spelling and whatever the two columns' collations: every spelling
 * below of every code, on tickets voided and not. A grouping in TKTPAY's own collation where PAYTYPE's is case-sensitive
 * would put 'cash' and 'CASH' in one group, under one of the two spellings.
 *
 * Where PAYTYPE.PAY_CODE is case-sensitive and TKTPAY.PAY_CODE not, the TDS server's join per payment (the payment's
 * code trimmed in TKTPAY's collation, then COLLATE'd) keeps a trailing CHAR(31) the toolkit strips, so it is compared
 * with the toolkit only where the collations are one; the totals agree in all four cases.
 *
 * The tables are the session's own temporary copies (#TKTPAY, #PAYTYPE, #TICKET), each column with the collation the
 * case gives it, and the statements name them so; the sample on the server is not touched.
 */
@Tag("slow")
class SqlServerPaymentMethodsTest {
    private static final String CI = "SQL_Latin1_General_CP1_CI_AS", CS = "SQL_Latin1_General_CP1_CS_AS";
    /** PAYTYPE's codes: two that differ only in case and padding (one method where the collation ignores case). */
    private static final List<String> DEFINED = List.of("CASH", "cash ", "Visa", " MC", "GIFT\t", "CHK");

    @BeforeEach
    void server() {
        TdsServer.assumeAvailable();
    }

    /** A code as a till or an import may have typed it. */
    private static List<String> spellings(String code) {
        String c = code.strip();
        return List.of(c, c.toLowerCase(), c.toUpperCase(), " " + c, c + "  ", c + "\t", "\r" + c, c + (char) 31,
                c.substring(0, 1).toLowerCase() + c.substring(1).toUpperCase());
    }

    @ParameterizedTest(name = "PAYTYPE.PAY_CODE {0}, TKTPAY.PAY_CODE {1}")
    @CsvSource({CI + "," + CI, CS + "," + CI, CS + "," + CS, CI + "," + CS})
    void theTotalsCountEveryPaymentUnderTheMethodTheToolkitGivesIt(String defined, String paid) throws Exception {
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE #PAYTYPE (PAY_CODE VARCHAR(12) COLLATE " + defined + ")");
            st.execute("CREATE TABLE #TICKET (STORE_NO INT, TICKET_NO INT, VOIDED CHAR(1))");
            st.execute("CREATE TABLE #TKTPAY (STORE_NO INT, TICKET_NO INT, PAY_SEQ INT, PAY_CODE VARCHAR(12) COLLATE " + paid
                    + ", PAID_AT DATETIME, AMOUNT MONEY)");
            try (PreparedStatement in = db.prepareStatement("INSERT INTO #PAYTYPE VALUES (?)")) {
                for (String c : DEFINED) {
                    in.setString(1, c);
                    in.executeUpdate();
                }
            }
            List<String> codes = new ArrayList<>();
            for (String c : DEFINED) codes.addAll(spellings(c));
            codes.addAll(spellings("NOPE"));
            codes.addAll(java.util.Arrays.asList(null, "", " ", "\t"));
            // What the toolkit makes of each payment's code (CodeKey, as Helm's payment_method_id is found): the method,
            // or none, per day, with the payments' count and cents, voided tickets left out.
            CodeKey key = CodeKey.forCollation(defined);
            Set<String> methods = new TreeSet<>();
            for (String c : DEFINED) methods.add(key.of(c));
            java.util.Map<String, long[]> expected = new java.util.TreeMap<>();
            int ticket = 0;
            try (PreparedStatement t = db.prepareStatement("INSERT INTO #TICKET VALUES (1, ?, ?)");
                 PreparedStatement p = db.prepareStatement("INSERT INTO #TKTPAY VALUES (1, ?, 1, ?, ?, ?)")) {
                for (String code : codes) {
                    for (int day = 1; day <= 2; day++) {
                        ticket++;
                        boolean voided = ticket % 5 == 0;
                        t.setInt(1, ticket);
                        t.setString(2, voided ? "Y" : "N");
                        t.executeUpdate();
                        p.setInt(1, ticket);
                        p.setString(2, code);
                        p.setString(3, "2024-03-0" + day + " 10:00:00");
                        p.setBigDecimal(4, new java.math.BigDecimal(ticket + ".25"));
                        p.executeUpdate();
                        String method = code == null || key.of(code) == null || !methods.contains(key.of(code)) ? "" : key.of(code);
                        if (!voided) expected.merge(method + "|2024-03-0" + day, new long[] {1, ticket * 100L + 25}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                    }
                }
            }
            String differ = defined.equals(paid) ? null : defined;
            Query q = AimSalesFigures.payments(key, differ);
            assertFalse(q.totalsSql().contains("PAYTYPE") || q.rowsSql("1 = 1").contains("PAYTYPE"), "the toolkit finds each code's method");
            Set<String> toolkit = new TreeSet<>();
            expected.forEach((k, v) -> toolkit.add(k + "|" + v[0] + "|" + v[1]));
            assertTrue(toolkit.stream().anyMatch(r -> r.startsWith("|")) && toolkit.stream().anyMatch(r -> r.startsWith("MC|")), toolkit.toString());
            PaymentMethods found = new PaymentMethods(temporary(q.methods().definedSql()), q.methods().codes());
            PaymentMethods.Finder method = found.finder(db);
            assertEquals(toolkit, rows(st, temporary(q.totalsSql()), method, false), "the totals, against the toolkit's own reading of each code");
            assertEquals(toolkit, rows(st, temporary(q.rowsSql("1 = 1")), method, true), "a lookup's rows, each under its method");
        }
    }

    /** A statement on the session's temporary copies of the tables. */
    private static String temporary(String sql) {
        return sql.replaceAll("\\b(TKTPAY|PAYTYPE|TICKET)\\b", "#$1");
    }

    /**
     * A figure's totals per method and day, the first column made a method by {@code method}: method|day|count|cents. Of
     * a lookup's rows ({@code eachRow}: code, day, cents) each is one payment.
     */
    private static Set<String> rows(Statement st, String sql, PaymentMethods.Finder method, boolean eachRow) throws Exception {
        java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                long n = eachRow ? 1 : rs.getLong(3), cents = rs.getBigDecimal(eachRow ? 3 : 4).toBigIntegerExact().longValueExact();
                sums.merge(method.of(rs.getString(1)) + "|" + rs.getString(2), new long[] {n, cents}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        Set<String> out = new TreeSet<>();
        sums.forEach((k, v) -> out.add(k + "|" + v[0] + "|" + v[1]));
        return out;
    }
}
