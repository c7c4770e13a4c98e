package lib.slices;

import static lib.slices.References.codeId;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.rules.CodeKey;
import lib.rules.Contact;
import lib.rules.Flag;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.MoneyToCents;
import lib.rules.RuleException;
import lib.rules.Text;
import lib.source.Row;
import lib.source.SourceReader;
import lib.source.SourceTable;
import lib.target.RowWriter;

/** Slice 1: stores, staff, tax rates, payment methods, categories. */
public final class Slice01Reference extends BaseSlice {
    public record Store(long id, String legacyKey, long storeNo, String name, String address, String phone,
                        String phoneUnparsed, int isActive, String openedOn) {}

    public record Staff(long id, String legacyKey, long storeId, String firstName, String lastName, String initials,
                        String hiredOn, int isActive, int isManager) {}

    public record TaxRate(long id, String legacyKey, String code, String description, long ratePpm) {}

    public record PaymentMethod(long id, String legacyKey, String code, String description, int isCash, int opensDrawer) {}

    public record Category(long id, String legacyKey, String code, String name, Long parentId, int isTaxable) {}

    static final SourceTable STORE = SourceTable.of("STORE", "stores", "STORE_NO")
            .columns("STORE_NAME", "ADDRESS", "PHONE", "ACTIVE", "OPENED");
    static final SourceTable EMPLOYEE = SourceTable.of("EMPLOYEE", "staff", "EMP_ID")
            .columns("STORE_NO", "FIRST_NAME", "LAST_NAME", "INITIALS", "HIRE_DATE", "ACTIVE", "IS_MGR");
    static final SourceTable TAXRATE = SourceTable.of("TAXRATE", "tax_rates", "TAX_CODE").columns("DESCRIPTION", "RATE");
    static final SourceTable PAYTYPE = SourceTable.of("PAYTYPE", "payment_methods", "PAY_CODE")
            .columns("DESCRIPTION", "IS_CASH", "OPENS_DRAWER");
    static final SourceTable CATEGORY = SourceTable.of("CATEGORY", "categories", "CAT_CODE")
            .columns("DESCRIPTION", "PARENT_CODE", "TAXABLE");

