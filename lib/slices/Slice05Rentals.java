package lib.slices;

import static lib.slices.References.method;
import static lib.slices.References.ref;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import lib.rules.Contact;
import lib.rules.Flag;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.MoneyToCents;
import lib.rules.NullAsZero;
import lib.rules.RuleException;
import lib.rules.StatusCode;
import lib.rules.Text;
import lib.source.SourceTable;

/**
 * Slice 5: schools, rental contracts and their payments. A contract whose customer
 * is gone is kept (its payments are revenue) with the customer NULL and AIM's
 * number in legacy_customer_id.
 */
public final class Slice05Rentals extends BaseSlice {
    public record School(long id, String legacyKey, String name, String district, String phone, String phoneUnparsed,
                         int isActive) {}

    public record RentalContract(long id, String legacyKey, long contractNo, long storeId, Long customerId,
                                 Long legacyCustomerId, Long schoolId, Long productId, Long instrumentId,
                                 String startDate, String endDate, long monthlyRateCents, String status, String notes) {}

    public record RentalPayment(long id, String legacyKey, long contractId, long seq, String paidAt, long amountCents,
                                long lateFeeCents, Long paymentMethodId) {}

    static final SourceTable SCHOOL = SourceTable.of("SCHOOL", "schools", "SCHOOL_ID").columns("NAME", "DISTRICT", "PHONE", "ACTIVE");
    static final SourceTable RENTCONT = SourceTable.of("RENTCONT", "rental_contracts", "CONTRACT_NO")
            .columns("STORE_NO", "CUST_ID", "SCHOOL_ID", "ITEM_ID", "SERIAL_ID", "START_DATE", "END_DATE", "STATUS", "NOTES")
            .money("MONTHLY_RATE", "monthly_rate_cents");
    static final SourceTable RENTPAY = SourceTable.of("RENTPAY", "rental_payments", "CONTRACT_NO", "PAY_SEQ")
            .columns("PAY_DATE", "PAY_CODE").money("AMOUNT", "amount_cents").money("LATE_FEE", "late_fee_cents");
    static final Map<String, String> STATUS = Map.of("A", "active", "C", "closed", "R", "returned", "P", "purchased");

    public Slice05Rentals() {
        super(5, "rentals", List.of(1, 2, 3), List.of(SCHOOL, RENTCONT, RENTPAY));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        ctx.load(SCHOOL, School.class, (r, in) -> {
            Contact.Value phone = Contact.phone(r.str("PHONE"), ctx.phoneRegion(), in.tally("PHONE"));
            return new School(LegacyId.of(r.integerRequired("SCHOOL_ID")), "SCHOOL:" + r.key(),
                    Text.clean(r.str("NAME"), in.tally("NAME")), Text.clean(r.str("DISTRICT"), in.tally("DISTRICT")),
                    phone.value(), phone.unparsed(), Flag.parse(r.flag("ACTIVE"), true, in.tally("ACTIVE")));
        });
        IdSet stores = ctx.ids("stores"), customers = ctx.ids("customers"), schools = ctx.ids("schools");
        IdSet products = ctx.ids("products"), instruments = ctx.ids("instruments");
        ctx.load(RENTCONT, RentalContract.class, (r, in) -> {
            long no = r.integerRequired("CONTRACT_NO"), store = r.integerRequired("STORE_NO");
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            Long customer = r.reference("CUST_ID", in.tally("CUST_ID"));
            return new RentalContract(LegacyId.of(no), "RENTCONT:" + r.key(), no, LegacyId.of(store),
                    ref(customers, customer, "orphan_customer", in.tally("CUST_ID")), customer,
                    ref(schools, r.reference("SCHOOL_ID", in.tally("SCHOOL_ID")), "orphan_school", in.tally("SCHOOL_ID")),
                    ref(products, r.reference("ITEM_ID", in.tally("ITEM_ID")), "orphan_product", in.tally("ITEM_ID")),
                    ref(instruments, r.reference("SERIAL_ID", in.tally("SERIAL_ID")), "orphan_instrument", in.tally("SERIAL_ID")),
                    LegacyDate.date(r.time("START_DATE"), in.tally("START_DATE")),
                    LegacyDate.date(r.time("END_DATE"), in.tally("END_DATE")),
                    MoneyToCents.required(r.decimal("MONTHLY_RATE"), "MONTHLY_RATE", in.tally("MONTHLY_RATE")),
                    StatusCode.spell(r.str("STATUS"), STATUS, in.codes("STATUS"), in.tally("STATUS")),
                    Text.note(r.str("NOTES"), in.tally("NOTES")));
        });
        IdSet contracts = ctx.ids("rental_contracts"), methods = ctx.ids("payment_methods");
        ctx.load(RENTPAY, RentalPayment.class, (r, in) -> {
            long contract = r.integerRequired("CONTRACT_NO");
            if (!contracts.contains(LegacyId.of(contract))) {
                ctx.parentRejected("contract", RENTCONT, contract);
                throw new RuleException("orphan_contract", "payment of " + MoneyToCents.dollars(r.decimal("AMOUNT")) + " for contract " + contract + ", which does not exist");
            }
            Long lateFee = MoneyToCents.cents(r.decimal("LATE_FEE"), in.tally("LATE_FEE"));
            return new RentalPayment(LegacyId.child(contract, r.integerRequired("PAY_SEQ"), 1000), "RENTPAY:" + r.key(),
                    LegacyId.of(contract), r.integerRequired("PAY_SEQ"), LegacyDate.instant(r.time("PAY_DATE"), ctx.shopZone(), in.tally("PAY_DATE")),
                    MoneyToCents.required(r.decimal("AMOUNT"), "AMOUNT", in.tally("AMOUNT")), NullAsZero.of(lateFee, in.tally("LATE_FEE")),
                    method(methods, r.str("PAY_CODE"), in.tally("PAY_CODE")));
        });
    }
}
