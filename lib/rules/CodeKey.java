package lib.rules;

import java.util.Locale;

/**
 * One definition of "the same code" (tax, payment and category codes), as SQL Server's
 * {@code =} decides it under the AIM database's collation: CHAR padding and stray spaces
 * around the code never count (the toolkit's text rule strips them, and AIM's own
 * figures compare LTRIM/RTRIM'd codes), and case folds unless the collation is
 * case-sensitive (a name with _CS_ or _BIN, e.g. Latin1_General_CS_AS). Most AIM
 * databases run SQL_Latin1_General_CP1_CI_AS, where 'cash ' and 'CASH' are one code.
 *
 * <p>A run reads one AIM database, so the collation is read once when the run starts
 * ({@code lib.source.SourceCollation}) and set here with {@link #use}; every code lookup
 * of the slices and both sides of the business figures then read {@link #source()}.
 * Until a run sets it (unit tests, the H2 sample) it is case-insensitive.
 */
public record CodeKey(boolean caseSensitive) {
    public static final CodeKey CASE_INSENSITIVE = new CodeKey(false);
    public static final CodeKey CASE_SENSITIVE = new CodeKey(true);

    private static volatile CodeKey source = CASE_INSENSITIVE;

    /** The comparison a collation name implies; NULL or an unknown name is case-insensitive (SQL Server's default). */
    public static CodeKey forCollation(String collation) {
        if (collation == null) return CASE_INSENSITIVE;
        String c = collation.toUpperCase(Locale.ROOT);
        return c.contains("_CS") || c.endsWith("_BIN") || c.endsWith("_BIN2") ? CASE_SENSITIVE : CASE_INSENSITIVE;
    }

    /** The comparison of the AIM database being read (set at the start of a run). */
    public static CodeKey source() {
        return source;
    }

    /** Sets the comparison of the AIM database this run reads. */
    public static void use(CodeKey key) {
        source = key == null ? CASE_INSENSITIVE : key;
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

    /** The name shown in the report, e.g. "case-insensitive". */
    public String describe() {
        return caseSensitive ? "case-sensitive" : "case-insensitive";
    }
}
