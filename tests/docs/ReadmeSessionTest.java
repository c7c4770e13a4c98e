package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tests.support.DocShell;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * The README's dry-run session runs as written: its ```sh block, in one shell with `set -e`,
 * from a copy of the toolkit folder, with AIM_SOURCE_URL naming a copy of the sample (as the
 * README's export line names the shop's server).
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT) // beside the other tests (tests/RunTests.java), not beside the other document session
@ResourceLock(DocShell.SESSION)
class ReadmeSessionTest {
    @Test
    void theReadmeSessionRunsAsWritten(@TempDir Path tmp) throws Exception {
        List<String> blocks = DocShell.shBlocks(Files.readString(TestSupport.repo().resolve("README.md")));
        assertEquals(1, blocks.size(), "the README's one shell session: " + blocks);
        String session = blocks.get(0);
        for (String needed : List.of("MigrateAim.java --check-source", "ExtractMigrations.java", "MigrateAim.java --all", "MigrateAim.java --slice 4",
                "VerifySchema.java")) {
            assertTrue(session.contains(needed), "the session runs " + needed);
        }
        Path toolkit = DocShell.toolkitCopy(tmp.resolve("toolkit"));
        Path log = tmp.resolve("session.log");
        ProcessBuilder pb = DocShell.in(toolkit, List.of("bash", Files.writeString(tmp.resolve("session.sh"), "set -euo pipefail\nset -x\n" + session).toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AIM_SOURCE_URL", SampleRun.writableCopy(tmp.resolve("aim")));
        pb.environment().remove("AIM_USER"); // the sample copy has no login
        pb.environment().remove("AIM_PASSWORD");
        Process p = pb.start();
        assertTrue(p.waitFor(900, TimeUnit.SECONDS), "the session took more than 15 minutes");
        String said = Files.readString(log);
        assertEquals(0, p.exitValue(), "a README command failed:\n" + said.substring(Math.max(0, said.length() - 4000)));
        assertTrue(Files.isRegularFile(toolkit.resolve("out/signoff.md")), "the dry-run's sheet for the owner");
        assertTrue(said.contains("slices [4]"), "the slice re-run ran: " + said.substring(Math.max(0, said.length() - 2000)));

        // The edit loop: ./jbang starts a script it ran before without asking JBang again, unless one of its files changed.
        // An edit to a lib/ file must reach the very next run, never the build from before the edit.
        Path version = toolkit.resolve("lib/core/Version.java");
        String source = Files.readString(version);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("TOOLKIT = \"([^\"]+)\"").matcher(source);
        assertTrue(m.find(), source);
        assertTrue(versionLine(toolkit).contains(" " + m.group(1) + " "), "before the edit");
        // Class-data sharing: the archive ./jbang made at JBang's build, of the dependencies' classes and, with no edit
        // compiled, the script's own, is mapped at start (the script asks with -Xshare:auto), and javac has one of its own
        // for the edits below...
        List<String> before = classLoadLog(toolkit, tmp.resolve("before.log"));
        assertEquals("shared objects file", loadedFrom(before, "picocli.CommandLine"));
        assertEquals("shared objects file", loadedFrom(before, "lib.cli.Cli"), "the script's own classes, before any edit");
        assertTrue(javacArchive() != null, "the archive of javac's classes was made with the build");
        // The archive was made from MigrateAim's training run on the sample (its "./jbang class-data training run" line),
        // so a run that opens H2 maps H2's classes too, which --version never loads.
        List<String> sample = classLoadLog(toolkit, tmp.resolve("sample.log"), "--check-source", "--sample");
        assertEquals("shared objects file", loadedFrom(sample, "org.h2.engine.Database"));
        Files.writeString(version, source.replace("TOOLKIT = \"" + m.group(1) + "\"", "TOOLKIT = \"9.8.7-edited\""));
        assertTrue(versionLine(toolkit).contains(" 9.8.7-edited "), "the edited build runs");
        // ... and never stands in for an edit: the compiled edits come before the script's jar (Cli, which names Version, was
        // compiled again with the edit), and the dependencies still come from the archive.
        List<String> edited = classLoadLog(toolkit, tmp.resolve("after.log"));
        String after = loadedFrom(edited, "lib.cli.Cli");
        assertTrue(after.contains(".patch"), "the class compiled with the edit is loaded: " + after);
        assertEquals("shared objects file", loadedFrom(edited, "picocli.CommandLine"), "with compiled edits too");
        assertTrue(versionLine(toolkit).contains(" 9.8.7-edited "), "and again, started straight away");
        Path kept = patchFolders();
        assertTrue(kept != null && Files.isRegularFile(kept.resolve("lib/core/Version.class")), "the edit was compiled alone, over the kept build: " + kept);

        // An edit javac refuses: JBang's path rebuilds and shows the error; the fix runs again.
        Files.writeString(version, source.replace("TOOLKIT = \"" + m.group(1) + "\"", "TOOLKIT = 42"));
        Process broken = DocShell.in(toolkit, List.of("./jbang", "MigrateAim.java", "--version")).redirectErrorStream(true).start();
        String refused = new String(broken.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertNotEquals(0, broken.waitFor(), refused);
        assertTrue(refused.contains("Version.java"), "the compile error names the file: " + refused);
        Files.writeString(version, source.replace("TOOLKIT = \"" + m.group(1) + "\"", "TOOLKIT = \"9.8.7-fixed\""));
        assertTrue(versionLine(toolkit).contains(" 9.8.7-fixed "), "the fixed build runs");

        // JBang's own JVM may print before the command (a JFR recording, -Xlog to stdout): the command kept is the last line.
        // (The sources as they came, which JBang built for the session above: its path, without a rebuild of everything.)
        Files.writeString(version, source);
        Path script = toolkit.resolve("MigrateAim.java"); // a changed script (its //DEPS, its options) always takes JBang's path
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        ProcessBuilder logging = DocShell.in(toolkit, List.of("./jbang", "MigrateAim.java", "--version")).redirectErrorStream(true);
        logging.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:gc:stdout");
        Process withLog = logging.start();
        String logged = new String(withLog.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, withLog.waitFor(), logged);
        assertTrue(logged.contains(" " + m.group(1) + " "), logged);
        assertTrue(versionLine(toolkit).contains(" " + m.group(1) + " "), "the kept command runs without the logging");
    }

    /** The folders of classes the launcher compiled alone after an edit, newest first (null when there is none). */
    static Path patchFolders() throws java.io.IOException {
        return newest(p -> p.endsWith(".patch"));
    }

    /** The archive of javac's classes the launcher made for this JDK (null when there is none). */
    static Path javacArchive() throws java.io.IOException {
        return newest(p -> p.startsWith("javac-") && p.endsWith(".jsa"));
    }

    /** The launcher's kept file whose name {@code named} picks, newest first (null when there is none). */
    private static Path newest(java.util.function.Predicate<String> named) throws java.io.IOException {
        Path fast = Path.of(System.getProperty("user.home"), ".cache", "aim-toolkit", "jbang-fastpath");
        if (System.getenv("AIM_JBANG_HOME") != null) fast = Path.of(System.getenv("AIM_JBANG_HOME"), "jbang-fastpath");
        else if (System.getenv("XDG_CACHE_HOME") != null) fast = Path.of(System.getenv("XDG_CACHE_HOME"), "aim-toolkit", "jbang-fastpath");
        if (!Files.isDirectory(fast)) return null;
        try (java.util.stream.Stream<Path> files = Files.list(fast)) {
            return files.filter(p -> named.test(p.getFileName().toString()))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
        }
    }

    /** The class+load log of {@code ./jbang MigrateAim.java} with these arguments (none: --version). */
    static List<String> classLoadLog(Path toolkit, Path log, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("./jbang", "MigrateAim.java"));
        command.addAll(args.length == 0 ? List.of("--version") : List.of(args));
        ProcessBuilder pb = DocShell.in(toolkit, command).redirectErrorStream(true);
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + log);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return Files.readAllLines(log);
    }

    /** Where that JVM loaded a class from (the log's source). */
    static String loadedFrom(List<String> log, String className) {
        String prefix = " " + className + " source: ";
        return log.stream().filter(l -> l.contains(prefix)).map(l -> l.substring(l.indexOf(prefix) + prefix.length()))
                .findFirst().orElse("not loaded");
    }

    static String versionLine(Path toolkit) throws Exception {
        Process p = DocShell.in(toolkit, List.of("./jbang", "MigrateAim.java", "--version")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().findFirst().orElse("");
    }
}
