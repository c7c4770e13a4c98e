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
    /** The normalized value, or NULL with what AIM held kept in {@code unparsed}. */
    public record Value(String value, String unparsed) {
        public static final Value NONE = new Value(null, null);
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");

    private Contact() {}

    public static Value phone(String raw, String region, Tally tally) {
        if (raw == null) return Value.NONE;
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string");
            return Value.NONE;
        }
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(s, region);
            if (PHONES.isPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE) return new Value(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), null);
        } catch (NumberParseException notANumber) {
            // Falls through: kept as text.
        }
        tally.add("phone_unparseable");
        return new Value(null, raw);
    }

    public static Value email(String raw, Tally tally) {
        if (raw == null) return Value.NONE;
        String s = raw.strip();
        if (s.isEmpty()) {
            tally.add("empty_string");
            return Value.NONE;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(lower).matches()) {
            tally.add("email_invalid");
            return new Value(null, raw);
        }
        if (!lower.equals(raw)) tally.add("email_normalized");
        return new Value(lower, null);
    }
}
