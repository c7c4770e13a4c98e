package lib.sample;

/**
 * The data classes the adversarial scenario plants ({@code --sample=1:adversarial}): values a
 * SQL Server column can hold that are hard on a migration. Unlike a {@link Defect}, which the
 * plain sample plants at rates, each is a handful of rows; each has the fate the toolkit owes it.
 */
public enum Hazard {
    CODE_LEADING_SPACES("two codes that differ only by leading spaces (tax code, pay code, gift card)",
            Fate.ONE_REJECTED, "the same code once trimmed (CodeKey): the one written as SQL Server's = matches it (no leading space) loaded, wherever it sorts; the other rejected naming the code column and the code kept"),
    BLANK_CODE("a code of only spaces", Fate.REJECTED, "rejected naming the code column: a blank code is no code"),
    TAX_RATE_OUT_OF_RANGE("a tax rate of 150 % or -1 %", Fate.REJECTED,
            "rejected naming tax_rates' CHECK (rate_ppm BETWEEN 0 AND 1000000)"),
    SKU_EQUALS_DUPLICATE_SUFFIX("a real SKU equal to the SKU the duplicate rule gives another product (GTR-001~ITEM_ID)",
            Fate.LOADED, "every product loaded with a SKU of its own; AIM's SKU kept in legacy_sku"),
    ACCOUNT_EQUALS_DUPLICATE_SUFFIX("a real account number equal to the one the duplicate rule gives another customer (Z1-CUST_ID)",
            Fate.LOADED, "every customer loaded with an account number of its own"),
    NUL_IN_TEXT("U+0000 in an e-mail address or a customer name", Fate.LOADED_BY_RULE,
            "loaded; the NUL removed or the value set aside by a named, counted rule (control_chars, email_invalid)"),
    STORE_NUMBER_HIGH("store numbers 1000 and 9999, with stock rows", Fate.LOADED,
            "loaded with ids no other row has (stock ids built from item and store do not collide)"),
    IDS_PAST_2_53("store 9008 with sale lines, whose ids built as store x 10^9 x 1000 pass 2^53", Fate.LOADED,
            "loaded with every id at most 2^53 - 1 (D1 hands numbers to JavaScript), or rejected naming that limit"),
    TICKET_NUMBER_10E9("a house-account entry naming ticket number 10^9", Fate.LOADED,
            "loaded; the ticket reference does not resolve to another store's ticket"),
    SQL_IN_NOTE("a ticket note 'customer said: BEGIN TRANSACTION; then COMMIT; and left' (twice)", Fate.LOADED,
            "loaded byte-exact; d1/*.sql holds no BEGIN TRANSACTION or COMMIT statement"),
    PHONE_EXTENSION("phones with 'ext. 42', 'x99', '#22' and a vanity number '1-800-FLOWERS'", Fate.LOADED,
            "loaded; the number parsed with its extension, or kept verbatim as unparsed (phone_unparseable)"),
    UNPAIRED_SURROGATE("an unpaired UTF-16 surrogate in a customer name (NVARCHAR is UCS-2 and holds it)", Fate.LOADED_BY_RULE,
            "loaded with the lone surrogate made U+FFFD by a named, counted rule (UTF-8 cannot hold it), or rejected naming the column"),
    HUGE_NOTE("a ticket note of 3 MB", Fate.LOADED_BY_RULE, "the sale loaded, its note cut to 1,500,000 bytes (note_cut), whole in fixes/"),
    PAY_CODE_CASE("pay codes in lower case or with leading spaces ('cash', ' chk')", Fate.LOADED,
            "loaded with the method of the same code under the collation; the payment figures balance"),
    PAY_CODE_UNKNOWN("a pay code no PAYTYPE row holds ('ZZ')", Fate.LOADED_BY_RULE,
            "loaded with no method (orphan_payment_method); method (none) on both sides of the payment figures"),
    CONTROL_ONLY_NOTE("a note of only control characters", Fate.LOADED_BY_RULE, "loaded with no note (control_chars, then empty)"),
    MONEY_AT_LIMITS("MONEY amounts at MONEY's limits (+/-922,337,203,685,477.58)", Fate.LOADED,
            "loaded exactly in helm.sqlite, the money sums exact; the D1 preflight flags the cents beyond 2^53 (a Worker reads them inexactly)");

    /** What the toolkit owes a planted row. */
    public enum Fate {
        LOADED, LOADED_BY_RULE, REJECTED, ONE_REJECTED
    }

    public final String description;
    public final Fate fate;
    public final String expected;

    Hazard(String description, Fate fate, String expected) {
        this.description = description;
        this.fate = fate;
        this.expected = expected;
    }

    /** The name in manifest.json, e.g. "code_leading_spaces". */
    public String ruleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
