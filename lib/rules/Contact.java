package lib.rules;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phone numbers and e-mail addresses as AIM's free-text fields hold them. A phone
 * becomes E.164 when its digits make a possible number for the shop's region
 * (libphonenumber); otherwise the text is kept in the *_unparsed column. An
 * e-mail is trimmed and lower-cased; one that is still not plausible is kept
 * unparsed. Blank means NULL.
 */
public final class Contact {
    /**
     * The normalized value, or NULL with what AIM held kept in {@code unparsed}; both when the
     * value does not carry everything AIM held (a phone's vanity letters, say).
     */
    public record Value(String value, String unparsed) {
        public static final Value NONE = new Value(null, null);
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[a-z]{2,}$");

    private Contact() {}

    /** Whether a phone region is one the phone rules (libphonenumber) know: two capitals, US, GB, CA. */
    public static boolean isRegion(String region) {
        return PHONES.getSupportedRegions().contains(region);
    }

    /**
     * A phone as E.164, with an extension as RFC 3966 writes it ({@code +13125550100;ext=42},
     * counted as phone_extension). When that form does not say everything the text said (letters
     * of a vanity number such as 1-800-FLOWERS, a word, digits libphonenumber left out), the text
     * is kept in {@code unparsed} beside it (phone_original_kept).
     */
    public static Value phone(String raw, String region, Tally tally) {
        if (raw == null) return Value.NONE;
        raw = Text.wellFormed(raw, tally);
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string", null);
            return Value.NONE;
        }
        String nanp = "US".equals(region) || "CA".equals(region) ? northAmerican(s) : null;
        if (nanp != null) return new Value(nanp, null);
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(s, region);
            if (PHONES.isPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                String value = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
                String ext = n.hasExtension() && !n.getExtension().isEmpty() ? n.getExtension() : null;
                if (ext != null) {
                    value += ";ext=" + ext;
                    tally.add("phone_extension", value);
                }
                if (saysEverything(s, n, ext)) return new Value(value, null);
                tally.add("phone_original_kept", value);
                return new Value(value, raw);
            }
        } catch (NumberParseException notANumber) {
            // Falls through: kept as text.
        }
        tally.add("phone_unparseable", null);
        return new Value(null, raw);
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()+/0-9]");
    private static final Pattern EXTENSION_MARK = Pattern.compile("(ext(ension|n)?|x)?[.:#,]?|;ext=");

    /**
     * Whether the stored number carries all the text held: its digits are an optional country
     * code or trunk/international prefix, the national number and the extension, in that order;
     * besides them only separators and one extension marker.
     */
    static boolean saysEverything(String s, Phonenumber.PhoneNumber n, String ext) {
        String rest = SEPARATORS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        if (ext == null ? !rest.isEmpty() : !EXTENSION_MARK.matcher(rest).matches()) return false;
        String digits = s.replaceAll("[^0-9]", "");
        String number = PHONES.getNationalSignificantNumber(n) + (ext == null ? "" : ext);
        if (!digits.endsWith(number)) return false;
        String lead = digits.substring(0, digits.length() - number.length());
        String cc = String.valueOf(n.getCountryCode());
        return lead.isEmpty() || lead.equals(cc) || lead.equals("0") || lead.equals("00" + cc) || lead.equals("011" + cc);
    }

    /**
     * Fast path for the common case: a North American number written with digits and
     * the usual separators only, 10 digits or 11 starting with 1, whose area code and
     * exchange start with 2-9. It gives what libphonenumber gives; anything else goes
     * through libphonenumber.
     */
    static String northAmerican(String s) {
        char[] digits = new char[11];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == 11) return null;
                digits[n++] = c;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && !(c == '+' && n == 0)) {
                return null;
            }
        }
        int from = n == 11 && digits[0] == '1' ? 1 : n == 10 ? 0 : -1;
        if (from < 0 || digits[from] < '2' || digits[from + 3] < '2') return null;
        return "+1" + new String(digits, from, 10);
    }

    public static Value email(String raw, Tally tally) {
        if (raw == null) return Value.NONE;
        raw = Text.wellFormed(raw, tally);
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string", null);
            return Value.NONE;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(lower).matches()) {
            tally.add("email_invalid", null);
            return new Value(null, raw);
        }
        if (!lower.equals(raw)) tally.add("email_normalized", lower);
        return new Value(lower, null);
    }
}
