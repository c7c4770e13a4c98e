package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.accounts.TableAccount;
import lib.slices.Slice01Reference;
import lib.slices.Slice02Customers;
import lib.slices.Slice04Sales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/**
 * fixes/TABLE.csv on a few rows given in memory: one line per time a rule fired, with the AIM
 * key, the AIM column, the rule, the value as read from AIM and the value the rule made (NULL as null).
 */
class FixesTest {
    @TempDir
    Path dir;

    @Test
    void eachRuleThatFiresOnACustomerIsOneLineWithTheValueReadAndTheValueMade() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A100      ", "FIRST_NAME", " Ann", "LAST_NAME", "Lee", "PHONE2", "none",
                            "EMAIL", " Ann.Lee@Example.COM ", "BIRTH_DATE", LocalDateTime.of(1900, 1, 1, 0, 0),
                            "CREATED", LocalDateTime.of(2024, 3, 10, 2, 30), "TAX_EXEMPT", "y", "DELETED", "N", "NOTES", "bell\u0007")
                    .row("CUST", "CUST_ID", 2, "ACCT_NO", "A100", "DELETED", "N")
                    // A soft-deleted row is skipped before any rule looks at its values.
                    .row("CUST", "CUST_ID", 3, "FIRST_NAME", " Bob ", "DELETED", "Y")
                    .row("CUST", "CUST_ID", 4, "PHONE1", "ask mom", "FIRST_NAME", "Zo\uD83D ", "COMPANY", "   ",
                            "TAX_EXEMPT", "N", "DELETED", "N", "NOTES", "\u0001");
            bench.run(new Slice02Customers());

            assertEquals(List.of(
                    "1 PHONE2 phone_unparseable: none -> null",
                    "1 EMAIL email_normalized:  Ann.Lee@Example.COM  -> ann.lee@example.com",
                    "1 FIRST_NAME stray_spaces:  Ann -> Ann",
                    "1 BIRTH_DATE sentinel_date: 1900-01-01T00:00 -> null",
                    // 02:30 on the spring-forward night does not exist in Chicago: 03:30 CDT, 08:30 UTC.
                    "1 CREATED dst_gap: 2024-03-10T02:30 -> 2024-03-10T08:30:00Z",
                    "1 TAX_EXEMPT flag_variant: y -> 1",
                    "1 NOTES control_chars: bell\u0007 -> bell",
                    "2 ACCT_NO duplicate_account: A100 -> A100-2",
                    "2 TAX_EXEMPT flag_blank: null -> 0",
                    "4 PHONE1 phone_unparseable: ask mom -> null",
                    // UTF-8 cannot hold the lone surrogate: the file shows U+FFFD, as Helm holds it.
                    "4 FIRST_NAME lone_surrogate: Zo\uFFFD  -> Zo\uFFFD ",
                    "4 FIRST_NAME stray_spaces: Zo\uFFFD  -> Zo\uFFFD",
                    "4 COMPANY empty_string:     -> null",
                    "4 NOTES control_chars: \u0001 -> null",
                    "4 NOTES empty_string: \u0001 -> null"), bench.fixes("CUST"));
            assertLinesAreTheReportsCounts(bench, "CUST");
            assertEquals(List.of("A100|Ann", "A100-2|null", "null|Zo\uFFFD"),
                    bench.query("SELECT account_no, first_name FROM customers ORDER BY id"), "what Helm holds is the 'after' above");
        }
    }

    @Test
    void salesRulesListMoneyAsCentsAndReferencesToMissingRowsAsNull() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 11, 3, 1, 30), "CUST_ID", 77,
                            "SUBTOTAL", new BigDecimal("10.0050"), "TAX", new BigDecimal("0.0000"), "TOTAL", new BigDecimal("-10.0050"),
                            "VOIDED", "N")
                    // Rejected (no date): rejected with its reason, so the sentinel_date that fired first is not listed, nor counted.
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 101, "TICKET_DATE", LocalDateTime.of(1899, 12, 30, 0, 0),
                            "SUBTOTAL", new BigDecimal("1.0000"), "TAX", new BigDecimal("0.0000"), "TOTAL", new BigDecimal("1.0000"))
                    // No tax (a tax-exempt sale): the sale loads with 0, never left out for a NULL.
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 102, "TICKET_DATE", LocalDateTime.of(2024, 5, 2, 10, 0), "VOIDED", "N",
                            "SUBTOTAL", new BigDecimal("50.0000"), "TOTAL", new BigDecimal("50.0000"));
            bench.row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 1, "ITEM_ID", 999, "SKU", "OLD-1", "QTY", 1,
                    "UNIT_PRICE", new BigDecimal("10.0050"), "EXT_PRICE", new BigDecimal("10.0050"), "TAX_CODE", "GONE");
            bench.row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 1, "PAY_CODE", " GONE", "AMOUNT", new BigDecimal("10.0000"),
                    "PAID_AT", LocalDateTime.of(2024, 11, 3, 1, 30))
                    .row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 2, "AMOUNT", new BigDecimal("1.0000"),
                            "PAID_AT", LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000));
            bench.run(new Slice04Sales());

            assertEquals(List.of(
                    // 01:30 on the fall-back night happens twice: the earlier, daylight offset (-05:00).
                    "1/100 TICKET_DATE dst_overlap: 2024-11-03T01:30 -> 2024-11-03T06:30:00Z",
                    "1/100 CUST_ID orphan_customer: 77 -> null",
                    // Half a cent rounds away from zero, both ways.
                    "1/100 SUBTOTAL sub_cent_money: 10.0050 -> 1001",
                    "1/100 TOTAL sub_cent_money: -10.0050 -> -1001",
                    "1/102 TAX null_as_zero: null -> 0"), bench.fixes("TICKET"));
            assertEquals(List.of("1/102|0|5000"), bench.query("SELECT store_id || '/' || ticket_no || '|' || tax_cents || '|' || total_cents FROM sales WHERE ticket_no = 102"));
            assertEquals(List.of(
                    "1/100/1 TAX_CODE orphan_tax_code: GONE -> null",
                    "1/100/1 ITEM_ID orphan_product: 999 -> null",
                    "1/100/1 UNIT_PRICE sub_cent_money: 10.0050 -> 1001",
                    "1/100/1 DISCOUNT null_as_zero: null -> 0",
                    "1/100/1 EXT_PRICE sub_cent_money: 10.0050 -> 1001"), bench.fixes("TKTLINE"));
            assertEquals(List.of(
                    "1/100/1 PAY_CODE stray_spaces:  GONE -> GONE",
                    "1/100/1 PAY_CODE orphan_payment_method:  GONE -> null",
                    "1/100/1 PAID_AT dst_overlap: 2024-11-03T01:30 -> 2024-11-03T06:30:00Z"), bench.fixes("TKTPAY"));
            // Helm keeps whole seconds: the fraction is dropped (the payment stays on Feb 29 in Chicago), counted, not listed.
            assertEquals(1, bench.account("TKTPAY").fixCount("PAID_AT", "sub_second"));
            assertEquals(List.of("2024-03-01T05:59:59Z"), bench.query("SELECT paid_at FROM sale_payments WHERE legacy_key = 'TKTPAY:1/100/2'"));
            for (String t : List.of("TICKET", "TKTLINE", "TKTPAY")) assertLinesAreTheReportsCounts(bench, t);
            assertEquals(List.of(), bench.fixes("STORE"), "no line where no rule fired");
        }
    }

    @Test
    void aRuleThatFiresOnceTheTableIsReadNamesTheRowItFiredOn() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CATEGORY", "CAT_CODE", "A", "DESCRIPTION", "Guitars", "PARENT_CODE", "ZZ", "TAXABLE", "Y")
                    .row("CATEGORY", "CAT_CODE", "B", "DESCRIPTION", "Drums", "TAXABLE", "Y");
            bench.run(new Slice01Reference());
            assertEquals(List.of("A PARENT_CODE orphan_category: ZZ -> null"), bench.fixes("CATEGORY"));
            assertLinesAreTheReportsCounts(bench, "CATEGORY");
        }
    }

    /** The lines of each column and rule in fixes/TABLE.csv are as many as the account (report.md's table) counts. */
    static void assertLinesAreTheReportsCounts(SliceBench bench, String table) throws Exception {
        TableAccount a = bench.account(table);
        Map<String, Long> counted = new TreeMap<>(), listed = new TreeMap<>();
        a.fixes.forEach((col, rules) -> rules.forEach((rule, n) -> {
            if (!rule.equals("sub_second")) counted.put(col + " " + rule, n); // counted only: nearly every time a till stamps has one
        }));
        for (String line : bench.fixes(table)) {
            String[] p = line.split(" ", 4);
            listed.merge(p[1] + " " + p[2].replace(":", ""), 1L, Long::sum);
        }
        assertEquals(counted, listed, table);
    }
}
