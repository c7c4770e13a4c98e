package lib.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Line;
import lib.report.BusinessReconciliation.Result;

/** The business figures as report.json and report.md show them. */
public final class BusinessFiguresView {
    private BusinessFiguresView() {}

    /** The lines shown in report.md in full up to this many per figure; beyond it, the differing ones and a count. */
    static final int SHOWN = 40;

    public static Map<String, Object> json(List<Result> results) {
        return json(results, List.of());
    }

    /** As above, with the last ticket number per store (report.json keeps integer cents and plain numbers). */
    public static Map<String, Object> json(List<Result> results, List<LastTickets.Store> lastTickets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", results.stream().allMatch(Result::ok));
        out.put("totals", totals(results));
        List<Object> figures = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", r.name());
            f.put("unit", r.unit());
            f.put("explained_by", r.explainedBy());
            f.put("ok", r.ok());
            List<Object> lines = new ArrayList<>();
            for (Line l : r.lines()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("key", l.key());
                x.put("aim_rows", l.aim().rows());
                x.put("aim", l.aim().amount());
                x.put("helm_rows", l.helm().rows());
                x.put("helm", l.helm().amount());
                x.put("explained_rows", l.explained().rows());
                x.put("explained", l.explained().amount());
                x.put("balances", l.balances());
                lines.add(x);
            }
            f.put("lines", lines);
            figures.add(f);
        }
        out.put("figures", figures);
        if (!lastTickets.isEmpty()) out.put("last_tickets", LastTickets.json(lastTickets));
        return out;
    }

    /** The figures' section of report.md, with why a figure does not balance, by name, where that is known ({@link StaleKeptSlices}). */
    static void markdown(List<Result> results, Map<String, String> why, StringBuilder md) {
        md.append("\n## Business reconciliation: AIM against Helm\n\n");
        md.append("Each figure is computed twice: plain SQL on AIM as it is, and SQL on helm.sqlite. ");
        md.append("A difference must equal, row for row and cent for cent, what the listed rejects (and named skips) hold.\n");
        for (Result r : results) {
            Figure a = r.total(Line::aim), h = r.total(Line::helm), e = r.total(Line::explained);
            md.append("\n### ").append(r.name()).append(r.ok() ? "" : " (**DOES NOT BALANCE**)").append("\n\n");
            if (why.containsKey(r.name())) md.append(why.get(r.name())).append(".\n\n");
            String unit = r.unit().equals("cents") ? "$" : r.unit();
            md.append("| ").append(String.join(", ", r.keyNames())).append(" | AIM rows | AIM ").append(unit)
                    .append(" | Helm rows | Helm ").append(unit).append(" | difference | explained by ").append(r.explainedBy().isEmpty() ? "(no rejected or skipped row is in this figure)" : r.explainedBy())
                    .append(" | balances |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
            List<Line> shown = r.lines().size() <= SHOWN ? r.lines()
                    : r.lines().stream().filter(l -> !l.balances() || l.explained().rows() != 0 || l.aim().rows() != l.helm().rows()).toList();
            boolean dollars = r.unit().equals("cents");
            for (Line l : shown) row(md, l.key(), l.aim(), l.helm(), l.explained(), l.balances(), dollars);
            if (shown.size() < r.lines().size()) {
                md.append(String.format("| (%s, each equal on both sides; all in signoff.md and report.json) | | | | | | | |%n",
                        Plural.of(r.lines().size() - shown.size(), "more line", "more lines")));
            }
            row(md, "**total**", a, h, e, r.ok(), dollars);
        }
    }

    private static void row(StringBuilder md, String key, Figure a, Figure h, Figure e, boolean ok, boolean dollars) {
        md.append(String.format("| %s | %,d | %s | %,d | %s | %s | %s | %s |%n", key, a.rows(), amount(a.amount(), dollars), h.rows(),
                amount(h.amount(), dollars), difference(a.rows() - h.rows(), a.amount().subtract(h.amount()), dollars, "0"),
                difference(e.rows(), e.amount(), dollars, "-"), ok ? "yes" : "**NO**"));
    }

    static String amount(BigInteger amount, boolean dollars) {
        return dollars ? Dollars.of(amount) : String.format("%,d", amount);
    }

    /** "1 row, $75.56", or "67 rows, 1,264 units" for stock (a bare 1,264 beside a count of rows says nothing); {@code none} when both are zero. */
    static String difference(long rows, BigInteger amount, boolean dollars, String none) {
        if (rows == 0 && amount.signum() == 0) return none;
        return Plural.rows(rows) + ", " + (dollars ? Dollars.of(amount) : amount(amount, false) + (amount.abs().equals(BigInteger.ONE) ? " unit" : " units"));
    }

    /** Figure totals per metric, for the dry-run comparison. */
    public static Map<String, Object> totals(List<Result> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Result r : results) {
            Figure a = r.total(Line::aim), h = r.total(Line::helm);
            out.put(r.name(), "AIM " + a.rows() + " rows " + a.amount() + " " + r.unit() + ", Helm " + h.rows() + " rows " + h.amount() + " " + r.unit());
        }
        return out;
    }
}
