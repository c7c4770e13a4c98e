package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.PausePoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tests.support.Pty;
import tests.support.TestSupport;
import tests.support.WarmJvmFixture;

/**
 * The warm JVM's run stopped from outside (lib/core/WarmJvm.java): Ctrl-C or kill of the launching process, a kill of
 * the warm JVM itself, and a run at a terminal, whose progress line, password question and Ctrl-C pass through.
 * The previous output stays byte for byte as it was.
 */
@Tag("slow")
class WarmJvmSignalsTest extends WarmJvmFixture {
    @Test
    void ctrlCAndKillOfTheLaunchingProcessStopTheServedRunAndKeepThePreviousOutput() throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> before = previousOutput(out);
        // Ctrl-C and kill -9 of the launching process; a kill of the warm JVM itself (as the OOM killer's or a kill by pid).
        for (String signal : List.of("INT", "KILL", "TERM to the warm JVM")) {
            Map<String, String> env = env(true);
            env.put(PausePoint.ENV, "checks");
            ProcessHandle warm = warmJvm(env);
            // A background job inherits SIGINT ignored; perl restores the default, as a terminal has it.
            List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
            command.addAll(migrateAim("--slice", "2", "--sample", "--out", out.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(TestSupport.repo().toFile()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            StringBuilder seen = new StringBuilder();
            boolean sent = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (!sent && line.startsWith("paused at checks")) {
                        assertTrue(warm.isAlive(), "the warm JVM runs it");
                        long target = signal.startsWith("TERM") ? warm.pid() : p.pid();
                        new ProcessBuilder("kill", "-" + signal.split(" ")[0], String.valueOf(target)).start().waitFor();
                        sent = true;
                    }
                }
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertTrue(sent, "the served run reached the checks:\n" + seen);
            warm.onExit().get(60, TimeUnit.SECONDS); // the warm JVM stopped the run and ended
            if (signal.equals("INT")) {
                assertEquals(130, p.exitValue(), seen.toString());
                List<String> said = seen.toString().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
                assertEquals(1, said.size(), seen.toString());
                assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"), seen.toString());
            } else if (signal.equals("KILL")) {
                assertEquals(137, p.exitValue(), seen.toString());
            } else {
                assertEquals(143, p.exitValue(), "as a run killed in its own JVM: " + seen);
                assertTrue(seen.toString().contains("MigrateAim: interrupted"), "the warm JVM's last line came through: " + seen);
            }
            assertEquals(before, snapshot(out), signal + ": the previous output is byte for byte as it was");
            String why = signal.equals("INT") ? "stopped by the launching process (Ctrl-C): exit 130"
                    : signal.equals("KILL") ? "the launching process is gone" : "stopped from outside (a signal to this JVM)";
            assertTrue(warmLog().contains(why), signal + ": the warm JVM's log says why its run ended: " + warmLog());
            try (Stream<Path> files = Files.list(out)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".staging-")), signal + ": no staging folder left");
            }
        }
    }

    @Test
    void atATerminalTheServedRunDrawsItsProgressAsksItsQuestionsAndStopsOnCtrlC() throws Exception {
        Path out = tmp.resolve("terminal");
        Map<String, String> before = previousOutput(out);
        Map<String, String> env = env(true);
        env.put(PausePoint.ENV, "read CUST"); // the load goes on under the progress line until the Ctrl-C
        ProcessHandle warm = warmJvm(env);
        Pty.Session s = Pty.run(TestSupport.repo(), migrateAim("--slice", "2", "--sample", "--out", out.toString()), env,
                screen -> screen.contains("% ["), Pty.CTRL_C);
        assertTrue(s.typed(), "the live progress line was drawn:\n" + s.screen());
        assertEquals(130, s.exit(), s.screen());
        warm.onExit().get(60, TimeUnit.SECONDS); // it was the warm JVM's run, and it ended
        List<String> said = s.lines().stream().filter(l -> l.contains("MigrateAim:")).toList();
        assertEquals(1, said.size(), s.screen());
        assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"),
                "the message starts a line of its own, after the progress line: " + s.screen());
        assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");

        // The password prompt of a login without AIM_PASSWORD, answered at this terminal.
        warm = warmJvm(env(true));
        s = Pty.run(TestSupport.repo(), migrateAim("--check-source", "--source", "jdbc:sqlserver://127.0.0.1:1;databaseName=AIM;encrypt=false",
                "--user", "aim"), env(true), screen -> screen.contains("Password for aim: "), "x\r");
        assertTrue(s.typed(), "the warm JVM's question was asked here:\n" + s.screen());
        assertEquals(3, s.exit(), "the login then fails (nothing listens on port 1): " + s.screen());
        assertEquals(1, s.lines().stream().filter(l -> l.contains("Connecting to 127.0.0.1:1 (database AIM) as aim...")).count(),
                "the served run says where it connects, once: " + s.screen());
        warm.onExit().get(60, TimeUnit.SECONDS);
    }
}
