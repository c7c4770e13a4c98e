package lib.run;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.SortedSet;
import java.util.function.Supplier;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.source.Isolation;
import lib.source.LoginsAhead;
import lib.source.Reconnects;
import lib.source.SourceLogin;
import lib.source.SourcePool;

/**
 * A migration run against AIM, given its first connection: tables read on connections of their own, or,
 * under --isolation consistent, everything in the one snapshot of the first connection. A dropped
 * connection takes that snapshot with it, so a consistent run starts over from the beginning with a new one.
 */
public final class RunOnSource {
    private RunOnSource() {}

    /**
     * Runs {@code slices} ({@code all}: every slice into a fresh database); {@code used} is the isolation {@code first} settled on;
     * the pool's connections are those logged in {@code ahead} while they last; {@code since}, when the run began to log in (System.nanoTime()).
     */
    public static int run(MigrationRun.Settings settings, PrintWriter stdout, SourceLogin source, Connection first, Isolation used,
            LoginsAhead ahead, long since, SortedSet<Integer> slices, boolean all) throws Exception {
        if (used != Isolation.CONSISTENT) {
            Supplier<Connection> open = () -> {
                Connection c = ahead.take(used);
                return c != null ? c : source.open(used);
            };
            try (SourcePool pool = new SourcePool(first, open, settings.jobs())) {
                return new MigrationRun(settings, stdout).since(since).run(first, pool, slices, all);
            }
        }
        Reconnects restarts = new Reconnects(settings.reconnectAttempts(), source.label(), m -> { stdout.println(m); stdout.flush(); });
        Connection db = first;
        for (int attempt = 0; ; ) {
            Connection snapshot = db;
            try {
                if (attempt > 0) restarts.recovered("the consistent read started over with a new snapshot (attempt " + attempt + ")");
                int code = new MigrationRun(settings, stdout).since(since).after(restarts.recovered()).run(snapshot, SourcePool.single(snapshot), slices, all);
                if (snapshot != first) snapshot.close(); // the caller closes the first
                return code;
            } catch (MigrationException e) {
                if (e.exitCode() != ExitCode.SOURCE_UNREACHABLE || !Reconnects.dropped(snapshot, null)) throw e;
                if (++attempt > settings.reconnectAttempts()) throw e;
                restarts.waitBefore(attempt, "during the consistent read, and its snapshot with it; the run starts over from the beginning",
                        e.getCause() instanceof Exception cause ? cause : e);
                if (snapshot != first) snapshot.close();
                try {
                    db = source.open();
                    used.apply(db);
                } catch (MigrationException | SQLException again) {
                    db = snapshot;
                    if (attempt >= settings.reconnectAttempts()) throw e;
                }
            }
        }
    }
}
