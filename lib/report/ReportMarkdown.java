package lib.report;

import java.math.BigInteger;
import java.util.Map;
import java.util.function.Function;
import lib.accounts.TableAccount;

/** report.md: every table's rows and money, the rules, the business figures, the checks. Amounts in dollars (report.json keeps cents). */
final class ReportMarkdown {
    private ReportMarkdown() {}

    static String of(RunReport r) {
        StringBuilder md = new StringBuilder();
        RunReport.RunInfo info = r.info();
        md.append("# AIM v12 → Helm migration report\n\n");
        md.append("- Result: **").append(r.resultLine("see signoff.md")).append("**\n");
        if (r.limit() > 0) {
            md.append("- **LIMITED: a consistent subset of AIM (--limit ").append(r.limit()).append(").** The first ").append(r.limit())
                    .append(" tickets, rentals, repairs, house accounts, gift cards, layaways, special orders, customers, products, vendors, ")
                    .append("instruments and schools, with their lines and payments and every row they refer to (reference data whole). ")
                    .append("A mapping experiment, not a migration: the business reconciliation is left out, and --d1-apply refuses this output.\n");
        }
        if (r.redacted()) {
            md.append("- **REDACTED**: names, e-mails, phones, street addresses and notes are pseudonyms (HMAC-SHA256 with a salt not stored here); ")
                    .append("birth dates keep only the year, ZIP codes the first three characters; amounts, other dates, SKUs and keys are exact.\n");
        }
        md.append("- Source: ").append(info.source()).append("\n");
        int drops = r.reconnectsSurvived().size();
        if (drops > 0) {
            md.append("- The connection to AIM dropped ").append(Plural.of(drops, "time", "times"))
                    .append(" and the run reconnected; every read carried on after the last row it had read: ")
                    .append(String.join("; ", r.reconnectsSurvived())).append("\n");
        }
        md.append("- Shop time zone: ").append(info.shopZone()).append("; toolkit ").append(info.toolkitVersion()).append("\n");
        md.append(String.format("- Run: slices %s at %s, %.1f s, %s read in this run%n", info.slicesRun(), info.startedAt(),
                info.seconds(), Plural.rows(r.readInThisRun())));
        md.append("- For the shop owner's sign-off: signoff.md (dollars per store and month, last ticket numbers, what needs a decision)\n\n");
        md.append(KeptSlicesView.markdown(r));
        if (r.changes() != null) {
            md.append("## Since the previous run (").append(r.previousStartedAt()).append(")\n\n");
            if (r.changes().isEmpty()) md.append("No change in rows, rejects, skips, checksums or reconciliation totals.\n");
            r.changes().forEach(c -> md.append("- ").append(c).append("\n"));
            md.append("\n");
        }
        rows(r, md);
        money(r, md);
        md.append("\n## Rejected rows (see rejects/TABLE.csv)\n\n");
        appendCounts(r, md, t -> t.rejected, m -> m.rejected.value(), "no rows were rejected");
        md.append("\n## Skipped rows, by rule\n\n");
        appendCounts(r, md, t -> t.skipped, m -> m.skipped.value(), "no rows were skipped");
        md.append("\n## Values fixed, by rule (each value, before and after, in fixes/TABLE.csv)\n\n| AIM column | rule | rows |\n|---|---|---:|\n");
        for (RunReport.SliceResult s : r.slices()) {
            for (TableAccount t : s.tables()) {
                t.fixes.forEach((col, rules) -> rules.forEach((rule, n) -> md.append(String.format("| %s.%s | %s | %,d |%n", t.source, col, rule, n))));
            }
        }
        if (r.limit() > 0) md.append("\n## Business reconciliation: AIM against Helm\n\nLeft out: this run read a subset of AIM (--limit ").append(r.limit()).append(").\n");
        else BusinessFiguresView.markdown(r.business(), StaleKeptSlices.of(r), md);
        content(r, md);
        RunReport.Checks checks = r.checks();
        md.append("\n## Checks\n\n");
        String counts = StaleKeptSlices.counts(r);
        if (counts != null) md.append("- Kept slices' AIM tables counted again: **").append(counts).append("**\n");
        String keys = StaleKeptSlices.foreignKeys(r);
        md.append("- Foreign keys (PRAGMA foreign_key_check): ").append(checks.foreignKeyProblems().isEmpty() ? "clean" : "**" + checks.foreignKeyProblems() + "**")
                .append(keys == null ? "" : ". " + keys).append("\n");
        md.append("- Business reconciliation (AIM SQL against Helm SQL): ").append(r.businessBalances() ? "every line balances or is explained by rejects" : "**a line does not balance**").append("\n");
        md.append("- Content checksums, source = helm.sqlite: ").append(r.content().problems().isEmpty() ? "agree for every table" : "**" + r.content().problems() + "**").append("\n");
        md.append("- D1 limits: ").append(checks.d1Problems().isEmpty() ? "within all" : "**" + String.join("; ", checks.d1Problems()) + "**")
                .append("; measured: ").append(D1LimitsView.sentence(checks.d1Measured())).append("\n");
        return md.toString();
    }

