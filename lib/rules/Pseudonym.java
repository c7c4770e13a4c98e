package lib.rules;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic pseudonyms for a redacted dry-run (--redact): customer and staff
 * names, e-mail addresses, phone numbers, street addresses and cities, free-text notes and what staff typed about one
 * customer (a special order, the instrument brought in, a contact's relation)
 * become HMAC-SHA256(salt, kind + value) derived stand-ins. The same value and the
 * same salt always give the same pseudonym, so joins and counts hold; without the
 * salt (never written to the output) the original cannot be looked up from a list
 * of likely names. A birth date keeps only its year and a ZIP code its first three characters
 * (what HIPAA's Safe Harbor rule keeps): a full birth date beside a five-digit ZIP singles out
 * most people, a birth year in a three-digit ZIP area does not, and age bands (student
 * rentals) stay testable. Amounts, other dates, SKUs and keys are never touched.
 */
public final class Pseudonym {
    /** Helm columns that hold personal data, by name, in every table (and of one table each, below). */
    static final Set<String> HELM_COLUMNS = Set.of("first_name", "last_name", "initials", "company", "address", "address1",
            "email", "email_unparsed", "phone", "phone_unparsed", "phone_alt", "phone_alt_unparsed", "notes", "memo", "problem", "reference",
            "birth_date", "zip", "city");

    /**
     * Free text of one table that is written about one customer (a special order's description, the instrument brought in,
     * how a contact is related), where a name or an e-mail typed in would leave the shop; the same column of other
     * tables (a product's description) stays.
     */
    static final Set<String> HELM_TABLE_COLUMNS = Set.of("customer_contacts.name", "customer_contacts.relation", "special_orders.description",
            "repair_orders.instrument");

    /** Parts of AIM column names that hold the same data, for the values listed in rejects/. */
    static final String[] AIM_PARTS = {"NAME", "INITIALS", "COMPANY", "ADDR", "EMAIL", "PHONE", "NOTE", "MEMO", "PROBLEM", "REF_NO", "CONTACT", "BIRTH", "ZIP",
        "CITY", "RELATION", "INSTRUMENT", "DESCRIPTION"};

    private final Mac mac;

    public Pseudonym(byte[] salt) {
        if (salt.length < 8) throw new IllegalArgumentException("the redaction salt must be at least 8 bytes");
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a Helm column is redacted. Business names (stores, vendors, schools, categories) stay. */
    public static boolean helmColumn(String table, String column) {
        return HELM_COLUMNS.contains(column) || HELM_TABLE_COLUMNS.contains(table + "." + column);
    }

    /** Whether an AIM column's values are redacted in rejects/ (store, vendor and school names included: rejects are rare). */
    public static boolean aimColumn(String column) {
        String c = column.toUpperCase(Locale.ROOT);
        for (String p : AIM_PARTS) if (c.contains(p)) return true;
        return false;
    }

    private synchronized String hex(String kind, String value) {
        byte[] d = mac.doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 6);
    }

    /**
     * Which values a redaction covers, as a number raised whenever it comes to cover more (2: cities, and the free text
     * about one customer): a --slice re-run into an output redacted by a narrower one would leave it half plain.
     */
    public static final int SCOPE = 2;

    /**
     * Which salt made an output's pseudonyms, for a re-run to be refused one of another salt: a pseudonym of a
     * fixed text, as any name's pseudonym in the output already is (it tells no more of the salt).
     */
    public String fingerprint() {
        return hex("salt", "the salt of a redacted AIM migration");
    }

    /** The pseudonym of a value in a column; NULL stays NULL. Shapes pass the column's CHECKs (e-mail, E.164 phone). */
    public String of(String column, String value) {
        if (value == null) return null;
        String kind = column.toLowerCase(Locale.ROOT);
        if (kind.startsWith("birth")) return birthYear(value);
        if (kind.equals("zip")) return value.strip().length() <= 3 ? value.strip() : value.strip().substring(0, 3);
        String h = hex(kind.replace("_unparsed", "").replace("_alt", ""), value);
        if (kind.equals("email")) return "r" + h + "@redacted.invalid";
        if (kind.equals("phone") || kind.equals("phone_alt")) {
            long n = Long.parseLong(h.substring(0, 8), 16) % 10_000_000L;
            return String.format("+1555%07d", n);
        }
        if (kind.contains("name") || kind.equals("initials") || kind.equals("company")) return "Name-" + h;
        if (kind.contains("addr")) return "Address-" + h;
        if (kind.equals("city")) return "City-" + h;
        return "Redacted-" + h;
    }

    /** A birth date (Helm's YYYY-MM-DD, or AIM's date and time in rejects/) as January 1 of its year; NULL when there is no year. */
    static String birthYear(String value) {
        String v = value.strip();
        return v.length() >= 4 && v.substring(0, 4).chars().allMatch(Character::isDigit) ? v.substring(0, 4) + "-01-01" : null;
    }
}
