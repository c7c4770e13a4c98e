package lib.core;

/** Whether the JVM is already stopping (Ctrl-C, kill): an error met now is the stop's doing, and its shutdown hook says what happened. */
public final class Shutdown {
    private Shutdown() {}

    public static boolean inProgress() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }

    /**
     * After a child process (wrangler) stopped by a signal (exit 130 or 143): the same Ctrl-C or kill reaches this JVM a
     * moment later, as its signal handler starts the shutdown. Waits for that, at most 5 s, so a hook that says what
     * happened is still registered then, not taken away by the caller's finally a moment before (a child that dies at
     * once, as a stand-in does, left the run saying nothing). Any other exit code returns at once.
     */
    public static void awaitAfter(int childExit) {
        if (childExit != 130 && childExit != 143) return;
        long until = System.nanoTime() + 5_000_000_000L;
        while (!inProgress() && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
