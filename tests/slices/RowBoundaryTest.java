package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import lib.slices.Slice01Reference;
import lib.slices.Slice02Customers;
import lib.slices.Slice03Inventory;
import lib.slices.Slice04Sales;
import lib.slices.Slice07Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/**
 * The row-level fault boundary: whatever one row does to the target (a CHECK, NOT NULL,
 * UNIQUE or PRIMARY KEY constraint, a row over D1's 2 MB), that row is rejected with its
 * AIM key, the column and the constraint named, its money moves from loaded to rejected,
 * and every other row loads.
 */
class RowBoundaryTest {
    @TempDir
    Path dir;

    static final LocalDateTime DAY = LocalDateTime.of(2024, 1, 15, 14, 0);

    static BigDecimal money(String v) {
        return new BigDecimal(v);
    }

    @Test
    void checkAndNotNullRefusalsRejectThoseRowsAndTheRestOfTheBatchLoads() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("TAXRATE", "TAX_CODE", "A", "RATE", money("5.0000"))
                    .row("TAXRATE", "TAX_CODE", "B", "RATE", money("150.0000"))
                    .row("TAXRATE", "TAX_CODE", "C", "RATE", money("6.0000"))
                    .row("TAXRATE", "TAX_CODE", "D", "RATE", money("-1.0000"))
                    .row("TAXRATE", "TAX_CODE", "   ", "RATE", money("2.0000"))
                    .row("TAXRATE", "TAX_CODE", "E", "RATE", money("7.0000"));
            bench.run(new Slice01Reference());

