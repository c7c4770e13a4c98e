package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.CodeKey;
import lib.rules.LegacyId;
import lib.slices.Slice04Sales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 4 on a few tickets, after slices 1 to 3 loaded {@link SliceBench#basics()}. */
class Slice04SalesTest {
    @TempDir
    Path dir;

    static BigDecimal money(String v) {
        return new BigDecimal(v);
    }

    @Test
    void ticketsKeepRevenueHistoryAndRejectWhatCannotBePlaced() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9), "CUST_ID", 1,
                            "EMP_ID", 10, "SUBTOTAL", money("100.0000"), "TAX", money("8.2500"), "TOTAL", money("108.2500"), "VOIDED", "N")
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 101, "TICKET_DATE", LocalDateTime.of(2024, 7, 1, 10, 0), "CUST_ID", 77,
                            "EMP_ID", 99, "SUBTOTAL", money("10.0000"), "TAX", money("0.8250"), "TOTAL", money("10.8250"), "VOIDED", "Y",
                            "NOTES", "refund\tlater")
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 102, "TICKET_DATE", LocalDateTime.of(1900, 1, 1, 0, 0),
                            "SUBTOTAL", money("5.0000"), "TAX", money("0.0000"), "TOTAL", money("5.0000"))
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 103, "TICKET_DATE", LocalDateTime.of(2024, 1, 16, 9, 0),
                            "TAX", money("1.0000"), "TOTAL", money("1.0000"))
                    .row("TICKET", "STORE_NO", 2, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 9, 0),
                            "SUBTOTAL", money("20.0000"), "TAX", money("1.6500"), "TOTAL", money("21.6500"));
            bench.run(new Slice04Sales());

            assertEquals(List.of(
                    // id = store * 10^9 + ticket; 14:05:09 CST is 20:05:09 UTC.
                    "1000000100|TICKET:1/100|1|100|2024-01-15T20:05:09Z|1|1|10|10000|825|10825|0|null",
                    // Customer 77 and staff 99 are gone: NULL, with AIM's customer number kept; the voided ticket stays;
                    // 0.825 rounds half up to 83 cents.
                    "1000000101|TICKET:1/101|1|101|2024-07-01T15:00:00Z|null|77|null|1000|83|1083|1|refund\tlater"),
                    bench.query("SELECT id, legacy_key, store_id, ticket_no, sold_at, customer_id, legacy_customer_id, staff_id, "
                            + "subtotal_cents, tax_cents, total_cents, is_void, notes FROM sales ORDER BY id"));
            var tickets = bench.account("TICKET");
            assertEquals(List.of(5L, 2L), List.of(tickets.read, tickets.loaded));
            assertEquals(Map.of("invalid_value", 2L, "orphan_store", 1L), tickets.rejected);
            assertEquals(List.of("invalid_value 1/102", "invalid_value 1/103", "orphan_store 2/100"), bench.rejected("TICKET"));
            assertEquals("SUBTOTAL is NULL", bench.rejects("TICKET").get(1).get(1));
            // 1/102's 1900-01-01 is no date, and the ticket is rejected for it: rejected with its reason, not also fixed.
            assertEquals(0, tickets.fixCount("TICKET_DATE", "sentinel_date"));
            assertEquals(1, tickets.fixCount("CUST_ID", "orphan_customer"));
            assertEquals(1, tickets.fixCount("EMP_ID", "orphan_staff"));
            assertEquals(1, tickets.fixCount("TAX", "sub_cent_money"));
            assertEquals(List.of(13500L, 11000L, 0L, 2500L), bench.money("TICKET", "SUBTOTAL"));
            assertEquals(List.of(1173L, 908L, 0L, 265L), bench.money("TICKET", "TAX"));
            assertEquals(List.of(14673L, 11908L, 0L, 2765L), bench.money("TICKET", "TOTAL"));
            bench.assertBalanced("TICKET");
        }
    }

    @Test
    void linesKeepTheirAmountsWhenTheProductIsGoneAndPaymentsOfMissingTicketsAreRejectedWithTheirAmount() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9),
                            "SUBTOTAL", money("109.0000"), "TAX", money("0.0000"), "TOTAL", money("109.0000"))
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 1, "ITEM_ID", 100, "SKU", "GTR-1", "DESCRIPTION", "Guitar",
                            "QTY", 1, "UNIT_PRICE", money("100.0000"), "EXT_PRICE", money("100.0000"), "TAX_CODE", "STATE ", "SERIAL_ID", 500)
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 2, "ITEM_ID", 4242, "SKU", "OLD-9", "DESCRIPTION", "Strings",
                            "QTY", 2, "UNIT_PRICE", money("5.0000"), "DISCOUNT", money("1.0000"), "EXT_PRICE", money("9.0000"),
                            "TAX_CODE", "COUNTY", "SERIAL_ID", 777)
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 3, "UNIT_PRICE", money("3.0000"), "EXT_PRICE", money("3.0000"))
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 102, "LINE_NO", 1, "QTY", 1, "UNIT_PRICE", money("5.0000"),
                            "EXT_PRICE", money("5.0000"))
                    .row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 1, "PAY_CODE", "CASH", "AMOUNT", money("100.0000"),
                            "PAID_AT", LocalDateTime.of(2024, 1, 15, 14, 6, 0))
                    .row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 2, "PAY_CODE", "AMEX", "AMOUNT", money("10.8250"),
                            "REF_NO", " 4471 ")
                    .row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 3, "PAY_CODE", "CASH")
                    .row("TKTPAY", "STORE_NO", 2, "TICKET_NO", 100, "PAY_SEQ", 1, "PAY_CODE", "CASH", "AMOUNT", money("21.6500"));
            bench.run(new Slice04Sales());

            long sale = 1_000_000_100L;
            assertEquals(List.of(
                    // id = sale * 1000 + line
                    (sale * 1000 + 1) + "|" + sale + "|1|100|GTR-1|Guitar|1|10000|0|10000|" + LegacyId.ofText("TAXRATE", "STATE") + "|500",
                    // Product 4242, tax code COUNTY and instrument 777 do not exist: NULL, and the amounts and AIM's SKU stay.
                    (sale * 1000 + 2) + "|" + sale + "|2|null|OLD-9|Strings|2|500|100|900|null|null"),
                    bench.query("SELECT id, sale_id, line_no, product_id, legacy_sku, description, quantity, unit_price_cents, "
                            + "discount_cents, amount_cents, tax_rate_id, instrument_id FROM sale_lines ORDER BY id"));
            var lines = bench.account("TKTLINE");
            assertEquals(Map.of("invalid_value", 1L, "orphan_ticket", 1L), lines.rejected);
            assertEquals(List.of("invalid_value 1/100/3", "orphan_ticket 1/102/1"), bench.rejected("TKTLINE"));
            assertEquals("QTY is NULL", bench.rejects("TKTLINE").get(0).get(1));
            assertEquals("ticket 1/102 does not exist", bench.rejects("TKTLINE").get(1).get(1));
            assertEquals(1, lines.fixCount("ITEM_ID", "orphan_product"));
            assertEquals(1, lines.fixCount("TAX_CODE", "orphan_tax_code"));
            assertEquals(1, lines.fixCount("SERIAL_ID", "orphan_instrument"));
            assertEquals(List.of(11700L, 10900L, 0L, 800L), bench.money("TKTLINE", "EXT_PRICE"));
            assertEquals(List.of(11300L, 10500L, 0L, 800L), bench.money("TKTLINE", "UNIT_PRICE"));
            assertEquals(List.of(100L, 100L, 0L, 0L), bench.money("TKTLINE", "DISCOUNT"));
            bench.assertBalanced("TKTLINE");

            assertEquals(List.of(
                    // id = sale * 100 + seq; 14:06 CST is 20:06 UTC.
                    (sale * 100 + 1) + "|" + sale + "|1|" + LegacyId.ofText("PAYTYPE", "CASH") + "|10000|2024-01-15T20:06:00Z|null",
                    // AMEX is no payment method: NULL, the amount stays (rounded half up).
                    (sale * 100 + 2) + "|" + sale + "|2|null|1083|null|4471"),
                    bench.query("SELECT id, sale_id, seq, payment_method_id, amount_cents, paid_at, reference FROM sale_payments ORDER BY id"));
            var payments = bench.account("TKTPAY");
            assertEquals(Map.of("invalid_value", 1L, "orphan_ticket", 1L), payments.rejected);
            assertEquals(List.of("invalid_value 1/100/3", "orphan_ticket 2/100/1"), bench.rejected("TKTPAY"));
            assertEquals("AMOUNT is NULL", bench.rejects("TKTPAY").get(0).get(1));
            assertEquals("payment of $21.65 for ticket 2/100, which does not exist", bench.rejects("TKTPAY").get(1).get(1));
            assertEquals(1, payments.fixCount("PAY_CODE", "orphan_payment_method"));
            assertEquals(List.of(13248L, 11083L, 0L, 2165L), bench.money("TKTPAY", "AMOUNT"));
            bench.assertBalanced("TKTPAY");
        }
    }

    @Test
    void codesMatchAsSqlServerComparesThemCaseAndSpacesAside() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            // basics(): tax code 'STATE ' and pay code 'CASH'. AIM's default collation (CI) says 'state', ' State  ', 'cash',
            // ' CASH ' and 'Cash' are those codes; 'ZZ' is none.
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9),
                            "SUBTOTAL", money("10.0000"), "TAX", money("0.0000"), "TOTAL", money("10.0000"))
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 1, "QTY", 1, "UNIT_PRICE", money("5.0000"),
                            "EXT_PRICE", money("5.0000"), "TAX_CODE", "state")
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 2, "QTY", 1, "UNIT_PRICE", money("5.0000"),
                            "EXT_PRICE", money("5.0000"), "TAX_CODE", " State  ");
            String[] codes = {"cash", " CASH ", "Cash", "ZZ"};
            for (int i = 0; i < codes.length; i++) {
                bench.row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", i + 1, "PAY_CODE", codes[i], "AMOUNT", money("2.5000"));
            }
            bench.run(new Slice04Sales());

            long state = LegacyId.ofText("TAXRATE", "STATE"), cash = LegacyId.ofText("PAYTYPE", "CASH");
            assertEquals(List.of("1|" + state, "2|" + state), bench.query("SELECT line_no, tax_rate_id FROM sale_lines ORDER BY id"));
            assertEquals(0, bench.account("TKTLINE").fixCount("TAX_CODE", "orphan_tax_code"));
            assertEquals(List.of("1|" + cash, "2|" + cash, "3|" + cash, "4|null"),
                    bench.query("SELECT seq, payment_method_id FROM sale_payments ORDER BY id"));
            assertEquals(1, bench.account("TKTPAY").fixCount("PAY_CODE", "orphan_payment_method"));
            bench.assertBalanced("TKTPAY");
        }
    }

    /**
     * PAY_CODE CHAR(4) COLLATE Latin1_General_CS_AS on PAYTYPE and TKTPAY in a case-insensitive AIM: 'CASH' (cash) and
     * 'cash' (store credit) are two payment methods, and each payment goes to its own. With one comparison for the whole
     * database, 'CASH' was rejected as 'cash''s duplicate and every cash payment went to store credit.
     */
    @Test
    void aPayCodeColumnWithACaseSensitiveCollationOfItsOwnKeepsCashAndStoreCreditApart() throws Exception {
        try {
            CodeKey.use("SQL_Latin1_General_CP1_CI_AS", Map.of("PAYTYPE.PAY_CODE", "Latin1_General_CS_AS", "TKTPAY.PAY_CODE", "Latin1_General_CS_AS"));
            try (SliceBench bench = SliceBench.open(dir).row("PAYTYPE", "PAY_CODE", "cash", "DESCRIPTION", "Store credit", "IS_CASH", "N").basics()) {
                assertEquals(List.of("CASH|1", "cash|0"), bench.query("SELECT code, is_cash FROM payment_methods ORDER BY code"));
                assertEquals(List.of(), bench.rejected("PAYTYPE"));
                bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9),
                        "SUBTOTAL", money("10.0000"), "TAX", money("0.0000"), "TOTAL", money("10.0000"));
                String[] codes = {"cash", "CASH", " CASH ", "Cash"};
                for (int i = 0; i < codes.length; i++) {
                    bench.row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", i + 1, "PAY_CODE", codes[i], "AMOUNT", money("2.5000"));
                }
                bench.run(new Slice04Sales());
                long cash = LegacyId.ofText("PAYTYPE", "CASH"), credit = LegacyId.ofText("PAYTYPE", "cash");
                assertNotEquals(cash, credit);
                assertEquals(List.of("1|" + credit, "2|" + cash, "3|" + cash, "4|null"),
                        bench.query("SELECT seq, payment_method_id FROM sale_payments ORDER BY id"), "'Cash' is neither, under a _CS_ collation");
                assertEquals(1, bench.account("TKTPAY").fixCount("PAY_CODE", "orphan_payment_method"));
                bench.assertBalanced("TKTPAY");
            }
        } finally {
            CodeKey.use(null);
        }
    }
}
