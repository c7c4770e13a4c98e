package lib.core;

import java.io.Console;

/** Whether output goes to a person at a terminal (live progress, prompts) or to a file or pipe (plain lines). */
public final class Terminal {
    private Terminal() {}

    /**
     * True when standard input and output are a terminal. From JDK 22 {@link System#console()} exists
     * even when output is redirected; {@code Console.isTerminal()} (JDK 22+) then tells the two apart.
     */
    public static boolean interactive() {
        Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Says on standard error why the run stopped, from a shutdown hook: on a terminal it starts a
     * line of its own (after the terminal's {@code ^C} and any progress line).
     */
    public static void stopped(String message) {
        System.err.println((interactive() ? System.lineSeparator() : "") + message);
        System.err.flush();
    }
}