    public Slice01Reference() {
        super(1, "reference", List.of(), List.of(STORE, EMPLOYEE, TAXRATE, PAYTYPE, CATEGORY));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        ctx.load(STORE, Store.class, (r, in) -> {
            long no = r.integerRequired("STORE_NO");
            Contact.Value phone = Contact.phone(r.str("PHONE"), ctx.phoneRegion(), in.tally("PHONE"));
            String name = Text.padded(r.str("STORE_NAME"), in.tally("STORE_NAME"));
            if (name == null) in.tally("STORE_NAME").add("default_name", name = "Store " + no); // stores.name is NOT NULL
            return new Store(LegacyId.of(no), "STORE:" + r.key(), no, name,
                    Text.clean(r.str("ADDRESS"), in.tally("ADDRESS")), phone.value(), phone.unparsed(),
                    Flag.parse(r.flag("ACTIVE"), true, in.tally("ACTIVE")),
                    LegacyDate.date(r.time("OPENED"), in.tally("OPENED")));
        });
        IdSet stores = ctx.ids("stores");
        ctx.load(EMPLOYEE, Staff.class, (r, in) -> {
            Long store = r.integer("STORE_NO");
            if (!stores.contains(store)) throw ctx.orphan("orphan_store", "store", STORE, store);
            return new Staff(LegacyId.of(r.integerRequired("EMP_ID")), "EMPLOYEE:" + r.key(), LegacyId.of(store),
                    Text.clean(r.str("FIRST_NAME"), in.tally("FIRST_NAME")),
                    Text.clean(r.str("LAST_NAME"), in.tally("LAST_NAME")),
                    Text.padded(r.str("INITIALS"), in.tally("INITIALS")),
                    LegacyDate.date(r.time("HIRE_DATE"), in.tally("HIRE_DATE")),
                    Flag.bit(r.bit("ACTIVE"), true, in.tally("ACTIVE")),
                    Flag.parse(r.flag("IS_MGR"), false, in.tally("IS_MGR")));
        });
        // A code is taken once its row is whole (SliceContext.loadCoded): a row rejected for something else holds none,
        // nor one tax_rates' CHECK (rate_ppm BETWEEN 0 AND 1000000) will refuse as it is written (SQLite rejects it, naming the CHECK).
        ctx.loadCoded(TAXRATE, TaxRate.class, "TAX_CODE", rate -> rate.ratePpm() >= 0 && rate.ratePpm() <= 1_000_000, (r, in) -> {
            String code = code(r, "TAX_CODE", in);
            if (r.decimal("RATE") == null) throw new RuleException("RATE is NULL");
            return new TaxRate(codeId("TAXRATE", code), "TAXRATE:" + r.key(), code,
                    Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")), MoneyToCents.percentToPpm(r.decimal("RATE"), in.tally("RATE")));
        });
        ctx.loadCoded(PAYTYPE, PaymentMethod.class, "PAY_CODE", method -> true, (r, in) -> {
            String code = code(r, "PAY_CODE", in);
            return new PaymentMethod(codeId("PAYTYPE", code), "PAYTYPE:" + r.key(), code,
                    Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION")),
                    Flag.parse(r.flag("IS_CASH"), false, in.tally("IS_CASH")),
                    Flag.bit(r.bit("OPENS_DRAWER"), false, in.tally("OPENS_DRAWER")));
        });
        categories(ctx);
    }

    /** A reference table's code, which its Helm id is made from; blank, the row cannot be referred to. */
    private static String code(Row r, String column, SourceReader in) throws RuleException {
        String code = Text.padded(r.str(column), in.tally(column));
        if (code == null) throw new RuleException("blank_code", column + " is blank: a row without a code cannot be referred to");
        return code;
    }

    /** Categories point at parents that may sort after them, so the codes are gathered first. */
    private void categories(SliceContext ctx) throws SQLException {
        List<Category> rows = new ArrayList<>();
        try (SourceReader in = ctx.read(CATEGORY); RowWriter<Category> out = ctx.writer("categories", Category.class, in)) {
            List<String> parents = new ArrayList<>(), raw = new ArrayList<>();
            List<SourceReader.Loaded> loaded = new ArrayList<>();
            while (in.next()) {
                Row r = in.row();
                try {
                    String code = code(r, "CAT_CODE", in);
                    String name = Text.clean(r.str("DESCRIPTION"), in.tally("DESCRIPTION"));
                    if (name == null) in.tally("DESCRIPTION").add("default_name", name = code); // categories.name is NOT NULL
                    String parent = Text.padded(r.str("PARENT_CODE"), in.tally("PARENT_CODE"));
                    rows.add(new Category(codeId("CATEGORY", code), "CATEGORY:" + r.key(), code, name,
                            parent == null ? null : codeId("CATEGORY", parent), Flag.parse(r.flag("TAXABLE"), true, in.tally("TAXABLE"))));
                    parents.add(parent);
                    raw.add(in.row().str("CAT_CODE"));
                    loaded.add(in.loaded());
                } catch (RuleException e) {
                    in.reject(e);
                }
            }
            // The codes a parent may name: those of whole rows, each kept by one row (References.codeContest).
            Set<String> codes = new HashSet<>();
            CodeKey catCodes = CodeKey.column("CATEGORY", "CAT_CODE"); // a parent is named as the code it names is defined
            Map<Integer, String> lost = References.codeContest(raw, java.util.Collections.nCopies(raw.size(), true), catCodes, "CAT_CODE", codes);
            for (int i = 0; i < rows.size(); i++) {
                Category c = rows.get(i);
                if (lost.containsKey(i)) {
                    in.refused(loaded.get(i), "duplicate_code", lost.get(i));
                    continue;
                }
                String parent = parents.get(i);
                if (parent != null && !codes.contains(catCodes.of(parent))) {
                    in.tally("PARENT_CODE", loaded.get(i)).add("orphan_category", null);
                    c = new Category(c.id(), c.legacyKey(), c.code(), c.name(), null, c.isTaxable());
                }
                out.add(c, loaded.get(i));
            }
        }
    }
}
