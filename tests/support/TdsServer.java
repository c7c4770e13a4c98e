package tests.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import lib.sample.SampleDatabase;
import lib.sample.TsqlColumn;

/**
 * The real SQL Server-protocol server the SQL Server tests run against, named by
 * AIM_TEST_MSSQL_URL (with AIM_TEST_MSSQL_USER and AIM_TEST_MSSQL_PASSWORD); in CI the
 * Babelfish server of ../shared/tds. The scale-1 sample is copied into it once per
 * sample version, value for value, except for what the server documents it cannot
 * hold (see {@link #TEXT_WITHOUT_NUL}).
 */
public final class TdsServer {
    public static final String URL = System.getenv("AIM_TEST_MSSQL_URL");
    public static final String USER = System.getenv("AIM_TEST_MSSQL_USER");
    public static final String PASSWORD = System.getenv("AIM_TEST_MSSQL_PASSWORD");

    /**
     * Babelfish difference (../shared/tds/README.md, "No U+0000 in text"): PostgreSQL text
     * cannot hold U+0000, which SQL Server's NVARCHAR can. The copy drops U+0000 from text;
     * the sample plants it only in notes, where the toolkit's control_chars rule removes it
     * anyway, so the Helm rows are the same. NUL itself stays covered by the H2 tests.
     */
    public static final String TEXT_WITHOUT_NUL = "Babelfish cannot store U+0000 in text; it is dropped from the copy";

    private static boolean loaded;

    private TdsServer() {}

    /** Skips the calling test, saying why, when no server is named. */
    public static void assumeAvailable() {
        assumeTrue(URL != null && !URL.isBlank(), "AIM_TEST_MSSQL_URL is not set, so there is no SQL Server to test against "
                + "(CI starts one from ../shared/tds)");
    }

    public static Connection connect() throws SQLException {
        Properties login = new Properties();
        if (USER != null) login.setProperty("user", USER);
        if (PASSWORD != null) login.setProperty("password", PASSWORD);
        return DriverManager.getConnection(URL, login);
    }

    /**
     * The server kit's folder, as ../shared/tds/start set it up (AIM_TDS_HOME), once it is sure to be the kit of the
     * server the tests log in to: AIM_TEST_MSSQL_URL's port is the kit's (AIM_TDS_PORT, 1433 unless set). A shell that
     * sourced another instance's AIM_TEST_MSSQL_* without its AIM_TDS_* would otherwise stop, restart or end the sessions
     * of the default instance, which others (CI) use, while its own tests ran on: it fails here, naming the fix.
     */
    private static java.nio.file.Path home() {
        String h = System.getenv("AIM_TDS_HOME"), kitPort = System.getenv().getOrDefault("AIM_TDS_PORT", "1433");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:sqlserver://[^:;/]*:(\\d+)").matcher(URL == null ? "" : URL);
        String urlPort = m.find() ? m.group(1) : "1433";
        if (!urlPort.equals(kitPort.strip())) {
            throw new IllegalStateException("AIM_TEST_MSSQL_URL names port " + urlPort + ", the ../shared/tds kit of AIM_TDS_HOME="
                    + (h == null ? "(default)" : h) + " serves port " + kitPort + ": export the AIM_TDS_HOME, AIM_TDS_PORT and AIM_TDS_PG_PORT "
                    + "the instance was started with, so the tests stop, restart and end the sessions of the server they log in to");
        }
        return java.nio.file.Path.of(h == null || h.isBlank() ? "/var/tmp/aim-tds" : h);
    }

    /** Whether this server is the ../shared/tds kit, whose PostgreSQL side and scripts the fault tests use. */
    public static boolean isSharedKit() {
        String h = System.getenv("AIM_TDS_HOME");
        java.nio.file.Path kit = java.nio.file.Path.of(h == null || h.isBlank() ? "/var/tmp/aim-tds" : h);
        return java.nio.file.Files.isExecutable(kit.resolve("kit/bin/psql"))
                && java.nio.file.Files.isExecutable(TestSupport.repo().resolve("../shared/tds/stop")) && home() != null;
    }

