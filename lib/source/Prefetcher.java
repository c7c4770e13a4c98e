package lib.source;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.core.PausePoint;

/**
 * Reads the source tables ahead, in the order the slices will ask for them, on up
 * to {@code jobs} connections at once (the legacy server is slow and far away).
 * Each table streams through a small bounded queue of row batches, so memory does
 * not grow with the table, and the one thread that transforms and writes always
 * takes the tables in the same order: the output does not depend on {@code jobs}.
 */
public final class Prefetcher implements RowSource, AutoCloseable {
    static final int BATCH = 1_000;
    /**
     * Batches a table's queue holds: the one being loaded is double-buffered, and a table waiting its turn holds no more
     * than that. Rows queued for seconds are what the young collections copy and then promote (the old generation then
     * fills, and full collections follow): at 8 a table, --slice 4 at scale 10 spent 1.5 s in GC pauses, at 2 about 0.9 s.
     */
    static final int QUEUED_BATCHES = 2;
    static final Object[][] END = new Object[0][];
    /** Seconds after --query-timeout that a read whose cancel went unanswered has its connection aborted. */
    static final int CANCEL_SECONDS = 10;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aim-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Deque<TableStream> pending = new ArrayDeque<>();
    private final ExecutorService pool;
    /** Set by {@link #close}: readers stop at their next row or hand-over, so none is interrupted inside the driver. */
    private volatile boolean closing;
    /** The connection this reader thread reads its current table on, taken from the run's pool and given back after the table. */
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final SourcePool connections;
    private final int queryTimeoutSeconds;
    private final AimSubset subset;
    private final Reconnects reconnects;
    private final PrintWriter say;

