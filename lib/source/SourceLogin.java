package lib.source;

import java.sql.Connection;
import java.sql.SQLException;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * How to reach AIM: the JDBC URL, its name in output (credentials masked), the login and password
 * (null for the embedded sample), and how long to wait for a connection. Opens the run's connections.
 */
public record SourceLogin(String url, String label, String user, String password, int loginTimeoutSeconds) {
    /** A connection to AIM, read-only: one a warm JVM opened for this run ({@link WarmSessions}), else a new one. */
    public Connection open() {
        Connection warm = WarmSessions.take(this);
        return warm != null ? warm : SourceConnection.open(url, user, password, loginTimeoutSeconds);
    }

    /** A new connection reading with the isolation the run's first connection settled on. */
    public Connection open(Isolation used) {
        Connection c = open();
        try {
            used.setOn(c);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the failure to set the isolation is what the operator needs to read
            }
            throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "cannot set the isolation level on the source: " + e.getMessage(), e);
        }
        return c;
    }
}
