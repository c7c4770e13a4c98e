package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * --d1-apply against four mistakes of a tired operator, with a stand-in wrangler (no D1 is touched): a D1 that holds an
 * earlier load, an --all into the output while a load reads it, a check killed with the whole D1 in a scratch file,
 * and a misspelt database name.
 */
class D1SafetyTest {
    /**
     * A stand-in wrangler: logs each command line to calls.log; answers a --json query with answer.json when there is
     * one (as wrangler prints a query's rows), else with no rows; refuses every chunk; an export writes export.sql's
     * text where --output says, records that path and its folder's permissions in export.log, then kills the process
     * that started it when kill-parent exists (kill -9 during the final check).
     */
    static Path standIn(Path dir) throws Exception {
        Path script = dir.resolve("wrangler");
        Files.writeString(script, """
                #!/bin/sh
                d='%s'
                echo "$*" >> "$d/calls.log"
                case "$*" in
                  *"--json --command"*) if [ -e "$d/answer.json" ]; then cat "$d/answer.json"; else echo '[{"results":[],"success":true,"meta":{}}]'; fi; exit 0;;
                  *"--file"*) echo 'D1_ERROR: the stand-in loads no chunk' >&2; exit 1;;
                  *" export "*) o=""; prev=""; for a; do [ "$prev" = --output ] && o="$a"; prev="$a"; done
                    cat "$d/export.sql" > "$o"; echo "$o" > "$d/export.log"; stat -c %%A "$(dirname "$o")" >> "$d/export.log"
                    [ -e "$d/kill-parent" ] && kill -9 $PPID; exit 0;;
                esac
                echo "stand-in: nothing to do for $*" >&2; exit 1
                """.formatted(dir));
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    static Path out(Path tmp) throws Exception {
        return D1ApplyTest.copyOf(SampleRun.full(), tmp.resolve("out"));
    }

    static List<String> calls(Path tmp) throws Exception {
        Path log = tmp.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    static TestSupport.Run d1(Path tmp, Path out, String... action) throws Exception {
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        String[] args = new String[action.length + 4];
        System.arraycopy(action, 0, args, 0, action.length);
        args[action.length] = "--wrangler-dir";
        args[action.length + 1] = project.toString();
        args[action.length + 2] = "--wrangler";
        args[action.length + 3] = standIn(tmp).toString();
        return SampleRun.migrate(out, args);
    }

    // ---- 1. a D1 that already holds an earlier load ----

    @Test
    void aNewLoadIntoAD1WhoseHelmTablesHoldRowsIsRefusedBeforeAnyChunkNamingThemAndHowToStartAfresh(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        // As wrangler d1 execute --json prints the rows of the toolkit's query: two tables hold a row.
        Files.writeString(tmp.resolve("answer.json"), """
                [
                  {
                    "results": [
                      { "stores": 1, "staff": 0, "tax_rates": 0, "customers": 1, "products": 0 }
                    ],
                    "success": true,
                    "meta": { "duration": 1 }
                  }
                ]
                """);
        TestSupport.Run r = d1(tmp, out, "--d1-apply", "helm");
        assertEquals(2, r.exit(), r.all());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("already holds rows in 2 of Helm's 25 tables (stores, customers)"), r.err());
        assertTrue(r.err().contains("delete " + tmp.resolve("helm/.wrangler/state")), "how to start afresh: " + r.err());
        List<String> calls = calls(tmp);
        assertEquals(1, calls.size(), "one query, no chunk: " + calls);
        assertTrue(calls.get(0).startsWith("d1 execute helm --local --json --command SELECT EXISTS (SELECT 1 FROM \"stores\") AS \"stores\", "),
                calls.get(0));
        for (String table : List.of("stores", "sale_lines", "special_orders")) assertTrue(calls.get(0).contains("FROM \"" + table + "\")"), table);
        assertFalse(Files.exists(out.resolve("d1-apply/helm.local.checkpoint")), "nothing recorded");

        // Cloudflare's D1: refused before the Time Travel bookmark is read, and told of Time Travel or a new database.
        Files.delete(tmp.resolve("calls.log"));
        TestSupport.Run remote = d1(tmp, out, "--d1-apply", "helm", "--remote");
        assertEquals(2, remote.exit(), remote.all());
        assertTrue(remote.err().contains("--d1-rollback helm --remote") && remote.err().contains("new D1 database"), remote.err());
        assertEquals(1, calls(tmp).size(), calls(tmp).toString());

        // Empty: the load goes on to chunk 1 (which the stand-in refuses: exit 7); the resume asks no more.
        Files.delete(tmp.resolve("answer.json"));
        Files.delete(tmp.resolve("calls.log"));
        TestSupport.Run empty = d1(tmp, out, "--d1-apply", "helm");
        assertEquals(7, empty.exit(), empty.all());
        assertTrue(calls(tmp).get(1).matches("d1 execute helm --local --yes --file .*chunk-0001\\.sql"), calls(tmp).toString());
        Files.delete(tmp.resolve("calls.log"));
        TestSupport.Run resumed = d1(tmp, out, "--d1-apply", "helm");
        assertEquals(7, resumed.exit(), resumed.all());
        assertTrue(calls(tmp).get(0).contains("chunk-0001.sql"), "a resume of chunk 1 asks nothing first: " + calls(tmp));
    }

    @Test
    void aCheckThatFindsTablesThatDifferSaysTheLikelyCauseAndWhatToDoNext(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        Files.writeString(tmp.resolve("export.sql"), "CREATE TABLE stores (id INTEGER PRIMARY KEY);\nINSERT INTO stores VALUES (1);\n");
        TestSupport.Run r = d1(tmp, out, "--d1-verify", "helm");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("25 differ"), r.out());
        assertTrue(r.out().contains("Likely cause: D1 database helm holds other rows than"), r.out());
        assertTrue(r.out().contains("from an earlier load"), r.out());
        assertTrue(r.out().contains("Next: start from an empty local D1: delete " + tmp.resolve("helm/.wrangler/state")), r.out());
    }

