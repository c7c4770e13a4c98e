package lib.slices;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lib.rules.CodeKey;
import lib.rules.Contact;
import lib.rules.Flag;
import lib.rules.LegacyDate;
import lib.rules.LegacyId;
import lib.rules.Text;
import lib.source.SourceTable;

/** Slice 2: customers and the other people on their accounts. */
public final class Slice02Customers extends BaseSlice {
    public record Customer(long id, String legacyKey, String accountNo, String firstName, String lastName, String company,
                           String address1, String city, String state, String zip, String phone, String phoneUnparsed,
                           String phoneAlt, String phoneAltUnparsed, String email, String emailUnparsed, String birthDate,
                           String createdAt, int isTaxExempt, String notes, String legacyGuid) {}

    public record CustomerContact(long id, String legacyKey, long customerId, String name, String relation, String phone,
                                  String phoneUnparsed, String email, String emailUnparsed) {}

    static final SourceTable CUST = SourceTable.of("CUST", "customers", "CUST_ID")
            .columns("ACCT_NO", "FIRST_NAME", "LAST_NAME", "COMPANY", "ADDRESS1", "CITY", "STATE", "ZIP", "PHONE1",
                    "PHONE2", "EMAIL", "BIRTH_DATE", "CREATED", "TAX_EXEMPT", "DELETED", "NOTES", "ROW_GUID");
    static final SourceTable CUSTCONT = SourceTable.of("CUSTCONT", "customer_contacts", "CUST_ID", "SEQ")
            .columns("CONTACT_NAME", "RELATION", "PHONE", "EMAIL");

    public Slice02Customers() {
        super(2, "customers", List.of(), List.of(CUST, CUSTCONT));
    }

    @Override
    public void run(SliceContext ctx) throws SQLException {
        Set<Long> deleted = new HashSet<>();
        // Account numbers compare as ACCT_NO's collation compares them: 'A100' and 'a100' share one unless it has case.
        CodeKey codes = CodeKey.column("CUST", "ACCT_NO");
        SeenKeys accounts = new SeenKeys(codes::of);
        ctx.load(CUST, Customer.class, (r, in) -> {
            long id = r.integerRequired("CUST_ID");
            if (Flag.parse(r.flag("DELETED"), false, in.tally("DELETED")) == 1) {
                deleted.add(id);
                in.skip("soft_deleted");
                return null;
            }
            String account = Text.padded(r.str("ACCT_NO"), in.tally("ACCT_NO"));
            SeenKeys.Loaded loaded = a -> ctx.exists("customers", "account_no", a) || !codes.caseSensitive() && ctx.existsInAnyCase("customers", "account_no", a);
            if (account != null && !accounts.add(account, loaded)) {
                // AIM allows a shared account number; Helm's is unique, so the later customer gets a suffix.
                account = accounts.suffixed(account, "-" + id, loaded);
                in.tally("ACCT_NO").add("duplicate_account", account);
            }
            Contact.Value phone = Contact.phone(r.str("PHONE1"), ctx.phoneRegion(), in.tally("PHONE1"));
            Contact.Value alt = Contact.phone(r.str("PHONE2"), ctx.phoneRegion(), in.tally("PHONE2"));
            Contact.Value email = Contact.email(r.str("EMAIL"), in.tally("EMAIL"));
            String guid = r.str("ROW_GUID");
            return new Customer(LegacyId.of(id), "CUST:" + r.key(), account,
                    Text.clean(r.str("FIRST_NAME"), in.tally("FIRST_NAME")),
                    Text.clean(r.str("LAST_NAME"), in.tally("LAST_NAME")),
                    Text.clean(r.str("COMPANY"), in.tally("COMPANY")),
                    Text.clean(r.str("ADDRESS1"), in.tally("ADDRESS1")),
                    Text.clean(r.str("CITY"), in.tally("CITY")),
                    Text.padded(r.str("STATE"), in.tally("STATE")),
                    Text.padded(r.str("ZIP"), in.tally("ZIP")),
                    phone.value(), phone.unparsed(), alt.value(), alt.unparsed(), email.value(), email.unparsed(),
                    LegacyDate.date(r.time("BIRTH_DATE"), in.tally("BIRTH_DATE")),
                    LegacyDate.instant(r.time("CREATED"), ctx.shopZone(), in.tally("CREATED")),
                    Flag.parse(r.flag("TAX_EXEMPT"), false, in.tally("TAX_EXEMPT")),
                    Text.note(r.str("NOTES"), in.tally("NOTES")),
                    guid == null ? null : guid.strip().toLowerCase(Locale.ROOT));
        });
        IdSet customers = ctx.ids("customers");
        ctx.load(CUSTCONT, CustomerContact.class, (r, in) -> {
            long customer = r.integerRequired("CUST_ID");
            if (!customers.contains(LegacyId.of(customer))) {
                if (deleted.contains(customer)) {
                    in.skip("parent_skipped");
                    return null;
                }
                throw ctx.orphan("orphan_customer", "customer", CUST, customer);
            }
            Contact.Value phone = Contact.phone(r.str("PHONE"), ctx.phoneRegion(), in.tally("PHONE"));
            Contact.Value email = Contact.email(r.str("EMAIL"), in.tally("EMAIL"));
            return new CustomerContact(LegacyId.child(customer, r.integerRequired("SEQ"), 100), "CUSTCONT:" + r.key(),
                    LegacyId.of(customer), Text.clean(r.str("CONTACT_NAME"), in.tally("CONTACT_NAME")),
                    Text.clean(r.str("RELATION"), in.tally("RELATION")), phone.value(), phone.unparsed(),
                    email.value(), email.unparsed());
        });
    }
}
