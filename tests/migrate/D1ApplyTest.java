package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.target.TableContent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/** --d1-apply: a chunked load into wrangler's local D1 that resumes after a failure, and --d1-verify catching a changed value. */
@Tag("slow")
class D1ApplyTest {
    /** Chunks of about 600 kB: three for the inventory slices (1 and 3, 1.8 MB) of the scale-1 sample. */
    static final String CHUNK = "600000";

    @Test
    void aLoadThatFailsAfterChunkKResumesAtKPlus1AndEndsLikeAnUninterruptedLoad(@TempDir Path tmp) throws Exception {
        // Reference data and inventory: enough chunks to fail in the middle, a quarter of the sample's load time.
        Path out = slices(tmp, "1,3");
        Path project = Wrangler.migrated(tmp.resolve("resumed"));

        // A wrangler that fails on chunk 2 while the file "fail" exists, and logs every chunk it is given; while "killed"
        // exists, it ends chunk 2 as wrangler's launcher does when the process doing the work is killed: exit 0, nothing said.
        Path log = tmp.resolve("calls.log"), fail = Files.createFile(tmp.resolve("fail")), killed = Files.createFile(tmp.resolve("killed"));
        Path flaky = tmp.resolve("flaky-wrangler");
        Files.writeString(flaky, "#!/bin/sh\n"
                // A WRANGLER_LOG=warn of the user's shell would silence the line that says a chunk ran.
                + "[ \"$WRANGLER_LOG\" = log ] || { echo \"WRANGLER_LOG is '$WRANGLER_LOG'\" >&2; exit 1; }\n"
                + "for a in \"$@\"; do case \"$a\" in *chunk-*) echo \"$(basename \"$a\")\" >> '" + log + "';;\n"
                + "  esac; case \"$a\" in *chunk-0002*) if [ -e '" + killed + "' ]; then exit 0; fi;\n"
                + "  if [ -e '" + fail + "' ]; then echo 'D1_ERROR: network connection lost' >&2; exit 1; fi;; esac; done\n"
                + "exec '" + Wrangler.ensureInstalled() + "' \"$@\"\n");
        assertTrue(flaky.toFile().setExecutable(true));

        TestSupport.Run silent = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(),
                "--wrangler", flaky.toString(), "--d1-chunk-bytes", CHUNK);
        assertEquals(7, silent.exit(), silent.all());
        assertTrue(silent.err().contains("wrangler ended on chunk 2 of ") && silent.err().contains("without saying it ran"), silent.all());
        assertTrue(silent.err().contains("resume at chunk 2"), silent.all());
        Path checkpoint = out.resolve("d1-apply/helm.local.checkpoint");
        assertEquals(1, Files.readAllLines(checkpoint).stream().filter(l -> l.startsWith("chunk ")).count(), "chunk 2 is not recorded as loaded");
        assertFalse(Files.exists(out.resolve("d1-apply/helm.local.chunks")), "the chunks cut for the load are removed");
        Files.delete(killed);

