package lib.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.accounts.TableAccount;

/** The run report: report.json for machines, report.md for the person signing off, and the console summary. */
public final class RunReport {
    /** One slice's outcome. */
    public record SliceResult(int number, String name, double seconds, List<TableAccount> tables, boolean rerun) {}

    /** Facts about the run as a whole. */
    public record RunInfo(String toolkitVersion, String source, String shopZone, String startedAt, double seconds,
                          String migrationsHash, List<Integer> slicesRun) {}

    /** The checks beyond row and money balances. */
    public record Checks(List<String> foreignKeyProblems, Map<String, Object> d1Measured, List<String> d1Problems) {}

    /** Control totals per Helm table, source side against helm.sqlite (see TableContent). */
    public record Content(Map<String, ReportFile.ContentEntry> tables, List<String> problems) {}

    private final RunInfo info;
    private final List<SliceResult> slices;
    private final Checks checks;
    private final Content content;
    private final Map<String, Double> phases;
    private List<BusinessReconciliation.Result> business = List.of();
    private boolean redacted;
    private int limit;
    private String previousStartedAt;
    private List<String> changes;
    private List<String> reconnects = List.of();

    public RunReport(RunInfo info, List<SliceResult> slices, Checks checks, Content content, Map<String, Double> phases) {
        this.info = info;
        this.slices = slices;
        this.checks = checks;
        this.content = content;
        this.phases = phases;
    }

    /** A redacted run (--redact) and a row limit per table (--limit), both stated wherever the output is read. */
    public void marks(boolean redacted, int limit) {
        this.redacted = redacted;
        this.limit = limit;
    }

    /** The dropped connections to AIM this run survived (reads carried on after the last key read). */
    public void reconnects(List<String> survived) {
        this.reconnects = List.copyOf(survived);
    }

    public void business(List<BusinessReconciliation.Result> business) {
        this.business = business;
    }

    public boolean businessBalances() {
        return business.stream().allMatch(BusinessReconciliation.Result::ok);
    }

    /** What changed since the previous run in the same output folder (see RunSummary). */
    public void since(String previousStartedAt, List<String> changes) {
        this.previousStartedAt = previousStartedAt;
        this.changes = changes;
    }

    public boolean rowsBalance() {
        return slices.stream().flatMap(s -> s.tables().stream()).allMatch(TableAccount::rowsBalance);
    }

    public boolean moneyBalances() {
        return slices.stream().flatMap(s -> s.tables().stream()).allMatch(TableAccount::moneyBalances);
    }

    public boolean ok() {
        return rowsBalance() && moneyBalances() && checks.foreignKeyProblems().isEmpty() && checks.d1Problems().isEmpty()
                && content.problems().isEmpty() && businessBalances();
    }

    private long total(java.util.function.ToLongFunction<TableAccount> f, boolean rerunOnly) {
        return slices.stream().filter(s -> !rerunOnly || s.rerun()).flatMap(s -> s.tables().stream()).mapToLong(f).sum();
    }

    /** report.json, as a record. */
    public ReportFile file() {
        List<ReportFile.SliceEntry> list = new ArrayList<>();
        for (SliceResult s : slices) list.add(new ReportFile.SliceEntry(s.number(), s.name(), s.seconds(), s.tables()));
        ReportFile.Checks c = new ReportFile.Checks(rowsBalance(), moneyBalances(), checks.foreignKeyProblems(), checks.d1Measured(),
                checks.d1Problems(), content.problems());
        return new ReportFile(ok(), redacted, limit, info.toolkitVersion(), info.source(), reconnects, info.shopZone(), info.startedAt(),
                info.seconds(), peakHeap(), HeapWatch.peakLive(), phases, info.migrationsHash(), info.slicesRun(), list, c, content.tables(),
                ReportFile.Business.fromMap(BusinessFiguresView.json(business)),
                changes == null ? null : new ReportFile.Changes(previousStartedAt, changes));
    }

