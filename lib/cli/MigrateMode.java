package lib.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.accounts.LiveLine;
import lib.core.Terminal;
import lib.rules.Pseudonym;
import lib.run.MigrationRun;
import lib.run.OutputDir;
import lib.run.RunOnSource;
import lib.run.SourceFile;
import lib.source.Isolation;
import lib.source.LoginsAhead;
import lib.source.SourceCheck;
import lib.source.SourceIdentity;
import lib.source.SourceLogin;
import lib.target.HelmDatabase;

/** --all and --slice N: migrate the selected slices from AIM into OUT. */
record MigrateMode(SliceSelection selection, SourceOptions source, OutputOptions output, MappingOptions mapping, Pseudonym redact,
        boolean quiet, Map<String, String> env, PrintWriter stdout, PrintWriter stderr) implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        OutputDir.requireOwnOrNew(output.out);
        if (!selection.all()) {
            MigrationRun.checkPartial(output.out, output.migrations, selection.slices());
            SourceIdentity named = source.identity(); // before the password is asked, when the options name the database
            SourceFile.requireSame(output.out, named != null && named.knownBeforeLogin() ? named : null, mapping.rowLimit(), SourceFile.Mapping.of(mapping.zone(), mapping.phoneRegion, redact));
        }
        HelmDatabase.migrationFiles(output.migrations);
        Isolation mode = source.isolation();
        SourceLogin login = source.login(env, m -> { if (!quiet) stdout.println(m); });
        long connecting = System.nanoTime(); // the run's time counts from here: the login and the checks are seconds over a slow link
        source.sayConnecting(login, quiet, stderr);
        try (Connection first = login.open(); LoginsAhead ahead = ahead(login, mode)) {
            // The database read, as the server says: a URL without databaseName reads the login's default one.
            SourceIdentity identity = source.identity() == null ? null : source.identity().reading(first);
            if (!selection.all()) {
                SourceFile.requireSame(output.out, identity, mapping.rowLimit(), SourceFile.Mapping.of(mapping.zone(), mapping.phoneRegion, redact));
            }
            // On a terminal, what goes on before the run's first line (a round trip at least, seconds on a slow link).
            LiveLine live = Terminal.interactive() && !quiet ? new LiveLine(stdout) : null;
            if (live != null) live.show("  checking the AIM tables ...");
            try {
                SourceCheck.requireComplete(first, login.user(), selection.reads(), SliceSelection::sliceOf);
            } finally {
                if (live != null) live.clear();
            }
            Isolation used = mode.apply(first, note -> { if (!quiet) stdout.println(note); });
            int readers = used == Isolation.CONSISTENT ? 1 : source.jobs;
            String reading = "isolation " + used.label() + (mode == Isolation.AUTO ? " (auto)" : "") + ", " + readers + " connection" + (readers > 1 ? "s" : "");
            ZoneId zone = mapping.zone();
            if (!quiet) stdout.println("Migrating " + login.label() + " -> " + output.out + " (shop time zone " + zone + "; " + reading + ")");
            MigrationRun.Settings settings = new MigrationRun.Settings(output.out, output.migrations, zone, mapping.phoneRegion,
                    login.label() + "; " + reading, quiet, Terminal.interactive() && !quiet, readers, source.queryTimeout, redact,
                    mapping.rowLimit(), source.reconnectAttempts, used == Isolation.CONSISTENT, identity);
            return RunOnSource.run(settings, stdout, login, first, used, ahead, connecting, selection.slices(), selection.all());
        }
    }

    /**
     * The readers' logins to a SQL Server, started as soon as the first is in (the first reads a table too): one a
     * table up to --jobs. Not for a consistent run (one connection), nor the embedded sample (no login to wait for).
     */
    private LoginsAhead ahead(SourceLogin login, Isolation mode) {
        int readers = Math.min(source.jobs, selection.reads().size());
        if (mode == Isolation.CONSISTENT || readers < 2 || !login.url().startsWith("jdbc:sqlserver:")) return LoginsAhead.none();
        return LoginsAhead.start(login, readers - 1);
    }
}
