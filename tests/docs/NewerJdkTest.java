package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;

/**
 * The README says JDK 17 or newer: on the newest JDK on this machine (22+), a run prints no
 * "restricted method" warnings (sqlite-jdbc loads its native library; the scripts enable native
 * access) and treats redirected output as no terminal.
 */
@Tag("slow")
class NewerJdkTest {
    @TempDir
    Path tmp;

    static Optional<Path> newerJdk() throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> all = Files.list(jvms)) {
            return all.filter(p -> Files.isExecutable(p.resolve("bin/java"))).filter(p -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(p.getFileName().toString().replaceFirst("^java-1\\.", "java-"));
                return m.find() && Integer.parseInt(m.group(1)) >= 22;
            }).sorted().reduce((a, b) -> b);
        }
    }

    @Test
    void aRunOnTheNewestJdkPrintsNoWarningAndNoProgressBarIntoAFile() throws Exception {
        Optional<Path> jdk = newerJdk();
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 22 or newer in /usr/lib/jvm");
        Path out = tmp.resolve("out"), log = tmp.resolve("log");
        ProcessBuilder pb = new ProcessBuilder(List.of("./jbang", "MigrateAim.java", "--slice", "1", "--sample", "--out", out.toString()))
                .directory(TestSupport.repo().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", jdk.get().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        String said = Files.readString(log);
        assertEquals(0, p.exitValue(), said);
        assertFalse(said.contains("WARNING"), jdk.get() + ":\n" + said);
        assertFalse(said.contains("\r") || said.contains("% ["), "output to a file gets plain lines, not the live progress line:\n" + said);
        assertTrue(said.contains("MIGRATED"), said);
    }
}
