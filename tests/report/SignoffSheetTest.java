package tests.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.accounts.TableAccount;
import lib.report.BusinessReconciliation;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Line;
import lib.report.BusinessReconciliation.Result;
import lib.report.RunReport;
import lib.report.SignoffSheet;
import org.junit.jupiter.api.Test;

/** signoff.md and the result lines on reports the test builds itself: no rejects, some rejects, a line that does not balance. */
class SignoffSheetTest {
    @Test
    void aRunWithNothingRejectedOrSkippedSaysSo() {
        RunReport report = report(account(0, 0), List.of(sales(new Figure(2, 1000), new Figure(2, 1000), new Figure(0, 0))));
        assertTrue(report.ok());
        String sheet = SignoffSheet.markdown(report);
        assertTrue(sheet.contains("- Result: **OK: every row and every cent accounted for**\n"), sheet);
        assertTrue(sheet.contains("## Needs a decision\n\nNothing: no row was rejected or skipped"), sheet);
        assertTrue(sheet.contains("| 1 | 2024-03 | 2 | $10.00 | 2 | $10.00 | - | - |"), sheet);
        assertTrue(sheet.contains("Checked by: ____"), sheet);
        assertTrue(sheet.contains("## Last ticket number per store\n\nNot in this output"), "no last-ticket figures were given: " + sheet);
        assertTrue(report.markdown().contains("- Result: **OK: every row and every cent accounted for**\n"));
        assertFalse(console(report).contains("need a decision"), console(report));
    }

    @Test
    void rejectedMoneyIsOnTopAndInEveryResultLine() {
        // Two payments rejected: $124.00 and a refund of -$0.60.
        RunReport report = report(account(2, 12_400 - 60), List.of(sales(new Figure(3, 1500), new Figure(2, 1000), new Figure(1, 500))));
        assertTrue(report.ok());
        String sheet = SignoffSheet.markdown(report);
        assertTrue(sheet.contains("| TKTPAY | rejected, see rejects/TKTPAY.csv | orphan_ticket: 2 | 2 | AMOUNT $123.40 |"), sheet);
        assertTrue(sheet.contains("- Result: **OK: every row and every cent accounted for; 2 rejected rows (TKTPAY.AMOUNT $123.40) need a decision, see below**"), sheet);
        assertTrue(sheet.contains("| 1 | 2024-03 | 3 | $15.00 | 2 | $10.00 | 1 row, $5.00 | 1 row, $5.00 |"), sheet);
        String md = report.markdown();
        assertTrue(md.contains("- Result: **OK: every row and every cent accounted for; 2 rejected rows (TKTPAY.AMOUNT $123.40) need a decision, see signoff.md**"), md);
        assertTrue(md.contains("| TKTPAY | orphan_ticket | 2 | AMOUNT $123.40 |"), md);
        assertFalse(md.contains("1 rows"), md);
        assertTrue(console(report).contains("2 rejected rows (TKTPAY.AMOUNT $123.40) need a decision, see signoff.md"), console(report));
    }

    @Test
    void aDifferenceTheRejectsDoNotExplainIsMarked() {
        RunReport report = report(account(0, 0), List.of(sales(new Figure(3, 1500), new Figure(2, 1000), new Figure(0, 0))));
        assertFalse(report.ok());
        String sheet = SignoffSheet.markdown(report);
        assertTrue(sheet.contains("| 1 row, $5.00 | - **does not explain it** |"), sheet);
        assertTrue(sheet.contains("Sales per store per month does not balance"), sheet);
        assertTrue(sheet.contains("- Result: **RECONCILIATION FAILED**"), sheet);
    }

    @Test
    void aStoreWhoseTicketsWereNotAllLoadedButWhoseLastTicketIsTheSameIsNotSaidToDiffer() {
        RunReport report = report(account(0, 0), List.of());
        report.business(List.of(), List.of(new lib.report.LastTickets.Store("1", 5_000, 105_000L, 4_996, 105_000L),
                new lib.report.LastTickets.Store("2", 10, 110L, 9, 109L)));
        String sheet = SignoffSheet.markdown(report);
        assertTrue(sheet.contains("- Store 1: AIM has 5,000 tickets and Helm 4,996; the last ticket number is 105000 on both."), sheet);
        assertFalse(sheet.contains("Store 1: the last ticket number differs"), sheet);
        assertTrue(sheet.contains("- Store 2: the last ticket number differs (AIM 110, Helm 109): Helm's next ticket must start after AIM's."), sheet);
    }

    @Test
    void theD1LimitsAreASentenceNotAMap() {
        String md = report(account(0, 0), List.of()).markdown();
        String line = md.lines().filter(l -> l.startsWith("- D1 limits:")).findFirst().orElseThrow();
        assertFalse(line.contains("{") || line.contains("="), line);
        assertTrue(line.contains("widest table customers, 21 columns (D1 allows 100)"), line);
        assertTrue(line.contains("largest row 315 bytes in customers (D1 allows 2 MB)"), line);
        assertTrue(line.contains("largest statement 10.0 KB (D1 allows 100 KB)"), line);
        assertTrue(line.contains("database 15.5 MB (D1 allows 10 GB)"), line);
    }

    private static Result sales(Figure aim, Figure helm, Figure explained) {
        return new Result(BusinessReconciliation.SALES, "cents", List.of("store", "month"), "rejects/TICKET.csv",
                List.of(new Line("store 1, month 2024-03", aim, helm, explained)));
    }

    /** TKTPAY with {@code rejected} rows holding {@code rejectedCents}, and 10 loaded rows of $1.00. */
    private static TableAccount account(long rejected, long rejectedCents) {
        TableAccount t = new TableAccount("TKTPAY", "sale_payments", Map.of("AMOUNT", "amount_cents"));
        t.read = 10 + rejected;
        t.loaded = 10;
        t.targetCount = 10L;
        if (rejected > 0) t.rejected.put("orphan_ticket", rejected);
        TableAccount.Money m = t.money.get("AMOUNT");
        m.read.add(1000 + rejectedCents);
        m.loaded.add(1000);
        m.rejected.add(rejectedCents);
        m.target = java.math.BigInteger.valueOf(1000);
        return t;
    }

    private static RunReport report(TableAccount t, List<Result> business) {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("widest_table_columns", 21);
        measured.put("largest_row_bytes", 315L);
        measured.put("largest_row_table", "customers");
        measured.put("largest_statement_bytes", 10_001L);
        measured.put("database_bytes", 15_527_936L);
        measured.put("tables", Map.of("customers", Map.of("columns", 21, "largest_row_bytes", 315), "stores", Map.of("columns", 9, "largest_row_bytes", 64)));
        RunReport r = new RunReport(new RunReport.RunInfo("0.1.0", "a test database", "America/Chicago", "2026-01-01T00:00:00Z", 1.0, "x", List.of(4)),
                new ArrayList<>(List.of(new RunReport.SliceResult(4, "sales", 1.0, List.of(t), true))),
                new RunReport.Checks(List.of(), measured, List.of()), new RunReport.Content(Map.of(), List.of()), Map.of());
        r.business(business);
        return r;
    }

    private static String console(RunReport r) {
        StringWriter s = new StringWriter();
        r.summary(new PrintWriter(s), "out/");
        return s.toString();
    }
}
