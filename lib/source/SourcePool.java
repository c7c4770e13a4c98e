package lib.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * The run's connections to AIM, at most {@code size} open at once, the first one included: a reader,
 * the business figures or a check takes one and gives it back, and the next one takes it instead of
 * logging in again. A login is the dearest thing a run asks of the server (on some servers a second of
 * work, as much as reading a table), and a live shop's server has better things to do.
 */
public final class SourcePool implements AutoCloseable {
    private final Connection first;
    private final Supplier<Connection> open;
    private final int size;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int opened = 1;
    private int taken;
    private boolean closed;
    /** A single pool's one connection is everyone's at once: readers and figures take turns by the run's order. */
    private final boolean shared;

    /** {@code first}: the run's connection, already open (its owner closes it); {@code open}: a new one, as the first reads. */
    public SourcePool(Connection first, Supplier<Connection> open, int size) {
        this(first, open, size, false);
    }

    private SourcePool(Connection first, Supplier<Connection> open, int size, boolean shared) {
        this.first = first;
        this.open = open;
        this.size = Math.max(1, size);
        this.shared = shared;
        idle.push(first);
    }

    /** One connection for everything, in turn (a consistent run's snapshot): taking it never opens another. */
    public static SourcePool single(Connection only) {
        return new SourcePool(only, () -> only, 1, true);
    }

    /** A connection: one given back, else a new one while fewer than {@code size} are open, else the next one given back. */
    public Connection take() {
        return take(null);
    }

    /**
     * As {@link #take()}, {@code preferred} when it is free: the server has the plans and catalog entries of
     * that connection's earlier queries at hand (a new session can take a second to warm up).
     */
    public Connection take(Connection preferred) {
        if (shared) return first;
        synchronized (this) {
            while (true) {
                if (closed) throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "the run is over: no more connections to AIM");
                Connection c = preferred != null && idle.remove(preferred) ? preferred : idle.poll();
                if (c != null) {
                    taken++;
                    return c;
                }
                if (opened < size) break;
                await();
            }
            opened++;
            taken++;
        }
        try {
            return open.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                opened--;
                notifyAll();
            }
            throw e;
        }
    }

    /**
     * A connection a reader has no use for at the moment: one given back once the readers have started,
     * never a new login. For work beside the reads (the business figures' AIM half), which must not hold
     * up the first table, nor cost the server a login the readers can spare it.
     */
    public Connection takeSpare() {
        if (shared) return first;
        synchronized (this) {
            while (taken == 0 || idle.isEmpty()) {
                if (closed) throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "the run is over: no more connections to AIM");
                if (taken > 0 && opened == 0) break;
                await();
            }
            if (!idle.isEmpty()) {
                taken++;
                return idle.poll();
            }
        }
        return take(); // every connection dropped: none will come back, so a new one it is
    }

    /** Gives back a connection that still works; one that dropped is closed and no longer counts. */
    public void giveBack(Connection c) {
        if (c == null || shared) return;
        boolean alive;
        try {
            alive = !c.isClosed();
        } catch (SQLException e) {
            alive = false;
        }
        synchronized (this) {
            if (alive && !closed) {
                idle.push(c);
                notifyAll();
                return;
            }
        }
        drop(c);
    }

    /** A connection that dropped (or will not be trusted again): closed, and its place free for a new one. */
    public void drop(Connection c) {
        if (c == null || shared) return;
        if (c != first) quietlyClose(c);
        synchronized (this) {
            opened--;
            notifyAll();
        }
    }

    /** Closes the idle connections but the first (its owner's); one still taken is closed when it comes back. */
    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
            notifyAll();
        }
        for (Connection c : toClose) if (c != first) quietlyClose(c);
    }

    private void await() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "interrupted while waiting for a connection to AIM");
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // The run is done with it; a connection that will not close cannot lose data.
        }
    }
}
