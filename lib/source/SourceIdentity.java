package lib.source;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which AIM database an output was read from, never who read it: for the sample its scale and
 * scenario; for SQL Server the host (and instance), port and database of the JDBC URL; for
 * another URL (H2) the URL without its properties. A --slice re-run merges into the previous
 * output, so it must read the same database (and the same --limit subset) as the run that made it.
 */
public record SourceIdentity(String kind, String server, String database) {
    /** The database of a SQL Server URL without databaseName, until a connection says which it is ({@link #reading}). */
    static final String LOGINS_DEFAULT = "(the login's default)";

    /** Whether the options alone name the database: not a SQL Server URL without databaseName. */
    public boolean knownBeforeLogin() {
        return !LOGINS_DEFAULT.equals(database);
    }

    /** The embedded sample at {@code scale}, with a scenario on top or not (null). */
    public static SourceIdentity sample(int scale, String scenario) {
        return new SourceIdentity("sample", null, "scale " + scale + (scenario == null ? "" : ":" + scenario));
    }

    /** The identity of a JDBC URL: user, password and every other property left out. */
    public static SourceIdentity ofUrl(String url) {
        String u = url.strip();
        if (u.regionMatches(true, 0, "jdbc:sqlserver://", 0, 17)) {
            String[] parts = u.substring(17).split(";");
            String server = parts[0], database = null, instance = null, port = null;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) continue;
                String key = parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT), value = parts[i].substring(eq + 1).strip();
                if (key.equals("databasename") || key.equals("database")) database = value;
                else if (key.equals("servername") && server.isEmpty()) server = value;
                else if (key.equals("instancename")) instance = value;
                else if (key.equals("portnumber") || key.equals("port")) port = value;
            }
            int colon = server.lastIndexOf(':');
            if (colon >= 0) {
                port = server.substring(colon + 1);
                server = server.substring(0, colon);
            }
            if (instance != null && !server.contains("\\")) server = server + "\\" + instance;
            if (port == null && !server.contains("\\")) port = "1433";
            // SQL Server compares host and database names without regard to case.
            return new SourceIdentity("sqlserver", server.toLowerCase(Locale.ROOT) + (port == null ? "" : ":" + port),
                    database == null ? LOGINS_DEFAULT : database.toLowerCase(Locale.ROOT));
        }
        int semi = u.indexOf(';');
        return new SourceIdentity("jdbc", null, semi < 0 ? u : u.substring(0, semi));
    }

    /**
     * This identity with the database the connection {@code db} reads ({@code SELECT DB_NAME()}): a URL without
     * databaseName reads the login's default database, which another login has another of. Unchanged for the
     * sample and H2, or when the server does not say.
     */
    public SourceIdentity reading(java.sql.Connection db) {
        if (!kind.equals("sqlserver")) return this;
        try (java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT DB_NAME()")) {
            return rs.next() && rs.getString(1) != null ? new SourceIdentity(kind, server, rs.getString(1).toLowerCase(Locale.ROOT)) : this;
        } catch (java.sql.SQLException notSaid) {
            return this;
        }
    }

    /** As a person reads it: "sample scale 1", "SQL Server aim-host:1433, database aim", "jdbc:h2:/path/aim". */
    public String label() {
        return switch (kind) {
            case "sample" -> "sample " + database;
            case "sqlserver" -> "SQL Server " + server + ", database " + database;
            default -> database;
        };
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        if (server != null) m.put("server", server);
        m.put("database", database);
        return m;
    }

    public static SourceIdentity fromMap(Map<String, Object> m) {
        return new SourceIdentity(String.valueOf(m.get("kind")), m.get("server") == null ? null : String.valueOf(m.get("server")),
                String.valueOf(m.get("database")));
    }
}
