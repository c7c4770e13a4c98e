package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import lib.slices.Slice05Rentals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 5 on a few rows, after slices 1 to 3 loaded {@link SliceBench#basics()}. */
class Slice05RentalsTest {
    @TempDir
    Path dir;

    @Test
    void contractsOfGoneCustomersStayAndPaymentsOfMissingContractsAreRejectedWithTheirAmount() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("SCHOOL", "SCHOOL_ID", 7, "NAME", "Lincoln High", "DISTRICT", "District 9", "PHONE", "312-555-0199")
                    .row("RENTCONT", "CONTRACT_NO", 300, "STORE_NO", 1, "CUST_ID", 1, "SCHOOL_ID", 7, "ITEM_ID", 100, "SERIAL_ID", 500,
                            "START_DATE", LocalDateTime.of(2023, 9, 1, 0, 0), "END_DATE", LocalDateTime.of(1899, 12, 30, 0, 0),
                            "MONTHLY_RATE", new BigDecimal("29.9900"), "STATUS", "A")
                    .row("RENTCONT", "CONTRACT_NO", 301, "STORE_NO", 1, "CUST_ID", 55, "SCHOOL_ID", 8, "ITEM_ID", 4242, "SERIAL_ID", 777,
                            "END_DATE", LocalDateTime.of(2150, 1, 1, 0, 0), "MONTHLY_RATE", new BigDecimal("19.5000"), "STATUS", "Q",
                            "NOTES", "  ")
                    .row("RENTCONT", "CONTRACT_NO", 302, "STORE_NO", 4, "CUST_ID", 1, "MONTHLY_RATE", new BigDecimal("10.0000"), "STATUS", "A")
                    .row("RENTCONT", "CONTRACT_NO", 303, "STORE_NO", 1, "CUST_ID", 1, "STATUS", "C")
                    .row("RENTPAY", "CONTRACT_NO", 300, "PAY_SEQ", 1, "PAY_DATE", LocalDateTime.of(2023, 9, 1, 10, 0),
                            "AMOUNT", new BigDecimal("29.9900"), "PAY_CODE", "CASH")
                    .row("RENTPAY", "CONTRACT_NO", 301, "PAY_SEQ", 1, "AMOUNT", new BigDecimal("19.5000"), "LATE_FEE", new BigDecimal("5.0000"),
                            "PAY_CODE", "CHK ")
                    .row("RENTPAY", "CONTRACT_NO", 302, "PAY_SEQ", 1, "AMOUNT", new BigDecimal("10.0000"), "LATE_FEE", new BigDecimal("2.0000"));
            bench.run(new Slice05Rentals());

            assertEquals(List.of("7|SCHOOL:7|Lincoln High|District 9|+13125550199|1"), // NULL ACTIVE: active
                    bench.query("SELECT id, legacy_key, name, district, phone, is_active FROM schools"));
            bench.assertBalanced("SCHOOL");

            assertEquals(List.of(
                    // The 1899-12-30 sentinel end date of an open contract means none.
                    "300|RENTCONT:300|300|1|1|1|7|100|500|2023-09-01|null|2999|active|null",
                    // Customer 55 is gone: the contract stays with AIM's number; school 8, product 4242 and instrument 777
                    // do not exist: NULL; 2150 is a typing slip: NULL; Q is no status: 'unknown'; a blank note is NULL.
                    "301|RENTCONT:301|301|1|null|55|null|null|null|null|null|1950|unknown|null"),
                    bench.query("SELECT id, legacy_key, contract_no, store_id, customer_id, legacy_customer_id, school_id, product_id, "
                            + "instrument_id, start_date, end_date, monthly_rate_cents, status, notes FROM rental_contracts ORDER BY id"));
            var contracts = bench.account("RENTCONT");
            assertEquals(Map.of("orphan_store", 1L, "invalid_value", 1L), contracts.rejected);
            assertEquals(List.of("orphan_store 302", "invalid_value 303"), bench.rejected("RENTCONT"));
            assertEquals("MONTHLY_RATE is NULL", bench.rejects("RENTCONT").get(1).get(1));
            assertEquals(1, contracts.fixCount("CUST_ID", "orphan_customer"));
            assertEquals(1, contracts.fixCount("SCHOOL_ID", "orphan_school"));
            assertEquals(1, contracts.fixCount("ITEM_ID", "orphan_product"));
            assertEquals(1, contracts.fixCount("SERIAL_ID", "orphan_instrument"));
            assertEquals(1, contracts.fixCount("END_DATE", "sentinel_date"));
            assertEquals(1, contracts.fixCount("END_DATE", "typo_date"));
            assertEquals(1, contracts.fixCount("STATUS", "unknown_status"));
            assertEquals(List.of(5949L, 4949L, 0L, 1000L), bench.money("RENTCONT", "MONTHLY_RATE"));
            bench.assertBalanced("RENTCONT");

            assertEquals(List.of(
                    // id = contract * 1000 + seq; 10:00 CDT is 15:00 UTC; no late fee is 0.
                    "300001|300|1|2023-09-01T15:00:00Z|2999|0|" + LegacyId.ofText("PAYTYPE", "CASH"),
                    // Contract 301 stayed, so its payment does; CHK is no payment method: NULL.
                    "301001|301|1|null|1950|500|null"),
                    bench.query("SELECT id, contract_id, seq, paid_at, amount_cents, late_fee_cents, payment_method_id "
                            + "FROM rental_payments ORDER BY id"));
            var payments = bench.account("RENTPAY");
            assertEquals(Map.of("parent_rejected", 1L), payments.rejected, "contract 302 was rejected (no monthly rate)");
            assertEquals(List.of("parent_rejected 302/1"), bench.rejected("RENTPAY"));
            assertEquals("contract 302 was rejected (see rejects/RENTCONT.csv)", bench.rejects("RENTPAY").get(0).get(1));
            assertEquals(1, payments.fixCount("PAY_CODE", "orphan_payment_method"));
            assertEquals(List.of(5949L, 4949L, 0L, 1000L), bench.money("RENTPAY", "AMOUNT"));
            assertEquals(List.of(700L, 500L, 0L, 200L), bench.money("RENTPAY", "LATE_FEE"));
            bench.assertBalanced("RENTPAY");
        }
    }
}
