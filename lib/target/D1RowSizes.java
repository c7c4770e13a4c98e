package lib.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * D1's measure of a table, taken from its rows as they are read back for its D1 file ({@link D1Export}): the largest
 * row in bytes as D1 counts them (SQLite's octet_length: a text's UTF-8 bytes, an integer's digits and sign, nothing
 * for NULL), and per INTEGER column (and amount column, {@link D1Limits#checksRange}) the values beyond +-(2^53 - 1).
 * These are what {@link D1Limits} otherwise scans the table for, after the load, on the run's own thread. Not {@link
 * #exact} when a value is of a kind the measure does not count as SQLite does (a REAL in a table that is not STRICT, a
 * text in a *_cents or INTEGER column): that table is scanned then.
 */
public final class D1RowSizes {
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }

    private final List<String> columns;
    /** The columns whose values beyond JavaScript's exact range are counted ({@link D1Limits#checksRange}). */
    private final boolean[] ranged;
    private final long[] beyond;
    private long row, largest;
    private boolean exact = true;

    D1RowSizes(TypedColumns typed) {
        this.columns = typed.names;
        ranged = new boolean[columns.size()];
        for (int i = 0; i < ranged.length; i++) ranged[i] = D1Limits.checksRange(columns.get(i), typed.integers[i]);
        beyond = new long[columns.size()];
    }

    void beginRow() {
        row = 0;
    }

    /** One value of the current row, as read back from the database. */
    void value(int column, Object v) {
        if (v == null) return;
        if (v instanceof Long || v instanceof Integer) integer(column, ((Number) v).longValue());
        else if (v instanceof String s) text(column, RowFaults.utf8Length(s));
        else exact = false;
    }

    /** An integer of the current row, as {@link #value} takes it (without a Long on the way). */
    void integer(int column, long n) {
        row += digits(n);
        if (ranged[column] && (n > D1Limits.MAX_SAFE_INTEGER || n < -D1Limits.MAX_SAFE_INTEGER)) beyond[column]++;
    }

    /** A text of the current row by its UTF-8 bytes, as {@link #value} takes it (counted by whoever encoded it). */
    void text(int column, long utf8Bytes) {
        if (ranged[column]) exact = false; // the scan compares it with 2^53 as SQLite does: text sorts after any number
        else row += utf8Bytes;
    }

    void endRow() {
        if (row > largest) largest = row;
    }

    /** The characters of an integer's decimal text, its minus sign included. */
    static int digits(long n) {
        if (n == Long.MIN_VALUE) return 20;
        long m = Math.abs(n);
        int d = 1;
        while (d < POWERS_OF_TEN.length && m >= POWERS_OF_TEN[d]) d++;
        return n < 0 ? d + 1 : d;
    }

    /** Whether every value was counted as SQLite counts it (else the table is measured by a scan). */
    public boolean exact() {
        return exact;
    }

    public long largestRowBytes() {
        return largest;
    }

    /** The columns {@link D1Limits#checksRange} holding values beyond +-(2^53 - 1), with how many, in column order. */
    public Map<String, Long> beyondJavaScript() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < beyond.length; i++) if (beyond[i] > 0) out.put(columns.get(i), beyond[i]);
        return out;
    }
}
