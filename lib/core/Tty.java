package lib.core;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * The process's controlling terminal, {@code /dev/tty}, for a question when standard input or output is not the
 * terminal ({@code MigrateAim ... | tee run.log}): as ssh and sudo ask for a password, the question is shown and
 * answered there, and neither goes into the pipe. A run with no terminal at all (cron, CI) cannot open it.
 */
final class Tty implements Terminal.Asker {
    private static final File TTY = new File("/dev/tty");

    private Tty() {}

    /** The terminal, or null when this process has none. */
    static Tty open() {
        try (FileInputStream probe = new FileInputStream(TTY)) {
            return new Tty();
        } catch (IOException | SecurityException none) {
            return null;
        }
    }

    @Override
    public String readLine(String format, Object... args) {
        return ask(String.format(format, args), false);
    }

    @Override
    public char[] readPassword(String format, Object... args) {
        String typed = ask(String.format(format, args), true);
        return typed == null ? null : typed.toCharArray();
    }

    /** Shows the prompt and reads a line at the terminal, unseen for a password (null at end of input). */
    private static synchronized String ask(String prompt, boolean unseen) {
        Thread restore = new Thread(() -> stty("echo"), "tty-echo");
        try (FileOutputStream screen = new FileOutputStream(TTY); InputStream keys = new FileInputStream(TTY)) {
            Charset charset = Charset.defaultCharset();
            if (unseen) {
                Runtime.getRuntime().addShutdownHook(restore); // else a Ctrl-C at the prompt leaves the terminal not echoing
                if (!stty("-echo")) return null; // never a password shown as it is typed
            }
            screen.write(prompt.getBytes(charset));
            screen.flush();
            String typed = line(keys, charset);
            if (unseen) screen.write(System.lineSeparator().getBytes(charset)); // the Enter that was not echoed
            return typed;
        } catch (IOException e) {
            return null;
        } finally {
            if (unseen) {
                stty("echo");
                try {
                    Runtime.getRuntime().removeShutdownHook(restore);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs, or ran, anyway
                }
            }
        }
    }

    private static String line(InputStream keys, Charset charset) throws IOException {
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        for (int b; (b = keys.read()) != '\n'; ) {
            if (b < 0) return typed.size() == 0 ? null : typed.toString(charset);
            if (b != '\r') typed.write(b);
        }
        return typed.toString(charset);
    }

    /** Sets the terminal's mode with stty(1), reading the terminal as its input: whether it did. */
    private static boolean stty(String mode) {
        try {
            return new ProcessBuilder("stty", mode).redirectInput(TTY).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