            assertEquals(List.of("A|50000", "C|60000", "E|70000"), bench.query("SELECT code, rate_ppm FROM tax_rates ORDER BY code"));
            // The blank code is refused by slice 1's own rule as it is read (so it is listed first); the
            // two rates by the schema's CHECK when their batch is written.
            assertEquals(List.of("blank_code ", "constraint B", "constraint D"), bench.rejected("TAXRATE"));
            List<List<String>> rows = bench.rejects("TAXRATE");
            // 150 % is 1,500,000 parts per million; -1 % is -10,000: both outside the CHECK.
            assertEquals("CHECK constraint failed: rate_ppm BETWEEN 0 AND 1000000 (rate_ppm = 1500000)", rows.get(1).get(1));
            assertEquals("CHECK constraint failed: rate_ppm BETWEEN 0 AND 1000000 (rate_ppm = -10000)", rows.get(2).get(1));
            var taxes = bench.account("TAXRATE");
            assertEquals(List.of(6L, 3L), List.of(taxes.read, taxes.loaded));
            assertEquals(Map.of("constraint", 2L, "blank_code", 1L), taxes.rejected);
            bench.assertBalanced("TAXRATE");
        }
    }

    @Test
    void aSecondRowForAnIdIsAnIdCollisionNamingWhoHoldsItEvenInALaterBatch() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            for (int no = 1; no <= 1200; no++) bench.row("STORE", "STORE_NO", no, "STORE_NAME", "S" + no, "ACTIVE", "Y");
            bench.row("STORE", "STORE_NO", 1100, "STORE_NAME", "again", "ACTIVE", "Y");
            bench.row("STORE", "STORE_NO", 1201, "STORE_NAME", "after", "ACTIVE", "Y");
            bench.run(new Slice01Reference());

            assertEquals(List.of("1201"), bench.query("SELECT COUNT(*) FROM stores"));
            assertEquals(List.of("S1100"), bench.query("SELECT name FROM stores WHERE id = 1100"));
            assertEquals(List.of("after"), bench.query("SELECT name FROM stores WHERE id = 1201"));
            assertEquals(List.of("id_collision 1100"), bench.rejected("STORE"));
            // Its own AIM key: AIM holds store 1100 twice (its table has no primary key), which the reason says.
            assertEquals("UNIQUE constraint failed: stores.id (id = 1100); held by STORE:1100, another AIM row of this key (AIM holds it more than"
                    + " once, its table without a primary key: of such rows the first in the order of their values is loaded)", bench.rejects("STORE").get(0).get(1));
            bench.assertBalanced("STORE");
        }
    }

    /**
     * A ticket whose note alone is over D1's 2 MB a row keeps its sale, with the note's first 1,500,000 bytes (note_cut,
     * fixes/ holds it whole): revenue is never left out for the length of a note. A ticket the target refuses (its key
     * an earlier row's) takes its money to rejected.
     */
    @Test
    void aTicketWithANoteOverD1sTwoMegabytesKeepsItsSaleAndARefusedTicketTakesItsMoneyToRejected() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            String huge = "é".repeat(1_000_001); // 2,000,002 bytes of UTF-8 in NOTES alone
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", DAY, "SUBTOTAL", money("10.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("10.0000"))
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 101, "TICKET_DATE", DAY, "SUBTOTAL", money("20.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("20.0000"), "NOTES", huge)
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", DAY, "SUBTOTAL", money("40.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("40.0000"))
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 102, "TICKET_DATE", DAY, "SUBTOTAL", money("80.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("80.0000"));
            bench.run(new Slice04Sales());

            assertEquals(List.of("1/100|", "1/101|1500000", "1/102|"),
                    bench.query("SELECT store_id || '/' || ticket_no || '|' || COALESCE(length(CAST(notes AS BLOB)), '') FROM sales ORDER BY id"));
            assertEquals(List.of("id_collision 1/100"), bench.rejected("TICKET"));
            assertEquals(List.of("1/101 NOTES note_cut"), bench.fixes("TICKET").stream().filter(f -> f.contains(" NOTES "))
                    .map(f -> f.substring(0, f.indexOf(':'))).toList());
            assertEquals(List.of(15000L, 11000L, 0L, 4000L), bench.money("TICKET", "TOTAL"), "read, loaded, skipped, rejected cents");
            bench.assertBalanced("TICKET");
        }
    }

    /**
     * An amount past what a long of cents holds (an AIM whose column is a wide DECIMAL, not MONEY) rejects its row,
     * naming the rule, and is counted exactly; it stopped the run with an ArithmeticException.
     */
    @Test
    void anAmountPastALongOfCentsRejectsItsRowAndIsCountedExactly() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", DAY, "SUBTOTAL", money("1.0000"), "TAX", money("0.0000"),
                            "TOTAL", new BigDecimal("123456789012345678901234.5678"))
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 101, "TICKET_DATE", DAY, "SUBTOTAL", money("2.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("2.0000"));
            bench.run(new Slice04Sales());
            assertEquals(List.of("1/101"), bench.query("SELECT store_id || '/' || ticket_no FROM sales"));
            assertEquals(List.of("amount_out_of_range 1/100"), bench.rejected("TICKET"));
            assertTrue(bench.rejects("TICKET").get(0).get(1).startsWith("amount 123456789012345678901234.5678 is beyond what Helm holds"),
                    bench.rejects("TICKET").get(0).get(1));
            assertEquals(new java.math.BigInteger("12345678901234567890123457"), bench.account("TICKET").money.get("TOTAL").rejected.value());
            bench.assertBalanced("TICKET");
        }
    }

    /** A row over D1's 2 MB that is not a note's doing (a name pasted into, 2 MB long) is rejected naming the limit. */
    @Test
    void aRowOverD1sTwoMegabytesIsRejectedNamingTheLimit() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A1", "LAST_NAME", "é".repeat(1_000_001), "DELETED", "N")
                    .row("CUST", "CUST_ID", 2, "ACCT_NO", "A2", "LAST_NAME", "Kim", "DELETED", "N");
            bench.run(new Slice02Customers());
            assertEquals(List.of("A2"), bench.query("SELECT account_no FROM customers"));
            assertEquals(List.of("d1_row_limit 1"), bench.rejected("CUST"));
            String reason = bench.rejects("CUST").get(0).get(1);
            assertTrue(reason.startsWith("row of ") && reason.contains("over D1's limit of 2000000 bytes") && reason.endsWith("(last_name: 2000002 bytes)"),
                    reason);
            bench.assertBalanced("CUST");
        }
    }

    @Test
    void aRealSkuOrAccountEqualToASuffixedDuplicateStillLoads() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("CUST", "CUST_ID", 1, "ACCT_NO", "A100", "DELETED", "N")
                    .row("CUST", "CUST_ID", 2, "ACCT_NO", "A100-3", "DELETED", "N")
                    .row("CUST", "CUST_ID", 3, "ACCT_NO", "A100", "DELETED", "N")
                    .row("CUST", "CUST_ID", 4, "ACCT_NO", "A100-3~2", "DELETED", "N");
            bench.run(new Slice02Customers());
            bench.row("INVMAST", "ITEM_ID", 1, "SKU", "GTR-001", "PRICE", money("1.00"), "DELETED", false)
                    .row("INVMAST", "ITEM_ID", 2, "SKU", "GTR-001", "PRICE", money("2.00"), "DELETED", false)
                    .row("INVMAST", "ITEM_ID", 3, "SKU", "gtr-001~2", "PRICE", money("4.00"), "DELETED", false);
            bench.run(new Slice03Inventory());

            // Customer 3's suffix A100-3 is taken by customer 2's real number, so it becomes A100-3~2; customer 4's real
            // A100-3~2 is then a duplicate itself and gets its own suffix.
            assertEquals(List.of("1|A100", "2|A100-3", "3|A100-3~2", "4|A100-3~2-4"), bench.query("SELECT id, account_no FROM customers ORDER BY id"));
            assertEquals(List.of("1|GTR-001", "2|GTR-001~2", "3|GTR-001~2~3"), bench.query("SELECT id, sku FROM products ORDER BY id"));
            assertEquals(List.of(), bench.rejected("INVMAST"));
            bench.assertBalanced("CUST");
            bench.assertBalanced("INVMAST");
        }
    }

    @Test
    void keysOutsideThePackedRangeLoadWithHashedIdsThatOtherSlicesFindAgain() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("STORE", "STORE_NO", 9999, "STORE_NAME", "Big", "ACTIVE", "Y")
                    .row("STORE", "STORE_NO", 9008, "STORE_NAME", "Edge", "ACTIVE", "Y")
                    .row("STORE", "STORE_NO", -1, "STORE_NAME", "Minus", "ACTIVE", "Y")
                    .row("EMPLOYEE", "EMP_ID", -7, "STORE_NO", -1, "ACTIVE", true, "IS_MGR", "N");
            bench.run(new Slice01Reference());
            bench.row("CUST", "CUST_ID", -5, "ACCT_NO", "NEG", "DELETED", "N")
                    .row("CUSTCONT", "CUST_ID", -5, "SEQ", 1, "CONTACT_NAME", "Kim");
            bench.run(new Slice02Customers());
            bench.row("INVMAST", "ITEM_ID", 100, "SKU", "GTR-1", "PRICE", money("100.00"), "DELETED", false)
                    .row("INVSTORE", "ITEM_ID", 100, "STORE_NO", 9999, "ON_HAND", 3);
            bench.run(new Slice03Inventory());
            bench.row("TICKET", "STORE_NO", 9008, "TICKET_NO", 1, "TICKET_DATE", DAY, "SUBTOTAL", money("5.0000"), "TAX", money("0.0000"),
                            "TOTAL", money("5.0000"))
                    .row("TICKET", "STORE_NO", 9999, "TICKET_NO", 1_000_000_000, "TICKET_DATE", DAY, "SUBTOTAL", money("7.0000"),
                            "TAX", money("0.0000"), "TOTAL", money("7.0000"))
                    .row("TKTLINE", "STORE_NO", 9008, "TICKET_NO", 1, "LINE_NO", 1, "QTY", 1, "UNIT_PRICE", money("5.0000"), "EXT_PRICE", money("5.0000"));
            bench.run(new Slice04Sales());
            bench.row("ARACCT", "AR_ID", -3, "CUST_ID", -5, "BALANCE", money("0.0000"))
                    .row("ARTRANS", "AR_ID", -3, "TRANS_SEQ", 1, "STORE_NO", 9999, "TICKET_NO", 1_000_000_000, "AMOUNT", money("7.0000"))
                    .row("ARTRANS", "AR_ID", -3, "TRANS_SEQ", 2, "STORE_NO", 1, "TICKET_NO", 2_000_000_000, "AMOUNT", money("3.0000"));
            bench.run(new Slice07Accounts());

            long minusStore = LegacyId.of(-1);
            assertTrue(minusStore >= 1L << 52 && minusStore < 1L << 53);
            assertEquals(List.of(LegacyId.of(-7) + "|" + minusStore), bench.query("SELECT id, store_id FROM staff"), "staff -7 at store -1");
            assertEquals(List.of(LegacyId.child(-5, 1, 100) + "|" + LegacyId.of(-5)), bench.query("SELECT id, customer_id FROM customer_contacts"));
            assertEquals(List.of(LegacyId.child(100, 9999, 1000) + "|100|9999|3"), bench.query("SELECT id, product_id, store_id, on_hand FROM stock_levels"));
            long sale9008 = 9008L * 1_000_000_000L + 1, saleBig = LegacyId.child(9999, 1_000_000_000, 1_000_000_000L);
            assertEquals(List.of(sale9008 + "|9008", saleBig + "|9999"), bench.query("SELECT id, store_id FROM sales ORDER BY id"));
            assertEquals(List.of(LegacyId.child(sale9008, 1, 1000) + "|" + sale9008), bench.query("SELECT id, sale_id FROM sale_lines"));
            assertEquals(List.of(LegacyId.child(-3, 1, 100_000) + "|" + LegacyId.of(-3) + "|" + saleBig + "|700",
                            LegacyId.child(-3, 2, 100_000) + "|" + LegacyId.of(-3) + "|null|300"),
                    bench.query("SELECT id, account_id, sale_id, amount_cents FROM house_account_entries ORDER BY seq"));
            for (String t : List.of("STORE", "EMPLOYEE", "CUST", "CUSTCONT", "INVSTORE", "TICKET", "TKTLINE", "ARACCT", "ARTRANS")) {
                assertEquals(List.of(), bench.rejected(t), t);
                bench.assertBalanced(t);
            }
            assertEquals(1, bench.account("ARTRANS").fixCount("TICKET_NO", "orphan_ticket"), "ticket 1/2000000000 does not exist");
            assertEquals(List.of("0"), bench.query("SELECT COUNT(*) FROM pragma_foreign_key_check"));
        }
    }

    @Test
    void anEmailWithANulCharacterNeverStopsTheRun() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("VENDOR", "VENDOR_ID", 1, "NAME", "Before", "EMAIL", "a@b.com", "ACTIVE", "Y")
                    .row("VENDOR", "VENDOR_ID", 2, "NAME", "Nul", "EMAIL", "x\u0000y@b.com", "ACTIVE", "Y")
                    .row("VENDOR", "VENDOR_ID", 3, "NAME", "After", "EMAIL", "c@d.com", "ACTIVE", "Y");
            bench.run(new Slice03Inventory());

            // Whether a rule keeps the value aside or SQLite's CHECK on email refuses it, the row has one fate, the others load.
            assertEquals(List.of("1|a@b.com", "3|c@d.com"), bench.query("SELECT id, email FROM vendors WHERE id <> 2 ORDER BY id"));
            List<String> rejected = bench.rejected("VENDOR");
            List<String> loaded = bench.query("SELECT id FROM vendors WHERE id = 2");
            assertTrue(rejected.equals(List.of("constraint 2")) && loaded.isEmpty() || rejected.isEmpty() && loaded.equals(List.of("2")),
                    rejected + " / " + loaded);
            if (!rejected.isEmpty()) assertTrue(bench.rejects("VENDOR").get(0).get(1).startsWith("CHECK constraint failed: email LIKE"));
            bench.assertBalanced("VENDOR");
        }
    }
}
