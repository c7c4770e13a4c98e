package lib.report;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.accounts.Fixes;
import lib.report.BusinessReconciliation.Result;
import lib.target.HelmFigures;

/**
 * The payments of the tender table's "(none)" line, by the pay code AIM wrote: a code AIM's PAYTYPE does not hold (a
 * retired tender) loads with no method (rule orphan_payment_method), so the table cannot tell a bookkeeper which tender
 * they were. Read from what the run already has, with no statement to AIM: the code from fixes/TKTPAY.csv (its "before",
 * a kept slice's file included), the payment and its amount from helm.sqlite, counted as the table's Helm side counts
 * (the payments of voided tickets left out).
 */
public final class NoMethodPayments {
    private NoMethodPayments() {}

    /** One code AIM wrote (trailing spaces, CHAR's padding, dropped; null: none, or blank) and Helm's payments of it. */
    public record Code(String code, long payments, BigInteger cents) {}

    static final String RULE = "orphan_payment_method";
    private static final String NONE = "method (none), ";
    static final String TENDERS = "Payments per method (tender), whole period";

    /**
     * Adds the breakdown to {@code report} when its tender figure's "(none)" line holds payments on Helm's side; reads
     * nothing otherwise. {@code fixes}: the output's fixes/ folder; {@code helm}: helm.sqlite, finished.
     */
    public static void add(RunReport report, Path fixes, Connection helm) throws IOException, SQLException {
        Result tenders = report.business().stream().filter(b -> b.name().equals(BusinessReconciliation.PAYMENTS_BY_METHOD)).findFirst().orElse(null);
        if (tenders == null || tenders.lines().stream().noneMatch(l -> l.key().startsWith(NONE) && l.helm().rows() > 0)) return;
        report.noMethod(of(fixes.resolve("TKTPAY.csv"), helm));
    }

    /** Helm's payments with no method on tickets not voided, by the code fixes/TKTPAY.csv says AIM wrote; sorted, no code last. */
    static List<Code> of(Path tktpay, Connection helm) throws IOException, SQLException {
        Map<String, String> codes = new HashMap<>();
        for (Fixes.Fix f : Fixes.read(tktpay, RULE)) {
            if (f.column().equals("PAY_CODE")) codes.put("TKTPAY:" + f.key(), f.before() == null ? null : f.before().stripTrailing());
        }
        Map<String, long[]> rows = new TreeMap<>();
        Map<String, BigInteger> cents = new TreeMap<>();
        long noCodeRows = 0;
        BigInteger noCode = BigInteger.ZERO;
        try (Statement st = helm.createStatement(); ResultSet rs = st.executeQuery(HelmFigures.NO_METHOD_PAYMENTS)) {
            while (rs.next()) {
                String code = codes.get(rs.getString(1));
                BigInteger amount = BigInteger.valueOf(rs.getLong(2));
                if (code == null || code.isBlank()) {
                    noCodeRows++;
                    noCode = noCode.add(amount);
                } else {
                    rows.computeIfAbsent(code, c -> new long[1])[0]++;
                    cents.merge(code, amount, BigInteger::add);
                }
            }
        }
        List<Code> out = new ArrayList<>();
        rows.forEach((code, n) -> out.add(new Code(code, n[0], cents.get(code))));
        if (noCodeRows > 0) out.add(new Code(null, noCodeRows, noCode));
        return out;
    }

    /**
     * signoff.md's line under "Needs a decision": how many payments Helm holds with no method and for how much, those
     * with a code PAYTYPE lacks apart from those with none; null when there is none. The same payments as the breakdown
     * (voided tickets' left out), so the two agree.
     */
    static String decision(List<Code> codes) {
        if (codes.isEmpty()) return null;
        long retired = 0, none = 0;
        BigInteger retiredCents = BigInteger.ZERO, noneCents = BigInteger.ZERO;
        for (Code c : codes) {
            if (c.code() == null) {
                none += c.payments();
                noneCents = noneCents.add(c.cents());
            } else {
                retired += c.payments();
                retiredCents = retiredCents.add(c.cents());
            }
        }
        List<String> parts = new ArrayList<>();
        if (retired > 0) parts.add(Plural.of(retired, "payment", "payments") + " (" + Dollars.of(retiredCents) + ") with a pay code AIM's PAYTYPE does not hold (a retired tender)");
        if (none > 0) parts.add(Plural.of(none, "payment", "payments") + " (" + Dollars.of(noneCents) + ") with no pay code (NULL or blank)");
        long n = retired + none;
        return Plural.of(n, "payment", "payments") + " (" + Dollars.of(retiredCents.add(noneCents)) + ", voided tickets' left out) "
                + (n == 1 ? "is" : "are") + " in Helm with no payment method: " + String.join(", and ", parts)
                + ". They are in the payments totals, but under no tender: \"" + TENDERS + "\" below has them as method (none),"
                + " by the code AIM wrote. Decide: set their tender in AIM and run again, or accept them.";
    }

    /** Under the tender table: the codes, their payments and amounts, and their total (Helm's side of the "(none)" line). */
    static void markdown(List<Code> codes, StringBuilder md) {
        if (codes.isEmpty()) return;
        md.append("\nMethod (none) is a pay code AIM's PAYTYPE does not hold (a retired tender), or none: Helm keeps these payments with no")
                .append(" method. Below, Helm's side of that line by the code AIM wrote, the payments of voided tickets left out as above;")
                .append(" fixes/TKTPAY.csv lists each payment (rule ").append(RULE).append(", the code under \"before\").\n\n")
                .append("| AIM pay code | Helm payments | Helm paid |\n|---|---:|---:|\n");
        long n = 0;
        BigInteger total = BigInteger.ZERO;
        for (Code c : codes) {
            md.append(String.format("| %s | %,d | %s |%n", label(c.code()), c.payments(), Dollars.of(c.cents())));
            n += c.payments();
            total = total.add(c.cents());
        }
        md.append(String.format("| **total** | %,d | %s |%n", n, Dollars.of(total)));
    }

    /** A code as a cell: quoted, so leading spaces show; a '|' escaped, a line break a space. */
    private static String label(String code) {
        if (code == null) return "(no code: NULL or blank)";
        return "'" + code.replace("|", "\\|").replaceAll("[\\r\\n]", " ") + "'";
    }
}
