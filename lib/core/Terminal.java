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
    private static volatile boolean servedInteractive, servedCanAsk;

    static void serve(boolean interactive, boolean canAsk, Asker asker) {
        servedInteractive = interactive;
        servedCanAsk = canAsk;
        served = asker;
    }

    /** Whether a question can be asked: at the terminal, or at this process's controlling terminal when output is redirected. */
    public static boolean canAsk() {
        return served != null ? servedCanAsk : asker() != null;
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

    /**
     * Who to ask, when there is a person at a terminal; null otherwise. With standard input or output redirected
     * ({@code | tee run.log}) the question goes to the controlling terminal, if the process has one ({@link Tty}).
     */
    public static Asker asker() {
        return asker(System.getenv());
    }

    /** Why {@link #asker(java.util.Map)} has no one to ask, in words for the line that says so. */
    public static String whyNoOneToAsk(java.util.Map<String, String> env) {
        if ("0".equals(env.get("AIM_TERMINAL_PROMPT"))) return "AIM_TERMINAL_PROMPT=0 says not to ask";
        if (served == null && Tty.background()) return "the run is in the background of its terminal, where a question would stop it";
        return "there is no terminal to ask on";
    }

    /** As {@link #asker()}; with AIM_TERMINAL_PROMPT=0 in {@code env} (as git's GIT_TERMINAL_PROMPT) never: a script fails instead of waiting. */
    public static Asker asker(java.util.Map<String, String> env) {
        if ("0".equals(env.get("AIM_TERMINAL_PROMPT"))) return null;
        if (served != null) return servedCanAsk ? served : null;
        Console c = System.console();
        if (c == null || !interactive()) return Tty.open();
        return new Asker() {
            @Override
            public String readLine(String format, Object... args) {
                return c.readLine(format, args);
            }

            /**
             * The console decodes what is typed by the locale: under LANG=C each non-ASCII byte of a correct password is
             * lost. There the terminal itself is asked ({@link Tty}), which reads UTF-8 as UTF-8.
             */
            @Override
            public char[] readPassword(String format, Object... args) {
                Tty tty = c.charset().equals(java.nio.charset.StandardCharsets.UTF_8) ? null : Tty.open();
                return tty != null ? tty.readPassword(format, args) : c.readPassword(format, args);
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
