package lib.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Line;
import lib.report.BusinessReconciliation.Result;

/**
 * The figures of signoff.md: each a table of its lines on both sides (AIM and Helm), the difference and what explains
 * it, with a sentence on what it counts where an owner checking it against AIM's screens or the books could take it
 * otherwise. Dollars and cents only.
 */
final class SignoffFigures {
    private SignoffFigures() {}

    private static final String VOIDED = "Voided tickets per store";
    private static final String TENDERS = NoMethodPayments.TENDERS;

    /** What a figure counts, where an owner checking it against AIM's screens or the books could take it otherwise. */
    private static final Map<String, String> ABOUT = Map.ofEntries(
            Map.entry(BusinessReconciliation.SALES, "A ticket's total, tax included, each ticket rounded to the cent before it is added up."
                    + " Voided tickets are left out on both sides, as AIM's own sales reports leave them out; they are under \"" + VOIDED + "\"."),
            Map.entry(BusinessReconciliation.TAX, "The tax on every ticket not voided, each rounded to the cent; a voided ticket's is under \""
                    + VOIDED + "\"."),
            Map.entry(BusinessReconciliation.PAYMENTS_BY_STORE, "Every payment AIM holds, but those of voided tickets: a void gives the"
                    + " money back, so no drawer or deposit holds it (they are under \"" + BusinessReconciliation.VOIDED_PAYMENTS + "\")."
                    + " A payment whose ticket AIM no longer holds is AIM's, and rejected."),
            Map.entry(TENDERS, "Every payment of the whole period per method (AIM's pay code), those of voided tickets left out, as in the"
                    + " payments per store: to check against the cash counted and the card and check deposits. Per month in report.json."),
            Map.entry(VOIDED, "Tickets voided in AIM: left out of the sales, tax and payments above, as AIM's own reports leave them out."
                    + " Helm keeps them, marked void."),
            Map.entry(BusinessReconciliation.VOIDED_PAYMENTS, "The payments of the voided tickets above, given back with the void."),
            Map.entry(BusinessReconciliation.GIFT_CARDS, "Every card's balance: what the shop owes on the cards it sold, the active and the inactive"
                    + " cards on lines of their own. A card whose active flag AIM left blank is active, as Helm loads it (rule flag_blank)."),
            Map.entry(BusinessReconciliation.LAYAWAY_PAID, "What customers have paid on layaways not completed: held for an open one,"
                    + " to refund or keep for a cancelled one."),
            Map.entry(BusinessReconciliation.ORDER_DEPOSITS, "Deposits on special orders open or received (not completed or cancelled)."),
            Map.entry(BusinessReconciliation.RENTAL_PAID, "Rental payments (AIM's AMOUNT); late fees are not included."),
            Map.entry(BusinessReconciliation.OPEN_REPAIRS, "Every repair order not picked up, each status on a line of its own: open, waiting,"
                    + " complete (ready, the instrument still in the shop until it is picked up), and unknown (a status AIM's codes do not name)."
                    + " A repair without an estimate counts $0.00."),
            Map.entry(BusinessReconciliation.STOCK, "Units on hand, a negative count (sold before it was received) netted in."));

    /** One reconciled figure: a line per key (per store and month: a subtotal per store), then the total. */
    static void figure(RunReport r, StringBuilder md, String name, String title, String rowsNoun, String amountNoun, boolean perStore) {
        section(r, md, name, title, ABOUT.get(name)).ifPresent(f -> table(md, f, rowsNoun, amountNoun, perStore));
    }

