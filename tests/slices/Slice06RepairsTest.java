package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.slices.Slice06Repairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 6 on a few rows, after slices 1 to 3 loaded {@link SliceBench#basics()}. */
class Slice06RepairsTest {
    @TempDir
    Path dir;

    @Test
    void ordersAndLinesLoadSpelledOutAndWhatCannotBePlacedIsRejected() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("REPAIR", "RO_NO", 900, "STORE_NO", 1, "CUST_ID", 1, "TECH_ID", 10, "INSTRUMENT", "Trumpet", "SERIAL_NO", " T-55 ",
                            "RECEIVED", LocalDateTime.of(2024, 2, 1, 9, 0), "PROMISED", LocalDateTime.of(1900, 1, 1, 0, 0),
                            "STATUS", "W", "ESTIMATE", new BigDecimal("85.0000"), "PROBLEM", "Sticky valve")
                    .row("REPAIR", "RO_NO", 901, "STORE_NO", 1, "CUST_ID", 66, "TECH_ID", 99,
                            "COMPLETED", LocalDateTime.of(2024, 8, 2, 17, 45, 30))
                    .row("REPAIR", "RO_NO", 902, "STORE_NO", 3, "STATUS", "O", "ESTIMATE", new BigDecimal("40.0000"))
                    .row("REPLINE", "RO_NO", 900, "LINE_NO", 1, "LINE_TYPE", "L", "DESCRIPTION", "Clean",
                            "UNIT_PRICE", new BigDecimal("45.0000"), "AMOUNT", new BigDecimal("45.0000"))
                    .row("REPLINE", "RO_NO", 900, "LINE_NO", 2, "LINE_TYPE", "P", "ITEM_ID", 100, "QTY", 2,
                            "UNIT_PRICE", new BigDecimal("5.0000"), "AMOUNT", new BigDecimal("10.0000"))
                    .row("REPLINE", "RO_NO", 900, "LINE_NO", 3, "LINE_TYPE", "X", "ITEM_ID", 4242, "QTY", 1,
                            "UNIT_PRICE", new BigDecimal("1.0000"), "AMOUNT", new BigDecimal("1.0000"))
                    .row("REPLINE", "RO_NO", 901, "LINE_NO", 1, "LINE_TYPE", "L", "AMOUNT", new BigDecimal("3.0000"))
                    .row("REPLINE", "RO_NO", 902, "LINE_NO", 1, "LINE_TYPE", "L", "UNIT_PRICE", new BigDecimal("40.0000"),
                            "AMOUNT", new BigDecimal("40.0000"));
            bench.run(new Slice06Repairs());

            assertEquals(List.of(
                    // 09:00 CST is 15:00 UTC; the sentinel promise date means none was given.
                    "900|REPAIR:900|900|1|1|10|Trumpet|T-55|2024-02-01T15:00:00Z|null|null|waiting|8500|Sticky valve",
                    // Customer 66 and technician 99 do not exist: NULL; no status: 'unknown'; 17:45:30 CDT is 22:45:30 UTC.
                    "901|REPAIR:901|901|1|null|null|null|null|null|null|2024-08-02T22:45:30Z|unknown|null|null"),
                    bench.query("SELECT id, legacy_key, ro_no, store_id, customer_id, technician_id, instrument, serial_no, received_at, "
                            + "promised_on, completed_at, status, estimate_cents, problem FROM repair_orders ORDER BY id"));
            var orders = bench.account("REPAIR");
            assertEquals(Map.of("orphan_store", 1L), orders.rejected);
            assertEquals(List.of("orphan_store 902"), bench.rejected("REPAIR"));
            assertEquals(1, orders.fixCount("CUST_ID", "orphan_customer"));
            assertEquals(1, orders.fixCount("TECH_ID", "orphan_staff"));
            assertEquals(1, orders.fixCount("PROMISED", "sentinel_date"));
            assertEquals(1, orders.fixCount("STATUS", "unknown_status"));
            assertEquals(List.of(12500L, 8500L, 0L, 4000L), bench.money("REPAIR", "ESTIMATE"));
            bench.assertBalanced("REPAIR");

            assertEquals(List.of(
                    // id = order * 1000 + line; no QTY is 1.
                    "900001|900|1|labor|null|Clean|1|4500|4500",
                    "900002|900|2|part|100|null|2|500|1000",
                    // X is no line type: 'other'; product 4242 does not exist: NULL, the amounts stay.
                    "900003|900|3|other|null|null|1|100|100"),
                    bench.query("SELECT id, repair_order_id, line_no, kind, product_id, description, quantity, unit_price_cents, "
                            + "amount_cents FROM repair_lines ORDER BY id"));
            var lines = bench.account("REPLINE");
            assertEquals(Map.of("invalid_value", 1L, "parent_rejected", 1L), lines.rejected);
            assertEquals(List.of("invalid_value 901/1", "parent_rejected 902/1"), bench.rejected("REPLINE"));
            assertEquals("UNIT_PRICE is NULL", bench.rejects("REPLINE").get(0).get(1));
            assertEquals("repair order 902 was rejected (see rejects/REPAIR.csv)", bench.rejects("REPLINE").get(1).get(1));
            assertEquals(1, lines.fixCount("LINE_TYPE", "unknown_status"));
            assertEquals(1, lines.fixCount("ITEM_ID", "orphan_product"));
            assertEquals(List.of(9900L, 5600L, 0L, 4300L), bench.money("REPLINE", "AMOUNT"));
            assertEquals(List.of(9100L, 5100L, 0L, 4000L), bench.money("REPLINE", "UNIT_PRICE"));
            bench.assertBalanced("REPLINE");
        }
    }
}
