package lib.sample;

/**
 * The legacy defects the sample generator plants. Each name is also the name of
 * the ETL rule that handles it, so a test can match the manifest against the
 * migration report one to one.
 */
public enum Defect {
    STRAY_SPACES("leading or trailing spaces in a text value"),
    EMPTY_STRING("empty or blank string meaning NULL"),
    SENTINEL_DATE("1900-01-01 or 1899-12-30 meaning 'no date'"),
    TYPO_DATE("a date far in the past or future, a typing slip"),
    SUB_CENT_MONEY("a MONEY amount with digits below the cent"),
    SUB_CENT_COST("a unit cost that needs four decimals"),
    FLAG_VARIANT("a flag spelled T/F, 1/0 or in lower case instead of Y/N"),
    FLAG_BLANK("a flag left blank or NULL"),
    PHONE_UNPARSEABLE("a phone field holding something that is no phone number"),
    EMAIL_NORMALIZED("an e-mail address with capitals or surrounding spaces"),
    EMAIL_INVALID("an e-mail address that is not one"),
    NON_ASCII("text with characters outside ASCII, which must arrive byte-exact"),
    ORPHAN_PRODUCT("a ticket line whose product no longer exists"),
    ORPHAN_TICKET("a payment whose ticket no longer exists"),
    ORPHAN_CUSTOMER("a rental contract whose customer no longer exists"),
    SOFT_DELETED("a row marked deleted but never removed"),
    DUPLICATE_SKU("a SKU equal to an earlier one but for case or spaces"),
    DUPLICATE_ACCOUNT("a customer account number used by an earlier customer"),
    CONTROL_CHARS("text holding control characters other than tab and newline"),
    SPECIAL_CHARS("text holding quotes, newlines or tabs, which must arrive byte-exact"),
    DST_GAP("a local time that does not exist in the shop's zone (spring forward)"),
    DST_OVERLAP("a local time that exists twice in the shop's zone (fall back)");

    public final String description;

    Defect(String description) {
        this.description = description;
    }

    /** The rule name used in reports and the manifest, e.g. "sentinel_date". */
    public String ruleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