        TestSupport.Run first = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(),
                "--wrangler", flaky.toString(), "--d1-chunk-bytes", CHUNK);
        assertEquals(7, first.exit(), first.all());
        assertTrue(first.err().contains("wrangler failed on chunk 2 of "), first.all());
        assertTrue(first.err().contains("network connection lost"), first.all());
        assertTrue(first.err().contains("resume at chunk 2"), first.all());
        assertEquals(1, Files.readAllLines(checkpoint).stream().filter(l -> l.startsWith("chunk ")).count());

        Files.delete(fail);
        Files.writeString(log, "");
        // Resumed without --d1-chunk-bytes: the checkpoint's chunk size is used, so chunk 2 is the same chunk 2.
        TestSupport.Run second = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(),
                "--wrangler", flaky.toString());
        assertEquals(0, second.exit(), second.all());
        assertTrue(second.out().contains("Resuming with the chunks of the interrupted load (600,000 bytes)"), second.out());
        assertTrue(second.out().contains("after chunk 1 of "), second.out());
        List<String> resumed = Files.readAllLines(log);
        assertEquals("chunk-0002.sql", resumed.get(0), "the resumed load starts at chunk 2");
        assertFalse(resumed.contains("chunk-0001.sql"), "chunk 1 is not loaded twice");
        assertTrue(resumed.size() >= 2, "slices 1 and 3 need more than two chunks of " + CHUNK + " bytes: " + resumed);
        assertTrue(second.out().contains("content checksums all agree"), second.out());

        // The checkpoint deleted, the loaded D1 kept: a new load is refused before its first chunk, naming the tables that hold rows.
        Files.delete(checkpoint);
        Files.writeString(log, "");
        TestSupport.Run again = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", flaky.toString());
        assertEquals(2, again.exit(), again.all());
        assertTrue(again.err().contains("D1 database helm (local) already holds rows in ") && again.err().contains("(stores, staff, "), again.err());
        assertTrue(again.err().contains("delete " + project.toAbsolutePath().resolve(".wrangler/state")), again.err());
        assertEquals(List.of(), Files.readAllLines(log), "no chunk was given to wrangler");
        assertFalse(Files.exists(checkpoint));

        // The same files loaded in one go, the documented manual way.
        Path plain = Wrangler.migrated(tmp.resolve("plain"));
        Wrangler.run(plain, "d1", "execute", "helm", "--local", "--file", out.resolve("d1/all.sql").toString());
        Map<String, Map<String, Object>> uninterrupted = content(Wrangler.localDatabase(plain));
        assertEquals(uninterrupted, content(Wrangler.localDatabase(project)));
        assertEquals(content(out.resolve("helm.sqlite")), uninterrupted);

        // One value changed in D1 afterwards: the verification fails and names the table.
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--command",
                "UPDATE products SET price_cents = price_cents + 1 WHERE id = (SELECT MAX(id) FROM products WHERE price_cents IS NOT NULL)");
        TestSupport.Run verify = SampleRun.migrate(out, "--d1-verify", "helm", "--wrangler-dir", project.toString());
        assertEquals(1, verify.exit(), verify.all());
        assertTrue(verify.out().contains("table products in D1 helm: checksum"), verify.out());
        assertTrue(verify.out().contains("price_cents"), verify.out());
        assertFalse(verify.out().contains("table stock_levels "), "only the changed table is named");
        assertTrue(verify.out().contains("Likely cause: D1 database helm holds other rows than"), verify.out());
        assertTrue(verify.out().contains("Next: start from an empty local D1: delete " + project.toAbsolutePath().resolve(".wrangler/state")), verify.out());
    }

    @Test
    void aCheckpointOfOtherD1FilesIsRefused(@TempDir Path tmp) throws Exception {
        Path out = copyOf(SampleRun.full(), tmp.resolve("out"));
        Files.createDirectories(out.resolve("d1-apply"));
        Files.writeString(out.resolve("d1-apply/helm.local.checkpoint"), "all.sql 0000\nchunk 1 abcd 2026-01-01T00:00:00Z\n");
        Path project = Wrangler.project(tmp.resolve("p"), TestSupport.repo().resolve("migrations"));
        TestSupport.Run r = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", "/bin/false");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("belongs to other D1 files"), r.err());
    }

    /**
     * A load into a D1 database without the Helm schema says so and what to run, not wrangler's hint about --remote; and
     * as no chunk was loaded, the next load cuts its chunks at the size it is given, not the failed load's.
     */
    @Test
    void aLoadIntoADatabaseWithoutTheSchemaSaysToMigrateFirstAndStartsOverAfterwards(@TempDir Path tmp) throws Exception {
        Path out = slices(tmp, "1");
        Path project = Wrangler.project(tmp.resolve("p"), TestSupport.repo().resolve("migrations"));
        TestSupport.Run bare = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString());
        assertEquals(7, bare.exit(), bare.all());
        assertTrue(bare.err().contains("no such table: stores"), bare.err());
        assertTrue(bare.err().contains("run --d1-migrate helm first"), bare.err());
        assertFalse(bare.err().contains("--remote flag"), "wrangler's hint is not the cause: " + bare.err());
        assertEquals(0, SampleRun.migrate(out, "--d1-migrate", "helm", "--wrangler-dir", project.toString()).exit());
        TestSupport.Run load = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--d1-chunk-bytes", "20000");
        assertEquals(0, load.exit(), load.all());
        assertFalse(load.out().contains("Resuming"), load.out());
        assertTrue(load.out().contains(" of up to 20,000 bytes"), load.out());
        assertTrue(load.out().contains("content checksums all agree"), load.out());
    }

    /** Two loads of one D1 database from one output at once would each record every chunk: the second is refused. */
    @Test
    void aSecondLoadOfTheSameDatabaseWhileOneRunsIsRefused(@TempDir Path tmp) throws Exception {
        Path out = copyOf(SampleRun.full(), tmp.resolve("out"));
        Path project = Wrangler.project(tmp.resolve("p"), TestSupport.repo().resolve("migrations"));
        Files.createDirectories(out.resolve("d1-apply"));
        // The first load's lock, held by another process (as a second terminal's run would hold it) until its input ends.
        Path holder = Files.writeString(tmp.resolve("Hold.java"), """
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
                            System.out.println("held");
                            System.in.read();
                        }
                    }
                }
                """);
        Process hold = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
                out.resolve("d1-apply/helm.local.lock").toString()).redirectErrorStream(true).start();
        try {
            assertEquals("held", new java.io.BufferedReader(new java.io.InputStreamReader(hold.getInputStream())).readLine());
            for (int attempt = 0; attempt < 2; attempt++) { // a refused attempt leaves the other's lock in place
                TestSupport.Run r = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", "/bin/false");
                assertEquals(2, r.exit(), r.all());
                assertTrue(r.err().contains("another --d1-apply is loading D1 database helm (local) from this output now"), r.err());
            }
            assertFalse(Files.exists(out.resolve("d1-apply/helm.local.checkpoint")), "nothing recorded");
        } finally {
            hold.getOutputStream().close();
            hold.waitFor();
        }
        // Once it ends, a load may start (here: its wrangler fails at once, exit 7, not 2).
        assertEquals(7, SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString(), "--wrangler", "/bin/false").exit());
    }

    /** An output of the sample's {@code slices} alone (a fraction of the whole load), in tmp/out. */
    static Path slices(Path tmp, String slices) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run built = SampleRun.migrate(out, "--slice", slices, "--sample");
        assertEquals(0, built.exit(), built.all());
        return out;
    }

    /** Every Helm table's control totals, computed by the toolkit's own TableContent from a SQLite file. */
    static Map<String, Map<String, Object>> content(Path sqlite) throws Exception {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            for (Slice s : Slices.ALL) for (String t : s.writes()) out.put(t, TableContent.scan(db, t).json());
        }
        return out;
    }

    static Path copyOf(Path from, Path to) throws Exception {
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            Path q = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(q);
            else Files.copy(p, q);
        }
        return to;
    }
}
