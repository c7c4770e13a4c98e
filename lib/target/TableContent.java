package lib.target;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of one Helm table reduced to control totals: row count, an
 * order-independent checksum of every column of every row, the sum of each
 * *_cents column, and the first and last value of the table's main date.
 *
 * The checksum is the sum (mod 2^64) of one 64-bit hash per row; a row's hash
 * mixes each column's value in column order, with its type (NULL, integer,
 * text). The same totals are computed from the rows as the slices write them,
 * from helm.sqlite, and from a database loaded from the D1 files, so the three
 * can be compared. It finds accidental change (a value, a row missing or
 * doubled), not a deliberate forgery: use the file hashes in manifest.json for that.
 */
public final class TableContent {
    private static final long NULL_HASH = 0x6A09E667F3BCC908L;
    private static final long INTEGER_TAG = 0xBB67AE8584CAA73BL;
    private static final long TEXT_TAG = 0x3C6EF372FE94F82BL;
    private static final long REAL_TAG = 0xA54FF53A5F1D36F1L;

    private final String table;
    private final List<String> columns;
    private final int dateColumn;
    private final boolean[] cents;
    private final long[] sums;
    /** A column's sum once it has left a long's range (null until then, and for the others): the totals stay exact. */
    private BigInteger[] bigSums;
    private long rows;
    private long checksum;
    private String first, last;
    private long row;
    /** Values taken as wrangler's D1 export shows them: see {@link #scanAsExported}. */
    private boolean asExported;
    private long beyondJavaScript, lineBreakEscapes;
    /** D1's measure of the same rows, when they were read back for a D1 file ({@link D1Export}); null otherwise. */
    private D1RowSizes d1Sizes;

    public TableContent(String table, List<String> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.dateColumn = mainDate(columns);
        this.cents = new boolean[columns.size()];
        for (int i = 0; i < cents.length; i++) cents[i] = columns.get(i).endsWith("_cents");
        this.sums = new long[columns.size()];
    }

