package lib.slices;

import static lib.slices.References.method;
import static lib.slices.References.ref;
import static lib.slices.References.saleId;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.rules.Flag;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.MoneyToCents;
import lib.rules.NullAsZero;
import lib.rules.RuleException;
import lib.rules.StatusCode;
import lib.rules.Text;
import lib.source.SourceTable;

/** Slice 7: house accounts and their entries, gift cards, layaways with payments, special orders. */
public final class Slice07Accounts extends BaseSlice {
    public record HouseAccount(long id, String legacyKey, Long customerId, long creditLimitCents, long balanceCents,
                               String openedAt, String status) {}

    public record HouseAccountEntry(long id, String legacyKey, long accountId, long seq, String postedAt, String kind,
                                    long amountCents, Long storeId, Long saleId, String memo) {}

    public record GiftCard(long id, String legacyKey, String cardNo, Long storeId, String issuedAt, long initialCents,
                           long balanceCents, Long customerId, int isActive) {}

    public record Layaway(long id, String legacyKey, long layawayNo, long storeId, Long customerId, Long productId,
                          String createdAt, String expiresOn, long totalCents, String status) {}

    public record LayawayPayment(long id, String legacyKey, long layawayId, long seq, String paidAt, long amountCents,
                                 Long paymentMethodId) {}

    public record SpecialOrder(long id, String legacyKey, long orderNo, long storeId, Long customerId, Long vendorId,
                               String description, String orderedAt, String dueOn, long depositCents, long priceCents,
                               String status, String notes) {}

    static final SourceTable ARACCT = SourceTable.of("ARACCT", "house_accounts", "AR_ID").columns("CUST_ID", "OPENED", "STATUS")
            .money("CREDIT_LIMIT", "credit_limit_cents").money("BALANCE", "balance_cents");
    static final SourceTable ARTRANS = SourceTable.of("ARTRANS", "house_account_entries", "AR_ID", "TRANS_SEQ")
            .columns("TRANS_DATE", "TRANS_TYPE", "STORE_NO", "TICKET_NO", "MEMO").money("AMOUNT", "amount_cents");
    static final SourceTable GIFTCARD = SourceTable.of("GIFTCARD", "gift_cards", "CARD_NO")
            .columns("STORE_NO", "ISSUED", "CUST_ID", "ACTIVE").money("INITIAL_AMT", "initial_cents").money("BALANCE", "balance_cents");
    static final SourceTable LAYAWAY = SourceTable.of("LAYAWAY", "layaways", "LAYAWAY_NO")
            .columns("STORE_NO", "CUST_ID", "ITEM_ID", "CREATED", "EXPIRES", "STATUS").money("TOTAL", "total_cents");
    static final SourceTable LAYPAY = SourceTable.of("LAYPAY", "layaway_payments", "LAYAWAY_NO", "PAY_SEQ")
            .columns("PAY_DATE", "PAY_CODE").money("AMOUNT", "amount_cents");
    static final SourceTable SPECORD = SourceTable.of("SPECORD", "special_orders", "SO_NO")
            .columns("STORE_NO", "CUST_ID", "VENDOR_ID", "DESCRIPTION", "ORDERED", "DUE", "STATUS", "NOTES")
            .money("DEPOSIT", "deposit_cents").money("PRICE", "price_cents");

    static final Map<String, String> ACCOUNT_STATUS = Map.of("O", "open", "Z", "settled");
    static final Map<String, String> ENTRY_KIND = Map.of("C", "charge", "P", "payment");
    static final Map<String, String> LAYAWAY_STATUS = Map.of("O", "open", "C", "completed", "X", "cancelled");
    static final Map<String, String> ORDER_STATUS = Map.of("O", "open", "R", "received", "C", "completed", "X", "cancelled");

