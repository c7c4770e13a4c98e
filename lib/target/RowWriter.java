package lib.target;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.rules.Pseudonym;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Inserts Helm rows given as Java records into their table with one reused,
 * batched prepared statement. Record components map to columns by name
 * (camelCase -> snake_case) and must match the table's columns exactly, so a
 * schema change that the code missed stops the run before any row is written.
 *
 * It is also the row-level fault boundary: a row the target refuses (a UNIQUE,
 * PRIMARY KEY, NOT NULL or CHECK constraint, a value too big, or a row over
 * D1's 2 MB) is handed back to its {@link Refusals} with the rule and a reason
 * naming the column and the constraint or limit, and the other rows go on. A
 * batch runs inside a savepoint; when it fails, it is rolled back and its rows
 * are inserted one by one, so exactly the offending rows are refused. Anything
 * else (a full disk, an I/O error) still stops the run.
 */
public final class RowWriter<R extends Record> implements AutoCloseable {
    private static final int BATCH = 1_000;

    /** Rules a refused row is rejected under. */
    public static final String CONSTRAINT = "constraint", ID_COLLISION = "id_collision", D1_ROW_LIMIT = "d1_row_limit";

    /** Told about each row the target refused, with the tag the row was added with. */
    @FunctionalInterface
    public interface Refusals {
        void refused(Object tag, String rule, String reason) throws SQLException;
    }

    private final String table;
    private final Connection db;
    private final MethodHandle[] getters;
    private final PreparedStatement insert;
    private final TableContent content;
    private final int[] position;
    private final Object[] inTableOrder;
    private final Object[][] pendingValues = new Object[BATCH][];
    private final Object[] pendingTags = new Object[BATCH];
    private int pending;
    private long written;
    private Pseudonym pseudonym;
    private boolean[] redacted;
    private String[] columnNames;
    private Refusals refusals; // null: a refused row stops the run (no source row stands behind it)

    public RowWriter(Connection db, String table, Class<R> type) throws SQLException {
        this.table = table;
        this.db = db;
        RecordComponent[] parts = type.getRecordComponents();
        List<String> columns = new ArrayList<>();
        getters = new MethodHandle[parts.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int i = 0; i < parts.length; i++) {
            columns.add(snake(parts[i].getName()));
            try {
                getters[i] = lookup.unreflect(parts[i].getAccessor())
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Record.class));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(type + " must be a public record", e);
            }
        }
        Set<String> actual = new LinkedHashSet<>(TypedColumns.of(db, table).names);
        if (!actual.equals(new LinkedHashSet<>(columns))) {
            Set<String> missing = new LinkedHashSet<>(actual);
            missing.removeAll(columns);
            Set<String> extra = new LinkedHashSet<>(columns);
            extra.removeAll(actual);
            throw new MigrationException(ExitCode.BAD_INPUT, "the Helm table " + table + " in migrations/ does not match "
                    + type.getSimpleName() + ": columns not filled " + missing + ", unknown columns " + extra
                    + " (update the slice or the spec)");
        }
        List<String> tableOrder = new ArrayList<>(actual);
        content = new TableContent(table, tableOrder);
        position = new int[columns.size()];
        for (int i = 0; i < position.length; i++) position[i] = tableOrder.indexOf(columns.get(i));
        inTableOrder = new Object[position.length];
        columnNames = columns.toArray(new String[0]);
        insert = db.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)");
    }

    /** Replaces personal data with pseudonyms as rows are written (--redact). */
    public RowWriter<R> redact(Pseudonym p) {
        pseudonym = p;
        redacted = new boolean[columnNames.length];
        for (int i = 0; i < redacted.length; i++) redacted[i] = p != null && Pseudonym.helmColumn(table, columnNames[i]);
        return this;
    }

    /** Where refused rows go (their source rows are rejected there) instead of stopping the run. */
    public RowWriter<R> refusals(Refusals r) {
        refusals = r;
        return this;
    }

    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }

    public void add(R row) throws SQLException {
        add(row, null);
    }

    /** Adds a row; {@code tag} comes back to the {@link Refusals} if the target refuses it (now or at a later flush). */
    public void add(R row, Object tag) throws SQLException {
        Object[] values = pendingValues[pending];
        if (values == null) values = pendingValues[pending] = new Object[getters.length];
        try {
            for (int i = 0; i < getters.length; i++) {
                Object v = (Object) getters[i].invokeExact((Record) row);
                if (pseudonym != null && redacted[i] && v instanceof String text) v = pseudonym.of(columnNames[i], text);
                if (v != null && !(v instanceof Long || v instanceof Integer || v instanceof String)) {
                    throw new IllegalArgumentException(table + ": unsupported value type " + v.getClass());
                }
                values[i] = v;
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        String tooBig = RowFaults.overD1(columnNames, values);
        if (tooBig != null) {
            if (refusals == null) throw new IllegalArgumentException(table + ": " + tooBig);
            refusals.refused(tag, D1_ROW_LIMIT, tooBig);
            return;
        }
        pendingTags[pending] = tag;
        if (++pending == BATCH) flush();
    }

    private void bind(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof String text) insert.setString(i + 1, text);
            else insert.setObject(i + 1, v); // null, a Long or an Integer, bound as it is: setLong would box each anew
        }
    }

    private void written(Object[] values) {
        content.beginRow();
        for (int i = 0; i < values.length; i++) inTableOrder[position[i]] = values[i];
        for (int i = 0; i < inTableOrder.length; i++) {
            Object v = inTableOrder[i]; // null, a String, a Long or an Integer (add)
            if (v instanceof String text) content.text(i, text);
            else if (v == null) content.nullValue(i);
            else content.integer(i, ((Number) v).longValue());
        }
        content.endRow();
        written++;
    }

    /**
     * Inserts the rows added so far: as one batch inside a savepoint; if the batch
     * fails, it is rolled back and its rows go in one by one, each refused row to
     * the {@link Refusals}.
     */
    public void flush() throws SQLException {
        if (pending == 0) return;
        int n = pending;
        pending = 0;
        for (int r = 0; r < n; r++) {
            bind(pendingValues[r]);
            insert.addBatch();
        }
        try (Statement st = db.createStatement()) {
            st.execute("SAVEPOINT row_writer");
            boolean done = false;
            try {
                insert.executeBatch();
                done = true;
            } catch (SQLException batchFailed) {
                insert.clearBatch();
                st.execute("ROLLBACK TO row_writer");
            }
            st.execute("RELEASE row_writer");
            if (done) {
                for (int r = 0; r < n; r++) written(pendingValues[r]);
            } else {
                for (int r = 0; r < n; r++) one(pendingValues[r], pendingTags[r]);
            }
        }
        java.util.Arrays.fill(pendingTags, 0, n, null);
    }

    /** One row on its own: a constraint or a too big value refuses the row, anything else stops the run. */
    private void one(Object[] values, Object tag) throws SQLException {
        bind(values);
        try {
            insert.executeUpdate();
            written(values);
        } catch (SQLiteException e) {
            if (refusals == null || !rowFault(e.getResultCode())) throw e;
            String reason = RowFaults.reason(e.getMessage(), columnNames, values);
            boolean idCollision = RowFaults.isIdCollision(e.getResultCode(), reason, table);
            if (idCollision) reason += heldBy(values);
            refusals.refused(tag, idCollision ? ID_COLLISION : CONSTRAINT, reason);
        }
    }

    /**
     * Which row already holds this row's id: "; held by TAXRATE:TX1". A row of the same AIM key says so: AIM holds the key
     * more than once (a table whose primary key was dropped), and the first of its rows in the order of their values
     * was loaded (lib.source.KeyTies).
     */
    private String heldBy(Object[] values) throws SQLException {
        List<String> names = java.util.Arrays.asList(columnNames);
        int id = names.indexOf("id"), own = names.indexOf("legacy_key");
        if (id < 0 || !(values[id] instanceof Long n)) return "";
        try (PreparedStatement st = db.prepareStatement("SELECT legacy_key FROM " + table + " WHERE id = ?")) {
            st.setLong(1, n);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) return "";
                String held = rs.getString(1);
                return "; held by " + held + (own >= 0 && held != null && held.equals(values[own])
                        ? ", another AIM row of this key (AIM holds it more than once, its table without a primary key: of such rows the"
                        + " first in the order of their values is loaded)" : "");
            }
        }
    }

    /** Faults of the row's own values; an I/O error, a full disk or a schema problem is not one. */
    static boolean rowFault(SQLiteErrorCode code) {
        int primary = code.code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code || primary == SQLiteErrorCode.SQLITE_TOOBIG.code
                || primary == SQLiteErrorCode.SQLITE_MISMATCH.code;
    }

    /** Control totals of the rows written, as the slice made them (before SQLite saw them). */
    public TableContent content() {
        return content;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws SQLException {
        flush();
        insert.close();
    }
}
