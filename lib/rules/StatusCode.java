package lib.rules;

import java.util.Map;

/**
 * AIM's one-letter status codes spelled out; an unknown or blank code becomes 'unknown' (unknown_status). A code is
 * compared as its column's collation compares it ({@link CodeKey#column}): 'a' is 'A' in a case-insensitive column, as
 * AIM's own screens and the business figures' {@code STATUS = 'A'} take it; spaces around it do not count, a tab or a
 * line break does, as for T-SQL's LTRIM/RTRIM ({@link CodeKey#ofTrimmedAsSql}).
 */
public final class StatusCode {
    private StatusCode() {}

    /** A status of a column compared as the database's collation says ({@link CodeKey#source()}). */
    public static String spell(String aim, Map<String, String> names, Tally tally) {
        return spell(aim, names, "unknown", CodeKey.source(), tally);
    }

    /** As above with the table's own word for "none of these" (e.g. 'other'). */
    public static String spell(String aim, Map<String, String> names, String fallback, Tally tally) {
        return spell(aim, names, fallback, CodeKey.source(), tally);
    }

    /** A status of a column compared as {@code codes} (its collation) says. */
    public static String spell(String aim, Map<String, String> names, CodeKey codes, Tally tally) {
        return spell(aim, names, "unknown", codes, tally);
    }

    /** As above with the table's own word for "none of these" (e.g. 'other'). */
    public static String spell(String aim, Map<String, String> names, String fallback, CodeKey codes, Tally tally) {
        String code = codes.ofTrimmedAsSql(aim);
        String name = code == null ? null : names.get(code);
        if (name != null) return name;
        tally.add("unknown_status", fallback);
        return fallback;
    }
}
