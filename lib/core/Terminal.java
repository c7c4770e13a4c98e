package lib.core;

import java.io.Console;

/**
 * Whether output goes to a person at a terminal (live progress, prompts) or to a file or pipe (plain lines),
 * and how to ask that person something. A run served by a warm JVM ({@link WarmSpare}) has no terminal of its
 * own: the launching process says whether it has one, and its questions go there.
 */
public final class Terminal {
    private Terminal() {}

    /** A question to the person at the terminal: a line typed, or a password typed unseen (null at end of input). */
    public interface Asker {
        String readLine(String format, Object... args);

        char[] readPassword(String format, Object... args);
    }

    /** Set once, in a warm JVM, for the one run it serves. */
    private static volatile Asker served;
    private static volatile boolean servedInteractive;

    static void serve(boolean interactive, Asker asker) {
        servedInteractive = interactive;
        served = asker;
    }

    /** Whether this run is served by a warm JVM, for the launching process: then picocli cannot see the terminal itself. */
    public static boolean served() {
        return served != null;
    }

    /**
     * True when standard input and output are a terminal. From JDK 22 {@link System#console()} exists
     * even when output is redirected; {@code Console.isTerminal()} (JDK 22+) then tells the two apart.
     */
    public static boolean interactive() {
        if (served != null) return servedInteractive;
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

    /** Who to ask, when there is a person at a terminal; null otherwise. */
    public static Asker asker() {
        if (served != null) return servedInteractive ? served : null;
        Console c = System.console();
        if (c == null || !interactive()) return null;
        return new Asker() {
            @Override
            public String readLine(String format, Object... args) {
                return c.readLine(format, args);
            }

            @Override
            public char[] readPassword(String format, Object... args) {
                return c.readPassword(format, args);
            }
        };
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
