package lib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.rules.Pseudonym;
import lib.run.MigrationRun;
import lib.sample.SampleDatabase;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.Isolation;
import lib.source.Reconnects;
import lib.source.SourceConnection;
import lib.source.SourceProfile;
import lib.source.SourceTable;
import lib.target.CutoverManifest;
import lib.target.D1Apply;
import lib.target.D1TimeTravel;
import lib.target.HelmDatabase;
import lib.target.Wrangler;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** MigrateAim: the ETL from AIM v12 into Helm's D1 schema. */
@Command(name = "MigrateAim", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = {"Migrates an AIM v12 point-of-sale database into Helm (Cloudflare D1 / SQLite).",
            "Writes OUT/helm.sqlite, OUT/d1/*.sql (D1 import files), OUT/report.md, OUT/report.json and OUT/rejects/.",
            "The password comes only from the AIM_PASSWORD environment variable or a prompt."},
        footer = Cli.EXIT_CODES)
public final class MigrateAimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final java.util.Map<String, String> env;

    public MigrateAimCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the password (AIM_PASSWORD) is taken from. */
    public MigrateAimCommand(java.util.Map<String, String> env) {
        this.env = env;
    }

    @Mixin
    CommonOptions common;

    static final class Which {
        @Option(names = "--all", required = true, description = "Migrate all slices into a fresh Helm database.")
        boolean all;

        @Option(names = "--slice", required = true, split = ",", paramLabel = "N",
                description = "Re-run only these slices (repeatable; 4, 2,4-5); the rest of OUT is kept as it is.")
        List<String> slices;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which;

    @Option(names = "--sample", arity = "0..1", fallbackValue = "1", paramLabel = "SCALE",
            description = "Use the embedded sample AIM database (scale 1: about 130,000 rows; 10: ten times that).")
    Integer sample;

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
                    + "after the last key read; a --isolation consistent run starts over with a new snapshot; 0 gives up at once "
                    + "(default: ${DEFAULT-VALUE}).")
    int reconnectAttempts;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "How to read without blocking the till: auto (snapshot if the database allows it, else read-uncommitted), "
                    + "snapshot, read-uncommitted, read-committed, or consistent (one snapshot for every table and the business figures, "
                    + "for the cutover; reads on one connection). Default: ${DEFAULT-VALUE}.")
    String isolation;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "Source tables read at once, each on its own connection; output is the same for any N (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--migrations", paramLabel = "DIR", defaultValue = "migrations",
            description = "The Helm schema migrations (default: ${DEFAULT-VALUE}).")
    Path migrations;

    @Option(names = "--shop-tz", paramLabel = "ZONE", defaultValue = "America/Chicago",
            description = "The shop's time zone; AIM's local times are converted to UTC with it (default: ${DEFAULT-VALUE}).")
    String shopZone;

    @Option(names = "--phone-region", paramLabel = "CC", defaultValue = "US",
            description = "Region for phone numbers written without a country code (default: ${DEFAULT-VALUE}).")
    String phoneRegion;

    @Option(names = "--check-source", description = "Only check the source: can it be reached, and has it every table and column the slices read.")
    boolean checkSource;

    @Option(names = "--redact", description = "Write a dry-run fit to leave the shop: customer and staff names, e-mails, phones, street "
            + "addresses and notes become deterministic pseudonyms (same value and salt, same pseudonym); amounts, dates, SKUs and keys stay "
            + "exact. The salt comes from env AIM_REDACT_SALT or --redact-salt-file and is never written.")
    boolean redact;

    @Option(names = "--redact-salt-file", paramLabel = "FILE", description = "With --redact: read the salt from this file (at least 8 bytes).")
    Path saltFile;

    @Option(names = "--limit", paramLabel = "N", description = "Read at most N rows per AIM table, for quick mapping experiments; "
            + "the report says so, the business reconciliation is left out, and --d1-apply refuses the output. Not with --isolation consistent.")
    Integer limit;

    @Option(names = "--profile", description = "Only profile the source tables the slices read (NULL and blank rates, padded text, "
            + "sentinel dates, mojibake, repeated would-be keys, orphans) into OUT/profile.md; before adapting the slices to a shop.")
    boolean profile;

    @Option(names = "--verify-manifest", description = "Only check OUT's helm.sqlite and D1 files against OUT/manifest.json "
            + "(SHA-256 of each file, and every table's rows, cents, dates and content checksum recomputed from helm.sqlite).")
    boolean verifyManifest;

    @Option(names = "--d1-apply", paramLabel = "NAME", description = "Only load OUT/d1/all.sql into the D1 database NAME with wrangler, "
            + "in chunks; after a failure the same command resumes after the last loaded chunk. Ends with --d1-verify.")
    String d1Apply;

    @Option(names = "--d1-verify", paramLabel = "NAME", description = "Only export the D1 database NAME with wrangler and compare every "
            + "table's rows, cents, dates and content checksum with OUT/manifest.json.")
    String d1Verify;

    @Option(names = "--d1-migrate", paramLabel = "NAME", description = "Only apply the Helm migrations of the wrangler project to D1 database "
            + "NAME with the pinned wrangler (the schema, before --d1-apply).")
    String d1Migrate;

    @Option(names = "--d1-rollback", paramLabel = "NAME", description = "Only restore Cloudflare's D1 database NAME with Time Travel to the "
            + "bookmark --d1-apply --remote recorded before its first chunk (asks first, unless --yes).")
    String d1Rollback;

    @Option(names = "--yes", description = "With --d1-rollback: do not ask for confirmation.")
    boolean yes;

    @Mixin
    D1Options d1;

    @Option(names = "--d1-chunk-bytes", paramLabel = "BYTES",
            description = "Largest chunk --d1-apply hands to wrangler at once (default: " + D1Apply.LOCAL_CHUNK_BYTES
                    + " for the local D1; " + D1Apply.REMOTE_CHUNK_BYTES + " for --remote, where each chunk is one D1 import).")
    Long chunkBytes;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Integer done = afterTheRun(stdout);
        if (done != null) return done;
        ZoneId zone = zone();
        if (sample != null && source != null && spec.commandLine().getParseResult().hasMatchedOption("--source")) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--sample and --source exclude each other; use one");
        }
        if (profile && checkSource) throw new MigrationException(ExitCode.BAD_INPUT, "--profile and --check-source exclude each other; use one");
        if (profile && which != null && which.all) throw new MigrationException(ExitCode.BAD_INPUT, "--profile runs on its own (add --slice N to profile only those slices' tables)");
        if (which == null && !checkSource && !profile) {
            throw new MigrationException(ExitCode.BAD_INPUT, "say what to migrate: --all, or --slice N (or --check-source, --profile, --verify-manifest, --d1-apply NAME)");
        }
        SortedSet<Integer> slices = which == null || which.all ? allSlices() : Slices.parse(which.slices);
        boolean all = which != null && which.all;
        boolean migrating = !checkSource && !profile;
        if (limit != null && limit < 1) throw new MigrationException(ExitCode.BAD_INPUT, "--limit must be at least 1, not " + limit);
        if (limit != null && Isolation.parse(isolation) == Isolation.CONSISTENT) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--limit is for mapping experiments; the cutover run (--isolation consistent) reads every row");
        }
        if (saltFile != null && !redact) throw new MigrationException(ExitCode.BAD_INPUT, "--redact-salt-file goes with --redact");
        Pseudonym pseudonym = redact ? pseudonym() : null;
        if (migrating && !all) MigrationRun.checkPartial(out, migrations, slices);
        if (migrating) HelmDatabase.migrationFiles(migrations);

        if (jobs < 1 || jobs > 32) throw new MigrationException(ExitCode.BAD_INPUT, "--jobs must be 1 to 32, not " + jobs);
        Isolation mode = Isolation.parse(isolation);
        String url, label;
        if (sample != null) {
            if (host != null) throw new MigrationException(ExitCode.BAD_INPUT, "--sample and --host exclude each other; use one");
            SampleDatabase.Sample s = SampleDatabase.ensure(sample, msg -> { if (!common.quiet) stdout.println(msg); });
            url = s.jdbcUrl();
            label = "sample AIM v12 database, scale " + sample;
        } else if (host != null) {
            if (source != null && spec.commandLine().getParseResult().hasMatchedOption("--source")) {
                throw new MigrationException(ExitCode.BAD_INPUT, "--host and --source exclude each other; use one");
            }
            url = SourceConnection.sqlServerUrl(host, port, database, trustServerCertificate);
            label = SourceConnection.masked(url);
        } else if (source != null && !source.isBlank()) {
            url = source;
            label = SourceConnection.masked(source);
        } else {
            throw new MigrationException(ExitCode.BAD_INPUT, "no source: pass --source JDBC_URL (or set AIM_SOURCE_URL), --host, or --sample");
        }
        SourceConnection.refusePasswordInUrl(url);
        // The embedded sample has no login: AIM_USER and AIM_PASSWORD are meant for a real server and stay unused.
        String login = sample == null ? user : null;
        String password = sample == null ? password() : null;
        if (reconnectAttempts < 0 || reconnectAttempts > 100) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--reconnect-attempts must be 0 to 100, not " + reconnectAttempts);
        }
        try (Connection first = SourceConnection.open(url, login, password, loginTimeout)) {
            if (checkSource) return checkSource(first, slices, label, stdout);
            if (profile) {
                List<String> missing = SourceConnection.missing(first, reads(slices), this::sliceOf);
                if (!missing.isEmpty()) throw new MigrationException(ExitCode.SOURCE_INCOMPLETE, "the source lacks " + String.join(", ", missing)
                        + " (run --check-source for the full list)");
                String md = SourceProfile.run(first, reads(slices), label, m -> { if (!common.quiet) stdout.println(m); });
                SourceProfile.write(out, md, stdout);
                return ExitCode.OK.code;
            }
            List<String> missing = SourceConnection.missing(first, reads(slices), this::sliceOf);
            if (!missing.isEmpty()) {
                throw new MigrationException(ExitCode.SOURCE_INCOMPLETE, "the source lacks " + String.join(", ", missing)
                        + " (run --check-source for the full list)");
            }
            Isolation used = mode.apply(first);
            int readers = used == Isolation.CONSISTENT ? 1 : jobs;
            String reading = "isolation " + used.label() + (mode == Isolation.AUTO ? " (auto)" : "") + ", " + readers + " connection" + (readers > 1 ? "s" : "");
            if (!common.quiet) stdout.println("Migrating " + label + " -> " + out + " (shop time zone " + zone + "; " + reading + ")");
            MigrationRun.Settings settings = new MigrationRun.Settings(out, migrations, zone, phoneRegion, label + "; " + reading,
                    common.quiet, System.console() != null && !common.quiet, readers, queryTimeout, pseudonym, limit == null ? 0 : limit,
                    reconnectAttempts, used == Isolation.CONSISTENT);
            if (used != Isolation.CONSISTENT) {
                return new MigrationRun(settings, stdout).run(first, () -> {
                    Connection c = SourceConnection.open(url, login, password, loginTimeout);
                    try {
                        used.apply(c);
                    } catch (SQLException e) {
                        throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "cannot set the isolation level on the source: " + e.getMessage(), e);
                    }
                    return c;
                }, slices, all);
            }
            // Consistent: the tables and then the business figures are read on one connection, in one snapshot. A dropped
            // connection takes the snapshot with it, so the run starts over from the beginning with a new one.
            Reconnects restarts = new Reconnects(reconnectAttempts, label, m -> { stdout.println(m); stdout.flush(); });
            Connection db = first;
            for (int attempt = 0; ; ) {
                Connection snapshot = db;
                try {
                    if (attempt > 0) restarts.recovered("the consistent read started over with a new snapshot (attempt " + attempt + ")");
                    int code = new MigrationRun(settings, stdout).after(restarts.recovered()).run(snapshot, () -> snapshot, slices, all);
                    if (snapshot != first) snapshot.close(); // the first closes with its try
                    return code;
                } catch (MigrationException e) {
                    if (e.exitCode() != ExitCode.SOURCE_UNREACHABLE || !Reconnects.dropped(snapshot, null)) throw e;
                    if (++attempt > reconnectAttempts) throw e;
                    restarts.waitBefore(attempt, "during the consistent read, and its snapshot with it; the run starts over from the beginning",
                            e.getCause() instanceof Exception cause ? cause : e);
                    if (snapshot != first) snapshot.close();
                    try {
                        db = SourceConnection.open(url, login, password, loginTimeout);
                        used.apply(db);
                    } catch (MigrationException | SQLException again) {
                        db = snapshot;
                        if (attempt >= reconnectAttempts) throw e;
                    }
                }
            }
        }
    }

    /** The actions on a finished OUT or on D1 (no source needed): --verify-manifest and the --d1-* ones. Null when none was asked for. */
    private Integer afterTheRun(PrintWriter stdout) throws Exception {
        List<String> asked = new ArrayList<>();
        if (verifyManifest) asked.add("--verify-manifest");
        if (d1Migrate != null) asked.add("--d1-migrate");
        if (d1Apply != null) asked.add("--d1-apply");
        if (d1Verify != null) asked.add("--d1-verify");
        if (d1Rollback != null) asked.add("--d1-rollback");
        if (asked.isEmpty()) {
            if (d1.given()) throw new MigrationException(ExitCode.BAD_INPUT, (d1.remote ? "--remote" : "--local") + " goes with a --d1-* action");
            if (yes) throw new MigrationException(ExitCode.BAD_INPUT, "--yes goes with --d1-rollback");
            return null;
        }
        if (asked.size() > 1) throw new MigrationException(ExitCode.BAD_INPUT, String.join(" and ", asked) + " exclude each other; use one");
        if (which != null || checkSource) {
            throw new MigrationException(ExitCode.BAD_INPUT, asked.get(0) + " works on its own, not with "
                    + (which == null ? "--check-source" : which.all ? "--all" : "--slice"));
        }
        if (yes && d1Rollback == null) throw new MigrationException(ExitCode.BAD_INPUT, "--yes goes with --d1-rollback");
        if (verifyManifest) {
            if (d1.given()) throw new MigrationException(ExitCode.BAD_INPUT, (d1.remote ? "--remote" : "--local") + " goes with a --d1-* action, not --verify-manifest");
            return CutoverManifest.verify(out, stdout).isEmpty() ? ExitCode.OK.code : ExitCode.CHECK_FAILED.code;
        }
        if (chunkBytes != null && chunkBytes < 20_000) throw new MigrationException(ExitCode.BAD_INPUT, "--d1-chunk-bytes must be at least 20000");
        if (d1Rollback != null && !d1.remote) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--d1-rollback uses D1 Time Travel, which only Cloudflare's D1 has: add --remote "
                    + "(a local D1 is rebuilt by deleting the project's .wrangler/state folder)");
        }
        d1.check();
        Wrangler wrangler = d1.wrangler(stdout::println);
        if (d1Rollback != null) return new D1TimeTravel(wrangler, d1.wranglerDir, stdout).rollback(out, d1Rollback, yes);
        D1Apply apply = new D1Apply(wrangler, d1.wranglerDir, d1.remote, stdout);
        if (d1Migrate != null) return apply.migrate(d1Migrate);
        List<String> problems = d1Apply != null
                ? apply.apply(out, d1Apply, chunkBytes != null ? chunkBytes : d1.remote ? D1Apply.REMOTE_CHUNK_BYTES : D1Apply.LOCAL_CHUNK_BYTES)
                : apply.verify(out, d1Verify);
        return problems.isEmpty() ? ExitCode.OK.code : ExitCode.CHECK_FAILED.code;
    }

    private Pseudonym pseudonym() {
        byte[] salt;
        if (saltFile != null) {
            try {
                salt = new String(java.nio.file.Files.readAllBytes(saltFile), java.nio.charset.StandardCharsets.UTF_8).strip()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new MigrationException(ExitCode.BAD_INPUT, "cannot read the salt file " + saltFile + ": " + e.getMessage());
            }
        } else if (env.get("AIM_REDACT_SALT") != null) {
            salt = env.get("AIM_REDACT_SALT").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            throw new MigrationException(ExitCode.BAD_INPUT, "--redact needs a salt: set AIM_REDACT_SALT or pass --redact-salt-file FILE "
                    + "(keep it private and the same across runs, so pseudonyms stay stable)");
        }
        if (salt.length < 8) throw new MigrationException(ExitCode.BAD_INPUT, "the redaction salt must be at least 8 bytes");
        return new Pseudonym(salt);
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(shopZone);
        } catch (DateTimeException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--shop-tz " + shopZone + " is not a time zone (e.g. America/Chicago)");
        }
    }

    private String password() {
        String env = this.env.get("AIM_PASSWORD");
        if (env != null) return env;
        if (user != null && System.console() != null) {
            char[] p = System.console().readPassword("Password for %s: ", user);
            return p == null ? null : new String(p);
        }
        return null;
    }

    private static SortedSet<Integer> allSlices() {
        SortedSet<Integer> all = new TreeSet<>();
        Slices.ALL.forEach(s -> all.add(s.number()));
        return all;
    }

    private static List<SourceTable> reads(SortedSet<Integer> slices) {
        List<SourceTable> out = new ArrayList<>();
        for (int n : slices) out.addAll(Slices.get(n).reads());
        return out;
    }

    private int sliceOf(SourceTable t) {
        for (Slice s : Slices.ALL) if (s.reads().contains(t)) return s.number();
        return 0;
    }

    private int checkSource(Connection db, SortedSet<Integer> slices, String label, PrintWriter stdout) throws SQLException {
        stdout.println("Source: " + label + " (" + db.getMetaData().getDatabaseProductName() + " "
                + db.getMetaData().getDatabaseProductVersion() + ")");
        List<SourceTable> tables = reads(slices);
        List<String> missing = SourceConnection.missing(db, tables, this::sliceOf);
        for (SourceTable t : tables) {
            String count;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(t.countSql())) {
                rs.next();
                count = String.format("%,d rows", rs.getLong(1));
            } catch (SQLException e) {
                count = "not readable";
            }
            stdout.printf("  slice %d  %-10s %s%n", sliceOf(t), t.name(), count);
        }
        if (missing.isEmpty()) {
            stdout.println("Every table and column the selected slices read is there.");
            return ExitCode.OK.code;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("The source lacks " + missing.size() + " table(s) or column(s) the slices read:");
        missing.forEach(m -> err.println("  " + m));
        return ExitCode.SOURCE_INCOMPLETE.code;
    }
}