    /** {@code subset}: the rows --limit reads (for quick mapping experiments); null reads everything. */
    public Prefetcher(List<SourceTable> order, int jobs, SourcePool connections, int queryTimeoutSeconds, AimSubset subset,
                      Reconnects reconnects, PrintWriter say) {
        this.connections = connections;
        this.subset = subset;
        this.reconnects = reconnects;
        this.say = say;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "aim-reader");
            t.setDaemon(true);
            return t;
        });
        for (SourceTable t : order) {
            TableStream s = new TableStream(t);
            pending.add(s);
            pool.execute(() -> fill(s));
        }
    }

    /** The stream of the next table; tables must be asked for in the order given. */
    public RowStream take(SourceTable table) {
        TableStream s = pending.poll();
        if (s == null || s.table != table) {
            throw new IllegalStateException("source tables must be read in slice order: expected "
                    + (s == null ? "none" : s.table.name()) + ", asked for " + table.name());
        }
        return s;
    }


    /**
     * Reads one table into its stream. When the connection drops mid-table, a new one carries on
     * from the last key read (the read is ordered by key), less the rows of that key already taken
     * ({@link ResumePoint}), so the rows are the same as an undisturbed read's; when the attempts run
     * out, the stream fails with one line naming the table and how far it got.
     */
    private void fill(TableStream s) {
        if (closing) return; // the run is over: a table not started is not read
        try {
            read(s);
        } finally {
            connections.giveBack(connection.get());
            connection.remove();
        }
    }

    private void read(TableStream s) {
        Object[][] batch = new Object[BATCH][];
        int filled = 0;
        long read = 0;
        ResumePoint from = new ResumePoint(s.table, subset);
        boolean paused = false;
        long began = 0;
        boolean executing = false;
        for (int attempt = 0; ; ) {
            if (attempt > 0 && !from.carryOn()) { // inside a key held past ResumePoint.MOST times, or after a NULL key
                s.failure = from.cannotCarryOn(read);
                break;
            }
            Connection c = null;
            executing = false;
            try {
                c = connection();
                try (PreparedStatement st = c.prepareStatement(from.sql(),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    st.setFetchSize(BATCH);
                    from.bind(st);
                    if (queryTimeoutSeconds > 0) st.setQueryTimeout(queryTimeoutSeconds);
                    began = System.nanoTime();
                    executing = true;
                    // The driver cancels a query past --query-timeout, but a server (or network) that never acknowledges the
                    // cancel would hold the read forever: CANCEL_SECONDS later the connection is aborted, which ends the wait.
                    Connection stuck = c;
                    ScheduledFuture<?> watchdog = queryTimeoutSeconds <= 0 ? null : WATCHDOG.schedule(() -> {
                        try {
                            stuck.abort(Runnable::run);
                        } catch (SQLException | RuntimeException ignored) {
                            // Already closed: nothing left to wait for.
                        }
                    }, queryTimeoutSeconds + CANCEL_SECONDS, TimeUnit.SECONDS);
                    ResultSet opened;
                    try {
                        opened = st.executeQuery();
                    } finally {
                        if (watchdog != null) watchdog.cancel(false);
                    }
                    try (ResultSet rs = opened) {
                        executing = false;
                        int n = rs.getMetaData().getColumnCount();
                        int[] kinds = SourceValues.kinds(rs.getMetaData());
                        while (!closing && rs.next()) {
                            Object[] row = new Object[n];
                            for (int i = 0; i < n; i++) row[i] = SourceValues.value(rs, i + 1, kinds[i]);
                            if (!from.take(row)) continue; // a row of the last key read before the connection dropped
                            batch[filled++] = row;
                            read++;
                            if (filled == BATCH) {
                                if (!hand(s, batch)) return;
                                batch = new Object[BATCH][];
                                filled = 0;
                                if (!paused) {
                                    paused = true;
                                    PausePoint.at("read " + s.table.name(), say);
                                }
                            }
                        }
                    }
                }
                if (attempt > 0) {
                    reconnects.recovered(s.table.name() + ": the read carried on after the last row read on attempt " + attempt
                            + " (" + String.format("%,d", read) + " rows in all)");
                }
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                if (executing && queryTimeoutSeconds > 0 && System.nanoTime() - began >= queryTimeoutSeconds * 1_000_000_000L) {
                    // --query-timeout: the read did not start in time. Reading again would wait again; this is no dropped connection.
                    s.failure = new MigrationException(ExitCode.SOURCE_UNREACHABLE, "reading " + s.table.name() + " after " + String.format("%,d", read)
                            + " rows: the source did not answer in time (no rows within --query-timeout " + queryTimeoutSeconds + " s; a lock "
                            + "held by another session, or an overloaded server): raise --query-timeout (0 waits forever) or run again later", e);
                    break;
                }
                String denied = Reconnects.dropped(c, e) ? null : SourceRefusals.deniedLine(e, c);
                if (denied != null) { // a DENY on a column the catalogue still lists (Msg 230): a GRANT is the fix, not a reconnect
                    s.failure = new MigrationException(ExitCode.SOURCE_INCOMPLETE, "reading " + s.table.name() + ": " + denied, e);
                    break;
                }
                if (!Reconnects.dropped(c, e)) {
                    s.failure = new MigrationException(ExitCode.SOURCE_UNREACHABLE, "reading " + s.table.name() + " after "
                            + String.format("%,d", read) + " rows: " + SourceErrors.explain(e, reconnects.sourceLabel(), null).getMessage(), e);
                    break;
                }
                forget(c);
                if (!waitToRetry(s, ++attempt, read, e)) break;
            } catch (MigrationException e) {
                // Opening a new connection failed. A reader's first connection failing fails the run as it is.
                forget(c);
                if (attempt == 0) {
                    s.failure = e;
                    break;
                }
                if (!waitToRetry(s, ++attempt, read, e)) break;
            } catch (Exception e) {
                s.failure = e;
                break;
            }
        }
        try {
            if (filled > 0 && s.failure == null && !hand(s, Arrays.copyOf(batch, filled))) return;
            hand(s, END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands a batch to the table's reader, waiting while its queue is full; false when the prefetcher is closing.
     * Not an interrupt: an interrupted thread inside H2 closes the file under every session of that database.
     */
    private boolean hand(TableStream s, Object[][] batch) throws InterruptedException {
        while (!s.queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (closing) return false;
        }
        return true;
    }

    /** Waits before attempt {@code attempt}; false when there is none left (the stream then fails) or the run was stopped. */
    private boolean waitToRetry(TableStream s, int attempt, long read, Exception e) {
        if (attempt > reconnects.attempts()) {
            s.failure = lost(s.table, read, e);
            return false;
        }
        try {
            reconnects.waitBefore(attempt, "while reading " + s.table.name() + " after " + String.format("%,d", read) + " rows", e);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private MigrationException lost(SourceTable table, long read, Exception last) {
        String why = last instanceof SQLException e ? SourceErrors.firstLine(e.getMessage()) : last.getMessage();
        return new MigrationException(ExitCode.SOURCE_UNREACHABLE, "lost the connection to AIM while reading " + table.name() + " after "
                + String.format("%,d", read) + " rows" + (reconnects.attempts() > 0 ? ", and " + reconnects.attempts() + " reconnect"
                + (reconnects.attempts() > 1 ? "s" : "") + " failed" : "") + " (" + why + "); this run's partial output was removed and the "
                + "previous output is untouched: run again when the server answers", last);
    }

    /** This reader thread's connection for its table, taken on first use. */
    private Connection connection() {
        Connection c = connection.get();
        if (c == null) {
            c = connections.take();
            connection.set(c);
        }
        return c;
    }

    /** Drops a lost connection, so the next attempt takes another. */
    private void forget(Connection c) {
        connection.remove();
        connections.drop(c);
    }

    @Override
    public void close() {
        closing = true;
        pool.shutdown();
        try {
            // Readers stop at their next row; one stuck in the driver longer than this is interrupted after all.
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
