package lib.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import lib.rules.RuleException;
import lib.rules.Tally;

/** The current row of a source read: typed values by column name. */
public final class Row {
    private final Map<String, Integer> index;
    private final SourceTable table;
    private Object[] values;

    Row(Map<String, Integer> index, SourceTable table) {
        this.index = index;
        this.table = table;
    }

    void set(Object[] values) {
        this.values = values;
    }

    Object[] raw() {
        return values;
    }

    private Object at(String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException(table.name() + " is not read with column " + column);
        return values[i];
    }

    /** Text as read; a BIT where AIM v12 keeps a CHAR flag is that flag, 'Y' or 'N' (as "true" every row was a flag_variant). */
    public String str(String column) {
        Object v = at(column);
        if (v instanceof Boolean b) return b ? "Y" : "N";
        return v == null ? null : v.toString();
    }

    /**
     * An integer, exactly: a key, a reference or a count, as Helm's INTEGER holds it (64 bits). A shop's AIM may hold
     * it in a wider type than the INT AIM v12 has: a BIGINT keeps its value (a ticket 20240000105000 was cut to 32 bits,
     * 2114206248); a fraction rejects its row (not_whole), as does a value past 64 bits (integer_out_of_range).
     */
    public Long integer(String column) {
        Object v = at(column);
        return v == null ? null : whole(column, v);
    }

    /**
     * A reference to another row (a customer, a product, a member of staff): an integer as {@link #integer} reads it,
     * but one Helm cannot hold (past 64 bits, a fraction, text that is no number) is left empty under its rule, counted
     * and listed in fixes/, as a reference to a row that is gone is: the row, a sale with its revenue, stays.
     */
    public Long reference(String column, Tally tally) {
        try {
            return integer(column);
        } catch (RuleException unheld) {
            tally.add(unheld.rule(), null);
            return null;
        }
    }

    /** An integer the source declares NOT NULL (key columns). */
    public long integerRequired(String column) {
        Object v = at(column);
        if (v == null) throw new RuleException(column + " is NULL");
        return whole(column, v);
    }

    /**
     * A quantity (stock, a line's count): a fraction is cut toward zero, as SQL Server's CAST to an integer cuts it
     * (AIM's side of the stock figure), under rule fraction_cut, counted and listed in fixes/; the line and its money stay.
     */
    public Long quantity(String column, Tally tally) {
        Object v = at(column);
        if (v == null) return null;
        if (v instanceof Integer i) return (long) i;
        BigDecimal exact = number(column, v), cut = exact.setScale(0, RoundingMode.DOWN);
        long whole = whole(column, cut);
        if (cut.compareTo(exact) != 0) tally.add("fraction_cut", whole);
        return whole;
    }

    private static long whole(String column, Object v) {
        if (v instanceof Integer i) return i;
        if (v instanceof Long l) return l;
        BigDecimal d = number(column, v);
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new RuleException("not_whole", column + " " + d.toPlainString() + " is not a whole number");
        }
        if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
            throw new RuleException("integer_out_of_range", column + " " + d.toPlainString() + " is beyond what Helm holds (a 64-bit integer)");
        }
        return d.longValue();
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE), LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");

    /**
     * A number as the source gave it, exactly: an AIM whose column is FLOAT, REAL, INT or text where AIM v12 has MONEY or
     * INT. A FLOAT is its shortest decimal (what SQL Server shows for it); text that is no number rejects its row.
     */
    private static BigDecimal number(String column, Object v) {
        try {
            if (v instanceof BigDecimal d) return d;
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return BigDecimal.valueOf(((Number) v).longValue());
            if (v instanceof Double d) return BigDecimal.valueOf(d);
            if (v instanceof Float f) return new BigDecimal(Float.toString(f));
            if (v instanceof java.math.BigInteger b) return new BigDecimal(b);
            if (v instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
            String text = v.toString().strip();
            // As SQL Server casts text to DECIMAL: digits with a sign and a point, no exponent ('1e2' is no number there).
            if (!PLAIN_NUMBER.matcher(text).matches()) throw new NumberFormatException(text);
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RuleException("not_a_number", column + " '" + v + "' is not a number");
        }
    }

    /** An amount: any number the source holds (MONEY, DECIMAL, FLOAT, INT), exactly as {@link #number} reads it. */
    public BigDecimal decimal(String column) {
        Object v = at(column);
        return v == null ? null : number(column, v);
    }

    /** A local date and time as AIM keeps them; a column of another kind (DATETIMEOFFSET, text) rejects its row, naming it. */
    public LocalDateTime time(String column) {
        Object v = at(column);
        if (v == null || v instanceof LocalDateTime) return (LocalDateTime) v;
        throw new RuleException("not_a_local_time", column + " '" + v + "' is not a date and time without a zone, which AIM keeps and the toolkit reads");
    }

    /**
     * A flag AIM v12 keeps as text ('Y'/'N'), for Flag.parse: a BIT as 'Y' or 'N' ({@link #str}), a number as SQL Server's
     * CAST to BIT and {@link #bit} read it, any but 0 set ('1', else '0': a shop's INT VOIDED of 2 or -1, where its text
     * '2' rejected the ticket), text as it is.
     */
    public String flag(String column) {
        Object v = at(column);
        if (v instanceof Number) return bit(column) ? "1" : "0";
        return str(column);
    }

    /** A BIT, or a flag written out ('Y'/'N', 'T'/'F', '1'/'0', yes/no, true/false; blank is NULL). */
    public Boolean bit(String column) {
        Object v = at(column);
        if (v == null || v instanceof Boolean) return (Boolean) v;
        if (v instanceof Number n) return number(column, n).signum() != 0;
        String s = v.toString().strip().toUpperCase(java.util.Locale.ROOT);
        return switch (s) {
            case "" -> null;
            case "Y", "T", "1", "YES", "TRUE" -> true;
            case "N", "F", "0", "NO", "FALSE" -> false;
            default -> throw new RuleException("unrecognized flag value '" + v + "'");
        };
    }

    /** The legacy key as AIM shows it: key parts joined with '/', e.g. "1/100023". */
    public String key() {
        // The key columns are read first (SourceTable), so they are values[0..n-1].
        int n = table.key().size();
        if (n == 1) return keyPart(values[0]);
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append('/');
            sb.append(keyPart(values[i]));
        }
        return sb.toString();
    }

    static String keyPart(Object v) {
        if (v == null) return "";
        if (v instanceof Integer i) return Integer.toString(i);
        // SQL Server's = ignores trailing spaces, and only them: ' GC2', 'GC2' and 'GC2<TAB>' are three keys.
        String s = v.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Every value read, as text, for the rejects file. */
    public String[] values() {
        String[] out = new String[values.length];
        for (int i = 0; i < out.length; i++) out[i] = asText(values[i]);
        return out;
    }

    /** A value read, as the rejects file lists it: a time with its seconds always (10:52:00, not 10:52 beside 20:29:08). */
    static String asText(Object v) {
        return v == null ? null : v instanceof LocalDateTime t ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t) : v.toString();
    }

    public SourceTable table() {
        return table;
    }
}
