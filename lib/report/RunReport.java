package lib.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.accounts.TableAccount;

/** The run report: report.json for machines, report.md for the person signing off, and the console summary. */
public final class RunReport {
    /** One slice's outcome, and when it read AIM with the rows AIM counted then (null: kept from an output that has none). */
    public record SliceResult(int number, String name, double seconds, List<TableAccount> tables, boolean rerun, ReportFile.AimRead read) {
        public SliceResult(int number, String name, double seconds, List<TableAccount> tables, boolean rerun) {
            this(number, name, seconds, tables, rerun, null);
        }
    }

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
    private List<LastTickets.Store> lastTickets = List.of();
    private List<NoMethodPayments.Code> noMethod = List.of();
    private boolean redacted;
    private int limit;
    private String previousStartedAt;
    private List<String> changes;
    private List<String> reconnects = List.of();
    private Map<String, Long> keptCountsNow = Map.of();

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

    /** The dropped connections to AIM this run survived (reads carried on after the last row read). */
    public void reconnects(List<String> survived) {
        this.reconnects = List.copyOf(survived);
    }

    /** The rows AIM counts now in the tables of the slices this run kept (a --slice re-run), by AIM table. */
    public void keptCountsNow(Map<String, Long> counts) {
        this.keptCountsNow = Map.copyOf(counts);
    }

    public void business(List<BusinessReconciliation.Result> business) {
        business(business, List.of());
    }

    /** The reconciled business figures and the last ticket number per store. */
    public void business(List<BusinessReconciliation.Result> business, List<LastTickets.Store> lastTickets) {
        this.business = business;
        this.lastTickets = List.copyOf(lastTickets);
    }

    /** The tender figure's "(none)" payments by the pay code AIM wrote (none: no such payment). */
    void noMethod(List<NoMethodPayments.Code> codes) {
        this.noMethod = List.copyOf(codes);
    }

    List<NoMethodPayments.Code> noMethod() {
        return noMethod;
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
                && content.problems().isEmpty() && businessBalances() && StaleKeptSlices.moved(this).isEmpty();
    }

    private long total(java.util.function.ToLongFunction<TableAccount> f, boolean rerunOnly) {
        return slices.stream().filter(s -> !rerunOnly || s.rerun()).flatMap(s -> s.tables().stream()).mapToLong(f).sum();
    }

