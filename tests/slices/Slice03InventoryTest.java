package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import lib.slices.Slice01Reference;
import lib.slices.Slice03Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 3 on a few rows, after slice 1 loaded store 1 and category GUITAR. */
class Slice03InventoryTest {
    @TempDir
    Path dir;

    private static SliceBench withReference(Path dir) throws Exception {
        SliceBench bench = SliceBench.open(dir);
        bench.row("STORE", "STORE_NO", 1, "STORE_NAME", "Main", "ACTIVE", "Y")
                .row("CATEGORY", "CAT_CODE", "GUITAR  ", "DESCRIPTION", "Guitars", "TAXABLE", "Y");
        bench.run(new Slice01Reference());
        return bench;
    }

    @Test
    void productsGetUniqueSkusAndExactCostsWhileDeletedAndBlankOnesStayOut() throws Exception {
        try (SliceBench bench = withReference(dir)) {
            bench.row("VENDOR", "VENDOR_ID", 5, "VENDOR_CODE", "FENDER  ", "NAME", "Fender", "EMAIL", "Sales@Fender.com", "ACTIVE", "Y")
                    .row("INVMAST", "ITEM_ID", 100, "SKU", "GTR-10023", "DESCRIPTION", "Strat", "CAT_CODE", "GUITAR  ", "VENDOR_ID", 5,
                            "COST", new BigDecimal("412.3456"), "PRICE", new BigDecimal("899.9950"), "TAXABLE", "Y", "SERIALIZED", true,
                            "ACTIVE", "Y", "DELETED", false, "CREATED", LocalDateTime.of(2023, 11, 5, 1, 30))
                    .row("INVMAST", "ITEM_ID", 101, "SKU", " gtr-10023", "CAT_CODE", "BASS    ", "VENDOR_ID", 6,
                            "PRICE", new BigDecimal("10.0000"), "TAXABLE", "N", "ACTIVE", "N")
                    .row("INVMAST", "ITEM_ID", 102, "SKU", "OLD-1", "DELETED", true, "PRICE", new BigDecimal("5.0000"))
                    .row("INVMAST", "ITEM_ID", 103, "SKU", "  ", "PRICE", new BigDecimal("7.2500"))
                    .row("INVMAST", "ITEM_ID", 104, "SKU", "X-1", "COST", new BigDecimal("1.23456"));
            bench.run(new Slice03Inventory());

            assertEquals(List.of("5|VENDOR:5|FENDER|Fender|sales@fender.com|1"),
                    bench.query("SELECT id, legacy_key, code, name, email, is_active FROM vendors"));
            bench.assertBalanced("VENDOR");

            long guitar = LegacyId.ofText("CATEGORY", "GUITAR");
            assertEquals(List.of(
                    // 412.3456 is kept as ten-thousandths; 899.995 rounds half up to 90000 cents; 01:30 on the night
                    // clocks fall back happens twice and takes the earlier (daylight, UTC-5) offset.
                    "100|INVMAST:100|GTR-10023|GTR-10023|Strat|" + guitar + "|5|4123456|90000|1|1|1|2023-11-05T06:30:00Z",
                    // ' gtr-10023' is the same SKU once trimmed and upper-cased: the later item gets ~ITEM_ID; AIM's text
                    // stays in legacy_sku. Category BASS and vendor 6 do not exist: NULL. NULL SERIALIZED is 0.
                    "101|INVMAST:101|GTR-10023~101| gtr-10023|null|null|null|null|1000|0|0|0|null"),
                    bench.query("SELECT id, legacy_key, sku, legacy_sku, description, category_id, vendor_id, unit_cost_e4, price_cents, "
                            + "is_taxable, is_serialized, is_active, created_at FROM products WHERE id < 104 ORDER BY id"));
            // A cost with more decimals than MONEY's four is rounded to them (sub_e4_cost), and the product loads with it.
            assertEquals(List.of("12346"), bench.query("SELECT unit_cost_e4 FROM products WHERE id = 104"));
            var products = bench.account("INVMAST");
            assertEquals(List.of(5L, 3L), List.of(products.read, products.loaded));
            assertEquals(Map.of("soft_deleted", 1L), products.skipped);
            assertEquals(Map.of("invalid_value", 1L), products.rejected);
            assertEquals(List.of("invalid_value 103"), bench.rejected("INVMAST"));
            assertEquals("SKU is blank", bench.rejects("INVMAST").get(0).get(1));
            assertEquals(1, products.fixCount("COST", "sub_e4_cost"));
            assertEquals(1, products.fixCount("SKU", "duplicate_sku"));
            assertEquals(1, products.fixCount("CAT_CODE", "orphan_category"));
            assertEquals(1, products.fixCount("VENDOR_ID", "orphan_vendor"));
            assertEquals(1, products.fixCount("COST", "sub_cent_cost"));
            assertEquals(1, products.fixCount("PRICE", "sub_cent_money"));
            assertEquals(1, products.fixCount("CREATED", "dst_overlap"));
            // PRICE cents: read 90000 + 1000 + 500 + 725 (+ NULL); loaded 91000, skipped 500 (deleted), rejected 725 (blank SKU).
            assertEquals(List.of(92225L, 91000L, 500L, 725L), bench.money("INVMAST", "PRICE"));
            bench.assertBalanced("INVMAST");
        }
    }

