package lib.report;

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
 * signoff.md: the page the shop owner checks and signs. On top, what needs a decision
 * (every reject class and skip rule, with rows and dollars); then the figures the owner
 * knows from the till and the books, per store and month on both sides (AIM and Helm),
 * each difference with what explains it; last, a place to sign. Dollars and cents only.
 */
public final class SignoffSheet {
    public static final String FILE = "signoff.md";

    private SignoffSheet() {}

    public static String markdown(RunReport r) {
        StringBuilder md = new StringBuilder();
        RunReport.RunInfo info = r.info();
        md.append("# Sign-off: AIM v12 → Helm\n\n");
        md.append("- Source: ").append(info.source()).append("\n");
        md.append("- Run: ").append(info.startedAt()).append(", slices ").append(slices(info.slicesRun(), r))
                .append("; shop time zone ").append(info.shopZone()).append("; toolkit ").append(info.toolkitVersion()).append("\n");
        md.append("- Result: **").append(r.resultLine("see below")).append("**\n");
        if (r.limit() > 0) md.append("- **LIMITED to --limit ").append(r.limit()).append(" as a consistent subset of AIM: a mapping experiment, not for sign-off.**\n");
        if (r.redacted()) md.append("- **REDACTED**: personal data are pseudonyms; amounts, dates and keys are exact.\n");
        md.append("\nAmounts are dollars and cents. Each figure is counted twice: on AIM with plain SQL on its own tables, ")
                .append("and on Helm from the migrated database. Months are the shop's local months.\n");
        String kept = KeptSlicesView.markdown(r);
        if (!kept.isEmpty()) md.append("\n").append(kept.stripTrailing()).append("\n");
        needsDecision(r, md);
        lastTickets(r, md);
        figure(r, md, BusinessReconciliation.SALES, "Sales per store per month", "tickets", "sales", true);
        figure(r, md, BusinessReconciliation.TAX, "Tax collected per store", "tickets", "tax", false);
        figure(r, md, BusinessReconciliation.PAYMENTS_BY_STORE, "Payments per store per month", "payments", "paid", true);
        figure(r, md, BusinessReconciliation.OPEN_ACCOUNTS, "Open house-account balances", "accounts", "balance", false);
        figure(r, md, BusinessReconciliation.GIFT_CARDS, BusinessReconciliation.GIFT_CARDS, "cards", "balance", false);
        figure(r, md, BusinessReconciliation.LAYAWAY_PAID, "Paid on layaways still open or cancelled", "payments", "paid", false);
        figure(r, md, BusinessReconciliation.ORDER_DEPOSITS, BusinessReconciliation.ORDER_DEPOSITS, "orders", "deposits", false);
        figure(r, md, BusinessReconciliation.ACTIVE_RENTALS, "Active rentals per store (monthly rates)", "contracts", "per month", false);
        figure(r, md, BusinessReconciliation.RENTAL_PAID, "Paid to date on active rentals, per store", "payments", "paid", false);
        figure(r, md, BusinessReconciliation.OPEN_REPAIRS, BusinessReconciliation.OPEN_REPAIRS, "repairs", "estimated", false);
        figure(r, md, BusinessReconciliation.STOCK, "Stock on hand per store", "stock lines", "units", false);
        md.append("\n## Sign-off\n\n");
        md.append("I have checked the figures above against the shop's own records and accept the decisions listed under \"Needs a decision\".\n\n");
        md.append("Checked by: ______________________________    Date: ______________\n\n");
        md.append("Signature: ______________________________\n");
        return md.toString();
    }

    /** What a figure counts, where an owner checking it against AIM's screens or the books could take it otherwise. */
    private static final Map<String, String> ABOUT = Map.of(
            BusinessReconciliation.SALES, "A ticket's total, tax included, each ticket rounded to the cent before it is added up."
                    + " Every ticket AIM holds, voided ones included, on both sides.",
            BusinessReconciliation.TAX, "The tax on every ticket AIM holds, voided ones included, each rounded to the cent.",
            BusinessReconciliation.PAYMENTS_BY_STORE, "Every payment AIM holds, those of voided tickets included, on both sides.",
            BusinessReconciliation.GIFT_CARDS, "Every card's balance, active or not: what the shop owes on the cards it sold.",
            BusinessReconciliation.LAYAWAY_PAID, "What customers have paid on layaways not completed: held for an open one,"
                    + " to refund or keep for a cancelled one.",
            BusinessReconciliation.ORDER_DEPOSITS, "Deposits on special orders open or received (not completed or cancelled).",
            BusinessReconciliation.RENTAL_PAID, "Rental payments (AIM's AMOUNT); late fees are not included.",
            BusinessReconciliation.OPEN_REPAIRS, "Repair orders open or waiting; a repair without an estimate counts $0.00.",
            BusinessReconciliation.STOCK, "Units on hand, a negative count (sold before it was received) netted in.");

