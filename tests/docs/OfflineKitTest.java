package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * The offline VM path (README, RUNBOOK): on a connected machine `jbang export portable`
 * gives MigrateAim.jar plus lib/; on the VM plain `java -jar` runs it with nothing to download.
 */
@Tag("slow")
class OfflineKitTest {
    @Test
    void thePortableJarMigratesTheSampleWithEmptyCachesAndGivesTheSameBytes(@TempDir Path tmp) throws Exception {
        Path kit = Files.createDirectories(tmp.resolve("kit"));
        TestSupport.Run export = TestSupport.process(List.of(TestSupport.repo().resolve("jbang").toString(), "export", "portable", "--force",
                "-O", kit.resolve("MigrateAim.jar").toString(), "MigrateAim.java"), TestSupport.repo(), 600);
        assertEquals(0, export.exit(), export.all());
        assertTrue(Files.isDirectory(kit.resolve("lib")), "the dependencies sit next to the jar");
        copy(TestSupport.repo().resolve("migrations"), kit.resolve("migrations"));

        // The VM: a fresh home, and every cache that could download something pointed at an empty folder.
        Path home = Files.createDirectories(tmp.resolve("home"));
        List<Path> empty = new ArrayList<>();
        for (String d : List.of("jbang-dir", "jbang-repo", "jbang-home", "m2", "aim-cache")) empty.add(Files.createDirectories(tmp.resolve(d)));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Dmaven.repo.local=" + empty.get(3), "-jar", "MigrateAim.jar", "--all", "--sample", "--quiet")
                .directory(kit.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("JBANG_DIR", empty.get(0).toString());
        env.put("JBANG_REPO", empty.get(1).toString());
        env.put("AIM_JBANG_HOME", empty.get(2).toString());
        env.put("AIM_CACHE_DIR", empty.get(4).toString());
        env.put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the portable run timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("run.log")));

        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(kit.resolve("out/d1/all.sql")),
                "java -jar gives the same D1 bytes as the JBang run");
        for (int i = 0; i < 4; i++) {
            try (Stream<Path> s = Files.list(empty.get(i))) {
                assertEquals(0, s.count(), empty.get(i) + " stayed empty: nothing was downloaded");
            }
        }
        assertFalse(Files.exists(home.resolve(".m2")) || Files.exists(home.resolve(".jbang")), "nothing fetched into the home folder");
    }

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
