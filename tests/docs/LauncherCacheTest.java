package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;

/**
 * ./jbang keeps a command per script path, Java and file list (its fast path), with the script's compiled
 * edits and class-data archive: they must not pile up as checkouts and copies come and go. When JBang's path
 * writes a kept command, those of scripts that are gone go with their edits and archives, and so do the
 * oldest beyond twelve that were last written over a day ago; what is newer stays. The class-data archive is made
 * from the run the script names for it, and goes only with its kept command.
 */
@Tag("slow")
class LauncherCacheTest {
    @TempDir
    Path tmp;

    /** The links to the launcher's JBang jars, removed before the temporary folder is (JUnit warns of each link otherwise). */
    private final List<Path> links = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void unlink() throws Exception {
        for (Path l : links) Files.deleteIfExists(l);
    }

    @Test
    void keptCommandsOfGoneScriptsAndTheOldestGoWithTheirEditsAndArchives() throws Exception {
        Path home = launcherHome();
        Path fast = Files.createDirectories(home.resolve("jbang-fastpath"));
        Path here = Files.writeString(tmp.resolve("Here.java"), "class Here {}\n");
        Instant now = Instant.now();
        List<String> gone = new ArrayList<>(), old = new ArrayList<>();
        for (int i = 0; i < 3; i++) gone.add(plant(fast, key('a', i), tmp.resolve("deleted-copy/Gone" + i + ".java"), now));
        for (int i = 0; i < 13; i++) old.add(plant(fast, key('b', i), here, now.minus(Duration.ofDays(2).plusMinutes(i))));
        String recent = plant(fast, key('c', 0), null, now.minus(Duration.ofMinutes(5))); // kept before ".src" was written
        Path interrupted = Files.createDirectories(fast.resolve(old.get(0) + ".patch.Xy12Ab"));
        Files.setLastModifiedTime(interrupted, FileTime.from(now.minus(Duration.ofDays(3))));
        Path underWay = Files.createDirectories(fast.resolve(old.get(1) + ".patch.Zz34Cd"));
        // A build stopped before its command was kept leaves its archive and script name: gone after a day, kept before.
        Path strayArchive = Files.writeString(fast.resolve(key('e', 0) + ".jsa"), "archive");
        Path strayAppArchive = Files.writeString(fast.resolve(key('e', 0) + ".app.jsa"), "archive");
        Path strayName = Files.writeString(fast.resolve(key('e', 0) + ".src"), here + "\n");
        for (Path f : List.of(strayArchive, strayAppArchive, strayName)) Files.setLastModifiedTime(f, FileTime.from(now.minus(Duration.ofDays(2))));
        Path freshArchive = Files.writeString(fast.resolve(key('e', 1) + ".jsa"), "archive");

        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("Hello.java"), "public class Hello {\n    public static void main(String[] a) {\n        System.out.println(\"hello\");\n    }\n}\n");
        String said = run(home, app, List.of("Hello.java"), null);
        assertTrue(said.contains("hello"), said);