    private static String slices(List<Integer> run, RunReport r) {
        List<Integer> all = r.slices().stream().map(RunReport.SliceResult::number).toList();
        return all.equals(run) ? all.toString() : run + " run now, " + all + " in the output";
    }

    private static void needsDecision(RunReport r, StringBuilder md) {
        md.append("\n## Needs a decision\n\n");
        List<NeedsDecision.Group> groups = r.needsDecision();
        List<LastTickets.Store> differ = r.lastTickets().stream().filter(s -> !s.same()).toList();
        List<String> unbalanced = r.business().stream().filter(b -> !b.ok()).map(Result::name).toList();
        List<String> huge = D1LimitsView.inexact(r.checks().d1Measured());
        List<String> unsafe = D1LimitsView.integers(r.checks().d1Measured());
        List<String[]> orphans = orphans(r);
        String counts = StaleKeptSlices.counts(r);
        if (counts != null) md.append("- **").append(counts).append(": the run failed.**\n\n");
        if (groups.isEmpty() && differ.isEmpty() && unbalanced.isEmpty() && huge.isEmpty() && unsafe.isEmpty() && orphans.isEmpty()) {
            if (counts != null) return;
            md.append("Nothing: no row was rejected or skipped, and every figure below is the same on both sides.\n");
            return;
        }
        if (!groups.isEmpty()) {
            md.append("Rejected rows were not loaded; each is in rejects/TABLE.csv with its reason. Skipped rows were left out by a named rule ")
                    .append("(a row marked deleted in AIM, or one belonging to such a row). Decide for each: fix it in AIM and run again, or accept it.\n\n");
            md.append("| AIM table | what happened | rule: rows | rows | money they hold |\n|---|---|---|---:|---|\n");
            for (NeedsDecision.Group g : groups) {
                List<String> rules = new ArrayList<>();
                g.rules().forEach((rule, n) -> rules.add(rule + ": " + String.format("%,d", n)));
                String what = g.fate().equals("rejected") ? "rejected, see rejects/" + g.table() + ".csv" : "skipped";
                md.append(String.format("| %s | %s | %s | %,d | %s |%n", g.table(), what, String.join(", ", rules), g.rows(), g.moneyText()));
            }
            // A product's money is one unit's: summed over products it is no stock value (the stock figure below has the units).
            if (groups.stream().anyMatch(g -> g.table().equals("INVMAST") && !g.money().isEmpty())) {
                md.append("\nINVMAST's money is each product's one-unit cost and price, summed: not the value of the stock left out,")
                        .append(" whose units \"Stock on hand per store\" below shows.\n");
            }
        }
        if (!orphans.isEmpty()) {
            boolean kept = r.slices().stream().anyMatch(s -> !s.rerun());
            md.append("\nLoaded, but naming a row AIM does not hold (a customer, product or ticket since deleted")
                    .append(kept ? "; or, as this output keeps slices from earlier reads, one added to AIM after the kept slice that holds it was read" : "").append("): Helm keeps the row")
                    .append(" and its amounts, with that reference left empty; each is in fixes/TABLE.csv (a row rejected afterwards for")
                    .append(" another reason is counted too, and is in rejects/). Decide for each: find the row it")
                    .append(" meant and fix it in AIM, or accept it.\n\n| AIM column | rule | rows |\n|---|---|---:|\n");
            for (String[] o : orphans) md.append(String.format("| %s | %s | %,d |%n", o[0], o[1], Long.parseLong(o[2])));
        }
        for (LastTickets.Store s : differ) {
            if (java.util.Objects.equals(s.aimLast(), s.helmLast())) {
                md.append(String.format("%n- Store %s: AIM has %,d tickets and Helm %,d; the last ticket number is %s on both.%n",
                        s.store(), s.aimTickets(), s.helmTickets(), number(s.aimLast())));
            } else {
                md.append("\n- Store ").append(s.store()).append(": the last ticket number differs (AIM ").append(number(s.aimLast()))
                        .append(", Helm ").append(number(s.helmLast())).append("): Helm's next ticket must start after AIM's.\n");
            }
        }
        // Loaded exactly, and in the figures below, where two of opposite sign can cancel out in a month that looks ordinary.
        if (!huge.isEmpty()) {
            md.append("\n- Amounts too large for an app reading D1 to see exactly (beyond 2^53 of their unit: $90 trillion in cents,"
                    + " $900 billion for a unit cost), almost surely typed wrong in AIM: ")
                    .append(String.join(", ", huge)).append(". Helm holds them exactly, and they are in the figures below;")
                    .append(" an app reading D1 sees them rounded. Find them in AIM (report.md, D1 limits, names the columns) and decide.\n");
        }
        // A key or reference read as another number names another row; loaded exactly, so flagged, not failed.
        if (!unsafe.isEmpty()) {
            md.append("\n- Numbers too large for an app reading D1 to tell apart (beyond 2^53, 9,007,199,254,740,991), in columns that hold")
                    .append(" no amount (a ticket number, a reference, a count): ").append(String.join(", ", unsafe))
                    .append(". Helm holds them exactly; an app reading D1 sees each as the nearest number JavaScript holds, which can be")
                    .append(" another row's (two ticket numbers can read as one). Decide: renumber them in AIM and run again, or have Helm's")
                    .append(" app read these columns as text (report.md, D1 limits, names them).\n");
        }
        Map<String, String> stale = StaleKeptSlices.of(r);
        for (String name : unbalanced) {
            md.append("\n- **").append(name).append(" does not balance: the run failed; see report.md.**")
                    .append(stale.containsKey(name) ? " " + stale.get(name) + "." : "").append("\n");
        }
    }