    public Slice07Accounts() {
        super(7, "accounts", List.of(1, 2, 3, 4), List.of(ARACCT, ARTRANS, GIFTCARD, LAYAWAY, LAYPAY, SPECORD));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        IdSet stores = ctx.ids("stores"), customers = ctx.ids("customers");
        ctx.load(ARACCT, HouseAccount.class, (r, in) -> {
            return new HouseAccount(LegacyId.of(r.integerRequired("AR_ID")), "ARACCT:" + r.key(),
                    ref(customers, r.reference("CUST_ID", in.tally("CUST_ID")), "orphan_customer", in.tally("CUST_ID")),
                    NullAsZero.of(MoneyToCents.cents(r.decimal("CREDIT_LIMIT"), in.tally("CREDIT_LIMIT")), in.tally("CREDIT_LIMIT")),
                    NullAsZero.of(MoneyToCents.cents(r.decimal("BALANCE"), in.tally("BALANCE")), in.tally("BALANCE")),
                    LegacyDate.instant(r.time("OPENED"), ctx.shopZone(), in.tally("OPENED")),
                    StatusCode.spell(r.str("STATUS"), ACCOUNT_STATUS, in.codes("STATUS"), in.tally("STATUS")));
        });
        IdSet accounts = ctx.ids("house_accounts"), sales = ctx.ids("sales");
        ctx.load(ARTRANS, HouseAccountEntry.class, (r, in) -> {
            long account = r.integerRequired("AR_ID");
            if (!accounts.contains(LegacyId.of(account))) throw ctx.orphan("orphan_account", "house account", ARACCT, account);
            Long store = r.reference("STORE_NO", in.tally("STORE_NO")), ticket = r.reference("TICKET_NO", in.tally("TICKET_NO"));
            Long sale = null;
            if (store != null && ticket != null) {
                long id = saleId(store, ticket);
                if (sales.contains(id)) sale = id;
                else in.tally("TICKET_NO").add("orphan_ticket", null);
            }
            return new HouseAccountEntry(LegacyId.child(account, r.integerRequired("TRANS_SEQ"), 100_000), "ARTRANS:" + r.key(),
                    LegacyId.of(account), r.integerRequired("TRANS_SEQ"), LegacyDate.instant(r.time("TRANS_DATE"), ctx.shopZone(), in.tally("TRANS_DATE")),
                    StatusCode.spell(r.str("TRANS_TYPE"), ENTRY_KIND, "other", in.codes("TRANS_TYPE"), in.tally("TRANS_TYPE")),
                    MoneyToCents.required(r.decimal("AMOUNT"), "AMOUNT", in.tally("AMOUNT")),
                    ref(stores, store, "orphan_store", in.tally("STORE_NO")), sale, Text.clean(r.str("MEMO"), in.tally("MEMO")));
        });
        // A card number is taken once its row is whole (SliceContext.loadCoded): a row rejected for another reason holds none.
        ctx.loadCoded(GIFTCARD, GiftCard.class, "CARD_NO", card -> true, (r, in) -> {
            String card = Text.clean(r.str("CARD_NO"), in.tally("CARD_NO"));
            if (card == null) throw new RuleException("CARD_NO is blank");
            return new GiftCard(LegacyId.ofText("GIFTCARD", card), "GIFTCARD:" + r.key(), card,
                    ref(stores, r.reference("STORE_NO", in.tally("STORE_NO")), "orphan_store", in.tally("STORE_NO")),
                    LegacyDate.instant(r.time("ISSUED"), ctx.shopZone(), in.tally("ISSUED")),
                    MoneyToCents.required(r.decimal("INITIAL_AMT"), "INITIAL_AMT", in.tally("INITIAL_AMT")),
                    MoneyToCents.required(r.decimal("BALANCE"), "BALANCE", in.tally("BALANCE")),
                    ref(customers, r.reference("CUST_ID", in.tally("CUST_ID")), "orphan_customer", in.tally("CUST_ID")),
                    Flag.bit(r.bit("ACTIVE"), true, in.tally("ACTIVE")));
        });
        layawaysAndOrders(ctx, stores, customers);
    }

    private void layawaysAndOrders(SliceContext ctx, IdSet stores, IdSet customers) throws SQLException {
        IdSet products = ctx.ids("products"), vendors = ctx.ids("vendors"), methods = ctx.ids("payment_methods");
        ctx.load(LAYAWAY, Layaway.class, (r, in) -> {
            long no = r.integerRequired("LAYAWAY_NO"), store = r.integerRequired("STORE_NO");
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            return new Layaway(LegacyId.of(no), "LAYAWAY:" + r.key(), no, LegacyId.of(store),
                    ref(customers, r.reference("CUST_ID", in.tally("CUST_ID")), "orphan_customer", in.tally("CUST_ID")),
                    ref(products, r.reference("ITEM_ID", in.tally("ITEM_ID")), "orphan_product", in.tally("ITEM_ID")),
                    LegacyDate.instant(r.time("CREATED"), ctx.shopZone(), in.tally("CREATED")),
                    LegacyDate.date(r.time("EXPIRES"), in.tally("EXPIRES")),
                    MoneyToCents.required(r.decimal("TOTAL"), "TOTAL", in.tally("TOTAL")),
                    StatusCode.spell(r.str("STATUS"), LAYAWAY_STATUS, in.codes("STATUS"), in.tally("STATUS")));
        });
        IdSet layaways = ctx.ids("layaways");
        ctx.load(LAYPAY, LayawayPayment.class, (r, in) -> {
            long no = r.integerRequired("LAYAWAY_NO");
            if (!layaways.contains(LegacyId.of(no))) {
                ctx.parentRejected("layaway", LAYAWAY, no);
                throw new RuleException("orphan_layaway", "payment of " + MoneyToCents.dollars(r.decimal("AMOUNT")) + " for layaway " + no + ", which does not exist");
            }
            return new LayawayPayment(LegacyId.child(no, r.integerRequired("PAY_SEQ"), 1000), "LAYPAY:" + r.key(), LegacyId.of(no),
                    r.integerRequired("PAY_SEQ"), LegacyDate.instant(r.time("PAY_DATE"), ctx.shopZone(), in.tally("PAY_DATE")),
                    MoneyToCents.required(r.decimal("AMOUNT"), "AMOUNT", in.tally("AMOUNT")),
                    method(methods, r.str("PAY_CODE"), in.tally("PAY_CODE")));
        });
        ctx.load(SPECORD, SpecialOrder.class, (r, in) -> {
            long no = r.integerRequired("SO_NO"), store = r.integerRequired("STORE_NO");
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            return new SpecialOrder(LegacyId.of(no), "SPECORD:" + r.key(), no, LegacyId.of(store),
                    ref(customers, r.reference("CUST_ID", in.tally("CUST_ID")), "orphan_customer", in.tally("CUST_ID")),
                    ref(vendors, r.reference("VENDOR_ID", in.tally("VENDOR_ID")), "orphan_vendor", in.tally("VENDOR_ID")),
                    Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")),
                    LegacyDate.instant(r.time("ORDERED"), ctx.shopZone(), in.tally("ORDERED")),
                    LegacyDate.date(r.time("DUE"), in.tally("DUE")),
                    NullAsZero.of(MoneyToCents.cents(r.decimal("DEPOSIT"), in.tally("DEPOSIT")), in.tally("DEPOSIT")),
                    MoneyToCents.required(r.decimal("PRICE"), "PRICE", in.tally("PRICE")),
                    StatusCode.spell(r.str("STATUS"), ORDER_STATUS, in.codes("STATUS"), in.tally("STATUS")),
                    Text.note(r.str("NOTES"), in.tally("NOTES")));
        });
    }
}
