package lib.core;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A seam for fault tests, so each fault lands at a named phase however loaded the machine is.
 * Phases: {@code count}, {@code read TABLE} (a table's read, after its first 1,000 rows),
 * {@code slice N}, {@code checks}, {@code d1 files}, {@code publish}, {@code d1-apply chunk N}.
 * A separate process is paused by env AIM_TEST_PAUSE_AT=PHASE: it says "paused at PHASE" and
 * waits (at most 120 s) to be signalled or killed. A test in the same JVM sets {@link #hook},
 * which runs at every phase on the thread that reaches it and delivers its fault there.
 * Unset, both do nothing.
 */
public final class PausePoint {
    public static final String ENV = "AIM_TEST_PAUSE_AT";
    private static final String AT = System.getenv(ENV);

    /** In-process fault tests only: called with each phase's name as the run reaches it. */
    public static volatile Consumer<String> hook;

    /** Set while a warm JVM trains ({@link WarmSpare}): its training run is not the run a test pauses. */
    static volatile boolean off;

    private PausePoint() {}

    public static void at(String phase, PrintWriter out) {
        if (off) return;
        Consumer<String> h = hook;
        if (h != null) h.accept(phase);
        if (AT == null || !AT.equals(phase)) return;
        out.println("paused at " + phase + " (" + ENV + ")");
        out.flush();
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
