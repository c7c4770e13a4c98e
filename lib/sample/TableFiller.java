package lib.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Inserts generated rows into one sample table with a batched prepared statement. */
final class TableFiller implements AutoCloseable {
    private static final int BATCH = 2_000;

    private final PreparedStatement insert;
    private final String table;
    private int pending;
    private long rows;

    TableFiller(Connection db, String table, String... columns) throws SQLException {
        this.table = table;
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        sql.append(String.join(", ", columns)).append(") VALUES (");
        sql.append("?, ".repeat(columns.length - 1)).append("?)");
        this.insert = db.prepareStatement(sql.toString());
    }

    void add(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
        }
        insert.addBatch();
        rows++;
        if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    String table() {
        return table;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (pending > 0) insert.executeBatch();
        insert.close();
    }
}
