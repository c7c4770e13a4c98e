package lib.slices;

import static lib.slices.References.codeId;
import static lib.slices.References.method;
import static lib.slices.References.ref;
import static lib.slices.References.saleId;

import java.sql.SQLException;
import java.util.List;
import lib.rules.Flag;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.MoneyToCents;
import lib.rules.NullAsZero;
import lib.rules.RuleException;
import lib.rules.Text;
import lib.source.SourceTable;

/**
 * Slice 4: sales tickets, their lines and payments. Revenue history is never
 * dropped: voided tickets stay (is_void), and a line whose product is gone keeps
 * its amounts and AIM's SKU. A payment whose ticket is gone is rejected with its amount.
 */
public final class Slice04Sales extends BaseSlice {
    public record Sale(long id, String legacyKey, long storeId, long ticketNo, String soldAt, Long customerId,
                       Long legacyCustomerId, Long staffId, long subtotalCents, long taxCents, long totalCents,
                       int isVoid, String notes) {}

    public record SaleLine(long id, String legacyKey, long saleId, long lineNo, Long productId, String legacySku,
                           String description, long quantity, long unitPriceCents, long discountCents, long amountCents,
                           Long taxRateId, Long instrumentId) {}

    public record SalePayment(long id, String legacyKey, long saleId, long seq, Long paymentMethodId, long amountCents,
                              String paidAt, String reference) {}

    static final SourceTable TICKET = SourceTable.of("TICKET", "sales", "STORE_NO", "TICKET_NO")
            .columns("TICKET_DATE", "CUST_ID", "EMP_ID", "VOIDED", "NOTES")
            .money("SUBTOTAL", "subtotal_cents").money("TAX", "tax_cents").money("TOTAL", "total_cents");
    static final SourceTable TKTLINE = SourceTable.of("TKTLINE", "sale_lines", "STORE_NO", "TICKET_NO", "LINE_NO")
            .columns("ITEM_ID", "SKU", "DESCRIPTION", "QTY", "TAX_CODE", "SERIAL_ID")
            .money("UNIT_PRICE", "unit_price_cents").money("DISCOUNT", "discount_cents").money("EXT_PRICE", "amount_cents");
    static final SourceTable TKTPAY = SourceTable.of("TKTPAY", "sale_payments", "STORE_NO", "TICKET_NO", "PAY_SEQ")
            .columns("PAY_CODE", "PAID_AT", "REF_NO").money("AMOUNT", "amount_cents");

    public Slice04Sales() {
        super(4, "sales", List.of(1, 2, 3), List.of(TICKET, TKTLINE, TKTPAY));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        IdSet stores = ctx.ids("stores"), customers = ctx.ids("customers"), staff = ctx.ids("staff");
        ctx.load(TICKET, Sale.class, (r, in) -> {
            long store = r.integerRequired("STORE_NO"), ticket = r.integerRequired("TICKET_NO");
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            Long customer = r.reference("CUST_ID", in.tally("CUST_ID"));
            return new Sale(saleId(store, ticket), "TICKET:" + r.key(), LegacyId.of(store), ticket,
                    LegacyDate.requiredInstant(r.time("TICKET_DATE"), ctx.shopZone(), "TICKET_DATE", in.tally("TICKET_DATE")),
                    ref(customers, customer, "orphan_customer", in.tally("CUST_ID")), customer,
                    ref(staff, r.reference("EMP_ID", in.tally("EMP_ID")), "orphan_staff", in.tally("EMP_ID")),
                    MoneyToCents.required(r.decimal("SUBTOTAL"), "SUBTOTAL", in.tally("SUBTOTAL")),
                    NullAsZero.of(MoneyToCents.cents(r.decimal("TAX"), in.tally("TAX")), in.tally("TAX")), // no tax: a sale all the same
                    MoneyToCents.required(r.decimal("TOTAL"), "TOTAL", in.tally("TOTAL")),
                    Flag.parse(r.flag("VOIDED"), false, in.tally("VOIDED")),
                    Text.note(r.str("NOTES"), in.tally("NOTES")));
        });
        IdSet sales = ctx.ids("sales"), products = ctx.ids("products"), taxes = ctx.ids("tax_rates");
        IdSet instruments = ctx.ids("instruments"), methods = ctx.ids("payment_methods");
        ctx.load(TKTLINE, SaleLine.class, (r, in) -> {
            long sale = saleId(r.integerRequired("STORE_NO"), r.integerRequired("TICKET_NO"));
            if (!sales.contains(sale)) throw ctx.orphan("orphan_ticket", "ticket", TICKET, r.integerRequired("STORE_NO"), r.integerRequired("TICKET_NO"));
            String taxCode = Text.padded(r.str("TAX_CODE"), in.tally("TAX_CODE"));
            Long tax = null;
            if (taxCode != null) {
                long id = codeId("TAXRATE", taxCode);
                if (taxes.contains(id)) tax = id;
                else in.tally("TAX_CODE").add("orphan_tax_code", null);
            }
            Long qty = r.quantity("QTY", in.tally("QTY"));
            if (qty == null) throw new RuleException("QTY is NULL");
            Long discount = MoneyToCents.cents(r.decimal("DISCOUNT"), in.tally("DISCOUNT"));
            return new SaleLine(LegacyId.child(sale, r.integerRequired("LINE_NO"), 1000), "TKTLINE:" + r.key(), sale,
                    r.integerRequired("LINE_NO"), ref(products, r.reference("ITEM_ID", in.tally("ITEM_ID")), "orphan_product", in.tally("ITEM_ID")),
                    Text.wellFormed(r.str("SKU"), in.tally("SKU")), Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")), qty,
                    MoneyToCents.required(r.decimal("UNIT_PRICE"), "UNIT_PRICE", in.tally("UNIT_PRICE")),
                    NullAsZero.of(discount, in.tally("DISCOUNT")),
                    MoneyToCents.required(r.decimal("EXT_PRICE"), "EXT_PRICE", in.tally("EXT_PRICE")), tax,
                    ref(instruments, r.reference("SERIAL_ID", in.tally("SERIAL_ID")), "orphan_instrument", in.tally("SERIAL_ID")));
        });
        ctx.load(TKTPAY, SalePayment.class, (r, in) -> {
            long sale = saleId(r.integerRequired("STORE_NO"), r.integerRequired("TICKET_NO"));
            if (!sales.contains(sale)) {
                ctx.parentRejected("ticket", TICKET, r.integerRequired("STORE_NO"), r.integerRequired("TICKET_NO"));
                throw new RuleException("orphan_ticket", "payment of " + MoneyToCents.dollars(r.decimal("AMOUNT")) + " for ticket "
                        + r.integerRequired("STORE_NO") + "/" + r.integerRequired("TICKET_NO") + ", which does not exist");
            }
            return new SalePayment(LegacyId.child(sale, r.integerRequired("PAY_SEQ"), 100), "TKTPAY:" + r.key(), sale,
                    r.integerRequired("PAY_SEQ"), method(methods, r.str("PAY_CODE"), in.tally("PAY_CODE")),
                    MoneyToCents.required(r.decimal("AMOUNT"), "AMOUNT", in.tally("AMOUNT")),
                    LegacyDate.instant(r.time("PAID_AT"), ctx.shopZone(), in.tally("PAID_AT")),
                    Text.clean(r.str("REF_NO"), in.tally("REF_NO")));
        });
    }
}