    /**
     * Ends every TDS session from the server side, as a blinking VPN or a DBA's KILL does (the
     * kit's PostgreSQL side: pg_terminate_backend); returns how many it ended.
     */
    public static int endSessions() throws java.io.IOException, InterruptedException {
        String port = System.getenv().getOrDefault("AIM_TDS_PG_PORT", "5433");
        ProcessBuilder pb = new ProcessBuilder(home().resolve("kit/bin/psql").toString(), "-h", "127.0.0.1", "-p", port, "-U", USER,
                "-Atc", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                + "AND pid <> pg_backend_pid()", "babelfish_db").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) throw new IllegalStateException("psql could not end the sessions: " + said);
        return Integer.parseInt(said.lines().reduce((a, b) -> b).orElse("0").strip());
    }

    /**
     * Runs {@code sql} on the kit's PostgreSQL side as the admin: what T-SQL cannot say there (the server has no DENY;
     * a REVOKE from PUBLIC stands in for one).
     */
    public static void postgres(String sql) throws java.io.IOException, InterruptedException {
        String port = System.getenv().getOrDefault("AIM_TDS_PG_PORT", "5433");
        ProcessBuilder pb = new ProcessBuilder(home().resolve("kit/bin/psql").toString(), "-h", "127.0.0.1", "-p", port, "-U", USER,
                "-v", "ON_ERROR_STOP=1", "-Aqtc", sql, "babelfish_db").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) throw new IllegalStateException("psql failed on " + sql + ": " + said);
    }

    /**
     * Holds an exclusive lock on an AIM table from the server's PostgreSQL side until closed, so a
     * read of it waits (the kit maps database master's tables to schema master_dbo, lower case).
     */
    public static AutoCloseable lock(String table) throws java.io.IOException {
        String port = System.getenv().getOrDefault("AIM_TDS_PG_PORT", "5433");
        ProcessBuilder pb = new ProcessBuilder(home().resolve("kit/bin/psql").toString(), "-h", "127.0.0.1", "-p", port, "-U", USER, "-Aqt",
                "-v", "ON_ERROR_STOP=1", "babelfish_db").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.start();
        java.io.Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        in.write("BEGIN; LOCK TABLE master_dbo." + table.toLowerCase(java.util.Locale.ROOT) + " IN ACCESS EXCLUSIVE MODE; SELECT 'locked';\n");
        in.flush();
        for (String line; (line = said.readLine()) != null && !line.strip().equals("locked"); ) {
            if (line.contains("ERROR")) throw new IllegalStateException("psql could not lock " + table + ": " + line);
        }
        return () -> {
            in.write("ROLLBACK;\n\\q\n");
            in.close();
            p.waitFor();
        };
    }

    /** Stops the server (../shared/tds/stop): every session ends, no new one is accepted. */
    public static void stop() throws java.io.IOException, InterruptedException {
        script("stop");
    }

    /** Starts it again (../shared/tds/start); returns once a TDS login succeeds. */
    public static void start() throws java.io.IOException, InterruptedException {
        script("start");
    }

    private static void script(String name) throws java.io.IOException, InterruptedException {
        home(); // the kit of the server the tests log in to, or a failure naming the fix
        Process p = new ProcessBuilder("bash", TestSupport.repo().resolve("../shared/tds/" + name).toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("../shared/tds/" + name + " failed:\n" + said);
    }

    /** The environment MigrateAim reads the password from. */
    public static Map<String, String> env() {
        return PASSWORD == null ? Map.of() : Map.of("AIM_PASSWORD", PASSWORD);
    }

    /** The source options for MigrateAim: --source URL --user USER. */
    public static List<String> sourceArgs() {
        List<String> args = new ArrayList<>(List.of("--source", URL));
        if (USER != null) args.addAll(List.of("--user", USER));
        return args;
    }

    /** The scale-1 sample, in the server: copied from the H2 sample unless this sample version is there already (SampleCopy). */
    public static synchronized void ensureSample() throws SQLException {
        assumeAvailable();
        if (loaded) return;
        SampleDatabase.Sample sample = SampleRun.sample();
        try (Connection db = connect()) {
            SampleCopy.ensure(db, sample);
        }
        loaded = true;
    }

    /**
     * For a test that changes the shared sample and undoes it: the marker is dropped while the
     * change lasts, so a run that dies before the undo leaves a sample the next run copies anew.
     */
    public static void changing(Connection db, boolean on) throws SQLException {
        try (Statement st = db.createStatement()) {
            if (on) {
                st.execute("DELETE FROM " + SampleCopy.MARKER);
                loaded = false;
            } else {
                st.execute("INSERT INTO " + SampleCopy.MARKER + " VALUES ('" + SampleCopy.sampleId(1) + "')");
                loaded = true;
            }
        }
    }

    /** The sample DDL's columns by table. */
    /**
     * Drops a test's own login and its user, if there. The TDS server (PostgreSQL underneath) drops no user that still
     * holds a grant, where SQL Server would: its SELECTs on the sample's tables are revoked first.
     */
    public static void dropLogin(java.sql.Statement st, String login) throws SQLException {
        String user = "IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = '" + login + "') ";
        for (String table : tables().keySet()) st.execute(user + "REVOKE SELECT ON dbo." + table + " FROM " + login);
        st.execute(user + "DROP USER " + login);
        st.execute("IF EXISTS (SELECT 1 FROM sys.server_principals WHERE name = '" + login + "') DROP LOGIN " + login);
    }

    public static Map<String, List<TsqlColumn>> tables() {
        return SampleCopy.tables();
    }

    /** A column's value as the type SQL Server stores: exact decimals, local date-times, booleans, text. */
    public static Object value(ResultSet rs, int i, TsqlColumn c) throws SQLException {
        return SampleCopy.value(rs, i, c);
    }

    /**
     * A table's content as one SHA-256, independent of row order (the two servers order
     * text keys under different collations): every row's values in a canonical text form
     * (decimals without trailing zeros, GUIDs in upper case as SQL Server returns them),
     * rows sorted. {@code nulDropped} drops U+0000 from text first (see TEXT_WITHOUT_NUL).
     */
    public static String contentHash(Connection db, String table, List<TsqlColumn> cols, boolean nulDropped) throws SQLException {
        List<String> rows = new ArrayList<>();
        String select = "SELECT " + String.join(", ", cols.stream().map(TsqlColumn::name).toList()) + " FROM " + table;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(select)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < cols.size(); i++) {
                    Object v = value(rs, i + 1, cols.get(i));
                    String s;
                    if (v == null) s = "\u2400NULL";
                    else if (v instanceof BigDecimal d) s = d.stripTrailingZeros().toPlainString();
                    else if (cols.get(i).type().equals("UNIQUEIDENTIFIER")) s = v.toString().toUpperCase(java.util.Locale.ROOT);
                    else s = v.toString();
                    if (nulDropped) s = s.replace("\u0000", "");
                    row.append(s).append('\u001F');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String r : rows) md.update((r + '\u001E').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return rows.size() + " rows, " + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
