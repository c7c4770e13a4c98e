package lib.slices;

import static lib.slices.References.ref;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.MoneyToCents;
import lib.rules.StatusCode;
import lib.rules.Text;
import lib.source.SourceTable;

/** Slice 6: repair work orders and their labour and parts lines. */
public final class Slice06Repairs extends BaseSlice {
    public record RepairOrder(long id, String legacyKey, long roNo, long storeId, Long customerId, Long technicianId,
                              String instrument, String serialNo, String receivedAt, String promisedOn, String completedAt,
                              String status, Long estimateCents, String problem) {}

    public record RepairLine(long id, String legacyKey, long repairOrderId, long lineNo, String kind, Long productId,
                             String description, long quantity, long unitPriceCents, long amountCents) {}

    static final SourceTable REPAIR = SourceTable.of("REPAIR", "repair_orders", "RO_NO")
            .columns("STORE_NO", "CUST_ID", "TECH_ID", "INSTRUMENT", "SERIAL_NO", "RECEIVED", "PROMISED", "COMPLETED", "STATUS", "PROBLEM")
            .money("ESTIMATE", "estimate_cents");
    static final SourceTable REPLINE = SourceTable.of("REPLINE", "repair_lines", "RO_NO", "LINE_NO")
            .columns("LINE_TYPE", "ITEM_ID", "DESCRIPTION", "QTY").money("UNIT_PRICE", "unit_price_cents").money("AMOUNT", "amount_cents");
    static final Map<String, String> STATUS = Map.of("O", "open", "W", "waiting", "C", "complete", "P", "picked_up");
    static final Map<String, String> KIND = Map.of("L", "labor", "P", "part");

    public Slice06Repairs() {
        super(6, "repairs", List.of(1, 2, 3), List.of(REPAIR, REPLINE));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        IdSet stores = ctx.ids("stores"), customers = ctx.ids("customers"), staff = ctx.ids("staff");
        ctx.load(REPAIR, RepairOrder.class, (r, in) -> {
            long no = r.integerRequired("RO_NO"), store = r.integerRequired("STORE_NO");
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            return new RepairOrder(LegacyId.of(no), "REPAIR:" + r.key(), no, LegacyId.of(store),
                    ref(customers, r.reference("CUST_ID", in.tally("CUST_ID")), "orphan_customer", in.tally("CUST_ID")),
                    ref(staff, r.reference("TECH_ID", in.tally("TECH_ID")), "orphan_staff", in.tally("TECH_ID")),
                    Text.clean(r.str("INSTRUMENT"), in.tally("INSTRUMENT")), Text.clean(r.str("SERIAL_NO"), in.tally("SERIAL_NO")),
                    LegacyDate.instant(r.time("RECEIVED"), ctx.shopZone(), in.tally("RECEIVED")),
                    LegacyDate.date(r.time("PROMISED"), in.tally("PROMISED")),
                    LegacyDate.instant(r.time("COMPLETED"), ctx.shopZone(), in.tally("COMPLETED")),
                    StatusCode.spell(r.str("STATUS"), STATUS, in.codes("STATUS"), in.tally("STATUS")),
                    MoneyToCents.cents(r.decimal("ESTIMATE"), in.tally("ESTIMATE")),
                    Text.note(r.str("PROBLEM"), in.tally("PROBLEM")));
        });
        IdSet orders = ctx.ids("repair_orders"), products = ctx.ids("products");
        ctx.load(REPLINE, RepairLine.class, (r, in) -> {
            long ro = r.integerRequired("RO_NO");
            if (!orders.contains(LegacyId.of(ro))) throw ctx.orphan("orphan_repair", "repair order", REPAIR, ro);
            Long qty = r.quantity("QTY", in.tally("QTY"));
            String kind = StatusCode.spell(r.str("LINE_TYPE"), KIND, "other", in.codes("LINE_TYPE"), in.tally("LINE_TYPE"));
            return new RepairLine(LegacyId.child(ro, r.integerRequired("LINE_NO"), 1000), "REPLINE:" + r.key(), LegacyId.of(ro),
                    r.integerRequired("LINE_NO"), kind, ref(products, r.reference("ITEM_ID", in.tally("ITEM_ID")), "orphan_product", in.tally("ITEM_ID")),
                    Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")), qty == null ? 1 : qty,
                    MoneyToCents.required(r.decimal("UNIT_PRICE"), "UNIT_PRICE", in.tally("UNIT_PRICE")),
                    MoneyToCents.required(r.decimal("AMOUNT"), "AMOUNT", in.tally("AMOUNT")));
        });
    }
}