    /**
     * The payments per method (tender) over the whole period, for a bookkeeper to check the cash counted and the deposits:
     * the figure per method and month, each method's months added up. A line balances where its months' sums do (report.md
     * names a month that does not).
     */
    static void tenders(RunReport r, StringBuilder md) {
        section(r, md, BusinessReconciliation.PAYMENTS_BY_METHOD, TENDERS, ABOUT.get(TENDERS)).ifPresent(f -> {
            Pattern split = keyPattern(f.keyNames());
            Map<String, Line> methods = new TreeMap<>(LastTickets::byStore);
            for (Line l : f.lines()) {
                String method = parts(split, l, f.keyNames().size()).get(0);
                methods.merge(method, new Line("method " + method, l.aim(), l.helm(), l.explained()), SignoffFigures::plus);
            }
            table(md, new Result(f.name(), f.unit(), List.of("method"), f.explainedBy(), new ArrayList<>(methods.values())), "payments", "paid", false);
            NoMethodPayments.markdown(r.noMethod(), md);
        });
    }

    private static void table(StringBuilder md, Result f, String rowsNoun, String amountNoun, boolean perStore) {
        boolean dollars = f.unit().equals("cents");
        List<String> keys = f.keyNames();
        md.append("| ").append(String.join(" | ", keys)).append(" | AIM ").append(rowsNoun).append(" | AIM ").append(amountNoun)
                .append(" | Helm ").append(rowsNoun).append(" | Helm ").append(amountNoun).append(" | difference | explained by").append(by(f)).append(" |\n|");
        keys.forEach(k -> md.append("---|"));
        md.append("---:|---:|---:|---:|---:|---|\n");
        Pattern split = keyPattern(keys);
        List<Line> lines = new ArrayList<>(f.lines());
        lines.sort(Comparator.comparing((Line l) -> parts(split, l, keys.size()), SignoffFigures::byParts));
        Map<String, Line> subtotals = new TreeMap<>(LastTickets::byStore);
        for (Line l : lines) {
            List<String> p = parts(split, l, keys.size());
            row(md, p, l.aim(), l.helm(), l.explained(), l.balances(), dollars);
            if (perStore) subtotals.merge(p.get(0), l, SignoffFigures::plus);
        }
        if (perStore && subtotals.size() > 1) {
            subtotals.forEach((store, l) -> row(md, pad("**store " + store + "**", keys.size()), l.aim(), l.helm(), l.explained(), l.balances(), dollars));
        }
        Figure a = f.total(Line::aim), h = f.total(Line::helm), e = f.total(Line::explained);
        row(md, pad("**total**", keys.size()), a, h, e, f.ok(), dollars);
    }