        Set<String> keys = keys(fast);
        Set<String> planted = new TreeSet<>(gone);
        planted.addAll(old);
        planted.add(recent);
        String written = keys.stream().filter(k -> !planted.contains(k)).findFirst()
                .orElseThrow(() -> new AssertionError("no kept command for Hello.java: " + keys));
        assertEquals(app.resolve("Hello.java").toRealPath(), Path.of(Files.readString(fast.resolve(written + ".src")).strip()).toRealPath(), "the script named");
        Set<String> expected = new TreeSet<>(List.of(written, recent));
        expected.addAll(old.subList(0, 10)); // with the new one and the recent one: the twelve newest
        assertEquals(expected, keys, "the kept commands left");
        for (String k : gone) {
            for (String suffix : List.of("", ".src", ".patch", ".jsa", ".app.jsa")) assertFalse(Files.exists(fast.resolve(k + suffix)), k + suffix + " (script gone)");
        }
        for (String k : old.subList(10, 13)) {
            for (String suffix : List.of("", ".src", ".patch", ".jsa", ".app.jsa")) assertFalse(Files.exists(fast.resolve(k + suffix)), k + suffix + " (oldest)");
        }
        for (String k : old.subList(0, 10)) assertTrue(Files.isDirectory(fast.resolve(k + ".patch")), k + ".patch of a kept command");
        assertFalse(Files.exists(interrupted), "an interrupted compile's folder of three days ago");
        assertTrue(Files.exists(underWay), "a compile that may be under way");
        assertFalse(Files.exists(strayArchive) || Files.exists(strayAppArchive) || Files.exists(strayName), "what a build stopped two days ago left");
        assertTrue(Files.exists(freshArchive), "what a build may be making now");
    }

    @Test
    void theArchiveHoldsWhatTheScriptsTrainingRunLoadsAndOtherArchivesStayWithTheirCommands() throws Exception {
        Path home = launcherHome();
        Path fast = Files.createDirectories(home.resolve("jbang-fastpath"));
        Path here = Files.writeString(tmp.resolve("Here.java"), "class Here {}\n");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) others.add(plant(fast, key('d', i), here, Instant.now().minus(Duration.ofMinutes(i + 1))));

        // picocli's CommandLine is loaded by the training run alone: --version (the archive's run before) never loads it.
        Path app = Files.createDirectories(tmp.resolve("app"));
        script(app, "Trained", "java.nio.file.Files.writeString(java.nio.file.Path.of(a[1]), \"trained\");",
                "System.out.println(picocli.CommandLine.class.getName());");
        Path log = tmp.resolve("classes.log");
        String said = run(home, app, List.of("Trained.java"), null);
        assertTrue(said.contains("hello"), said);
        Set<String> keys = keys(fast);
        String key = keys.stream().filter(k -> !others.contains(k)).findFirst().orElseThrow(() -> new AssertionError("no kept command: " + keys));
        assertTrue(Files.isRegularFile(fast.resolve(key + ".jsa")), "the archive was made with the build");
        said = run(home, app, List.of("Trained.java", "train", tmp.resolve("out.txt").toString()), "-Xlog:class+load:file=" + log);
        assertTrue(said.contains("hello"), said);
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file")),
                "the class the training run loaded comes from the archive");
        // The second archive has the script's own classes too, for a run without compiled edits.
        assertTrue(Files.size(fast.resolve(key + ".app.jsa")) > 0, "the archive with the script's classes was made with the build");
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains(" Trained source: shared objects file")),
                "the script's own class comes from the archive");
        // A jar built again since (by JBang itself, not through the launcher) would make the JVM refuse that archive whole:
        // the run then maps the dependencies' archive.
        String command = Files.readString(fast.resolve(key));
        Path jar = Path.of(command.replaceAll("^.* -classpath (\\S+) .*$", "$1").replaceAll("^.*:", ""));
        assertTrue(jar.getFileName().toString().equals("Trained.jar") && Files.isRegularFile(jar), command);
        FileTime built = Files.getLastModifiedTime(jar);
        try {
            Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(fast.resolve(key + ".app.jsa")).toInstant().plusSeconds(5)));
            Path rebuilt = tmp.resolve("rebuilt.log");
            said = run(home, app, List.of("Trained.java", "train", tmp.resolve("out2.txt").toString()), "-Xlog:class+load:file=" + rebuilt);
            assertTrue(said.contains("hello"), said);
            List<String> lines = Files.readAllLines(rebuilt);
            assertTrue(lines.stream().anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file")), "the dependencies' archive");
            assertTrue(lines.stream().anyMatch(l -> l.contains(" Trained source: file:")), "the script's class from its jar");
        } finally {
            Files.setLastModifiedTime(jar, built);
        }
        try (Stream<Path> left = Files.list(fast)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.contains(".cds.")).toList(), "the training's scratch folder is gone");
        }
        for (String k : others) assertTrue(Files.isRegularFile(fast.resolve(k + ".jsa")), k + ".jsa goes only with its kept command");

        // An archive gone since (another checkout's older launcher kept only its three newest) is made again by the next run.
        Files.delete(fast.resolve(key + ".jsa"));
        assertTrue(run(home, app, List.of("Trained.java"), null).contains("hello"));
        assertTrue(Files.size(fast.resolve(key + ".jsa")) > 0, "made again");
        // A script that asks for an archive and can have none (no dependency to share) is not built again for it at every run.
        script(app, "Alone");
        Files.writeString(app.resolve("Alone.java"), Files.readString(app.resolve("Alone.java")).replace("//DEPS info.picocli:picocli:4.7.7\n", ""));
        assertTrue(run(home, app, List.of("Alone.java"), null).contains("hello"));
        String alone = keys(fast).stream().filter(k -> !k.equals(key) && !others.contains(k)).findFirst().orElseThrow();
        FileTime kept = Files.getLastModifiedTime(fast.resolve(alone));
        assertEquals(0, Files.size(fast.resolve(alone + ".jsa")), "an empty archive: none to be had");
        assertTrue(run(home, app, List.of("Alone.java"), null).contains("hello"));
        assertEquals(kept, Files.getLastModifiedTime(fast.resolve(alone)), "the next run started from the kept command, not JBang's path");
    }

    @Test
    void ctrlCWhileTheArchiveIsMadeStopsTheLauncherAndTheNextRunMakesItAgain() throws Exception {
        Path home = launcherHome();
        Path fast = Files.createDirectories(home.resolve("jbang-fastpath"));
        Path app = Files.createDirectories(tmp.resolve("app"));
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        // The training run says it started (a file where AIM_TEST_MARKS points) and waits to be stopped: a JVM stopped by
        // Ctrl-C exits 130, and bash goes on after a child that exited: the launcher must stop too, not run the script.
        script(app, "Paused", "String marks = System.getenv(\"AIM_TEST_MARKS\");", "if (marks != null) {",
                "    java.nio.file.Files.writeString(java.nio.file.Path.of(marks, \"training\"), \"started\");",
                "    new java.util.concurrent.CountDownLatch(1).await();", "}");
        // As a terminal's Ctrl-C does: SIGINT to the launcher's whole process group (its own, with SIGINT's default action).
        ProcessBuilder pb = new ProcessBuilder(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; setpgrp(0, 0); exec @ARGV or die \"exec: $!\"",
                TestSupport.repo().resolve("jbang").toString(), "Paused.java")).directory(app.toFile()).redirectErrorStream(true);
        pb.environment().put("AIM_JBANG_HOME", home.toString());
        pb.environment().put("AIM_JBANG_NO_SYSTEM", "1");
        pb.environment().put("AIM_TEST_MARKS", marks.toString());
        try (java.nio.file.WatchService watch = marks.getFileSystem().newWatchService()) {
            marks.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            Process p = pb.start();
            assertNotNull(watch.poll(300, TimeUnit.SECONDS), "the training run started");
            assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor());
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(130, p.exitValue(), "stopped by SIGINT: " + said);
            assertFalse(said.contains("hello"), "the script did not run after Ctrl-C: " + said);
        }
        assertEquals(Set.of(), keys(fast), "no command kept without its archive");
        try (Stream<Path> left = Files.list(fast)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.contains(".cds.")).toList(), "the scratch folder is gone");
        }
        assertTrue(run(home, app, List.of("Paused.java"), null).contains("hello"), "the next run builds and runs");
        String key = keys(fast).iterator().next();
        assertTrue(Files.isRegularFile(fast.resolve(key + ".jsa")), "with its archive");
    }

    /** A script {@code name}.java in {@code app} with a dependency and -Xshare:auto, whose training run ("train OUT") runs {@code training}; it says hello. */
    private static void script(Path app, String name, String... training) throws Exception {
        List<String> lines = new ArrayList<>(List.of("//DEPS info.picocli:picocli:4.7.7", "//JAVA_OPTIONS -Xshare:auto",
                "// ./jbang class-data training run: train OUT", "public class " + name + " {",
                "    public static void main(String[] a) throws Exception {", "        if (a.length == 2 && a[0].equals(\"train\")) {"));
        for (String line : training) lines.add("            " + line);
        lines.addAll(List.of("        }", "        System.out.println(\"hello\");", "    }", "}", ""));
        Files.writeString(app.resolve(name + ".java"), String.join("\n", lines));
    }

    /** Runs a script through ./jbang with this test's launcher home; returns what it printed. */
    private static String run(Path home, Path dir, List<String> args, String javaToolOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(TestSupport.repo().resolve("jbang").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("AIM_JBANG_HOME", home.toString());
        pb.environment().put("AIM_JBANG_NO_SYSTEM", "1");
        if (javaToolOptions != null) pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        return said;
    }

    /** A kept command as the launcher leaves one: the command, the script it is for (null: none written), compiled edits and an archive. */
    private static String plant(Path fast, String key, Path script, Instant written) throws Exception {
        Path patch = Files.createDirectories(fast.resolve(key + ".patch/lib"));
        Files.writeString(patch.resolve("A.class"), "edits");
        Files.writeString(fast.resolve(key + ".jsa"), "archive");
        Files.writeString(fast.resolve(key + ".app.jsa"), "archive");
        if (script != null) Files.writeString(fast.resolve(key + ".src"), script + "\n");
        Path kept = Files.writeString(fast.resolve(key), "/usr/bin/java -classpath /nowhere/" + key + ".jar Main");
        Files.setLastModifiedTime(kept, FileTime.from(written));
        return key;
    }

    /** A 32-digit key like the launcher's, starting with {@code lead}. */
    private static String key(char lead, int i) {
        return lead + String.format("%031x", i);
    }

    private static Set<String> keys(Path fast) throws Exception {
        try (Stream<Path> files = Files.list(fast)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{32}")).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** A launcher home of this test's own: the JBang jars the launcher fetched (linked), and an empty fast path. */
    private Path launcherHome() throws Exception {
        String launcher = Files.readString(TestSupport.repo().resolve("jbang"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^JBANG_VERSION=(\\S+)$").matcher(launcher);
        assertTrue(m.find(), "the launcher pins JBang's version");
        Path cache = System.getenv("AIM_JBANG_HOME") != null ? Path.of(System.getenv("AIM_JBANG_HOME"))
                : Path.of(System.getenv("XDG_CACHE_HOME") != null ? System.getenv("XDG_CACHE_HOME") : System.getProperty("user.home") + "/.cache",
                        "aim-toolkit", "jbang-" + m.group(1));
        assertTrue(Files.isRegularFile(cache.resolve(".complete")), "the tests run through ./jbang, which fetched JBang into " + cache);
        Path home = Files.createDirectories(tmp.resolve("jbang-home"));
        try (Stream<Path> jars = Files.list(cache)) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) links.add(Files.createSymbolicLink(home.resolve(jar.getFileName()), jar));
        }
        Files.writeString(home.resolve(".complete"), "");
        return home;
    }
}
