package lib.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;
import lib.core.EnvText;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.core.Terminal;
import lib.sample.SampleDatabase;
import lib.source.Isolation;
import lib.source.Reconnects;
import lib.source.SourceConnection;
import lib.source.SourceIdentity;
import lib.source.SourceLogin;
import picocli.CommandLine.Option;

/** Where AIM is and how to read it: the embedded sample, a JDBC URL or a host; the login; timeouts, isolation and readers. */
public final class SourceOptions {
    @Option(names = "--sample", arity = "0..1", fallbackValue = "1", paramLabel = "SCALE[:SCENARIO]",
            description = "Use the embedded sample AIM database (scale 1: about 130,000 rows; 10: ten times that); "
                    + "1:adversarial adds a few dozen rows hard on a migration, listed in its manifest.json.")
    String sample;

    @Option(names = "--source", paramLabel = "JDBC_URL", defaultValue = "${env:AIM_SOURCE_URL}",
            description = "The AIM database, e.g. jdbc:sqlserver://host:1433;databaseName=AIM (default: env AIM_SOURCE_URL).")
    String source;

    @Option(names = "--host", paramLabel = "HOST", description = "SQL Server host; with --port and --database builds the URL instead of --source.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "1433", description = "SQL Server port with --host (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "AIM", description = "Database name with --host (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--trust-server-certificate", description = "With --host: accept the server's self-signed TLS certificate (old on-prem servers).")
    boolean trustServerCertificate;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:AIM_USER}", description = "Login for the source (default: env AIM_USER).")
    String user;

    @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE}).")
    int loginTimeout;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Give up on a table whose read does not start within this long; 0 waits forever (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--reconnect-attempts", paramLabel = "N", defaultValue = "" + Reconnects.DEFAULT_ATTEMPTS,
            description = "When the connection to AIM drops, reconnect up to N times (waiting 1, 2, 4, 8, 16, then 30 s) and carry on "
                    + "after the last row read; a --isolation consistent run starts over with a new snapshot; 0 gives up at once "
                    + "(default: ${DEFAULT-VALUE}).")
    int reconnectAttempts;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "How to read without blocking the till: auto (snapshot if the database allows it, else read-uncommitted), "
                    + "snapshot, read-uncommitted, read-committed, or consistent (one snapshot for every table and the business figures, "
                    + "for the cutover; reads on one connection). Default: ${DEFAULT-VALUE}.")
    String isolation;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "Source tables read at once, each on its own connection; never more than N connections to AIM in all. "
                    + "Output is the same for any N (default: ${DEFAULT-VALUE}).")
    int jobs;

    /** Refuses values out of range. */
    void check() {
        if (jobs < 1 || jobs > 32) throw new MigrationException(ExitCode.BAD_INPUT, "--jobs must be 1 to 32, not " + jobs);
        if (reconnectAttempts < 0 || reconnectAttempts > 100) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--reconnect-attempts must be 0 to 100, not " + reconnectAttempts);
        }
        if (port < 1 || port > 65535) throw new MigrationException(ExitCode.BAD_INPUT, "--port must be 1 to 65535, not " + port);
        // mssql-jdbc takes a login timeout up to 65535 s; a week is longer than any read of AIM may wait to start.
        if (loginTimeout < 0 || loginTimeout > 65535) throw new MigrationException(ExitCode.BAD_INPUT, "--login-timeout must be 0 to 65535 seconds, not " + loginTimeout);
        if (queryTimeout < 0 || queryTimeout > 604_800) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--query-timeout must be 0 (wait forever) to 604800 seconds (a week), not " + queryTimeout);
        }
    }

    Isolation isolation() {
        return Isolation.parse(isolation);
    }

    /** Which database this run reads, from the options alone (nothing generated or opened yet); null when none is named. */
    SourceIdentity identity() {
        if (sample != null) {
            SampleDatabase.Choice choice = SampleDatabase.parse(sample);
            return SourceIdentity.sample(choice.scale(), choice.scenario());
        }
        if (host != null) return SourceIdentity.ofUrl(SourceConnection.sqlServerUrl(host, port, database, trustServerCertificate));
        return source == null || source.isBlank() ? null : SourceIdentity.ofUrl(source);
    }

    /** The source to read (generating the sample on first use); the password from env AIM_PASSWORD or a prompt. */
    SourceLogin login(Map<String, String> env, Consumer<String> say) {
        String url, label;
        if (sample != null) {
            SampleDatabase.Choice choice = SampleDatabase.parse(sample);
            url = SampleDatabase.ensure(choice.scale(), choice.scenario(), say).jdbcUrl();
            label = choice.label();
        } else if (host != null) {
            url = SourceConnection.sqlServerUrl(host, port, database, trustServerCertificate);
            label = SourceConnection.masked(url);
        } else if (source != null && !source.isBlank()) {
            url = source;
            label = SourceConnection.masked(source);
        } else {
            throw new MigrationException(ExitCode.BAD_INPUT, "no source: pass --source JDBC_URL (or set AIM_SOURCE_URL), --host, or --sample");
        }
        SourceConnection.refusePasswordInUrl(url);
        SourceConnection.refuseUnknownScheme(url);
        // The embedded sample has no login: AIM_USER and AIM_PASSWORD are meant for a real server and stay unused.
        if (sample != null) return new SourceLogin(url, label, null, null, loginTimeout);
        return new SourceLogin(url, label, user, password(env, url), loginTimeout);
    }

    /**
     * The line before a run's first login (on stderr: stdout may be a log of the run), once a run: the connections after
     * it (the readers', a reconnect's, a warm JVM's sessions) say nothing. Not under --quiet, nor for the sample.
     */
    void sayConnecting(SourceLogin login, boolean quiet, PrintWriter err) {
        String line = sample != null || quiet ? null : login.connecting();
        if (line == null) return;
        err.println(line);
        err.flush();
    }

    private String password(Map<String, String> env, String url) {
        if (env.get("AIM_PASSWORD") != null) return EnvText.value("AIM_PASSWORD", env.get("AIM_PASSWORD"));
        Terminal.Asker console = Terminal.asker(env);
        if (user != null && console != null) {
            char[] p = console.readPassword("Password for %s: ", user);
            // Enter alone is taken for a slip, not sent: the server's answer to an empty password names no cause.
            if (p != null && p.length == 0) {
                throw new MigrationException(ExitCode.BAD_INPUT, "no password typed for " + user + ": run again and type it"
                        + " (a login whose password is empty: set AIM_PASSWORD='')");
            }
            return p == null ? null : new String(p);
        }
        // A SQL Server login of a user needs a password, unless the URL names another way in (Windows, Kerberos, Entra ID).
        String props = url.toLowerCase(java.util.Locale.ROOT);
        boolean otherWayIn = props.contains("integratedsecurity=true")
                || props.contains("authentication=") && !props.contains("authentication=sqlpassword") && !props.contains("authentication=activedirectorypassword");
        if (user != null && props.startsWith("jdbc:sqlserver:") && !otherWayIn) {
            throw new MigrationException(ExitCode.BAD_INPUT, "no password for " + user + ": set AIM_PASSWORD (" + Terminal.whyNoOneToAsk(env) + ")");
        }
        return null;
    }
}