    @Test
    void stockAndInstrumentsOfSkippedProductsAreSkippedAndOfMissingOnesRejected() throws Exception {
        try (SliceBench bench = withReference(dir)) {
            bench.row("INVMAST", "ITEM_ID", 100, "SKU", "GTR-1", "DELETED", false)
                    .row("INVMAST", "ITEM_ID", 102, "SKU", "OLD-1", "DELETED", true)
                    .row("INVSTORE", "ITEM_ID", 100, "STORE_NO", 1, "ON_HAND", 3, "MIN_QTY", 1, "BIN_LOC", "A-12      ")
                    .row("INVSTORE", "ITEM_ID", 100, "STORE_NO", 2, "ON_HAND", 1)
                    .row("INVSTORE", "ITEM_ID", 102, "STORE_NO", 1, "ON_HAND", 9)
                    .row("INVSTORE", "ITEM_ID", 999, "STORE_NO", 1, "ON_HAND", 4)
                    .row("SERIAL", "SERIAL_ID", 500, "ITEM_ID", 100, "SERIAL_NO", "US123", "STORE_NO", 1, "STATUS", "R",
                            "RECEIVED", LocalDateTime.of(2024, 3, 10, 2, 30), "COST", new BigDecimal("400.0000"))
                    .row("SERIAL", "SERIAL_ID", 501, "ITEM_ID", 100, "SERIAL_NO", " US124 ", "STORE_NO", 7, "STATUS", "Z")
                    .row("SERIAL", "SERIAL_ID", 502, "ITEM_ID", 102, "STATUS", "S", "COST", new BigDecimal("50.0000"))
                    .row("SERIAL", "SERIAL_ID", 503, "ITEM_ID", 998, "STATUS", "S", "COST", new BigDecimal("12.3400"));
            bench.run(new Slice03Inventory());

            assertEquals(List.of("100001|INVSTORE:100/1|100|1|3|0|1|A-12"), // id = item * 1000 + store; NULL counts are 0
                    bench.query("SELECT id, legacy_key, product_id, store_id, on_hand, on_order, reorder_point, bin FROM stock_levels"));
            var stock = bench.account("INVSTORE");
            assertEquals(List.of(4L, 1L), List.of(stock.read, stock.loaded));
            assertEquals(Map.of("parent_skipped", 1L), stock.skipped);
            assertEquals(Map.of("orphan_store", 1L, "orphan_product", 1L), stock.rejected);
            assertEquals(List.of("orphan_store 100/2", "orphan_product 999/1"), bench.rejected("INVSTORE"));
            bench.assertBalanced("INVSTORE");

            assertEquals(List.of(
                    // 02:30 on the night clocks spring forward does not exist: it moves on by the gap to 03:30 CDT (UTC-5).
                    "500|SERIAL:500|100|US123|1|rented|2024-03-10T08:30:00Z|40000",
                    // Store 7 does not exist: NULL, kept; status Z is no AIM status: 'unknown'.
                    "501|SERIAL:501|100|US124|null|unknown|null|null"),
                    bench.query("SELECT id, legacy_key, product_id, serial_no, store_id, status, received_at, cost_cents FROM instruments ORDER BY id"));
            var serial = bench.account("SERIAL");
            assertEquals(Map.of("parent_skipped", 1L), serial.skipped);
            assertEquals(Map.of("orphan_product", 1L), serial.rejected);
            assertEquals(List.of("orphan_product 503"), bench.rejected("SERIAL"));
            assertEquals("product 998 does not exist", bench.rejects("SERIAL").get(0).get(1));
            assertEquals(1, serial.fixCount("STORE_NO", "orphan_store"));
            assertEquals(1, serial.fixCount("STATUS", "unknown_status"));
            assertEquals(1, serial.fixCount("RECEIVED", "dst_gap"));
            assertEquals(List.of(46234L, 40000L, 5000L, 1234L), bench.money("SERIAL", "COST"));
            bench.assertBalanced("SERIAL");
        }
    }
}