    /** report.json, as a record. */
    public ReportFile file() {
        List<ReportFile.SliceEntry> list = new ArrayList<>();
        for (SliceResult s : slices) list.add(new ReportFile.SliceEntry(s.number(), s.name(), s.seconds(), s.tables(), s.read()));
        ReportFile.Checks c = new ReportFile.Checks(rowsBalance(), moneyBalances(), checks.foreignKeyProblems(), checks.d1Measured(),
                checks.d1Problems(), content.problems(), StaleKeptSlices.moved(this).stream().map(StaleKeptSlices.Moved::text).toList());
        return new ReportFile(ok(), redacted, limit, info.toolkitVersion(), info.source(), reconnects, info.shopZone(), info.startedAt(),
                info.seconds(), peakHeap(), HeapWatch.peakLive(), phases, info.migrationsHash(), info.slicesRun(), list, c, content.tables(),
                ReportFile.Business.fromMap(BusinessFiguresView.json(business, lastTickets)),
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

    /** report.md: the full account, for the person running the migration. */
    public String markdown() {
        return ReportMarkdown.of(this);
    }

    /** Every reject class and skip rule with its rows and money (what signoff.md puts on top). */
    public List<NeedsDecision.Group> needsDecision() {
        return NeedsDecision.of(slices);
    }

    /** The result line of report.md and signoff.md; an OK never hides rejected money. */
    String resultLine(String where) {
        if (!ok()) return "RECONCILIATION FAILED";
        String decide = NeedsDecision.headline(needsDecision(), where);
        return "OK: every row and every cent accounted for" + (decide.isEmpty() ? "" : "; " + decide);
    }

    RunInfo info() {
        return info;
    }

    List<SliceResult> slices() {
        return slices;
    }

    Checks checks() {
        return checks;
    }

    Content content() {
        return content;
    }

    List<BusinessReconciliation.Result> business() {
        return business;
    }

    List<LastTickets.Store> lastTickets() {
        return lastTickets;
    }

    boolean redacted() {
        return redacted;
    }

    int limit() {
        return limit;
    }

    String previousStartedAt() {
        return previousStartedAt;
    }

    List<String> changes() {
        return changes;
    }

    Map<String, Long> keptCountsNow() {
        return keptCountsNow;
    }

    List<String> reconnectsSurvived() {
        return reconnects;
    }

    long readInThisRun() {
        return total(t -> t.read, true);
    }

    /** The one-screen summary at the end of a run. */
    /** --quiet: the final line alone, what the run did and where its report is. */
    public void summaryLine(PrintWriter out, String outDir) {
        long read = total(t -> t.read, true);
        long rejected = total(TableAccount::rejectedTotal, true);
        out.printf("%s%s  slices %s  %,d rows read, %,d loaded, %,d skipped, %,d rejected in %.1f s; report %sreport.md%n",
                ok() ? "MIGRATED" : "RECONCILIATION FAILED", limit > 0 ? " (LIMITED to a subset of AIM, --limit " + limit + ")" : redacted ? " (REDACTED)" : "",
                info.slicesRun(), read, total(t -> t.loaded, true), total(TableAccount::skippedTotal, true), rejected, info.seconds(), outDir);
        out.flush();
    }

    public void summary(PrintWriter out, String outDir) {
        long read = total(t -> t.read, true);
        out.println();
        if (limit > 0) out.println("LIMITED to a consistent subset of AIM (--limit " + limit + "): a mapping experiment, not a migration");
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
            out.printf("%-14s %,10d %,10d %,9d %,9d %7.1fs%s%n", s.number() + " " + s.name(), r, l, sk, rj, s.seconds(),
                    s.rerun() ? "" : "  (kept, read " + KeptSlicesView.time(s.read() == null ? null : s.read().at()) + ")");
        }
        Map<String, Long> reasons = new TreeMap<>();
        slices.forEach(s -> s.tables().forEach(t -> t.rejected.forEach((k, v) -> reasons.merge(t.source + " " + k, v, Long::sum))));
        List<String> rejected = new ArrayList<>();
        reasons.forEach((reason, n) -> rejected.add(String.format("%s %,d", reason, n)));
        out.println("Rejected: " + (reasons.isEmpty() ? "none" : String.join(", ", rejected)));
        String decide = NeedsDecision.headline(needsDecision());
        if (!decide.isEmpty()) out.println(Character.toUpperCase(decide.charAt(0)) + decide.substring(1));
        out.println("Checks: rows " + (rowsBalance() ? "balance" : "DO NOT BALANCE") + ", money " + (moneyBalances() ? "balances" : "DOES NOT BALANCE")
                + ", foreign keys " + (checks.foreignKeyProblems().isEmpty() ? "clean" : "BROKEN") + ", D1 limits "
                + (checks.d1Problems().isEmpty() ? "ok" : "EXCEEDED") + ", checksums " + (content.problems().isEmpty() ? "agree" : "DIFFER")
                + ", business figures " + (limit > 0 ? "left out (--limit)" : businessBalances() ? "reconcile" : "DO NOT RECONCILE")
                + (StaleKeptSlices.moved(this).isEmpty() ? "" : ", kept slices' AIM counts MOVED"));
        String counts = StaleKeptSlices.counts(this);
        if (counts != null) out.println("  " + counts + ".");
        StaleKeptSlices.of(this).values().forEach(why -> out.println("  " + why + "."));
        String keys = StaleKeptSlices.foreignKeys(this);
        if (keys != null) out.println("  " + keys + ".");
        if (changes != null) {
            out.println("Since the previous run: " + (changes.isEmpty() ? "no changes" : Plural.of(changes.size(), "change", "changes")
                    + (changes.size() <= 5 ? ": " + String.join("; ", changes) : " (see report.md)")));
        }
        out.println("Files: " + outDir + "helm.sqlite, " + outDir + "d1/all.sql (and one file per slice), " + outDir + "report.md, "
                + outDir + "report.json, " + outDir + SignoffSheet.FILE + (reasons.isEmpty() ? "" : ", " + outDir + "rejects/") + ", " + outDir + "fixes/");
        out.flush();
    }
}
