package lib.target;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What wrangler's D1 export writes, and what SQLite reads back from it. The export
 * (wrangler 3.78.12 to 4.86.0; for a local database miniflare's
 * workers/d1/database.worker.js, outputQuotedEscapedString) loses two things, which
 * --d1-verify allows for and names:
 *
 * - an integer beyond +-2^53 is printed as JavaScript holds it, the nearest double;
 * - a text holding a line feed or carriage return is written with each one as the two
 *   characters backslash-n or backslash-r, inside replace(..., '\r', char(13)) and
 *   replace(..., '\n', char(10)): a backslash-n or backslash-r the text held itself
 *   comes back as a line break too.
 *
 * And a NUL is written raw inside its '...' literal, where SQLite ends a statement's text.
 *
 * So two integers can print alike (a store's tickets 9007199254740992 and 9007199254740993), where a key or UNIQUE
 * constraint holds them apart: the copy compared holds its tables without constraints.
 */
public final class WranglerExport {
    private WranglerExport() {}

    /**
     * The export as SQLite can run it into a copy to compare: every NUL of the export lies in a '...' literal (names
     * hold none), so each becomes '||char(0)||' there: the same text. And its tables are not STRICT: an integer
     * the export prints as 2^63 or beyond (the nearest double of one near a long's limit) is a REAL to SQLite, which a
     * STRICT INTEGER column refuses; the copy keeps it, and TableContent takes it as that REAL.
     */
    public static String runnable(String dump) {
        return runnable(dump, Set.of());
    }

    /**
     * As above, with each of the tables {@code compared} (in any case) held as its columns only: no key, UNIQUE, CHECK or
     * NOT NULL (and no index of the copy unique), so two values the export prints alike are two rows, as in D1, not a
     * failed copy. Their types are kept (as CREATE TABLE ... AS SELECT gives them); WITHOUT ROWID goes with the key.
     */
    public static String runnable(String dump, Set<String> compared) {
        Set<String> freed = new java.util.HashSet<>();
        compared.forEach(t -> freed.add(t.toLowerCase(Locale.ROOT)));
        String text = dump.indexOf('\0') < 0 ? dump : dump.replace("\0", "'||char(0)||'");
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char close = c == '\'' || c == '"' || c == '`' ? c : c == '[' ? ']' : 0;
            if (close != 0) { // a literal or a quoted name: to its closing quote (a doubled one closes and opens again)
                i = text.indexOf(close, i + 1);
                if (i < 0) break;
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                i = text.indexOf('\n', i);
                if (i < 0) break;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                i = text.indexOf("*/", i + 2);
                if (i < 0) break;
                i++;
            } else if (c == ';') {
                if (isCreateTable(text, start)) {
                    out.append(notStrict(text.substring(start, i))).append(';');
                    String table = tableName(text, start);
                    if (table != null && freed.contains(table.toLowerCase(Locale.ROOT))) out.append(unconstrained(table));
                } else if (startsWith(text, start, "CREATE UNIQUE INDEX")) {
                    out.append("CREATE INDEX").append(text, skipSpace(text, start) + "CREATE UNIQUE INDEX".length(), i).append(';');
                } else {
                    out.append(text, start, i).append(';');
                }
                start = i + 1;
            }
        }
        return out.append(text, start, text.length()).toString();
    }

    private static boolean isCreateTable(String text, int at) {
        return startsWith(text, at, "CREATE TABLE");
    }

    private static boolean startsWith(String text, int at, String words) {
        return text.regionMatches(true, skipSpace(text, at), words, 0, words.length());
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        return at;
    }

    /** The name a CREATE TABLE at {@code at} gives its table, unquoted; null when it is not one this reads. */
    static String tableName(String text, int at) {
        int i = skipSpace(text, skipSpace(text, at) + "CREATE TABLE".length());
        if (startsWith(text, i, "IF NOT EXISTS")) i = skipSpace(text, i + "IF NOT EXISTS".length());
        if (i >= text.length()) return null;
        char open = text.charAt(i), close = open == '[' ? ']' : open == '"' || open == '`' ? open : 0;
        if (close == 0) {
            int end = i;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
            return end == i ? null : text.substring(i, end);
        }
        StringBuilder name = new StringBuilder();
        for (int k = i + 1; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c != close) name.append(c);
            else if (close != ']' && k + 1 < text.length() && text.charAt(k + 1) == close) name.append(text.charAt(++k));
            else return name.toString();
        }
        return null;
    }

    /** Statements that put a table's columns, without its constraints, in its place (before any row is inserted). */
    private static String unconstrained(String table) {
        String name = "\"" + table.replace("\"", "\"\"") + "\"", scratch = "\"" + table.replace("\"", "\"\"") + " unconstrained\"";
        return "\nCREATE TABLE " + scratch + " AS SELECT * FROM " + name + " WHERE 0;\nDROP TABLE " + name + ";\nALTER TABLE " + scratch
                + " RENAME TO " + name + ";";
    }

    /** A CREATE TABLE statement (as sqlite_schema holds it: the export writes no comment after its options) without its STRICT option. */
    private static String notStrict(String statement) {
        int close = statement.lastIndexOf(')');
        if (close < 0) return statement;
        List<String> options = new ArrayList<>();
        for (String o : statement.substring(close + 1).split(",")) if (!o.isBlank() && !o.strip().equalsIgnoreCase("STRICT")) options.add(o.strip());
        return statement.substring(0, close + 1) + (options.isEmpty() ? "" : " " + String.join(", ", options));
    }

    /**
     * An integer as JavaScript prints it: the nearest double, written with the fewest digits that
     * read back as that double (ECMAScript's Number::toString), then read as an integer again.
     */
    static long integerReadBack(long n) {
        double d = (double) n;
        if (d >= 0x1p63 || d <= -0x1p63) throw new ArithmeticException(n + " reads back as " + d + ", a REAL, not an integer");
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal shortest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == d) return shortest.longValueExact();
        }
        return exact.longValueExact();
    }

    /**
     * A text as SQLite reads it back from the export: the line breaks written as escapes, then
     * every backslash-r turned into a carriage return when the text held one, then every
     * backslash-n into a line feed when it held one (the inner replace() runs first).
     */
    public static String textReadBack(String s) {
        boolean lf = s.indexOf('\n') >= 0, cr = s.indexOf('\r') >= 0;
        if (!lf && !cr) return s;
        String written = s.replace("\n", "\\n").replace("\r", "\\r");
        if (cr) written = written.replace("\\r", "\r");
        if (lf) written = written.replace("\\n", "\n");
        return written;
    }
}