    /** Each AIM column and orphan_* rule that loaded rows with a reference left empty: {"RENTCONT.CUST_ID", "orphan_customer", "15"}. */
    private static List<String[]> orphans(RunReport r) {
        List<String[]> out = new ArrayList<>();
        for (RunReport.SliceResult s : r.slices()) {
            for (lib.accounts.TableAccount t : s.tables()) {
                t.fixes.forEach((column, rules) -> rules.forEach((rule, n) -> {
                    if (rule.startsWith("orphan_") && n > 0) out.add(new String[] {t.source + "." + column, rule, String.valueOf(n)});
                }));
            }
        }
        return out;
    }

    private static void lastTickets(RunReport r, StringBuilder md) {
        md.append("\n## Last ticket number per store\n\n");
        if (r.lastTickets().isEmpty()) {
            md.append(notInOutput(r));
            return;
        }
        md.append("| store | AIM tickets | AIM last ticket | Helm tickets | Helm last ticket | same |\n|---|---:|---:|---:|---:|---|\n");
        for (LastTickets.Store s : r.lastTickets()) {
            md.append(String.format("| %s | %,d | %s | %,d | %s | %s |%n", s.store(), s.aimTickets(), number(s.aimLast()), s.helmTickets(),
                    number(s.helmLast()), s.same() ? "yes" : "**no**"));
        }
    }

    /** A ticket number as the till prints it and Helm's next-ticket setting takes it: 105000, not 105,000. */
    private static String number(Long n) {
        return n == null ? "-" : Long.toString(n);
    }

    private static String notInOutput(RunReport r) {
        return r.limit() > 0 ? "Left out: this run read a subset of AIM (--limit " + r.limit() + ").\n"
                : "Not in this output: the slices it needs have not been run into it.\n";
    }

    /** One reconciled figure: a line per key (per store and month: a subtotal per store), then the total. */
    private static void figure(RunReport r, StringBuilder md, String name, String title, String rowsNoun, String amountNoun, boolean perStore) {
        md.append("\n## ").append(title).append("\n\n");
        // As AIM's TICKET holds them: a till's own sales report may leave the voided ones out, and then differs by them.
        String about = ABOUT.get(name);
        if (about != null) md.append(about).append("\n\n");
        Optional<Result> found = r.business().stream().filter(b -> b.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            md.append(notInOutput(r));
            return;
        }
        Result f = found.get();
        boolean dollars = f.unit().equals("cents");
        List<String> keys = f.keyNames();
        String by = f.explainedBy().isEmpty() ? "" : " (" + f.explainedBy() + ")";
        md.append("| ").append(String.join(" | ", keys)).append(" | AIM ").append(rowsNoun).append(" | AIM ").append(amountNoun)
                .append(" | Helm ").append(rowsNoun).append(" | Helm ").append(amountNoun).append(" | difference | explained by").append(by).append(" |\n|");
        keys.forEach(k -> md.append("---|"));
        md.append("---:|---:|---:|---:|---:|---|\n");
        Pattern split = keyPattern(keys);
        List<Line> lines = new ArrayList<>(f.lines());
        lines.sort(Comparator.comparing((Line l) -> parts(split, l, keys.size()), SignoffSheet::byParts));
        Map<String, Line> subtotals = new TreeMap<>(LastTickets::byStore);
        for (Line l : lines) {
            List<String> p = parts(split, l, keys.size());
            row(md, p, l.aim(), l.helm(), l.explained(), l.balances(), dollars);
            if (perStore) subtotals.merge(p.get(0), l, SignoffSheet::plus);
        }
        if (perStore && subtotals.size() > 1) {
            subtotals.forEach((store, l) -> row(md, pad("**store " + store + "**", keys.size()), l.aim(), l.helm(), l.explained(), l.balances(), dollars));
        }
        Figure a = f.total(Line::aim), h = f.total(Line::helm), e = f.total(Line::explained);
        row(md, pad("**total**", keys.size()), a, h, e, f.ok(), dollars);
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
