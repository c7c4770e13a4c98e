package lib.report;

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
        return out;
    }

    public static void markdown(List<Result> results, StringBuilder md) {
        md.append("\n## Business reconciliation: AIM against Helm\n\n");
        md.append("Each figure is computed twice: plain SQL on AIM as it is, and SQL on helm.sqlite. ");
        md.append("A difference must equal, row for row and cent for cent, what the listed rejects (and named skips) hold.\n");
        for (Result r : results) {
            Figure a = r.total(Line::aim), h = r.total(Line::helm), e = r.total(Line::explained);
            md.append("\n### ").append(r.name()).append(r.ok() ? "" : " (**DOES NOT BALANCE**)").append("\n\n");
            md.append("| ").append(String.join(", ", r.keyNames())).append(" | AIM rows | AIM ").append(r.unit())
                    .append(" | Helm rows | Helm ").append(r.unit()).append(" | difference | explained by ").append(r.explainedBy().isEmpty() ? "-" : r.explainedBy())
                    .append(" | balances |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
            List<Line> shown = r.lines().size() <= SHOWN ? r.lines()
                    : r.lines().stream().filter(l -> !l.balances() || l.explained().rows() != 0 || l.aim().rows() != l.helm().rows()).toList();
            for (Line l : shown) row(md, l.key(), l.aim(), l.helm(), l.explained(), l.balances());
            if (shown.size() < r.lines().size()) {
                md.append(String.format("| (%,d more lines, each equal on both sides; all in report.json) | | | | | | | |%n", r.lines().size() - shown.size()));
            }
            row(md, "**total**", a, h, e, r.ok());
        }
    }

    private static void row(StringBuilder md, String key, Figure a, Figure h, Figure e, boolean ok) {
        md.append(String.format("| %s | %,d | %,d | %,d | %,d | %s | %s | %s |%n", key, a.rows(), a.amount(), h.rows(), h.amount(),
                a.rows() == h.rows() && a.amount() == h.amount() ? "0" : String.format("%,d rows, %,d", a.rows() - h.rows(), a.amount() - h.amount()),
                e.rows() == 0 && e.amount() == 0 ? "-" : String.format("%,d rows, %,d", e.rows(), e.amount()), ok ? "yes" : "**NO**"));
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
