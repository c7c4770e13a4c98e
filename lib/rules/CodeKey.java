package lib.rules;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One definition of "the same code" (tax, payment and category codes, gift card and account numbers, status letters), as
 * SQL Server's {@code =} decides it under the collation of the column that holds the code: CHAR padding and stray spaces
 * around the code never count (the toolkit's text rule strips them, and AIM's own figures compare LTRIM/RTRIM'd codes),
 * and case folds unless the collation is case-sensitive (a name with _CS_ or _BIN, e.g. Latin1_General_CS_AS). Most AIM
 * databases run SQL_Latin1_General_CP1_CI_AS, where 'cash ' and 'CASH' are one code; a column may have a collation of
 * its own ({@code PAY_CODE CHAR(4) COLLATE Latin1_General_CS_AS}), where 'cash' and 'CASH' are two.
 *
 * <p>A run reads one AIM database, so the collations are read once when the run starts ({@code lib.source.SourceCollation}):
 * the database's and each column's, set here with {@link #use(String, Map)}. {@link #column} is then a column's
 * comparison, {@link #source()} the database's. Until a run sets them (unit tests, the H2 sample) every column is
 * case-insensitive. {@code collation} is the column's collation as the server names it when it compares otherwise than
 * the database's (the rejects name it then), else null.
 */
public record CodeKey(boolean caseSensitive, String collation) {
    public static final CodeKey CASE_INSENSITIVE = new CodeKey(false);
    public static final CodeKey CASE_SENSITIVE = new CodeKey(true);

    private static volatile CodeKey source = CASE_INSENSITIVE;
    /** The collation of each text column, by "TABLE.COLUMN" in upper case, as the server names it. */
    private static volatile Map<String, String> columns = Map.of();

    /** A comparison that is the database's own (no collation of the column's to name). */
    public CodeKey(boolean caseSensitive) {
        this(caseSensitive, null);
    }

    /** The comparison a collation name implies; NULL or an unknown name is case-insensitive (SQL Server's default). */
    public static CodeKey forCollation(String collation) {
        if (collation == null) return CASE_INSENSITIVE;
        // By its parts: Latin1_General_CS_AS, Latin1_General_BIN2, and Latin1_General_100_BIN2_UTF8 (SQL Server 2019) compare case.
        for (String part : collation.toUpperCase(Locale.ROOT).split("_")) {
            if (part.equals("CS") || part.equals("BIN") || part.equals("BIN2")) return CASE_SENSITIVE;
        }
        return CASE_INSENSITIVE;
    }

    /** The comparison of the AIM database being read (set at the start of a run). */
    public static CodeKey source() {
        return source;
    }

    /** Sets the comparison of the AIM database this run reads, every column comparing as it does (null: the default). */
    public static void use(CodeKey key) {
        columns = Map.of();
        source = key == null ? CASE_INSENSITIVE : new CodeKey(key.caseSensitive);
    }

    /**
     * Sets the collations of the AIM database this run reads: the database's ({@code database}, null when the server
     * does not say) and its columns' ({@code byColumn}: "TABLE.COLUMN" to the collation's name; a column not in it
     * compares as the database does).
     */
    public static void use(String database, Map<String, String> byColumn) {
        Map<String, String> upper = new HashMap<>();
        byColumn.forEach((c, name) -> {
            if (name != null) upper.put(c.toUpperCase(Locale.ROOT), name);
        });
        columns = Map.copyOf(upper);
        source = forCollation(database);
    }

    /**
     * How AIM compares the codes of {@code table.column}: its own collation, else the database's. A code held in one
     * column and named in another (PAYTYPE.PAY_CODE and TKTPAY.PAY_CODE) is compared as the column that holds the
     * code's definition says: where two columns' collations differ SQL Server's rules of collation precedence would
     * refuse the comparison (Msg 468) or need a COLLATE, and the definition is what a code means.
     */
    public static CodeKey column(String table, String column) {
        String name = collationOf(table, column);
        CodeKey db = source;
        if (name == null) return db;
        boolean cs = forCollation(name).caseSensitive;
        // Named only when it compares otherwise: a TDS server names even a column of the database's collation its own way.
        return cs == db.caseSensitive ? db : new CodeKey(cs, name);
    }

    /** The collation of {@code table.column} as the server names it; null when it did not say (the database's, then). */
    public static String collationOf(String table, String column) {
        Map<String, String> known = columns;
        if (known.isEmpty()) return null; // the sample, or a server that did not say: asked for every line's code, so no key is made
        return known.get(table.toUpperCase(Locale.ROOT) + "." + column.toUpperCase(Locale.ROOT));
    }

    /**
     * The code as compared: stripped, upper case unless case-sensitive; NULL for NULL or a blank code. Case folds one
     * character at a time, as SQL Server's UPPER does: 'ß' stays 'ß', where {@link String#toUpperCase} makes it 'SS'.
     * Two codes AIM's key holds apart are never one code here (a Windows collation that takes 'ß' for 'ss' keeps one of
     * them out of the key; SQL_Latin1_General_CP1_CI_AS keeps both). H2's UPPER gives 'SS': on an H2 copy of AIM, a
     * payment coded 'ß' would differ in the payments figure, which says so (exit 1), never silently.
     */
    public String of(String code) {
        return code == null ? null : folded(code.strip());
    }

    /** A code already trimmed, its case folded unless case-sensitive; NULL when it is empty. */
    private String folded(String s) {
        if (s.isEmpty() || caseSensitive) return s.isEmpty() ? null : s;
        StringBuilder upper = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i), u = Character.toUpperCase(c);
            if (u != c && upper == null) upper = new StringBuilder(s.length()).append(s, 0, i);
            if (upper != null) upper.appendCodePoint(u);
            i += Character.charCount(c);
        }
        return upper == null ? s : upper.toString();
    }

    /**
     * A status letter as AIM's own SQL compares it, LTRIM/RTRIM'd: spaces around it do not count, a tab or line break
     * does (the business figures' {@code UPPER(LTRIM(RTRIM(STATUS))) = 'O'} must pick the rows Helm calls open); case
     * as {@link #of}. NULL for NULL or only spaces.
     */
    public String ofTrimmedAsSql(String code) {
        if (code == null) return null;
        int from = 0, to = code.length();
        while (from < to && code.charAt(from) == ' ') from++;
        while (to > from && code.charAt(to - 1) == ' ') to--;
        return folded(code.substring(from, to));
    }

    /** Whether two codes are the same code. */
    public boolean same(String a, String b) {
        String x = of(a), y = of(b);
        return x == null ? y == null : x.equals(y);
    }

    /** Whose collation this is, as a reject says it: "AIM's collation", or "PAY_CODE's collation, Latin1_General_CS_AS". */
    public String whose(String column) {
        return collation == null ? "AIM's collation" : column + "'s collation, " + collation;
    }

    /** The name shown in the report, e.g. "case-insensitive". */
    public String describe() {
        return caseSensitive ? "case-sensitive" : "case-insensitive";
    }
}
