package lib.run;

import java.io.PrintWriter;

/**
 * A seam for fault tests: when env AIM_TEST_PAUSE_AT names a phase ("slice 4"), the run
 * stops there, says so, and waits to be signalled or killed, so a test delivers its fault
 * at that exact phase however loaded the machine is. Unset, it does nothing.
 */
public final class PausePoint {
    public static final String ENV = "AIM_TEST_PAUSE_AT";
    private static final String AT = System.getenv(ENV);

    private PausePoint() {}

    public static void at(String phase, PrintWriter out) {
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
