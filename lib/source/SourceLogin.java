package lib.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

    /**
     * What a run says before its first login to a SQL Server ("Connecting to HOST:PORT (database DB) as USER..."): a port
     * that drops packets shows nothing else for the whole login timeout. Null for H2 (the sample, a copy), which opens at once.
     */
    public String connecting() {
        if (!url.regionMatches(true, 0, "jdbc:sqlserver://", 0, 17)) return null;
        String[] parts = url.substring(17).split(";");
        Map<String, String> props = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) props.put(parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT), parts[i].substring(eq + 1).strip());
        }
        String server = parts.length == 0 || parts[0].isBlank() ? props.getOrDefault("servername", "localhost") : parts[0].strip();
        String port = props.getOrDefault("portnumber", props.get("port"));
        int colon = server.lastIndexOf(':');
        if (colon > server.lastIndexOf(']')) {
            port = server.substring(colon + 1);
            server = server.substring(0, colon);
        }
        String instance = server.contains("\\") ? null : props.get("instancename");
        if (instance != null) server += "\\" + instance;
        // A named instance without a port is found through SQL Browser; otherwise the driver takes 1433.
        if (port == null && !server.contains("\\")) port = "1433";
        String database = props.getOrDefault("databasename", props.get("database"));
        return "Connecting to " + server + (port == null ? "" : ":" + port)
                + (database == null || database.isEmpty() ? " (the login's default database)" : " (database " + database + ")")
                + (user == null ? "" : " as " + user) + "...";
    }
}
