package lib.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        SignoffFigures.figure(r, md, BusinessReconciliation.SALES, "Sales per store per month", "tickets", "sales", true);
        SignoffFigures.figure(r, md, BusinessReconciliation.TAX, "Tax collected per store", "tickets", "tax", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.PAYMENTS_BY_STORE, "Payments per store per month", "payments", "paid", true);
        SignoffFigures.tenders(r, md);
        SignoffFigures.voidedTickets(r, md);
        SignoffFigures.figure(r, md, BusinessReconciliation.VOIDED_PAYMENTS, BusinessReconciliation.VOIDED_PAYMENTS, "payments", "paid", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.OPEN_ACCOUNTS, "Open house-account balances", "accounts", "balance", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.GIFT_CARDS, BusinessReconciliation.GIFT_CARDS, "cards", "balance", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.LAYAWAY_PAID, "Paid on layaways still open or cancelled", "payments", "paid", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.ORDER_DEPOSITS, BusinessReconciliation.ORDER_DEPOSITS, "orders", "deposits", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.ACTIVE_RENTALS, "Active rentals per store (monthly rates)", "contracts", "per month", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.RENTAL_PAID, "Paid to date on active rentals, per store", "payments", "paid", false);
        SignoffFigures.figure(r, md, BusinessReconciliation.OPEN_REPAIRS, BusinessReconciliation.OPEN_REPAIRS, "repairs", "estimated", true);
        SignoffFigures.figure(r, md, BusinessReconciliation.STOCK, "Stock on hand per store", "stock lines", "units", false);
        md.append("\n## Sign-off\n\n");
        md.append("I have checked the figures above against the shop's own records and accept the decisions listed under \"Needs a decision\".\n\n");
        md.append("Checked by: ______________________________    Date: ______________\n\n");
        md.append("Signature: ______________________________\n");
        return md.toString();
    }

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
        String noMethod = NoMethodPayments.decision(r.noMethod());
        String counts = StaleKeptSlices.counts(r);
        if (counts != null) md.append("- **").append(counts).append(": the run failed.**\n\n");
        if (groups.isEmpty() && differ.isEmpty() && unbalanced.isEmpty() && huge.isEmpty() && unsafe.isEmpty() && orphans.isEmpty()
                && noMethod == null) {
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
                g.rules().forEach((rule, n) -> rules.add(rule + ": " + String.format("%,d", n) + (g.copies().getOrDefault(rule, 0L) == 0 ? ""
                        : String.format(" (%,d exact copies of another AIM row of their key, alike in every value)", g.copies().get(rule)))));
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
                    .append(" and its amounts, with that reference left empty; each is in fixes/TABLE.csv (a row rejected, by a rule or by helm.sqlite")
                    .append(" when it was written, is not). Decide for each: find the row it")
                    .append(" meant and fix it in AIM, or accept it.\n\n| AIM column | rule | rows |\n|---|---|---:|\n");
            for (String[] o : orphans) md.append(String.format("| %s | %s | %,d |%n", o[0], o[1], Long.parseLong(o[2])));
        }
        // A NULL or blank PAY_CODE loads with no method as a retired code does, and no orphan_* line above counts it.
        if (noMethod != null) md.append("\n- ").append(noMethod).append("\n");
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
            boolean run = r.limit() == 0 && r.slices().stream().map(RunReport.SliceResult::number).toList().containsAll(List.of(1, 4));
            md.append(run ? "None: AIM holds no ticket, and Helm none, so no store has a ticket number to carry on from.\n" : notInOutput(r));
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

    static String notInOutput(RunReport r) {
        return r.limit() > 0 ? "Left out: this run read a subset of AIM (--limit " + r.limit() + ").\n"
                : "Not in this output: the slices it needs have not been run into it.\n";
    }
}
