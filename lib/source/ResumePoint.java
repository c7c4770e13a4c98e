package lib.source;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.rules.CodeKey;

/**
 * Where one table's read carries on when its connection drops: from the last key it read, that key's rows again, less
 * the ones it had already taken, so every AIM row is read once. AIM v12's keys are unique, but a shop's AIM whose
 * table lost its primary key can hold a key twice, and a cut can fall between two rows of it: carrying on after the
 * key left out the rest of its rows (read, loaded, skipped, rejected by no one), and carrying on from it took the first
 * ones twice.
 *
 * <p>The rows of one key come in the order the server happens to give them (a heap's, an index's, a sort's, a parallel
 * plan's), which a second read need not repeat: the rows taken are left out by their values, not by their place, and
 * as a multiset: of two rows alike, one taken, the other is read when the read carries on. (Ordering the read by every
 * value as well would make the order total, but sorts a whole table on the server where the key's index reads it in
 * order.) Rows of one key are those {@link KeyTies} takes for one, as the server's {@code =} compares them. A row whose
 * key is its own, every row of an AIM with its primary keys, costs one comparison with the row before, and is all that
 * is kept. At most {@link #MOST} rows of one key are kept: a read that drops inside a key held more often fails, with
 * the reason, rather than read some rows twice or not at all.
 */
final class ResumePoint {
    static final int MOST = KeyTies.MOST;

    private final SourceTable table;
    private final AimSubset subset;
    private final CodeKey[] codes;
    /** The rows read of the last key read, in the order read; {@code tooMany} when there were more than {@link #MOST}. */
    private final List<Object[]> taken = new ArrayList<>();
    private boolean tooMany;
    /** While a read carries on: the rows of its key it has taken and will meet again, each with how many times. */
    private final Map<List<Object>, Integer> again = new HashMap<>();

    ResumePoint(SourceTable table, AimSubset subset) {
        this.table = table;
        this.subset = subset;
        this.codes = KeyTies.codes(table);
    }

    /** The SQL of the next attempt: the whole table (within --limit's subset), or once rows were read, the rows from the last key on. */
    String sql() {
        if (taken.isEmpty()) return subset == null ? table.selectSql() : subset.selectSql(table);
        return subset == null ? table.selectFromSql() : subset.selectFromSql(table);
    }

    void bind(PreparedStatement st) throws SQLException {
        if (!taken.isEmpty()) table.bindFrom(st, taken.get(taken.size() - 1));
    }

    /**
     * Before an attempt that carries on a read its connection cut: the rows of the last key read are the ones to leave
     * out when they come again. False when that key was read more than {@link #MOST} times, or holds a NULL ({@link #cannotCarryOn}).
     */
    boolean carryOn() {
        if (tooMany || keyHasNull()) return false;
        again.clear();
        for (Object[] row : taken) again.merge(Arrays.asList(row), 1, Integer::sum);
        return true;
    }

    /**
     * Whether the last row read has a NULL in its key (a table without its primary key): no condition on the key carries
     * on from it ({@code k > NULL} is no row), and carrying on from nothing left every later row read by no one.
     */
    private boolean keyHasNull() {
        if (taken.isEmpty()) return false;
        Object[] last = taken.get(taken.size() - 1);
        for (int i = 0; i < table.key().size(); i++) if (last[i] == null) return true;
        return false;
    }

    /** Why a read {@code read} rows in, cut inside a key held past {@link #MOST} times or after a NULL key, does not carry on. */
    MigrationException cannotCarryOn(long read) {
        String where = tooMany ? "inside a key it holds more than " + String.format("%,d", MOST) + " times (the table has no primary key)"
                : "after a row whose key (" + String.join(", ", table.key()) + ") is NULL (the table has no primary key)";
        return new MigrationException(ExitCode.SOURCE_UNREACHABLE, "lost the connection to AIM while reading " + table.name() + " after "
                + String.format("%,d", read) + " rows, " + where + ", where the read cannot carry on without reading some rows twice or "
                + "not at all; this run's partial output was removed and the previous output is untouched: run again when the connection holds");
    }

    /** Whether the read takes {@code row}: false for a row of the last key it had taken before its connection dropped. */
    boolean take(Object[] row) {
        if (!again.isEmpty()) {
            List<Object> values = Arrays.asList(row);
            Integer times = again.get(values);
            if (times != null) { // a row of the last key, read again (the rows of a later key are never alike)
                if (times == 1) again.remove(values);
                else again.put(values, times - 1);
                return false;
            }
        }
        if (!taken.isEmpty() && !KeyTies.sameKey(codes, taken.get(taken.size() - 1), row)) {
            taken.clear();
            tooMany = false;
        }
        if (taken.size() < MOST) taken.add(row);
        else tooMany = true;
        return true;
    }
}
