package tests.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A command run at a real pseudo-terminal, as an operator runs it: util-linux {@code script}
 * gives it a terminal of its own (so it sees a TTY, draws its live progress line, and is the
 * terminal's foreground job with every child it starts), and a key typed there goes through the
 * terminal's line discipline: Ctrl-C becomes SIGINT to the whole foreground job, as in a shell.
 */
public final class Pty {
    private Pty() {}

    /** What the terminal showed (carriage returns kept) and the exit code. */
    public record Session(int exit, String screen, boolean typed) {
        /** The screen as lines, each carriage-return redraw resolved to what stayed visible. */
        public List<String> lines() {
            return screen.lines().map(l -> l.contains("\r") ? l.substring(l.lastIndexOf('\r') + 1) : l).toList();
        }
    }

    /** Runs {@code command} in {@code dir} at a terminal and types {@code key} once the screen so far satisfies {@code when}. */
    public static Session run(Path dir, List<String> command, java.util.Map<String, String> env, Predicate<String> when, char key) throws Exception {
        return run(dir, command, env, when, String.valueOf(key));
    }

    /** Runs {@code command} in {@code dir} at a terminal and types {@code keys} once the screen so far satisfies {@code when}. */
    public static Session run(Path dir, List<String> command, java.util.Map<String, String> env, Predicate<String> when, String keys) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) is not installed: no pseudo-terminal to test at");
        // A job started in the background (as CI may start this suite) inherits SIGINT ignored, and so would the
        // command; perl restores the default a terminal's foreground job has, then runs it.
        List<String> withDefaultInt = new java.util.ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        withDefaultInt.addAll(command);
        StringBuilder line = new StringBuilder();
        for (String a : withDefaultInt) line.append(line.length() == 0 ? "" : " ").append("'").append(a.replace("'", "'\\''")).append("'");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qefc", line.toString(), "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        // A command the key did not stop would hold the terminal, and this read, forever: end it after a while, so the test fails instead.
        Thread guard = new Thread(() -> {
            try {
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the test is over
            }
        }, "pty-guard");
        guard.setDaemon(true);
        guard.start();
        StringBuilder screen = new StringBuilder();
        boolean typed = false;
        try (OutputStream keyboard = p.getOutputStream(); Reader shown = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buf = new char[4096];
            for (int n; (n = shown.read(buf)) >= 0; ) {
                screen.append(buf, 0, n);
                if (!typed && when.test(screen.toString())) {
                    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    typed = true;
                }
            }
        }
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the command ended:\n" + screen);
        return new Session(p.exitValue(), screen.toString(), typed);
    }

    public static final char CTRL_C = 3;
}