    // ---- 4. a misspelt database name ----

    @Test
    void aNameWranglerTomlDoesNotBindIsRefusedBeforeAChunkIsCutNamingTheDatabasesItHas(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        for (String action : List.of("--d1-apply", "--d1-verify", "--d1-migrate")) {
            TestSupport.Run r = d1(tmp, out, action, "hlem");
            assertEquals(2, r.exit(), action + ": " + r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("no D1 database hlem in " + tmp.resolve("helm/wrangler.toml") + ", which names helm (binding DB)"), r.err());
        }
        assertEquals(List.of(), calls(tmp), "wrangler was not asked");
        assertFalse(Files.exists(out.resolve("d1-apply/hlem.local.checkpoint")), "no checkpoint under the wrong name");
        try (var files = Files.list(out.resolve("d1-apply"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hlem")).toList());
        } catch (java.nio.file.NoSuchFileException none) {
            // nothing at all
        }
        // wrangler takes a binding's name as well.
        TestSupport.Run binding = d1(tmp, out, "--d1-apply", "DB");
        assertEquals(7, binding.exit(), binding.all());
        assertTrue(calls(tmp).get(0).startsWith("d1 execute DB --local --json"), calls(tmp).toString());
    }

    // ---- 2. a run writing the output and a load reading it exclude each other ----

    /** Another process holding OUT/.lock as a run (exclusive) or a --d1-* action (shared) does, until its input ends. */
    static Process hold(Path tmp, Path out, boolean shared, String... alsoOnItsCommandLine) throws Exception {
        Path holder = Files.writeString(tmp.resolve("Hold.java"), """
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]), java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
                             var lock = ch.lock(0, Long.MAX_VALUE, a[1].equals("shared"))) {
                            System.out.println(ProcessHandle.current().pid());
                            System.in.read();
                        }
                    }
                }
                """);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), out.resolve(".lock").toString(), shared ? "shared" : "exclusive"));
        command.addAll(List.of(alsoOnItsCommandLine));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static long pidOf(Process p) throws Exception {
        return Long.parseLong(new BufferedReader(new InputStreamReader(p.getInputStream())).readLine().strip());
    }

