package lib.core;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The process's controlling terminal, {@code /dev/tty}, for a question when standard input or output is not the
 * terminal ({@code MigrateAim ... | tee run.log}): as ssh and sudo ask for a password, the question is shown and
 * answered there, and neither goes into the pipe. A run with no terminal at all (cron, CI) cannot open it.
 */
final class Tty implements Terminal.Asker {
    private static final File TTY = new File("/dev/tty");

    private Tty() {}

    /** The terminal, or null when this process has none, or runs in its background ({@code &}): there a question would stop it. */
    static Tty open() {
        return exists() && foreground() ? new Tty() : null;
    }

    /** Whether this process has a terminal, but runs in its background, where reading it or setting its mode stops the job. */
    static boolean background() {
        return exists() && !foreground();
    }

    private static boolean exists() {
        try (FileInputStream probe = new FileInputStream(TTY)) {
            return true;
        } catch (IOException | SecurityException none) {
            return false;
        }
    }

    /**
     * Whether this process's group is its terminal's foreground group: from /proc/self/stat (Linux: the fields after
     * the command's name are state, ppid, pgrp, session, tty_nr, tpgid), else from ps(1), whose state has a '+' then.
     * Not known: false, so a run never stops on a question it cannot ask.
     */
    private static boolean foreground() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[2].equals(f[5]);
        } catch (IOException | RuntimeException noProc) {
            try {
                Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", String.valueOf(ProcessHandle.current().pid()))
                        .redirectErrorStream(true).start();
                String state = new String(ps.getInputStream().readAllBytes(), Charset.defaultCharset());
                return ps.waitFor() == 0 && state.contains("+");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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
        String mode = unseen ? sttyMode() : null; // the terminal's settings as they were, given back as they were
        Thread restore = new Thread(() -> stty(mode), "tty-echo");
        try (FileOutputStream screen = new FileOutputStream(TTY); InputStream keys = new FileInputStream(TTY)) {
            // Written and read as the terminal speaks: UTF-8 on most, whatever the locale (LANG=C reads US-ASCII, every other byte lost).
            Charset charset = Charset.defaultCharset().equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : Charset.defaultCharset();
            if (unseen) {
                if (mode == null) return null;
                Runtime.getRuntime().addShutdownHook(restore); // else a Ctrl-C at the prompt leaves the terminal not echoing
                if (!stty("-echo")) return null; // never a password shown as it is typed
            }
            screen.write(prompt.getBytes(charset));
            screen.flush();
            String typed = line(keys);
            if (unseen) screen.write(System.lineSeparator().getBytes(charset)); // the Enter that was not echoed
            return typed;
        } catch (IOException e) {
            return null;
        } finally {
            if (unseen && mode != null) {
                stty(mode);
                try {
                    Runtime.getRuntime().removeShutdownHook(restore);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs, or ran, anyway
                }
            }
        }
    }

    /** A line as typed: UTF-8 when its bytes are that, else in the locale's charset ({@link EnvText#decode}). */
    private static String line(InputStream keys) throws IOException {
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        for (int b; (b = keys.read()) != '\n'; ) {
            if (b < 0) return typed.size() == 0 ? null : EnvText.decode(typed.toByteArray(), Charset.defaultCharset());
            if (b != '\r') typed.write(b);
        }
        return EnvText.decode(typed.toByteArray(), Charset.defaultCharset());
    }

    /** The terminal's settings as {@code stty -g} prints them, or null. */
    private static String sttyMode() {
        try {
            Process p = new ProcessBuilder("stty", "-g").redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String mode = new String(p.getInputStream().readAllBytes(), Charset.defaultCharset()).strip();
            return p.waitFor() == 0 && !mode.isEmpty() ? mode : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
