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
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;
import tests.support.Wrangler;

/** The fault matrix for signals: SIGINT and SIGKILL at every phase of a run on the real script, and in the middle of a --d1-apply chunk. */
class SignalFaultsTest extends FaultMatrix {
    // ---- signals: Ctrl-C (SIGINT) and kill -9 (SIGKILL) at every phase of a run, on the real script ----

    static final List<String> RUN_PHASES = List.of("count", "read CUST", "slice 2", "checks", "d1 files", "publish");

    @TestFactory
    Stream<DynamicTest> signals() {
        List<DynamicTest> tests = new ArrayList<>();
        Path out = tmp.resolve("signalled");
        for (String phase : RUN_PHASES) {
            for (String signal : List.of("INT", "KILL")) {
                tests.add(cell(new Cell("SIG" + signal, phase), () -> {
                    ensurePrevious(out);
                    Map<String, String> before = snapshot(out);
                    Signalled r = signalled(out, phase, signal);
                    if (signal.equals("INT")) {
                        assertEquals(130, r.exit(), r.output());
                        List<String> said = r.output().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
                        assertEquals(1, said.size(), r.output());
                        assertTrue(said.get(0).startsWith("MigrateAim: interrupted; this run's partial output was removed"), r.output());
                        assertNoStaging(out);
                    } else {
                        assertEquals(137, r.exit(), "killed: " + r.output());
                    }
                    assertEquals(before, snapshot(out), "the previous output is byte for byte as it was");
                    nextRunSucceeds(out);
                }));
            }
        }
        return tests.stream();
    }

    // ---- the D1 load: Ctrl-C and a wrangler killed in the middle of a chunk ----

    @TestFactory
    Stream<DynamicTest> theD1Load() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(cell(new Cell("SIGINT", "d1-apply chunk 2"), () -> {
            Path dir = tmp.resolve("d1-int");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = d1Project(dir);
            List<String> command = List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                    TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--d1-apply", "helm", "--wrangler-dir",
                    project.toString(), "--d1-chunk-bytes", D1_CHUNK, "--out", out.toString());
            Signalled r = signalled(command, "d1-apply chunk 2", "INT");
            assertEquals(130, r.exit(), r.output());
            List<String> said = r.output().lines().filter(l -> l.startsWith("MigrateAim:")).toList();
            assertEquals(1, said.size(), r.output());
            assertTrue(said.get(0).startsWith("MigrateAim: interrupted during chunk 2 of "), r.output());
            assertTrue(said.get(0).contains("chunk 1 is loaded and recorded in ") && said.get(0).contains("resume at chunk 2"), r.output());
            resumes(out, project, 1);
        }));
        tests.add(cell(new Cell("wrangler killed mid-chunk", "d1-apply chunk 2"), () -> {
            Path dir = tmp.resolve("d1-kill");
            Path out = dir.resolve("out");
            ensurePrevious(out);
            Path project = d1Project(dir);
            Path dying = dir.resolve("dying-wrangler");
            Files.writeString(dying, "#!/bin/sh\n"
                    + "for a in \"$@\"; do case \"$a\" in *chunk-0002*) kill -9 $$;; esac; done\n"
                    + "exec '" + Wrangler.ensureInstalled() + "' \"$@\"\n");
            assertTrue(dying.toFile().setExecutable(true));
            Run r = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", dying.toString(),
                    "--d1-chunk-bytes", D1_CHUNK);
            assertEquals(7, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("MigrateAim: wrangler failed on chunk 2 of "), r.err());
            assertTrue(r.err().contains("resume at chunk 2"), r.err());
            resumes(out, project, 1);
        }));
        return tests.stream();
    }

    static final String D1_CHUNK = "2000000";

    static Path d1Project(Path dir) throws Exception {
        return Wrangler.migrated(dir.resolve("helm"));
    }

    /** The same command again resumes after the chunks the checkpoint records, and D1 then matches the manifest. */
    static void resumes(Path out, Path project, int loaded) throws Exception {
        assertEquals(loaded, Files.readAllLines(out.resolve("d1-apply/helm.local.checkpoint")).stream().filter(l -> l.startsWith("chunk ")).count());
        assertFalse(Files.exists(out.resolve("d1-apply/helm.local.chunks")), "the copy of all.sql cut into chunks is not left behind");
        Run again = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("after chunk " + loaded + " of "), again.out());
        assertTrue(again.out().contains("content checksums all agree"), again.out());
    }
}