    @Test
    void aLoadWhileARunWritesTheOutputIsRefusedNamingItAndAKilledRunLeavesNoLock(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        Process run = hold(tmp, out, false);
        long pid = pidOf(run);
        for (String action : List.of("--d1-apply", "--d1-verify")) {
            TestSupport.Run r = d1(tmp, out, action, "helm");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("another MigrateAim run (pid " + pid + ") is writing " + out + " now; wait for it to finish, then run "
                    + action + " again"), r.err());
        }
        assertEquals(List.of(), calls(tmp), "wrangler was not asked");
        run.destroyForcibly().waitFor(); // kill -9: the OS lock goes with it
        TestSupport.Run after = d1(tmp, out, "--d1-apply", "helm");
        assertEquals(7, after.exit(), "the load starts (the stand-in refuses its chunk): " + after.all());
    }

    @Test
    void aRunIntoTheOutputWhileALoadReadsItIsRefusedNamingTheLoad(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        Process load = hold(tmp, out, true, "--d1-apply", "helm");
        try {
            long pid = pidOf(load);
            TestSupport.Run r = SampleRun.migrate(out, "--all", "--sample");
            assertEquals(2, r.exit(), r.all());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("a --d1-apply (pid " + pid + ") is using " + out + " now"), r.err());
            assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")), "the output is untouched");
            // Two --d1-* actions may read one output at once.
            TestSupport.Run verify = d1(tmp, out, "--d1-verify", "helm");
            assertFalse(verify.err().contains("is writing"), verify.all());
        } finally {
            load.getOutputStream().close();
            load.waitFor();
        }
    }

    // ---- 3. kill -9 during the final check ----

    /** Slow: the real script in a process of its own, which the stand-in kills. */
    @Tag("slow")
    @Test
    void theChecksScratchIsInTheOutputForItsOwnerAloneAndTheNextCheckRemovesWhatAKilledOneLeft(@TempDir Path tmp) throws Exception {
        Path out = out(tmp);
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        Files.writeString(tmp.resolve("export.sql"), "INSERT INTO customers VALUES ('the whole D1: names, e-mails');\n");
        Files.createFile(tmp.resolve("kill-parent"));
        TestSupport.Run killed = TestSupport.process(List.of(TestSupport.repo().resolve("jbang").toString(), "MigrateAim.java", "--d1-verify", "helm",
                "--wrangler-dir", project.toString(), "--wrangler", standIn(tmp).toString(), "--out", out.toString()), TestSupport.repo(), 300);
        assertEquals(137, killed.exit(), "killed by the stand-in: " + killed.all());
        List<String> exported = Files.readAllLines(tmp.resolve("export.log"));
        Path left = Path.of(exported.get(0));
        assertTrue(left.startsWith(out.resolve("d1-apply").toAbsolutePath()), "in the output, where the next check finds it: " + left);
        assertEquals("drwx------", exported.get(1), "its folder is its owner's alone");
        assertTrue(Files.exists(left), "kill -9 leaves it");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(left.getParent())));

        Files.delete(tmp.resolve("kill-parent"));
        Files.writeString(tmp.resolve("export.sql"), "");
        SampleRun.migrate(out, "--d1-verify", "helm", "--wrangler-dir", project.toString(), "--wrangler", standIn(tmp).toString());
        assertFalse(Files.exists(left), "the next check removed the killed one's export");
        assertFalse(Files.exists(left.getParent()));
        try (var files = Files.list(out.resolve("d1-apply"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("verify-")).toList(), "and its own");
        }
    }
}