    /**
     * The voided tickets per store: how many, their sales and their tax on each side, in one table as AIM's void report
     * lists them (two figures: a line reconciles only when both do).
     */
    static void voidedTickets(RunReport r, StringBuilder md) {
        Optional<Result> sales = section(r, md, BusinessReconciliation.VOIDED_SALES, VOIDED, ABOUT.get(VOIDED));
        Optional<Result> tax = r.business().stream().filter(b -> b.name().equals(BusinessReconciliation.VOIDED_TAX)).findFirst();
        if (sales.isEmpty() || tax.isEmpty()) return;
        md.append("| store | AIM tickets | AIM sales | AIM tax | Helm tickets | Helm sales | Helm tax | difference | explained by").append(by(sales.get()))
                .append(" |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        Pattern split = keyPattern(List.of("store"));
        Map<String, Line[]> stores = new TreeMap<>(LastTickets::byStore);
        for (int i = 0; i < 2; i++) {
            for (Line l : (i == 0 ? sales : tax).get().lines()) stores.computeIfAbsent(parts(split, l, 1).get(0), s -> new Line[2])[i] = l;
        }
        Line none = new Line("", new Figure(0, 0), new Figure(0, 0), new Figure(0, 0));
        Line[] total = {none, none};
        for (Map.Entry<String, Line[]> s : stores.entrySet()) {
            Line[] l = {s.getValue()[0] == null ? none : s.getValue()[0], s.getValue()[1] == null ? none : s.getValue()[1]};
            voidedRow(md, s.getKey(), l, l[0].balances() && l[1].balances());
            for (int i = 0; i < 2; i++) total[i] = plus(total[i], l[i]);
        }
        voidedRow(md, "**total**", total, sales.get().ok() && tax.get().ok());
    }

    /** One store's voided tickets: the tickets counted by their sales (the tax counts the same tickets). */
    private static void voidedRow(StringBuilder md, String store, Line[] l, boolean balances) {
        Line s = l[0], t = l[1];
        String difference = voidedDifference(s.aim().rows() - s.helm().rows(), s.aim().amount().subtract(s.helm().amount()),
                t.aim().amount().subtract(t.helm().amount()));
        String explained = voidedDifference(s.explained().rows(), s.explained().amount(), t.explained().amount())
                + (balances ? "" : " **does not explain it**");
        md.append(String.format("| %s | %,d | %s | %s | %,d | %s | %s | %s | %s |%n", store, s.aim().rows(), Dollars.of(s.aim().amount()),
                Dollars.of(t.aim().amount()), s.helm().rows(), Dollars.of(s.helm().amount()), Dollars.of(t.helm().amount()), difference, explained));
    }

    /** "2 rows, $12.00 sales, $0.96 tax", or "-" when nothing differs. */
    private static String voidedDifference(long rows, BigInteger sales, BigInteger tax) {
        if (rows == 0 && sales.signum() == 0 && tax.signum() == 0) return "-";
        return Plural.rows(rows) + ", " + Dollars.of(sales) + " sales, " + Dollars.of(tax) + " tax";
    }

    /** A figure's heading and what it counts; the figure, or none when it is not in the output (which the section then says). */
    private static Optional<Result> section(RunReport r, StringBuilder md, String name, String title, String about) {
        md.append("\n## ").append(title).append("\n\n");
        if (about != null) md.append(about).append("\n\n");
        Optional<Result> found = r.business().stream().filter(b -> b.name().equals(name)).findFirst();
        if (found.isEmpty()) md.append(SignoffSheet.notInOutput(r));
        return found;
    }

    /** The rejects files and skip rules that explain a figure's differences, as its "explained by" heading names them. */
    private static String by(Result f) {
        return f.explainedBy().isEmpty() ? "" : " (" + f.explainedBy() + ")";
    }

    private static void row(StringBuilder md, List<String> key, Figure a, Figure h, Figure e, boolean balances, boolean dollars) {
        String explained = BusinessFiguresView.difference(e.rows(), e.amount(), dollars, "-") + (balances ? "" : " **does not explain it**");
        md.append("| ").append(String.join(" | ", key)).append(String.format(" | %,d | %s | %,d | %s | %s | %s |%n", a.rows(),
                BusinessFiguresView.amount(a.amount(), dollars), h.rows(), BusinessFiguresView.amount(h.amount(), dollars),
                BusinessFiguresView.difference(a.rows() - h.rows(), a.amount().subtract(h.amount()), dollars, "-"), explained));
    }

    private static Line plus(Line x, Line y) {
        return new Line(x.key(), x.aim().plus(y.aim().rows(), y.aim().amount()), x.helm().plus(y.helm().rows(), y.helm().amount()),
                x.explained().plus(y.explained().rows(), y.explained().amount()));
    }

    private static List<String> pad(String first, int n) {
        List<String> out = new ArrayList<>(List.of(first));
        while (out.size() < n) out.add("");
        return out;
    }

    /** A line's key ("store 1, month 2019-02") as its parts ("1", "2019-02"), by the figure's key names. */
    private static Pattern keyPattern(List<String> keys) {
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < keys.size(); i++) re.append(i == 0 ? "" : Pattern.quote(", ")).append(Pattern.quote(keys.get(i) + " ")).append("(.*)");
        return Pattern.compile(re.append("$").toString(), Pattern.DOTALL);
    }

    private static List<String> parts(Pattern split, Line l, int n) {
        Matcher m = split.matcher(l.key());
        if (!m.matches()) return pad(l.key(), n);
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(m.group(i));
        return out;
    }

    /** Stores in numeric order, months in calendar order ("no date" last). */
    private static int byParts(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = LastTickets.byStore(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
