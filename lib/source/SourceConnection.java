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
     * What this login finds wanting of {@code tables}. On SQL Server each table first as the reads will see it:
     * {@code SELECT TOP 0 *}, which the server answers from the plan alone (on the TDS server for all 25 tables,
     * with the counts that follow: 0.36 CPU-seconds of the server, against 0.8 with the INFORMATION_SCHEMA query).
     * A table the server refuses for a permission is one this login may not read; the others it cannot read so
     * (and all of them on H2) are looked up in the catalogue, in the schemas an unqualified name resolves to
     * (the user's default schema, then dbo): one found only in another schema is said to be there.
     */
    public static SourceGaps gaps(Connection db, List<SourceTable> tables, java.util.function.Function<SourceTable, Integer> sliceOf, String login)
            throws SQLException {
        return gaps(db, tables, sliceOf, login, new java.util.HashMap<>());
    }

    /** As above; the column types of each table the server read (not on H2) go into {@code types}, by table name in upper case. */
    public static SourceGaps gaps(Connection db, List<SourceTable> tables, java.util.function.Function<SourceTable, Integer> sliceOf, String login,
            Map<String, List<SourceTypes.Column>> types) throws SQLException {
        Map<String, Set<String>> found = new java.util.TreeMap<>();
        Map<String, SourceRefusals.Denied> denied = new java.util.TreeMap<>();
        boolean h2 = isH2(db);
        List<SourceTable> unread = h2 ? tables : readableColumns(db, tables, found, denied, types);
        Map<String, String> elsewhere = new java.util.TreeMap<>();
        String defaultSchema = "dbo";
        if (!unread.isEmpty()) {
            if (!h2) defaultSchema = SourceRefusals.defaultSchema(db);
            found.putAll(catalogueColumns(db, unread, h2 ? null : new TreeSet<>(List.of(defaultSchema.toLowerCase(Locale.ROOT), "dbo")), elsewhere));
        }
        List<String> missing = new ArrayList<>(), refused = new ArrayList<>();
        Map<String, String> moved = new java.util.LinkedHashMap<>();
        String deniedSchema = null;
        for (SourceTable t : tables) {
            String key = t.name().toUpperCase(Locale.ROOT);
            Set<String> columns = found.getOrDefault(key, Set.of());
            if (denied.containsKey(key)) {
                refused.add(t.name());
                if (denied.get(key).schema() != null) deniedSchema = denied.get(key).schema();
            } else if (columns.isEmpty() && elsewhere.containsKey(key)) {
                moved.put(t.name(), elsewhere.get(key));
            } else if (columns.isEmpty()) {
                missing.add("table " + t.name() + " (slice " + sliceOf.apply(t) + ")");
            } else {
                for (String c : t.columns()) {
                    if (!columns.contains(c.toUpperCase(Locale.ROOT))) missing.add("column " + t.name() + "." + c + " (slice " + sliceOf.apply(t) + ")");
                }
            }
        }
        String user = refused.isEmpty() && moved.isEmpty() ? login : SourceRefusals.user(db, login);
        if (!refused.isEmpty() && deniedSchema == null) deniedSchema = SourceRefusals.defaultSchema(db);
        return new SourceGaps(missing, refused, deniedSchema, SourceGaps.bySchema(moved), user, defaultSchema, tables.size());
    }

    /**
     * Each table's columns as {@code SELECT TOP 0 *} returns them, into {@code out} (and their types into {@code types}),
     * and each the server refuses for a permission into {@code denied}; returns the others it could not read. All the
     * tables in one batch (one round trip, where a table at a time was 25 in a row); a table missing or refused fails
     * the batch (the TDS server stops at it), and the tables are then read one at a time, each refusal said as itself.
     */
    private static List<SourceTable> readableColumns(Connection db, List<SourceTable> tables, Map<String, Set<String>> out,
            Map<String, SourceRefusals.Denied> denied, Map<String, List<SourceTypes.Column>> types) {
        if (tables.size() > 1 && readTogether(db, tables, out, types)) return List.of();
        List<SourceTable> unread = new ArrayList<>();
        for (SourceTable t : tables) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT TOP 0 * FROM " + t.name())) {
                put(out, types, t, rs.getMetaData());
            } catch (SQLException refused) {
                SourceRefusals.Denied why = SourceRefusals.denied(refused);
                if (why != null) denied.put(t.name().toUpperCase(Locale.ROOT), why);
                else unread.add(t); // the catalogue says whether it is there at all, and in which schema
            }
        }
        return unread;
    }

    /** Every table's {@code SELECT TOP 0 *} in one batch, into {@code out} and {@code types}; false (and nothing kept) on any error. */
    private static boolean readTogether(Connection db, List<SourceTable> tables, Map<String, Set<String>> out, Map<String, List<SourceTypes.Column>> types) {
        StringBuilder batch = new StringBuilder();
        for (SourceTable t : tables) batch.append("SELECT TOP 0 * FROM ").append(t.name()).append(";\n");
        Map<String, Set<String>> columns = new java.util.HashMap<>();
        Map<String, List<SourceTypes.Column>> typed = new java.util.HashMap<>();
        try (Statement st = db.createStatement()) {
            int i = 0;
            for (boolean isResult = st.execute(batch.toString()); isResult || st.getUpdateCount() != -1; isResult = st.getMoreResults()) {
                if (!isResult) continue;
                if (i >= tables.size()) return false;
                try (ResultSet rs = st.getResultSet()) {
                    put(columns, typed, tables.get(i++), rs.getMetaData());
                }
            }
            if (i != tables.size()) return false;
        } catch (SQLException missingOrRefused) {
            return false;
        }
        out.putAll(columns);
        types.putAll(typed);
        return true;
    }

    private static void put(Map<String, Set<String>> out, Map<String, List<SourceTypes.Column>> types, SourceTable t, java.sql.ResultSetMetaData meta)
            throws SQLException {
        Set<String> columns = new TreeSet<>();
        List<SourceTypes.Column> typed = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnName(i).toUpperCase(Locale.ROOT));
            typed.add(new SourceTypes.Column(meta.getColumnName(i), meta.getColumnType(i), meta.getColumnTypeName(i), meta.getScale(i)));
        }
        out.put(t.name().toUpperCase(Locale.ROOT), columns);
        types.put(t.name().toUpperCase(Locale.ROOT), typed);
    }

    /**
     * The columns of {@code tables} in the catalogue: one INFORMATION_SCHEMA query (one round trip; the driver's
     * getColumns is a stored procedure call per table, seconds on a slow server), else the driver's metadata. With
     * {@code schemas} (lower case), a table found only in another schema goes into {@code elsewhere} (table to schema).
     */
    private static Map<String, Set<String>> catalogueColumns(Connection db, List<SourceTable> tables, Set<String> schemas,
            Map<String, String> elsewhere) throws SQLException {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        StringBuilder in = new StringBuilder();
        for (SourceTable t : tables) in.append(in.length() == 0 ? "" : ", ").append("'").append(t.name().toUpperCase(Locale.ROOT)).append("'");
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) IN (" + in + ")";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            boolean any = false;
            while (rs.next()) {
                any = true;
                put(out, elsewhere, schemas, rs.getString(1), rs.getString(2), rs.getString(3));
            }
            if (any || tables.isEmpty()) return out;
        } catch (SQLException viewsNotReadable) {
            // A login without VIEW DEFINITION sees no INFORMATION_SCHEMA rows or gets an error: ask the driver instead.
        }
        DatabaseMetaData meta = db.getMetaData();
        for (SourceTable t : tables) {
            for (String name : new String[] {t.name(), t.name().toLowerCase(Locale.ROOT)}) {
                boolean any = false;
                try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                    while (rs.next()) {
                        any = true;
                        put(out, elsewhere, schemas, rs.getString("TABLE_SCHEM"), t.name(), rs.getString("COLUMN_NAME"));
                    }
                }
                if (any) break;
            }
        }
        return out;
    }

    private static void put(Map<String, Set<String>> out, Map<String, String> elsewhere, Set<String> schemas, String schema, String table, String column) {
        String key = table.toUpperCase(Locale.ROOT);
        if (schemas == null || schema == null || schemas.contains(schema.toLowerCase(Locale.ROOT))) {
            out.computeIfAbsent(key, k -> new TreeSet<>()).add(column.toUpperCase(Locale.ROOT));
        } else {
            elsewhere.putIfAbsent(key, schema);
        }
    }

    /** Every table and column the given source tables read that the source lacks, as "TABLE.COLUMN (slice N)". */
    public static List<String> missing(Connection db, List<SourceTable> tables, java.util.function.Function<SourceTable, Integer> sliceOf)
            throws SQLException {
        return gaps(db, tables, sliceOf, null).missing();
    }
}
