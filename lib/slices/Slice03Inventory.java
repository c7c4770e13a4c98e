package lib.slices;

import static lib.slices.References.codeId;
import static lib.slices.References.ref;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

/** Slice 3: vendors, products, stock per store, serialized instruments. */
public final class Slice03Inventory extends BaseSlice {
    public record Vendor(long id, String legacyKey, String code, String name, String phone, String phoneUnparsed,
                         String email, String emailUnparsed, int isActive) {}

    public record Product(long id, String legacyKey, String sku, String legacySku, String description, Long categoryId,
                          Long vendorId, Long unitCostE4, Long priceCents, int isTaxable, int isSerialized, int isActive,
                          String createdAt) {}

    public record StockLevel(long id, String legacyKey, long productId, long storeId, long onHand, long onOrder,
                             long reorderPoint, String bin) {}

    public record Instrument(long id, String legacyKey, long productId, String serialNo, Long storeId, String status,
                             String receivedAt, Long costCents) {}

    static final SourceTable VENDOR = SourceTable.of("VENDOR", "vendors", "VENDOR_ID")
            .columns("VENDOR_CODE", "NAME", "PHONE", "EMAIL", "ACTIVE");
    static final SourceTable INVMAST = SourceTable.of("INVMAST", "products", "ITEM_ID")
            .columns("SKU", "DESCRIPTION", "CAT_CODE", "VENDOR_ID", "TAXABLE", "SERIALIZED", "ACTIVE", "DELETED", "CREATED")
            .money("COST", "unit_cost_e4").money("PRICE", "price_cents");
    static final SourceTable INVSTORE = SourceTable.of("INVSTORE", "stock_levels", "ITEM_ID", "STORE_NO")
            .columns("ON_HAND", "ON_ORDER", "MIN_QTY", "BIN_LOC");
    static final SourceTable SERIAL = SourceTable.of("SERIAL", "instruments", "SERIAL_ID")
            .columns("ITEM_ID", "SERIAL_NO", "STORE_NO", "STATUS", "RECEIVED").money("COST", "cost_cents");

    static final java.util.Map<String, String> STATUS = java.util.Map.of("S", "in_stock", "R", "rented", "D", "sold");

    public Slice03Inventory() {
        super(3, "inventory", List.of(1), List.of(VENDOR, INVMAST, INVSTORE, SERIAL));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        ctx.load(VENDOR, Vendor.class, (r, in) -> {
            Contact.Value phone = Contact.phone(r.str("PHONE"), ctx.phoneRegion(), in.tally("PHONE"));
            Contact.Value email = Contact.email(r.str("EMAIL"), in.tally("EMAIL"));
            return new Vendor(LegacyId.of(r.integerRequired("VENDOR_ID")), "VENDOR:" + r.key(),
                    Text.padded(r.str("VENDOR_CODE"), in.tally("VENDOR_CODE")), Text.clean(r.str("NAME"), in.tally("NAME")),
                    phone.value(), phone.unparsed(), email.value(), email.unparsed(),
                    Flag.parse(r.flag("ACTIVE"), true, in.tally("ACTIVE")));
        });
        Set<Long> deleted = products(ctx);
        IdSet products = ctx.ids("products"), stores = ctx.ids("stores");
        ctx.load(INVSTORE, StockLevel.class, (r, in) -> {
            long item = r.integerRequired("ITEM_ID"), store = r.integerRequired("STORE_NO");
            if (!products.contains(LegacyId.of(item))) {
                if (deleted.contains(item)) {
                    in.skip("parent_skipped");
                    return null;
                }
                throw ctx.orphan("orphan_product", "product", INVMAST, item);
            }
            if (!stores.contains(LegacyId.of(store))) throw ctx.orphan("orphan_store", "store", Slice01Reference.STORE, store);
            return new StockLevel(LegacyId.child(item, store, 1000), "INVSTORE:" + r.key(), LegacyId.of(item), LegacyId.of(store),
                    NullAsZero.of(r.quantity("ON_HAND", in.tally("ON_HAND")), in.tally("ON_HAND")), NullAsZero.of(r.quantity("ON_ORDER", in.tally("ON_ORDER")), in.tally("ON_ORDER")),
                    NullAsZero.of(r.quantity("MIN_QTY", in.tally("MIN_QTY")), in.tally("MIN_QTY")),
                    Text.padded(r.str("BIN_LOC"), in.tally("BIN_LOC")));
        });
        ctx.load(SERIAL, Instrument.class, (r, in) -> {
            long item = r.integerRequired("ITEM_ID");
            if (!products.contains(LegacyId.of(item))) {
                if (deleted.contains(item)) {
                    in.skip("parent_skipped");
                    return null;
                }
                throw ctx.orphan("orphan_product", "product", INVMAST, item);
            }
            return new Instrument(LegacyId.of(r.integerRequired("SERIAL_ID")), "SERIAL:" + r.key(), LegacyId.of(item),
                    Text.clean(r.str("SERIAL_NO"), in.tally("SERIAL_NO")),
                    ref(stores, r.reference("STORE_NO", in.tally("STORE_NO")), "orphan_store", in.tally("STORE_NO")),
                    StatusCode.spell(r.str("STATUS"), STATUS, in.codes("STATUS"), in.tally("STATUS")),
                    LegacyDate.instant(r.time("RECEIVED"), ctx.shopZone(), in.tally("RECEIVED")),
                    MoneyToCents.cents(r.decimal("COST"), in.tally("COST")));
        });
    }

