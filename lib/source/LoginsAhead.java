package lib.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Logins to AIM started ahead, each on a thread of its own, once the run's first connection is in: the
 * connections the readers will take log in while the first one checks the tables, settles the isolation
 * and counts the rows (a login is several round trips, and the server's work for a new session). The
 * run's pool takes them instead of logging in then; one it never takes is closed. Only after the first
 * login succeeded: a wrong password is tried once, not once a connection.
 */
public final class LoginsAhead implements AutoCloseable {
    private final Deque<FutureTask<Connection>> ahead = new ArrayDeque<>();
    /** Logged in, not taken: what {@link #close} closes. */
    private final List<Connection> waiting = new ArrayList<>();
    private boolean closed;

    private LoginsAhead() {}

    /** None: every connection logs in when it is needed. */
    public static LoginsAhead none() {
        return new LoginsAhead();
    }

    /** Starts {@code n} logins now. */
    public static LoginsAhead start(SourceLogin login, int n) {
        LoginsAhead a = new LoginsAhead();
        for (int i = 0; i < n; i++) {
            FutureTask<Connection> f = new FutureTask<>(() -> a.keep(login.open()));
            a.ahead.add(f);
            Thread t = new Thread(f, "aim-login");
            t.setDaemon(true);
            t.start();
        }
        return a;
    }

    /** A login that ends after the run no longer wants it is closed at once. */
    private Connection keep(Connection c) {
        synchronized (this) {
            if (!closed) {
                waiting.add(c);
                return c;
            }
        }
        quietlyClose(c);
        return null;
    }

    /**
     * A connection logged in ahead, with the run's isolation set on it; null when none is left, or when
     * its login failed (the caller logs in itself then, and says what fails).
     */
    public Connection take(Isolation used) {
        FutureTask<Connection> f;
        synchronized (this) {
            f = closed ? null : ahead.poll();
        }
        if (f == null) return null;
        Connection c;
        try {
            c = f.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        synchronized (this) {
            if (c == null || !waiting.remove(c)) return null; // closed meanwhile: close() has it
        }
        try {
            used.setOn(c);
            return c;
        } catch (SQLException e) {
            quietlyClose(c);
            return null;
        }
    }

    /** Closes the logins not taken; one still under way closes itself when it is in. */
    @Override
    public void close() {
        List<Connection> left;
        synchronized (this) {
            closed = true;
            ahead.clear();
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Connection c : left) quietlyClose(c);
    }

    private static void quietlyClose(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing only
        }
    }
}
