package tests.faults;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tests.support.Pty;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * Ctrl-C typed at a real terminal (a pseudo-terminal, tests/support/Pty), where the run draws its
 * live progress line and the key reaches every process of the job, children included: the
 * interrupted line on a line of its own, exit 130, and nothing lost.
 */
class TerminalFaultsTest extends FaultMatrix {
    @TestFactory
    Stream<DynamicTest> ctrlC() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("Ctrl-C at a terminal", "the load, progress line drawn"), () -> {
            Path out = tmp.resolve("terminal");
            ensurePrevious(out);
            Map<String, String> before = snapshot(out);
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("./jbang", "MigrateAim.java", "--slice", "2", "--sample", "--out", out.toString()),
                    Map.of(), screen -> screen.contains("% ["), Pty.CTRL_C);
            assertTrue(s.typed(), "the live progress line was drawn:\n" + s.screen());
            assertEquals(130, s.exit(), s.screen());
            // Before the progress line, the live line said what the run was doing (over a slow link, seconds of it).
            String screen = s.screen();
            assertTrue(screen.indexOf("checking the AIM tables ...") >= 0 && screen.indexOf("checking the AIM tables ...") < screen.indexOf("Migrating "), screen);
            assertTrue(screen.indexOf("counting the AIM rows ...") > screen.indexOf("Migrating ") && screen.indexOf("counting the AIM rows ...") < screen.indexOf("% ["), screen);
            String counting = "  counting the AIM rows ...";
            assertTrue(screen.contains(counting + "\r" + " ".repeat(counting.length()) + "\r"), "wiped once done: " + screen);
            List<String> said = s.lines().stream().filter(l -> l.contains("MigrateAim:")).toList();
            assertEquals(1, said.size(), s.screen());
            assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"),
                    "the message starts a line of its own, after the progress line: " + s.screen());
            assertFalse(s.screen().contains("Exception"), s.screen());
            assertNoStaging(out);
            assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
            nextRunSucceeds(out);
        }));
        tests.add(cell(new Cell("Ctrl-C at a terminal", "d1-apply, wrangler loading chunk 2"), () -> {
            Path dir = tmp.resolve("terminal-d1");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = SignalFaultsTest.d1Project(dir);
            Path busy = busyWrangler(dir, "*chunk-0002*", "wrangler busy on chunk 2");
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("./jbang", "MigrateAim.java", "--d1-apply", "helm", "--wrangler-dir",
                    project.toString(), "--wrangler", busy.toString(), "--d1-chunk-bytes", SignalFaultsTest.D1_CHUNK, "--out", out.toString()),
                    Map.of(), screen -> screen.contains("wrangler busy on chunk 2"), Pty.CTRL_C);
            assertTrue(s.typed(), s.screen());
            assertEquals(130, s.exit(), s.screen());
            List<String> said = s.lines().stream().filter(l -> l.contains("MigrateAim:")).toList();
            assertEquals(1, said.size(), "one line, not also a wrangler failure: " + s.screen());
            assertTrue(said.get(0).startsWith("MigrateAim: interrupted during chunk 2 of "), s.screen());
            assertTrue(said.get(0).contains("resume at chunk 2"), s.screen());
            SignalFaultsTest.resumes(out, project, 1);
        }));
        tests.add(cell(new Cell("Ctrl-C at a terminal", "d1-verify, wrangler exporting"), () -> {
            Path dir = tmp.resolve("terminal-verify");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = SignalFaultsTest.d1Project(dir);
            Path busy = busyWrangler(dir, "export", "wrangler busy exporting");
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("./jbang", "MigrateAim.java", "--d1-verify", "helm", "--wrangler-dir",
                    project.toString(), "--wrangler", busy.toString(), "--out", out.toString()),
                    Map.of(), screen -> screen.contains("wrangler busy exporting"), Pty.CTRL_C);
            assertTrue(s.typed(), s.screen());
            assertEquals(130, s.exit(), s.screen());
            List<String> said = s.lines().stream().filter(l -> l.contains("MigrateAim:")).toList();
            assertEquals(1, said.size(), "one line, where it said nothing: " + s.screen());
            assertTrue(said.get(0).startsWith("MigrateAim: interrupted while verifying D1 database helm (local); a verification changes nothing"), s.screen());
        }));
        tests.add(cell(new Cell("password at a terminal", "output piped to a file"), () -> {
            // As ssh and sudo ask: at the terminal itself, unseen, and nothing of it in the pipe. The login then fails
            // (nothing listens on port 1), which shows the typed password was taken and the run went on.
            Path piped = tmp.resolve("piped.txt");
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("env", "-u", "AIM_PASSWORD", "-u", "AIM_TERMINAL_PROMPT", "bash", "-c",
                    "./jbang MigrateAim.java --check-source --source 'jdbc:sqlserver://127.0.0.1:1;databaseName=AIM;encrypt=false' --user aim"
                            + " | cat > '" + piped + "'; exit ${PIPESTATUS[0]}"), Map.of(), screen -> screen.contains("Password for aim: "), "s3cret\r");
            assertTrue(s.typed(), "asked at the terminal:\n" + s.screen());
            assertEquals(3, s.exit(), "the login was tried, and failed: " + s.screen());
            assertFalse(s.screen().contains("s3cret"), "the password is not shown as it is typed: " + s.screen());
            assertFalse(Files.readString(piped).contains("Password for"), Files.readString(piped));
        }));
        tests.add(cell(new Cell("password at a terminal", "Enter alone"), () -> {
            // An empty answer is taken for a slip and said so, before any connection (port 1 would be exit 3).
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("env", "-u", "AIM_PASSWORD", "-u", "AIM_TERMINAL_PROMPT", "./jbang", "MigrateAim.java",
                    "--check-source", "--source", "jdbc:sqlserver://127.0.0.1:1;databaseName=AIM;encrypt=false", "--user", "aim"),
                    Map.of(), screen -> screen.contains("Password for aim: "), "\r");
            assertEquals(2, s.exit(), s.screen());
            assertTrue(s.screen().contains("MigrateAim: no password typed for aim: run again and type it"), s.screen());
        }));
        tests.add(cell(new Cell("password at a terminal", "the run in the background (&)"), () -> {
            // Reading the terminal, or setting its mode, from a background job stops the job (SIGTTIN, SIGTTOU): a night
            // of dry-runs started with & would hang unseen. The run says instead why it cannot ask, and ends.
            Path log = tmp.resolve("background.log");
            Pty.Session s = Pty.run(TestSupport.repo(), List.of("env", "-u", "AIM_PASSWORD", "-u", "AIM_TERMINAL_PROMPT", "bash", "-c",
                    "set -m; ./jbang MigrateAim.java --check-source --source 'jdbc:sqlserver://127.0.0.1:1;databaseName=AIM;encrypt=false' --user aim"
                            + " > '" + log + "' 2>&1 & wait $!"), Map.of(), screen -> false, "\r");
            assertEquals(2, s.exit(), s.screen() + Files.readString(log));
            assertEquals("MigrateAim: no password for aim: set AIM_PASSWORD (the run is in the background of its terminal, where a question would stop it)",
                    Files.readString(log).strip());
        }));
        return tests.stream();
    }

    /**
     * Stands in for wrangler busy on an argument matching {@code pattern} (a sh case pattern): says {@code busy} on the
     * terminal, then waits until the terminal's Ctrl-C stops it; with any other arguments it is the real wrangler.
     */
    private static Path busyWrangler(Path dir, String pattern, String busy) throws Exception {
        Path script = dir.resolve("busy-wrangler");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do case \"$a\" in " + pattern + ") echo '" + busy + "' > /dev/tty; exec tail -f /dev/null;; esac; done\n"
                + "exec '" + Wrangler.ensureInstalled() + "' \"$@\"\n");
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }
}
