package lib.target;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

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
        String text = dump.indexOf('\0') < 0 ? dump : dump.replace("\0", "'||char(0)||'");
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0; // a doubled quote closes and opens again
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                out.append(notStrict(text.substring(start, i))).append(';');
                start = i + 1;
            }
        }
        return out.append(text, start, text.length()).toString();
    }

    /** A CREATE TABLE statement without its STRICT option; any other statement as it is. */
    private static String notStrict(String statement) {
        int at = 0;
        while (at < statement.length() && Character.isWhitespace(statement.charAt(at))) at++;
        if (!statement.regionMatches(true, at, "CREATE TABLE", 0, 12)) return statement;
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