    /** The table's main date: its first *_at column, else its first *_date column; -1 when it has neither. */
    static int mainDate(List<String> columns) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).endsWith("_at")) return i;
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).endsWith("_date")) return i;
        return -1;
    }

    /** D1's measure of these rows, taken as they were read back for their D1 file; null when they were not. */
    public D1RowSizes d1Sizes() {
        return d1Sizes;
    }

    D1RowSizes measuredForD1(D1RowSizes sizes) {
        d1Sizes = sizes;
        return sizes;
    }

    /** Reads a whole table and totals it. */
    public static TableContent scan(Connection db, String table) throws SQLException {
        return scan(db, table, false);
    }

    /**
     * As {@link #scan}, with each value as wrangler's D1 export of the same rows shows it
     * ({@link WranglerExport}): an integer beyond +-2^53 as the nearest double, a text holding a
     * line break with its own backslash-n or backslash-r read back as line breaks too.
     */
    public static TableContent scanAsExported(Connection db, String table) throws SQLException {
        return scan(db, table, true);
    }

    /** The integers beyond +-2^53 a {@link #scanAsExported} met. */
    public long beyondJavaScript() {
        return beyondJavaScript;
    }

    /** The texts a {@link #scanAsExported} met that the export reads back otherwise (a backslash-n beside a line break). */
    public long lineBreakEscapes() {
        return lineBreakEscapes;
    }

    private static TableContent scan(Connection db, String table, boolean asExported) throws SQLException {
        TypedColumns typed = TypedColumns.of(db, table);
        TableContent c = new TableContent(table, typed.names);
        c.asExported = asExported;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(", ", c.columns) + " FROM " + table)) {
            int n = c.columns.size();
            while (rs.next()) {
                c.beginRow();
                for (int i = 0; i < n; i++) c.value(i, typed.value(rs, i));
                c.endRow();
            }
        }
        return c;
    }

    public void beginRow() {
        row = 0x510E527FADE682D1L;
    }

    /** One value of the current row; values come in column order. */
    public void value(int column, Object v) {
        if (v == null) nullValue(column);
        else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) integer(column, ((Number) v).longValue());
        else if (v instanceof String s) text(column, s);
        else if (v instanceof Double d) mixValue(column, mix(Double.doubleToLongBits(d) ^ REAL_TAG));
        else throw new IllegalArgumentException(table + "." + columns.get(column) + ": no checksum for " + v.getClass().getSimpleName());
    }

    /** A NULL of the current row, as {@link #value} takes it. */
    void nullValue(int column) {
        mixValue(column, NULL_HASH);
    }

    /** An integer of the current row, as {@link #value} takes it (without a Long on the way). */
    void integer(int column, long n) {
        if (asExported && (n > 1L << 53 || n < -(1L << 53))) {
            beyondJavaScript++;
            double d = n;
            if (d >= 0x1p63 || d <= -0x1p63) { // printed as 2^63 or beyond: no SQLite integer, the copy holds the REAL
                mixValue(column, mix(Double.doubleToLongBits(d) ^ REAL_TAG));
                return;
            }
            n = WranglerExport.integerReadBack(n);
        }
        if (cents[column]) add(column, n);
        mixValue(column, mix(n ^ INTEGER_TAG));
    }

    /** A text of the current row, as {@link #value} takes it. */
    void text(int column, String text) {
        String s = text;
        if (asExported && !(s = WranglerExport.textReadBack(text)).equals(text)) lineBreakEscapes++;
        if (column == dateColumn) {
            if (first == null || s.compareTo(first) < 0) first = s;
            if (last == null || s.compareTo(last) > 0) last = s;
        }
        // String's own hash (cached, and cheap to compute) widened with the length: a changed
        // value goes unnoticed with odds of about 1 in 4 billion.
        mixValue(column, mix(TEXT_TAG ^ (s.hashCode() & 0xFFFFFFFFL) ^ ((long) s.length() << 32)));
    }

    /**
     * An ASCII text of the current row, given as its bytes and {@code hash}, its String's {@link String#hashCode}: as
     * {@link #text} takes that String, which only the main date and a scan as exported need made.
     */
    void textAscii(int column, byte[] ascii, int hash) {
        if (asExported || column == dateColumn) text(column, new String(ascii, StandardCharsets.ISO_8859_1));
        else mixValue(column, mix(TEXT_TAG ^ (hash & 0xFFFFFFFFL) ^ ((long) ascii.length << 32)));
    }

    private void mixValue(int column, long h) {
        row = mix(row + h * 0x9E3779B97F4A7C15L + column);
    }

    public void endRow() {
        checksum += mix(row);
        rows++;
    }

    public TableContent emptyCopy() {
        return new TableContent(table, columns);
    }

    /** Adds another part of the same table (two writers into one table). */
    public void merge(TableContent other) {
        rows += other.rows;
        checksum += other.checksum;
        for (int i = 0; i < sums.length; i++) {
            if (other.bigSums != null && other.bigSums[i] != null) addBig(i, other.bigSums[i]);
            else add(i, other.sums[i]);
        }
        if (other.first != null && (first == null || other.first.compareTo(first) < 0)) first = other.first;
        if (other.last != null && (last == null || other.last.compareTo(last) > 0)) last = other.last;
    }

    /** Adds {@code n} to a column's sum, exactly: past a long's range the sum goes on as a BigInteger. */
    private void add(int column, long n) {
        if (bigSums != null && bigSums[column] != null) {
            bigSums[column] = bigSums[column].add(BigInteger.valueOf(n));
            return;
        }
        long sum = sums[column] + n;
        if (((sums[column] ^ sum) & (n ^ sum)) < 0) addBig(column, BigInteger.valueOf(n)); // the long overflowed
        else sums[column] = sum;
    }

    private void addBig(int column, BigInteger n) {
        if (bigSums == null) bigSums = new BigInteger[sums.length];
        BigInteger before = bigSums[column] != null ? bigSums[column] : BigInteger.valueOf(sums[column]);
        bigSums[column] = before.add(n);
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85EC1L;
        return z ^ (z >>> 33);
    }

    public String table() {
        return table;
    }

    public long rows() {
        return rows;
    }

    public String checksum() {
        return String.format("%016x", checksum);
    }

    /** The totals as report.json and manifest.json hold them. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("checksum", checksum());
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) if (cents[i]) s.put(columns.get(i), bigSums != null && bigSums[i] != null ? bigSums[i] : (Object) sums[i]);
        m.put("cents", s);
        if (dateColumn >= 0) {
            m.put("date_column", columns.get(dateColumn));
            m.put("first", first);
            m.put("last", last);
        }
        return m;
    }

    /** Where this table's totals differ from {@code expected} (the same shape as {@link #json()}); empty when they agree. */
    public List<String> differences(Map<String, Object> expected) {
        List<String> out = new ArrayList<>();
        Map<String, Object> actual = json();
        for (Map.Entry<String, Object> e : actual.entrySet()) {
            Object want = expected.get(e.getKey());
            if (!same(want, e.getValue())) out.add(e.getKey() + " " + e.getValue() + " (expected " + want + ")");
        }
        return out;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.longValue() == y.longValue();
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) return false;
            for (Object k : x.keySet()) if (!same(x.get(k), y.get(k))) return false;
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
