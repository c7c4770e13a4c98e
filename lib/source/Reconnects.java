package lib.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a run does when the connection to AIM drops (a VPN to the shop blinks, the server
 * restarts): up to {@code attempts} new connections, waiting 1, 2, 4, 8, 16, 30 s before them,
 * each attempt said out loud; every drop survived is recorded for the report.
 */
public final class Reconnects {
    public static final int DEFAULT_ATTEMPTS = 5;

    private final int attempts;
    private final String sourceLabel;
    private final Consumer<String> say;
    private final List<String> recovered = new ArrayList<>();

    public Reconnects(int attempts, String sourceLabel, Consumer<String> say) {
        this.attempts = attempts;
        this.sourceLabel = sourceLabel;
        this.say = say;
    }

    /** Never reconnects (the tests of other faults, and a consistent run's reads, which must stay in one snapshot). */
    public static Reconnects none(String sourceLabel) {
        return new Reconnects(0, sourceLabel, m -> {});
    }

    public int attempts() {
        return attempts;
    }

    public String sourceLabel() {
        return sourceLabel;
    }

    /**
     * Whether a failure lost the connection itself, rather than being an answer on a live one
     * (a query timeout, a SQL error): the driver closed it, or it no longer answers.
     */
    public static boolean dropped(Connection c, SQLException e) {
        if (c == null) return true;
        try {
            // A query timeout leaves a live connection; a session the server ended can look like a cancel, so ask the connection.
            return c.isClosed() || !c.isValid(5);
        } catch (SQLException | RuntimeException notEvenThat) {
            return true;
        }
    }

    /** Says that a connection dropped and waits before attempt {@code attempt} (1-based). */
    public void waitBefore(int attempt, String what, Exception cause) throws InterruptedException {
        // A drop met while the JVM stops (Ctrl-C, kill) is the stop's doing: its hook has said what happened, so no
        // reconnect and no second message. (An interrupt can close H2's file under every reader of the sample.)
        if (lib.core.Shutdown.inProgress()) throw new InterruptedException("stopping");
        int seconds = attempt <= 5 ? 1 << (attempt - 1) : 30;
        say.accept("The connection to AIM dropped " + what + " (" + SourceErrors.firstLine(cause.getMessage()) + "); reconnecting in "
                + seconds + " s (attempt " + attempt + " of " + attempts + ")");
        Thread.sleep(seconds * 1000L);
    }

    /** Records a drop the run survived (for the report), and says so. */
    public void recovered(String what) {
        synchronized (recovered) {
            recovered.add(what);
        }
        say.accept("Reconnected to AIM: " + what);
    }

    /** Every drop the run survived, in the order they happened. */
    public List<String> recovered() {
        synchronized (recovered) {
            return List.copyOf(recovered);
        }
    }
}
