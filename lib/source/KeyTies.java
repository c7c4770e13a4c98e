package lib.source;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import lib.rules.CodeKey;

/**
 * Rows that share their key come in the order of their values, not in the order the server happened to return them.
 * AIM v12's primary keys never let two rows share one, but a shop's AIM whose key was dropped can hold them, and a
 * read ordered by the key leaves their order to the server's scan (a heap's, an index's, a sort's), which can differ
 * from one run to the next: the first of them is the one loaded, the others are rejected (id_collision, duplicate_code),
 * so the same rows gave other bytes. Sorted here, the same rows give the same output; the row whose values sort first
 * (column by column as read, the key's own spelling first) is loaded.
 *
 * <p>Keys compare as the server's ORDER BY brought them together: numbers by value, text as AIM compares its codes
 * ({@link CodeKey}: spaces around it and, unless the column has case, case do not count), so rows the server took for
 * one key ('GC1' and 'gc1' in a case-insensitive AIM) are always among those sorted. A row whose key is its own, every
 * row of an AIM with its primary keys, costs one comparison with the next. At most {@link #MOST} rows of one key are
 * sorted together, so memory stays small whatever a table holds; past that (a key no real table repeats so often) the
 * rest are sorted in runs of that many, in the server's order.
 */
final class KeyTies implements RowStream {
    static final int MOST = 10_000;

    private final RowStream in;
    private final CodeKey[] codes;
    private final ArrayDeque<Object[]> tied = new ArrayDeque<>();
    private Object[] ahead;
    private boolean started;

    KeyTies(RowStream in, SourceTable table) {
        this.in = in;
        codes = codes(table);
    }

    /** How the server compares each column of {@code table}'s key, as far as the toolkit knows. */
    static CodeKey[] codes(SourceTable table) {
        CodeKey[] codes = new CodeKey[table.key().size()];
        for (int i = 0; i < codes.length; i++) codes[i] = CodeKey.column(table.name(), table.key().get(i));
        return codes;
    }

    /** Whether the row {@link #next} gave last is alike in every value to the one before it, of its key (an exact copy). */
    boolean copy() {
        return copy;
    }

    private boolean copy;
    private Object[] before; // the row given before, of rows sorted together

    @Override
    public Object[] next() throws SQLException {
        copy = false;
        if (!tied.isEmpty()) { // rows alike sort next to each other
            Object[] row = tied.poll();
            copy = BY_VALUES.compare(before, row) == 0;
            before = row;
            return row;
        }
        if (!started) {
            ahead = in.next();
            started = true;
        }
        Object[] row = ahead;
        if (row == null) return null;
        ahead = in.next();
        if (ahead == null || !sameKey(codes, row, ahead)) return row;
        List<Object[]> same = new ArrayList<>();
        same.add(row);
        while (ahead != null && same.size() < MOST && sameKey(codes, row, ahead)) {
            same.add(ahead);
            ahead = in.next();
        }
        same.sort(BY_VALUES);
        tied.addAll(same);
        before = tied.poll();
        return before;
    }

    /** Whether rows {@code a} and {@code b} have one key, its columns compared as {@code codes} say. */
    static boolean sameKey(CodeKey[] codes, Object[] a, Object[] b) {
        for (int i = 0; i < codes.length; i++) {
            Object x = a[i], y = b[i];
            if (x instanceof String s && y instanceof String t) {
                if (!Objects.equals(codes[i].of(s), codes[i].of(t))) return false;
            } else if (x instanceof BigDecimal d && y instanceof BigDecimal e) {
                if (d.compareTo(e) != 0) return false;
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Rows by their values, column by column: NULL first, then as their type orders them, then as text (1.0 before 1.00). */
    static final Comparator<Object[]> BY_VALUES = (a, b) -> {
        for (int i = 0; i < a.length; i++) {
            int c = compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y) {
        if (x == y) return 0;
        if (x == null) return -1;
        if (y == null) return 1;
        int c = x.getClass() == y.getClass() && x instanceof Comparable ? ((Comparable) x).compareTo(y) : x.getClass().getName().compareTo(y.getClass().getName());
        return c != 0 ? c : x.toString().compareTo(y.toString());
    }
}
