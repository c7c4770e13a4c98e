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
}
