package lib.target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A Helm table's columns and how to read each value back cheaply. In a STRICT table an INTEGER column holds only
 * integers (or NULL) and a TEXT column only text, so a value is read with the one getter of its type instead of
 * {@link ResultSet#getObject}, which asks SQLite for the value's type first: one call into SQLite instead of two
 * for a NOT NULL integer or any text (the D1 files of scale 10 read back in 2.8 instead of 3.7 CPU-s). A table that
 * is not STRICT (a schema edited so), and any column of another type, is read with getObject.
 */
final class TypedColumns {
    /** Read with getObject: the value's own type decides. */
    static final int ANY = 0;
    /** An INTEGER column declared NOT NULL: getLong alone. */
    static final int INTEGER = 1;
    /** An INTEGER column that may be NULL: getLong, then wasNull when it gave 0. */
    static final int INTEGER_OR_NULL = 2;
    /** A TEXT column: getString, null for NULL. */
    static final int TEXT = 3;

    final List<String> names;
    final int[] kinds;
    /**
     * The columns SQLite gives INTEGER affinity (a declared type holding INT), STRICT or not: keys, references, counts,
     * amounts, flags. A Worker reads their values as JavaScript numbers, exact only to +-(2^53 - 1) ({@link D1Limits}).
     */
    final boolean[] integers;

    private TypedColumns(List<String> names, int[] kinds, boolean[] integers) {
        this.names = List.copyOf(names);
        this.kinds = kinds;
        this.integers = integers;
    }

    static TypedColumns of(Connection db, String table) throws SQLException {
        boolean strict = false;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = '" + table.replace("'", "''") + "'")) {
            if (rs.next()) strict = rs.getInt(1) == 1;
        }
        List<String> names = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        List<Boolean> integers = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type, \"notnull\" FROM pragma_table_info('" + table.replace("'", "''") + "') ORDER BY cid")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                String type = rs.getString(2).toUpperCase(java.util.Locale.ROOT);
                boolean notNull = rs.getInt(3) == 1;
                kinds.add(!strict ? ANY : type.equals("INTEGER") || type.equals("INT") ? (notNull ? INTEGER : INTEGER_OR_NULL) : type.equals("TEXT") ? TEXT : ANY);
                integers.add(type.contains("INT"));
            }
        }
        boolean[] integer = new boolean[integers.size()];
        for (int i = 0; i < integer.length; i++) integer[i] = integers.get(i);
        return new TypedColumns(names, kinds.stream().mapToInt(Integer::intValue).toArray(), integer);
    }

    /** Column {@code i} (0-based) of the current row: null, a Long, a String, or what getObject gives. */
    Object value(ResultSet rs, int i) throws SQLException {
        return switch (kinds[i]) {
            case INTEGER -> rs.getLong(i + 1);
            case INTEGER_OR_NULL -> {
                long v = rs.getLong(i + 1);
                yield v == 0 && rs.wasNull() ? null : (Object) v;
            }
            case TEXT -> rs.getString(i + 1);
            default -> rs.getObject(i + 1);
        };
    }
}
