package lib.rules;

import java.util.Map;

/**
 * AIM's one-letter status codes spelled out; an unknown or blank code becomes 'unknown' (unknown_status). A code is
 * compared as AIM's collation compares it ({@link CodeKey#source()}): 'a' is 'A' in a case-insensitive database, as
 * AIM's own screens and the business figures' {@code STATUS = 'A'} take it; spaces around it do not count, a tab or a
 * line break does, as for T-SQL's LTRIM/RTRIM ({@link CodeKey#ofTrimmedAsSql}).
 */
public final class StatusCode {
    private StatusCode() {}

    public static String spell(String aim, Map<String, String> names, Tally tally) {
        return spell(aim, names, "unknown", tally);
    }

    /** As above with the table's own word for "none of these" (e.g. 'other'). */
    public static String spell(String aim, Map<String, String> names, String fallback, Tally tally) {
        String code = CodeKey.source().ofTrimmedAsSql(aim);
        String name = code == null ? null : names.get(code);
        if (name != null) return name;
        tally.add("unknown_status", fallback);
        return fallback;
    }
}
