package lib.target;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.rules.Pseudonym;

/**
 * Inserts Helm rows given as Java records into their table with one reused,
 * batched prepared statement. Record components map to columns by name
 * (camelCase -> snake_case) and must match the table's columns exactly, so a
 * schema change that the code missed stops the run before any row is written.
 */
public final class RowWriter<R extends Record> implements AutoCloseable {
    private static final int BATCH = 1_000;

    private final String table;
    private final MethodHandle[] getters;
    private final PreparedStatement insert;
    private final TableContent content;
    private final int[] position;
    private final Object[] inTableOrder;
    private int pending;
    private long written;
    private Pseudonym pseudonym;
    private boolean[] redacted;
    private String[] columnNames;

    public RowWriter(Connection db, String table, Class<R> type) throws SQLException {
        this.table = table;
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
        Set<String> actual = new LinkedHashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid")) {
            while (rs.next()) actual.add(rs.getString(1));
        }
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

    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }

    public void add(R row) throws SQLException {
        try {
            for (int i = 0; i < getters.length; i++) {
                Object v = (Object) getters[i].invokeExact((Record) row);
                if (pseudonym != null && redacted[i] && v instanceof String text) v = pseudonym.of(columnNames[i], text);
                inTableOrder[position[i]] = v;
                if (v == null) insert.setNull(i + 1, Types.NULL);
                else if (v instanceof Long l) insert.setLong(i + 1, l);
                else if (v instanceof Integer n) insert.setLong(i + 1, n);
                else if (v instanceof String s) insert.setString(i + 1, s);
                else throw new IllegalArgumentException(table + ": unsupported value type " + v.getClass());
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        content.beginRow();
        for (int i = 0; i < inTableOrder.length; i++) content.value(i, inTableOrder[i]);
        content.endRow();
        insert.addBatch();
        written++;
        if (++pending == BATCH) flush();
    }

    public void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
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
