package lib.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * D1's measure of a table, taken from its rows as they are read back for its D1 file ({@link D1Export}): the largest
 * row in bytes as D1 counts them (SQLite's octet_length: a text's UTF-8 bytes, an integer's digits and sign, nothing
 * for NULL), and per amount column ({@link D1Limits#isAmount}) the values beyond +-(2^53 - 1). These are what {@link D1Limits} otherwise scans the
 * table for, after the load, on the run's own thread. Not {@link #exact} when a value is of a kind the measure does not
 * count as SQLite does (a REAL in a table that is not STRICT, a text in a *_cents column): that table is scanned then.
 */
public final class D1RowSizes {
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }

    private final List<String> columns;
    private final boolean[] cents;
    private final long[] beyond;
    private long row, largest;
    private boolean exact = true;

    D1RowSizes(List<String> columns) {
        this.columns = List.copyOf(columns);
        cents = new boolean[columns.size()];
        for (int i = 0; i < cents.length; i++) cents[i] = D1Limits.isAmount(columns.get(i));
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
        if (cents[column] && (n > D1Limits.MAX_SAFE_INTEGER || n < -D1Limits.MAX_SAFE_INTEGER)) beyond[column]++;
    }

    /** A text of the current row by its UTF-8 bytes, as {@link #value} takes it (counted by whoever encoded it). */
    void text(int column, long utf8Bytes) {
        if (cents[column]) exact = false;
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

    /** The amount columns ({@link D1Limits#isAmount}) holding values beyond +-(2^53 - 1), with how many, in column order. */
    public Map<String, Long> beyondJavaScript() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < beyond.length; i++) if (beyond[i] > 0) out.put(columns.get(i), beyond[i]);
        return out;
    }
}
