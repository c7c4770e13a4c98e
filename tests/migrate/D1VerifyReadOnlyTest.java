package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * --d1-verify from a read-only copy of an output (a USB stick, a folder shared read-only): the export and its SQLite copy
 * go into a private temporary folder, removed at the end, and the check says what it says from a writable output.
 */
@Tag("slow")
class D1VerifyReadOnlyTest {
    @Test
    void aReadOnlyOutputIsVerifiedFromAPrivateTemporaryFolder(@TempDir Path tmp) throws Exception {
        Path out = D1ApplyTest.slices(tmp, "1,3");
        Path project = Wrangler.migrated(tmp.resolve("helm"));
        TestSupport.Run load = SampleRun.migrate(out, "--d1-apply", "helm", "--wrangler-dir", project.toString());
        assertEquals(0, load.exit(), load.all());

        // A wrangler that notes where its export goes, and that folder's permissions, then does the export.
        Path log = tmp.resolve("exports.log");
        Path noting = tmp.resolve("noting-wrangler");
        Files.writeString(noting, "#!/bin/sh\nprev=''\nfor a in \"$@\"; do if [ \"$prev\" = --output ]; then d=$(dirname \"$a\");"
                + " echo \"$d $(stat -c %a \"$d\")\" >> '" + log + "'; fi; prev=\"$a\"; done\n"
                + "exec '" + Wrangler.ensureInstalled() + "' \"$@\"\n");
        assertTrue(noting.toFile().setExecutable(true));

        Path copy = tmp.resolve("stick/out");
        copyTree(out, copy);
        Map<String, String> before = hashes(copy);
        try (ReadOnly ro = ReadOnly.make(copy)) {
            TestSupport.Run verify = TestSupport.run(new MigrateAimCommand(Map.of()), "--d1-verify", "helm", "--wrangler-dir", project.toString(),
                    "--wrangler", noting.toString(), "--out", copy.toString());
            assertEquals(0, verify.exit(), verify.all());
            assertTrue(verify.out().contains("content checksums all agree"), verify.out());
            assertEquals("", verify.err(), "nothing said about where the scratch files went: " + verify.all());
        }
        assertEquals(before, hashes(copy), "the read-only copy is as it was");
        List<String> exports = Files.readAllLines(log);
        assertEquals(1, exports.size(), exports.toString());
        Path scratch = Path.of(exports.get(0).split(" ")[0]);
        assertFalse(scratch.startsWith(copy), "not inside the read-only output: " + scratch);
        assertEquals("700", exports.get(0).split(" ")[1], "a folder its owner alone can read (the export holds all of Helm): " + exports);
        assertFalse(Files.exists(scratch), "removed at the end: " + scratch);
    }

    /** Makes a folder read-only for this test: chmod -R a-w, and where that does not stop writes (root), a read-only bind mount. */
    record ReadOnly(Path dir, boolean mounted) implements AutoCloseable {
        static ReadOnly make(Path dir) throws Exception {
            run("chmod", "-R", "a-w", dir.toString());
            if (!Files.isWritable(dir)) return new ReadOnly(dir, false);
            boolean mounted = run("mount", "--bind", dir.toString(), dir.toString()) == 0;
            if (mounted && run("mount", "-o", "remount,ro,bind", dir.toString()) != 0) {
                run("umount", dir.toString());
                mounted = false;
            }
            ReadOnly made = new ReadOnly(dir, mounted);
            if (!mounted || Files.isWritable(dir)) {
                made.close();
                Assumptions.abort("chmod a-w does not stop this user (root) writing " + dir + ", and a read-only bind mount could not be made");
            }
            return made;
        }

        @Override
        public void close() throws Exception {
            if (mounted) assertEquals(0, run("umount", dir.toString()), "unmount " + dir);
            run("chmod", "-R", "u+w", dir.toString());
        }

        private static int run(String... command) throws Exception {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.sorted().toList()) out.put(dir.relativize(f).toString(), Files.isRegularFile(f) ? SampleRun.sha256(f) : "dir");
        }
        return out;
    }
}
