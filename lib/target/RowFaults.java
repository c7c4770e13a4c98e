package lib.target;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;

/** What made the target refuse one row, said with the column, the constraint or limit, and the value. */
final class RowFaults {
    private static final Pattern SQLITE_DETAIL = Pattern.compile("\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)\\s*$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN = 60;

    private RowFaults() {}

    /**
     * The reason for a row D1 would refuse: over {@link D1Limits#MAX_ROW_BYTES}, measured as the
     * preflight does (UTF-8 bytes of text, digits of integers); null when within the limit.
     */
    static String overD1(String[] columns, Object[] values) {
        long bound = 0;
        for (Object v : values) bound += v instanceof String s ? 3L * s.length() : 20;
        if (bound <= D1Limits.MAX_ROW_BYTES) return null;
        long total = 0, largest = -1;
        String largestColumn = null;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            long n = v == null ? 0 : v instanceof String s ? utf8Length(s) : v.toString().length();
            total += n;
            if (n > largest) {
                largest = n;
                largestColumn = columns[i];
            }
        }
        if (total <= D1Limits.MAX_ROW_BYTES) return null;
        return "row of " + total + " bytes is over D1's limit of " + D1Limits.MAX_ROW_BYTES + " bytes a row (" + largestColumn + ": "
                + largest + " bytes)";
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    /** SQLite's own words (e.g. "UNIQUE constraint failed: tax_rates.code"), then the values of the columns they name. */
    static String reason(String message, String[] columns, Object[] values) {
        String detail = message == null ? "refused" : message;
        Matcher m = SQLITE_DETAIL.matcher(detail);
        if (detail.startsWith("[SQLITE_") && m.find()) detail = m.group(1);
        StringBuilder shown = new StringBuilder();
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        Matcher w = WORD.matcher(detail.contains(":") ? detail.substring(detail.indexOf(':') + 1) : detail);
        while (w.find()) named.add(w.group());
        for (int i = 0; i < columns.length; i++) {
            if (!named.contains(columns[i])) continue;
            shown.append(shown.length() == 0 ? " (" : ", ").append(columns[i]).append(" = ").append(show(values[i]));
        }
        return detail + (shown.length() == 0 ? "" : shown.append(')').toString());
    }

    private static String show(Object v) {
        if (v == null) return "NULL";
        if (!(v instanceof String s)) return v.toString();
        String quoted = s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
        StringBuilder sb = new StringBuilder("'");
        for (char c : quoted.toCharArray()) {
            if (c < 0x20 || c == 0x7F) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('\'');
        return s.length() > SHOWN ? sb.append(" (").append(s.length()).append(" chars)").toString() : sb.toString();
    }

    /** A second row for an id already taken: the id function collided (or the same AIM key came twice). */
    static boolean isIdCollision(SQLiteErrorCode code, String reason, String table) {
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || reason.startsWith("UNIQUE constraint failed: " + table + ".id ")
                || reason.equals("UNIQUE constraint failed: " + table + ".id");
    }
}