    private static void rows(RunReport r, StringBuilder md) {
        md.append("## Rows: read = loaded + skipped + rejected\n\n");
        md.append("| slice | AIM table | Helm table | read | loaded | skipped | rejected | rows in Helm | time | rows/s | balanced |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunReport.SliceResult s : r.slices()) {
            for (TableAccount t : s.tables()) {
                md.append(String.format("| %d %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %.2f s | %s | %s |%n", s.number(), s.name(),
                        t.source, t.target, t.read, t.loaded, t.skippedTotal(), t.rejectedTotal(), t.targetCount == null ? 0 : t.targetCount,
                        t.seconds, t.seconds > 0 ? String.format("%,d", Math.round(t.read / t.seconds)) : "-", t.rowsBalance() ? "yes" : "**NO**"));
            }
        }
    }

    private static void money(RunReport r, StringBuilder md) {
        md.append("\n## Money (dollars): read = in Helm + skipped + rejected\n\n");
        md.append("| AIM column | Helm column | read | loaded | in Helm | skipped | rejected | balanced |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (RunReport.SliceResult s : r.slices()) {
            for (TableAccount t : s.tables()) {
                t.money.forEach((col, mo) -> md.append(String.format("| %s.%s | %s.%s | %s | %s | %s | %s | %s | %s |%n", t.source, col,
                        t.target, mo.targetColumn, Dollars.of(mo.read.value(), mo.decimals), Dollars.of(mo.loaded.value(), mo.decimals),
                        Dollars.of(mo.target == null ? BigInteger.ZERO : mo.target, mo.decimals), Dollars.of(mo.skipped.value(), mo.decimals),
                        Dollars.of(mo.rejected.value(), mo.decimals), mo.balanced() ? "yes" : "**NO**")));
            }
        }
    }

    private static void content(RunReport r, StringBuilder md) {
        md.append("\n## Content checksums and control totals, per Helm table\n\n");
        md.append("Computed from the rows as the slices made them and again from helm.sqlite as written; ");
        md.append("`MigrateAim --d1-apply`/`--d1-verify` recompute them from D1 after the load.\n\n");
        md.append("| Helm table | rows | checksum | dollars | main date: first .. last | helm.sqlite agrees |\n|---|---:|---|---|---|---|\n");
        r.content().tables().forEach((table, e) -> {
            Map<String, Object> x = e.source();
            if (x == null) return;
            Map<?, ?> cents = (Map<?, ?>) x.get("cents");
            String sums = cents == null || cents.isEmpty() ? "-" : String.join(", ", cents.entrySet().stream()
                    .map(c -> c.getKey() + " " + Dollars.of((Number) c.getValue())).toList());
            String dates = x.get("date_column") == null ? "-" : x.get("date_column") + ": " + x.get("first") + " .. " + x.get("last");
            md.append(String.format("| %s | %,d | `%s` | %s | %s | %s |%n", table, ((Number) x.get("rows")).longValue(), x.get("checksum"),
                    sums, dates, e.agree() ? "yes" : "**NO**"));
        });
    }

    /** Rows per table and rule, and the money of the table's rows of that fate (per AIM money column). */
    private static void appendCounts(RunReport r, StringBuilder md, Function<TableAccount, Map<String, Long>> pick,
                                     Function<TableAccount.Money, BigInteger> cents, String none) {
        boolean any = false;
        for (RunReport.SliceResult s : r.slices()) {
            for (TableAccount t : s.tables()) {
                Map<String, Long> rules = pick.apply(t);
                for (Map.Entry<String, Long> e : rules.entrySet()) {
                    if (!any) md.append("| AIM table | rule | rows | money |\n|---|---|---:|---|\n");
                    any = true;
                    StringBuilder money = new StringBuilder();
                    t.money.forEach((col, m) -> {
                        if (cents.apply(m).signum() != 0) {
                            money.append(money.length() == 0 ? "" : ", ").append(col).append(" ").append(Dollars.of(cents.apply(m), m.decimals));
                        }
                    });
                    String held = t.money.isEmpty() ? "-" : money.length() == 0 ? "$0.00" : money.toString();
                    if (rules.size() > 1 && !t.money.isEmpty()) held += " (all " + t.source + " rules together)";
                    md.append(String.format("| %s | %s | %,d | %s |%n", t.source, e.getKey(), e.getValue(), held));
                }
            }
        }
        if (!any) md.append(none).append(".\n");
    }
}
