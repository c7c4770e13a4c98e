package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;
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
        return apply(c, note -> {});
    }

    /**
     * As {@link #apply(Connection)}; a login that may not read sys.databases (a DBA's DENY; SQL Server's Msg 229), where
     * the database says whether it allows snapshots, reads uncommitted under AUTO, with a {@code note} saying why, as when
     * snapshots are off; SNAPSHOT and CONSISTENT, which need to know, are refused naming the permission (exit 4).
     */
    public Isolation apply(Connection c, Consumer<String> note) throws SQLException {
        boolean sqlServer = sqlServer(c);
        boolean asks = sqlServer && (this == AUTO || this == SNAPSHOT || this == CONSISTENT);
        Boolean allowed = asks ? snapshotAllowed(c) : Boolean.FALSE;
        Isolation used = this;
        if (asks && allowed == null) {
            String user = SourceRefusals.user(c, null);
            if (this == AUTO) {
                note.accept("The login " + user + " may not read sys.databases, which says whether the database allows snapshot isolation: "
                        + "reading with read-uncommitted, as when it does not (--isolation snapshot would need SELECT on sys.databases).");
            } else {
                throw new MigrationException(ExitCode.SOURCE_INCOMPLETE, "--isolation " + label() + " needs to know whether the database allows "
                        + "snapshot isolation, and the login " + user + " may not read sys.databases, which says so (SELECT permission denied): "
                        + "ask the DBA to lift that DENY (REVOKE SELECT ON sys.databases FROM " + user + ", or from public), or use --isolation read-uncommitted");
            }
        }
        if (this == AUTO) used = Boolean.TRUE.equals(allowed) ? SNAPSHOT : READ_UNCOMMITTED;
        if ((used == SNAPSHOT || used == CONSISTENT) && sqlServer && this != AUTO && !allowed) {
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

    /** Whether the database allows snapshot isolation; null when this login may not read sys.databases. */
    private static Boolean snapshotAllowed(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SNAPSHOT_STATE_SQL)) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            if (SourceRefusals.denied(e) != null) return null;
            throw e;
        }
    }
}
