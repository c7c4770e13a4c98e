package lib.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import lib.core.ExitCode;
import lib.core.Jdbc;
import lib.core.MigrationException;

/** Opening the AIM source (SQL Server, or H2 for the sample and tests) and checking it has what the slices read. */
public final class SourceConnection {
    /**
     * The driver's own log (java.util.logging) would print its warnings, e.g. two lines for a failed pre-login,
     * beside the one line the toolkit gives each failure. Held here: the logging system keeps loggers weakly.
     */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("com.microsoft.sqlserver.jdbc");

    static {
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private SourceConnection() {}

    /** Whether AIM is H2 (the sample, or an H2 copy in tests), where a few statements take a form of their own. */
    public static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("H2");
    }

    /** The JDBC URL with any password in it masked, for messages and reports. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=****");
    }

    /** Refuses a URL that carries a password: it would show in the process list and shell history. */
    public static void refusePasswordInUrl(String url) {
        if (url != null && url.matches("(?is).*\\b(password|pwd)\\s*=.*")) {
            throw new MigrationException(ExitCode.BAD_INPUT, "the --source URL holds a password; remove it and set AIM_PASSWORD instead "
                    + "(or let MigrateAim prompt for it)");
        }
    }

    /**
     * Refuses a URL of a kind the toolkit cannot read (a mistyped {@code jdbc:sqlsever:}) as bad
     * input naming the forms it can, rather than letting it look like an unreachable server.
     */
    public static void refuseUnknownScheme(String url) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:sqlserver://") || lower.startsWith("jdbc:h2:")) return;
        java.util.regex.Matcher scheme = java.util.regex.Pattern.compile("^([a-z0-9]+:){1,2}").matcher(lower);
        String shown = scheme.find() ? scheme.group() : url.strip().substring(0, Math.min(12, url.strip().length())) + "...";
        throw new MigrationException(ExitCode.BAD_INPUT, "the source URL starts with '" + shown + "', which MigrateAim cannot read; "
                + "use jdbc:sqlserver://HOST:1433;databaseName=AIM (SQL Server), jdbc:h2:FILE (an H2 copy), or --host/--port/--database");
    }

    /** Builds a SQL Server URL from host, port and database. */
    public static String sqlServerUrl(String host, int port, String database, boolean trustServerCertificate) {
        return "jdbc:sqlserver://" + host + ":" + port + ";databaseName=" + database + ";applicationName=MigrateAim"
                + (trustServerCertificate ? ";trustServerCertificate=true" : "");
    }

    public static Connection open(String url, String user, String password, int loginTimeoutSeconds) {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        boolean sqlServer = url.startsWith("jdbc:sqlserver:");
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            // A mistyped path is a database that does not exist, not a new empty one read as an AIM without tables.
            if (!lower.contains("ifexists")) props.setProperty("IFEXISTS", "TRUE");
            // An AIM copy is read as SQL Server would (its BIT compares with 1, as the toolkit's T-SQL does), unless the URL names a mode.
            if (!lower.contains("mode=")) props.setProperty("MODE", "MSSQLServer");
        }
        if (sqlServer && !lower.contains("logintimeout=")) {
            props.setProperty("loginTimeout", String.valueOf(loginTimeoutSeconds));
        }
        // A port that accepts the connection and never answers holds the driver's pre-login read forever (its
        // loginTimeout does not cover it): the socket itself times out during the login, and not after it.
        boolean loginSocketTimeout = sqlServer && loginTimeoutSeconds > 0 && !lower.contains("sockettimeout=");
        if (loginSocketTimeout) props.setProperty("socketTimeout", String.valueOf(loginTimeoutSeconds * 1000L));
        DriverManager.setLoginTimeout(loginTimeoutSeconds);
        try {
            Connection c = Jdbc.connect(url, props);
            if (loginSocketTimeout) c.setNetworkTimeout(Runnable::run, 0);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw SourceErrors.explain(e, masked(url), user);
        }
    }

    /**
     * The columns of {@code tables}, upper-case by upper-case table name. On SQL Server each table first as the
     * reads will see it: {@code SELECT TOP 0 *}, which the server answers from the plan alone (on the TDS server
     * for all 25 tables, with the counts that follow: 0.36 CPU-seconds of the server, against 0.8 with the
     * INFORMATION_SCHEMA query). The tables it cannot read so (missing, or not readable by this login), and
     * all of them on H2, are looked up in the catalogue.
     */
    private static Map<String, Set<String>> columnsOf(Connection db, List<SourceTable> tables) throws SQLException {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        List<SourceTable> unread = isH2(db) ? tables : readableColumns(db, tables, out);
        if (!unread.isEmpty()) out.putAll(catalogueColumns(db, unread));
        return out;
    }

    /** Each table's columns as {@code SELECT TOP 0 *} returns them, into {@code out}; returns the tables it could not read. */
    private static List<SourceTable> readableColumns(Connection db, List<SourceTable> tables, Map<String, Set<String>> out) {
        List<SourceTable> unread = new ArrayList<>();
        for (SourceTable t : tables) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT TOP 0 * FROM " + t.name())) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                Set<String> columns = new TreeSet<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) columns.add(meta.getColumnName(i).toUpperCase(Locale.ROOT));
                out.put(t.name().toUpperCase(Locale.ROOT), columns);
            } catch (SQLException refused) {
                unread.add(t); // the catalogue says whether it is there at all
            }
        }
        return unread;
    }

    /**
     * The columns of {@code tables} in the catalogue: one INFORMATION_SCHEMA query (one round trip; the driver's
     * getColumns is a stored procedure call per table, seconds on a slow server), else the driver's metadata.
     */
    private static Map<String, Set<String>> catalogueColumns(Connection db, List<SourceTable> tables) throws SQLException {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        StringBuilder in = new StringBuilder();
        for (SourceTable t : tables) in.append(in.length() == 0 ? "" : ", ").append("'").append(t.name().toUpperCase(Locale.ROOT)).append("'");
        String sql = "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) IN (" + in + ")";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1).toUpperCase(Locale.ROOT), k -> new TreeSet<>()).add(rs.getString(2).toUpperCase(Locale.ROOT));
            }
            if (!out.isEmpty() || tables.isEmpty()) return out;
        } catch (SQLException viewsNotReadable) {
            // A login without VIEW DEFINITION sees no INFORMATION_SCHEMA rows or gets an error: ask the driver instead.
        }
        DatabaseMetaData meta = db.getMetaData();
        for (SourceTable t : tables) {
            for (String name : new String[] {t.name(), t.name().toLowerCase(Locale.ROOT)}) {
                Set<String> columns = new TreeSet<>();
                try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                    while (rs.next()) columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
                if (!columns.isEmpty()) {
                    out.put(t.name().toUpperCase(Locale.ROOT), columns);
                    break;
                }
            }
        }
        return out;
    }

    /** Every table and column the given source tables read that the source lacks, as "TABLE.COLUMN (slice N)". */
    public static List<String> missing(Connection db, List<SourceTable> tables, java.util.function.Function<SourceTable, Integer> sliceOf)
            throws SQLException {
        List<String> out = new ArrayList<>();
        Map<String, Set<String>> all = columnsOf(db, tables);
        for (SourceTable t : tables) {
            Set<String> columns = all.getOrDefault(t.name().toUpperCase(Locale.ROOT), Set.of());
            if (columns.isEmpty()) {
                out.add("table " + t.name() + " (slice " + sliceOf.apply(t) + ")");
                continue;
            }
            for (String c : t.columns()) {
                if (!columns.contains(c.toUpperCase(Locale.ROOT))) out.add("column " + t.name() + "." + c + " (slice " + sliceOf.apply(t) + ")");
            }
        }
        return out;
    }
}
