package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import lib.slices.Slice04Sales;
import lib.slices.Slice07Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/** Slice 7 on a few rows, after {@link SliceBench#basics()} and slice 4 with ticket 1/100. */
class Slice07AccountsTest {
    @TempDir
    Path dir;

    static BigDecimal money(String v) {
        return new BigDecimal(v);
    }

    private static SliceBench withSale(Path dir) throws Exception {
        SliceBench bench = SliceBench.open(dir).basics();
        bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9),
                "SUBTOTAL", money("100.0000"), "TAX", money("8.2500"), "TOTAL", money("108.2500"));
        bench.run(new Slice04Sales());
        return bench;
    }

    @Test
    void houseAccountsAndGiftCardsLoadAndEntriesPointAtTheSaleTheyCameFrom() throws Exception {
        try (SliceBench bench = withSale(dir)) {
            bench.row("ARACCT", "AR_ID", 40, "CUST_ID", 1, "CREDIT_LIMIT", money("500.0000"), "BALANCE", money("120.5000"),
                            "OPENED", LocalDateTime.of(2020, 5, 1, 8, 0), "STATUS", "O")
                    .row("ARACCT", "AR_ID", 41, "CUST_ID", 88, "STATUS", "Z")
                    .row("ARTRANS", "AR_ID", 40, "TRANS_SEQ", 1, "TRANS_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9), "TRANS_TYPE", "C",
                            "AMOUNT", money("108.2500"), "STORE_NO", 1, "TICKET_NO", 100, "MEMO", "ticket 100")
                    .row("ARTRANS", "AR_ID", 40, "TRANS_SEQ", 2, "TRANS_TYPE", "P", "AMOUNT", money("-50.0000"), "STORE_NO", 1, "TICKET_NO", 555)
                    .row("ARTRANS", "AR_ID", 40, "TRANS_SEQ", 3, "TRANS_TYPE", "?", "AMOUNT", money("1.0000"), "STORE_NO", 9)
                    .row("ARTRANS", "AR_ID", 41, "TRANS_SEQ", 1, "TRANS_TYPE", "C")
                    .row("ARTRANS", "AR_ID", 42, "TRANS_SEQ", 1, "TRANS_TYPE", "C", "AMOUNT", money("7.0000"))
                    .row("GIFTCARD", "CARD_NO", "  ", "INITIAL_AMT", money("25.0000"), "BALANCE", money("25.0000"))
                    .row("GIFTCARD", "CARD_NO", "GC-0001", "STORE_NO", 1, "ISSUED", LocalDateTime.of(2023, 12, 20, 10, 0),
                            "INITIAL_AMT", money("50.0000"), "BALANCE", money("12.3400"), "CUST_ID", 1, "ACTIVE", true)
                    .row("GIFTCARD", "CARD_NO", "GC-0002", "STORE_NO", 6, "INITIAL_AMT", money("10.0000"));
            bench.run(new Slice07Accounts());

            assertEquals(List.of(
                    "40|ARACCT:40|1|50000|12050|2020-05-01T13:00:00Z|open",
                    // Customer 88 does not exist: NULL; no credit limit or balance is 0.
                    "41|ARACCT:41|null|0|0|null|settled"),
                    bench.query("SELECT id, legacy_key, customer_id, credit_limit_cents, balance_cents, opened_at, status FROM house_accounts ORDER BY id"));
            assertEquals(1, bench.account("ARACCT").fixCount("CUST_ID", "orphan_customer"));
            assertEquals(List.of(50000L, 50000L, 0L, 0L), bench.money("ARACCT", "CREDIT_LIMIT"));
            bench.assertBalanced("ARACCT");

            long sale = 1_000_000_100L; // store 1 * 10^9 + ticket 100
            assertEquals(List.of(
                    // id = account * 100000 + seq
                    "4000001|40|1|2024-01-15T20:05:09Z|charge|10825|1|" + sale + "|ticket 100",
                    // Ticket 1/555 does not exist: no sale, counted; the entry stays.
                    "4000002|40|2|null|payment|-5000|1|null|null",
                    // '?' is no entry kind: 'other'; store 9 does not exist: NULL.
                    "4000003|40|3|null|other|100|null|null|null"),
                    bench.query("SELECT id, account_id, seq, posted_at, kind, amount_cents, store_id, sale_id, memo FROM house_account_entries ORDER BY id"));
            var entries = bench.account("ARTRANS");
            assertEquals(Map.of("invalid_value", 1L, "orphan_account", 1L), entries.rejected);
            assertEquals(List.of("invalid_value 41/1", "orphan_account 42/1"), bench.rejected("ARTRANS"));
            assertEquals("AMOUNT is NULL", bench.rejects("ARTRANS").get(0).get(1));
            assertEquals("house account 42 does not exist", bench.rejects("ARTRANS").get(1).get(1));
            assertEquals(1, entries.fixCount("TICKET_NO", "orphan_ticket"));
            assertEquals(1, entries.fixCount("STORE_NO", "orphan_store"));
            assertEquals(1, entries.fixCount("TRANS_TYPE", "unknown_status"));
            assertEquals(List.of(6625L, 5925L, 0L, 700L), bench.money("ARTRANS", "AMOUNT"));
            bench.assertBalanced("ARTRANS");

            assertEquals(List.of(
                    // A gift card's id hashes its number; 10:00 CST is 16:00 UTC.
                    LegacyId.ofText("GIFTCARD", "GC-0001") + "|GIFTCARD:GC-0001|GC-0001|1|2023-12-20T16:00:00Z|5000|1234|1|1"),
                    bench.query("SELECT id, legacy_key, card_no, store_id, issued_at, initial_cents, balance_cents, customer_id, is_active FROM gift_cards"));
            var cards = bench.account("GIFTCARD");
            assertEquals(Map.of("invalid_value", 2L), cards.rejected);
            assertEquals(List.of("invalid_value ", "invalid_value GC-0002"), bench.rejected("GIFTCARD"));
            assertEquals("CARD_NO is blank", bench.rejects("GIFTCARD").get(0).get(1));
            assertEquals("BALANCE is NULL", bench.rejects("GIFTCARD").get(1).get(1));
            assertEquals(List.of(8500L, 5000L, 0L, 3500L), bench.money("GIFTCARD", "INITIAL_AMT"));
            assertEquals(List.of(3734L, 1234L, 0L, 2500L), bench.money("GIFTCARD", "BALANCE"));
            bench.assertBalanced("GIFTCARD");
        }
    }

    /**
     * ' GC2' and 'GC2' are two keys to SQL Server (its = ignores trailing spaces, not leading ones) but one card number
     * once trimmed: 'GC2', the number as SQL Server matches it, keeps it though ' GC2' sorts first; the other is rejected
     * as a duplicate code naming its own AIM key, not as an id collision "held by" a card of the same name; and a row
     * rejected for something else holds no number.
     */
    @Test
    void aCardNumberThatIsAnotherOneOnceTrimmedIsRejectedNamingItsOwnKey() throws Exception {
        try (SliceBench bench = withSale(dir)) {
            bench.row("GIFTCARD", "CARD_NO", " GC2", "STORE_NO", 1, "INITIAL_AMT", money("50.0000"), "BALANCE", money("40.0000"))
                    .row("GIFTCARD", "CARD_NO", "GC2", "STORE_NO", 1, "INITIAL_AMT", money("100.0000"), "BALANCE", money("80.0000"))
                    .row("GIFTCARD", "CARD_NO", " GC3", "STORE_NO", 1, "INITIAL_AMT", money("5.0000"))
                    .row("GIFTCARD", "CARD_NO", "GC3", "STORE_NO", 1, "INITIAL_AMT", money("7.0000"), "BALANCE", money("7.0000"))
                    .row("GIFTCARD", "CARD_NO", "GC4\t", "STORE_NO", 1, "INITIAL_AMT", money("1.0000"), "BALANCE", money("1.0000"));
            bench.run(new Slice07Accounts());

            assertEquals(List.of("GIFTCARD:GC2|GC2|8000", "GIFTCARD:GC3|GC3|700"),
                    bench.query("SELECT legacy_key, card_no, balance_cents FROM gift_cards WHERE card_no <> 'GC4' ORDER BY legacy_key"));
            assertEquals(List.of("duplicate_code  GC2", "invalid_value  GC3"), bench.rejected("GIFTCARD").stream().sorted().toList());
            assertEquals(List.of("GIFTCARD:GC4\t|GC4"), bench.query("SELECT legacy_key, card_no FROM gift_cards WHERE card_no = 'GC4'"),
                    "a trailing tab is part of SQL Server's key (its = ignores trailing spaces only); the number loses it (stray_spaces)");
            assertTrue(bench.rejects("GIFTCARD").stream().anyMatch(r -> r.get(1).equals(
                    "CARD_NO ' GC2' is the same code as 'GC2' once trimmed and compared without case (AIM's collation);"
                            + " 'GC2' keeps it, written as SQL Server's = matches it")), bench.rejects("GIFTCARD").toString());
            bench.assertBalanced("GIFTCARD");
        }
    }

    @Test
    void layawaysPaymentsAndSpecialOrdersRejectWhatCannotBePlaced() throws Exception {
        try (SliceBench bench = withSale(dir)) {
            bench.row("LAYAWAY", "LAYAWAY_NO", 60, "STORE_NO", 1, "CUST_ID", 1, "ITEM_ID", 100, "CREATED", LocalDateTime.of(2024, 2, 1, 12, 0),
                            "EXPIRES", LocalDateTime.of(2024, 5, 1, 0, 0), "TOTAL", money("300.0000"), "STATUS", "O")
                    .row("LAYAWAY", "LAYAWAY_NO", 61, "STORE_NO", 2, "TOTAL", money("99.0000"), "STATUS", "O")
                    .row("LAYPAY", "LAYAWAY_NO", 60, "PAY_SEQ", 1, "PAY_DATE", LocalDateTime.of(2024, 2, 1, 12, 0), "AMOUNT", money("100.0000"),
                            "PAY_CODE", "CASH")
                    .row("LAYPAY", "LAYAWAY_NO", 61, "PAY_SEQ", 1, "AMOUNT", money("33.0000"), "PAY_CODE", "CASH")
                    .row("SPECORD", "SO_NO", 70, "STORE_NO", 1, "CUST_ID", 1, "VENDOR_ID", 5, "DESCRIPTION", "Left-handed bass",
                            "ORDERED", LocalDateTime.of(2024, 3, 1, 10, 0), "DUE", LocalDateTime.of(2024, 4, 1, 0, 0),
                            "PRICE", money("1200.0000"), "STATUS", "R")
                    .row("SPECORD", "SO_NO", 71, "STORE_NO", 1, "VENDOR_ID", 6, "DEPOSIT", money("100.0000"), "STATUS", "O")
                    .row("SPECORD", "SO_NO", 72, "STORE_NO", 5, "PRICE", money("10.0000"), "STATUS", "X");
            bench.run(new Slice07Accounts());

            assertEquals(List.of("60|LAYAWAY:60|60|1|1|100|2024-02-01T18:00:00Z|2024-05-01|30000|open"),
                    bench.query("SELECT id, legacy_key, layaway_no, store_id, customer_id, product_id, created_at, expires_on, total_cents, status FROM layaways"));
            assertEquals(List.of("orphan_store 61"), bench.rejected("LAYAWAY"));
            assertEquals(List.of(39900L, 30000L, 0L, 9900L), bench.money("LAYAWAY", "TOTAL"));
            bench.assertBalanced("LAYAWAY");

            assertEquals(List.of("60001|60|1|2024-02-01T18:00:00Z|10000|" + LegacyId.ofText("PAYTYPE", "CASH")), // layaway * 1000 + seq
                    bench.query("SELECT id, layaway_id, seq, paid_at, amount_cents, payment_method_id FROM layaway_payments"));
            assertEquals(Map.of("parent_rejected", 1L), bench.account("LAYPAY").rejected, "layaway 61 was rejected (no such store)");
            assertEquals("layaway 61 was rejected (see rejects/LAYAWAY.csv)", bench.rejects("LAYPAY").get(0).get(1));
            assertEquals(List.of(13300L, 10000L, 0L, 3300L), bench.money("LAYPAY", "AMOUNT"));
            bench.assertBalanced("LAYPAY");

            assertEquals(List.of("70|SPECORD:70|70|1|1|5|Left-handed bass|2024-03-01T16:00:00Z|2024-04-01|0|120000|received|null"),
                    bench.query("SELECT id, legacy_key, order_no, store_id, customer_id, vendor_id, description, ordered_at, due_on, "
                            + "deposit_cents, price_cents, status, notes FROM special_orders"));
            var orders = bench.account("SPECORD");
            assertEquals(Map.of("invalid_value", 1L, "orphan_store", 1L), orders.rejected);
            assertEquals(List.of("invalid_value 71", "orphan_store 72"), bench.rejected("SPECORD"));
            assertEquals("PRICE is NULL", bench.rejects("SPECORD").get(0).get(1));
            // Order 71's vendor 6 is gone, but the order is rejected (no price): rejected with its reason, not also fixed.
            assertEquals(0, orders.fixCount("VENDOR_ID", "orphan_vendor"));
            assertEquals(List.of(10000L, 0L, 0L, 10000L), bench.money("SPECORD", "DEPOSIT"), "the rejected order's deposit is counted, not lost");
            assertEquals(List.of(121000L, 120000L, 0L, 1000L), bench.money("SPECORD", "PRICE"));
            bench.assertBalanced("SPECORD");
        }
    }
}