    /** The heap pools' high-water marks added up: an upper bound of peak heap use (pools peak at different times). */
    static long peakHeap() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# AIM v12 → Helm migration report\n\n");
        md.append("- Result: **").append(ok() ? "OK: every row and every cent accounted for" : "RECONCILIATION FAILED").append("**\n");
        if (limit > 0) {
            md.append("- **LIMITED: at most ").append(limit).append(" rows per AIM table.** A mapping experiment, not a migration: ")
                    .append("orphans and rejects reflect the cut, the business reconciliation is left out, and --d1-apply refuses this output.\n");
        }
        if (redacted) {
            md.append("- **REDACTED**: names, e-mails, phones, street addresses and notes are pseudonyms (HMAC-SHA256 with a salt not stored here); ")
                    .append("amounts, dates, SKUs and keys are exact.\n");
        }
        md.append("- Source: ").append(info.source()).append("\n");
        if (!reconnects.isEmpty()) {
            md.append("- The connection to AIM dropped ").append(reconnects.size()).append(reconnects.size() == 1 ? " time" : " times")
                    .append(" and the run reconnected; every read carried on after the last key it had read: ")
                    .append(String.join("; ", reconnects)).append("\n");
        }
        md.append("- Shop time zone: ").append(info.shopZone()).append("; toolkit ").append(info.toolkitVersion()).append("\n");
        md.append(String.format("- Run: slices %s at %s, %.1f s, %,d rows read in this run%n%n", info.slicesRun(), info.startedAt(),
                info.seconds(), total(t -> t.read, true)));
        if (changes != null) {
            md.append("## Since the previous run (").append(previousStartedAt).append(")\n\n");
            if (changes.isEmpty()) md.append("No change in rows, rejects, skips, checksums or reconciliation totals.\n");
            changes.forEach(c -> md.append("- ").append(c).append("\n"));
            md.append("\n");
        }
        md.append("## Rows: read = loaded + skipped + rejected\n\n");
        md.append("| slice | AIM table | Helm table | read | loaded | skipped | rejected | rows in Helm | time | rows/s | balanced |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (SliceResult s : slices) {
            for (TableAccount t : s.tables()) {
                md.append(String.format("| %d %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %.2f s | %s | %s |%n", s.number(), s.name(),
                        t.source, t.target, t.read, t.loaded, t.skippedTotal(), t.rejectedTotal(), t.targetCount == null ? 0 : t.targetCount,
                        t.seconds, t.seconds > 0 ? String.format("%,d", Math.round(t.read / t.seconds)) : "-", t.rowsBalance() ? "yes" : "**NO**"));
            }
        }
        md.append("\n## Money (cents): read = in Helm + skipped + rejected\n\n");
        md.append("| AIM column | Helm column | read | loaded | in Helm | skipped | rejected | balanced |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (SliceResult s : slices) {
            for (TableAccount t : s.tables()) {
                t.money.forEach((col, mo) -> md.append(String.format("| %s.%s | %s.%s | %,d | %,d | %,d | %,d | %,d | %s |%n", t.source, col,
                        t.target, mo.targetColumn, mo.read.value(), mo.loaded.value(), mo.target == null ? java.math.BigInteger.ZERO : mo.target,
                        mo.skipped.value(), mo.rejected.value(), mo.balanced() ? "yes" : "**NO**")));
            }
        }
        md.append("\n## Rejected rows (see rejects/TABLE.csv)\n\n");
        appendCounts(md, t -> t.rejected, "no rows were rejected");
        md.append("\n## Skipped rows, by rule\n\n");
        appendCounts(md, t -> t.skipped, "no rows were skipped");
        md.append("\n## Values fixed, by rule (each value, before and after, in fixes/TABLE.csv)\n\n| AIM column | rule | rows |\n|---|---|---:|\n");
        for (SliceResult s : slices) {
            for (TableAccount t : s.tables()) {
                t.fixes.forEach((col, rules) -> rules.forEach((rule, n) -> md.append(String.format("| %s.%s | %s | %,d |%n", t.source, col, rule, n))));
            }
        }
        if (limit > 0) md.append("\n## Business reconciliation: AIM against Helm\n\nLeft out: this run read at most ").append(limit).append(" rows per table.\n");
        else BusinessFiguresView.markdown(business, md);
        md.append("\n## Content checksums and control totals, per Helm table\n\n");
        md.append("Computed from the rows as the slices made them and again from helm.sqlite as written; ");
        md.append("`MigrateAim --d1-apply`/`--d1-verify` recompute them from D1 after the load.\n\n");
        md.append("| Helm table | rows | checksum | cents | main date: first .. last | helm.sqlite agrees |\n|---|---:|---|---|---|---|\n");
        content.tables().forEach((table, e) -> {
            Map<String, Object> x = e.source();
            if (x == null) return;
            Map<?, ?> cents = (Map<?, ?>) x.get("cents");
            String sums = cents == null || cents.isEmpty() ? "-" : String.join(", ", cents.entrySet().stream()
                    .map(c -> c.getKey() + " " + String.format("%,d", ((Number) c.getValue()).longValue())).toList());
            String dates = x.get("date_column") == null ? "-" : x.get("date_column") + ": " + x.get("first") + " .. " + x.get("last");
            md.append(String.format("| %s | %,d | `%s` | %s | %s | %s |%n", table, ((Number) x.get("rows")).longValue(), x.get("checksum"),
                    sums, dates, e.agree() ? "yes" : "**NO**"));
        });
        md.append("\n## Checks\n\n");
        md.append("- Foreign keys (PRAGMA foreign_key_check): ").append(checks.foreignKeyProblems().isEmpty() ? "clean" : "**" + checks.foreignKeyProblems() + "**").append("\n");
        md.append("- Business reconciliation (AIM SQL against Helm SQL): ").append(businessBalances() ? "every line balances or is explained by rejects" : "**a line does not balance**").append("\n");
        md.append("- Content checksums, source = helm.sqlite: ").append(content.problems().isEmpty() ? "agree for every table" : "**" + content.problems() + "**").append("\n");
        md.append("- D1 limits: ").append(checks.d1Problems().isEmpty() ? "within all" : "**" + checks.d1Problems() + "**").append("; measured ").append(checks.d1Measured()).append("\n");
        return md.toString();
    }

    private void appendCounts(StringBuilder md, java.util.function.Function<TableAccount, Map<String, Long>> pick, String none) {
        boolean any = false;
        for (SliceResult s : slices) {
            for (TableAccount t : s.tables()) {
                for (Map.Entry<String, Long> e : pick.apply(t).entrySet()) {
                    if (!any) md.append("| AIM table | rule | rows | money (cents) |\n|---|---|---:|---:|\n");
                    any = true;
                    md.append(String.format("| %s | %s | %,d | %s |%n", t.source, e.getKey(), e.getValue(), t.money.isEmpty() ? "-"
                            : String.format("%,d", t.money.values().stream().map(m -> (pick.apply(t) == t.rejected ? m.rejected : m.skipped).value())
                            .reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add))));
                }
            }
        }
        if (!any) md.append(none).append(".\n");
    }

    /** The one-screen summary at the end of a run. */
    public void summary(PrintWriter out, String outDir) {
        long read = total(t -> t.read, true);
        out.println();
        if (limit > 0) out.println("LIMITED to " + limit + " rows per AIM table: a mapping experiment, not a migration");
        if (redacted) out.println("REDACTED: personal data in this output are pseudonyms");
        out.printf("%s  slices %s  %,d rows read in %.1f s (%,d rows/s)%n", ok() ? "MIGRATED" : "RECONCILIATION FAILED",
                info.slicesRun(), read, info.seconds(), info.seconds() > 0 ? Math.round(read / info.seconds()) : 0);
        out.printf("%-14s %10s %10s %9s %9s %8s%n", "slice", "read", "loaded", "skipped", "rejected", "time");
        for (SliceResult s : slices) {
            long r = 0, l = 0, sk = 0, rj = 0;
            for (TableAccount t : s.tables()) {
                r += t.read;
                l += t.loaded;
                sk += t.skippedTotal();
                rj += t.rejectedTotal();
            }
            out.printf("%-14s %,10d %,10d %,9d %,9d %7.1fs%s%n", s.number() + " " + s.name(), r, l, sk, rj, s.seconds(), s.rerun() ? "" : "  (kept)");
        }
        Map<String, Long> reasons = new TreeMap<>();
        slices.forEach(s -> s.tables().forEach(t -> t.rejected.forEach((k, v) -> reasons.merge(t.source + " " + k, v, Long::sum))));
        out.println("Rejected: " + (reasons.isEmpty() ? "none" : reasons.toString().replaceAll("[{}]", "").replace("=", " ")));
        out.println("Checks: rows " + (rowsBalance() ? "balance" : "DO NOT BALANCE") + ", money " + (moneyBalances() ? "balances" : "DOES NOT BALANCE")
                + ", foreign keys " + (checks.foreignKeyProblems().isEmpty() ? "clean" : "BROKEN") + ", D1 limits "
                + (checks.d1Problems().isEmpty() ? "ok" : "EXCEEDED") + ", checksums " + (content.problems().isEmpty() ? "agree" : "DIFFER")
                + ", business figures " + (limit > 0 ? "left out (--limit)" : businessBalances() ? "reconcile" : "DO NOT RECONCILE"));
        if (changes != null) {
            out.println("Since the previous run: " + (changes.isEmpty() ? "no changes" : changes.size() + " change(s)"
                    + (changes.size() <= 5 ? ": " + String.join("; ", changes) : " (see report.md)")));
        }
        out.println("Files: " + outDir + "helm.sqlite, " + outDir + "d1/all.sql (and one file per slice), " + outDir + "report.md, "
                + outDir + "report.json" + (reasons.isEmpty() ? "" : ", " + outDir + "rejects/"));
        out.flush();
    }
}
