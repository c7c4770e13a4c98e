package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * How the source is read. A dry-run must not block the shop's till: "auto" uses
 * SQL Server's snapshot isolation when the database allows it, else read
 * uncommitted. "consistent" (for the cutover) reads every table from one
 * snapshot on one connection.
 */
public enum Isolation {
    AUTO, SNAPSHOT, READ_UNCOMMITTED, READ_COMMITTED, CONSISTENT;

    /** Whether the database allows snapshot isolation (1) or not (0): SQL Server's catalogue, sent only to SQL Server. */
    public static final String SNAPSHOT_STATE_SQL = "SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME()";

    /** SQL Server's own isolation level constant for SNAPSHOT (SQLServerConnection.TRANSACTION_SNAPSHOT). */
    static final int SQLSERVER_SNAPSHOT = 0x1000;

    public static Isolation parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--isolation must be auto, snapshot, read-uncommitted, read-committed or consistent, not " + text);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Settles this isolation on the run's first connection: AUTO becomes snapshot or read
     * uncommitted, and a snapshot the database does not allow is refused. Returns what was used.
     */
    public Isolation apply(Connection c) throws SQLException {
        boolean sqlServer = sqlServer(c);
        Isolation used = this;
        if (this == AUTO) used = sqlServer && snapshotAllowed(c) ? SNAPSHOT : READ_UNCOMMITTED;
        if ((used == SNAPSHOT || used == CONSISTENT) && sqlServer && this != AUTO && !snapshotAllowed(c)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--isolation " + label() + " needs snapshot isolation, which this database does not "
                    + "allow; ask the DBA for: ALTER DATABASE <name> SET ALLOW_SNAPSHOT_ISOLATION ON (or use --isolation read-uncommitted)");
        }
        used.set(c, sqlServer);
        return used;
    }

    /**
     * Sets an isolation the first connection settled on ({@link #apply}) on another connection
     * to the same database, without asking the catalogue again (sys.databases can take a second
     * or more per connection when several ask at once).
     */
    public void setOn(Connection c) throws SQLException {
        if (this == AUTO) throw new IllegalStateException("settle AUTO on the first connection first");
        set(c, sqlServer(c));
    }

    private void set(Connection c, boolean sqlServer) throws SQLException {
        switch (this) {
            case SNAPSHOT, CONSISTENT -> c.setTransactionIsolation(sqlServer ? SQLSERVER_SNAPSHOT : Connection.TRANSACTION_SERIALIZABLE);
            case READ_COMMITTED -> c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            default -> c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        }
        if (this == CONSISTENT) c.setAutoCommit(false); // one transaction, one snapshot, for every table
    }

    private static boolean sqlServer(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sql server");
    }

    private static boolean snapshotAllowed(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SNAPSHOT_STATE_SQL)) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }
}