    private Set<Long> products(SliceContext ctx) throws SQLException {
        Set<Long> deleted = new HashSet<>();
        SeenKeys skus = new SeenKeys();
        IdSet vendors = ctx.ids("vendors");
        IdSet categories = ctx.ids("categories");
        ctx.load(INVMAST, Product.class, (r, in) -> {
            long id = r.integerRequired("ITEM_ID");
            if (Flag.bit(r.bit("DELETED"), false, in.tally("DELETED")) == 1) {
                deleted.add(id);
                in.skip("soft_deleted");
                return null;
            }
            String legacySku = Text.wellFormed(r.str("SKU"), in.tally("SKU"));
            if (legacySku == null || legacySku.isBlank()) throw new RuleException("SKU is blank");
            // AIM compares SKUs loosely; Helm's are trimmed, upper case and unique.
            String sku = legacySku.strip().toUpperCase(Locale.ROOT);
            SeenKeys.Loaded loaded = k -> ctx.exists("products", "sku", k);
            if (!skus.add(sku, loaded)) {
                sku = skus.suffixed(sku, "~" + id, loaded);
                in.tally("SKU").add("duplicate_sku", sku);
            }
            String cat = Text.padded(r.str("CAT_CODE"), in.tally("CAT_CODE"));
            Long categoryId = null;
            if (cat != null) {
                long cid = codeId("CATEGORY", cat);
                if (categories.contains(cid)) categoryId = cid;
                else in.tally("CAT_CODE").add("orphan_category", null);
            }
            return new Product(LegacyId.of(id), "INVMAST:" + r.key(), sku, legacySku,
                    Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")), categoryId,
                    ref(vendors, r.reference("VENDOR_ID", in.tally("VENDOR_ID")), "orphan_vendor", in.tally("VENDOR_ID")),
                    MoneyToCents.costE4(r.decimal("COST"), in.tally("COST")),
                    MoneyToCents.cents(r.decimal("PRICE"), in.tally("PRICE")),
                    Flag.parse(r.flag("TAXABLE"), true, in.tally("TAXABLE")),
                    Flag.bit(r.bit("SERIALIZED"), false, in.tally("SERIALIZED")),
                    Flag.parse(r.flag("ACTIVE"), true, in.tally("ACTIVE")),
                    LegacyDate.instant(r.time("CREATED"), ctx.shopZone(), in.tally("CREATED")));
        });
        return deleted;
    }
}
