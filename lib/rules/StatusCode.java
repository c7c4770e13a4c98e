package lib.rules;

import java.util.Map;

/** AIM's one-letter status codes spelled out; an unknown or blank code becomes 'unknown' (unknown_status). */
public final class StatusCode {
    private StatusCode() {}

    public static String spell(String aim, Map<String, String> names, Tally tally) {
        return spell(aim, names, "unknown", tally);
    }

    /** As above with the table's own word for "none of these" (e.g. 'other'). */
    public static String spell(String aim, Map<String, String> names, String fallback, Tally tally) {
        String name = aim == null ? null : names.get(aim.strip());
        if (name != null) return name;
        tally.add("unknown_status", fallback);
        return fallback;
    }
}
