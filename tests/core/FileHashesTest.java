package tests.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lib.core.FileHashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's hashes: the system's sha256sum and this JVM's MessageDigest give the same answer for any
 * bytes, and a tool that is missing, fails or says anything unexpected leaves the answer to the JVM.
 */
class FileHashesTest {
    @TempDir
    Path dir;

    @AfterEach
    void defaultTool() {
        System.clearProperty(FileHashes.TOOL_PROPERTY);
    }

    /** Files of random sizes around the edges of SHA-256's 64-byte blocks and of read buffers, with random bytes. */
    private List<String> randomFiles(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        Files.createDirectories(dir.resolve("d1"));
        int[] sizes = {0, 1, 55, 56, 63, 64, 65, 119, 120, 4095, 65_536, 65_537, 1 << 20, 3_000_001};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i] + (i > 0 ? r.nextInt(3) : 0)];
            r.nextBytes(b);
            String name = (i % 2 == 0 ? "d1/" : "") + String.format("%04d_file %d.sql", i, i);
            Files.write(dir.resolve(name), b);
            names.add(name);
        }
        return names;
    }

    private String expected(String name) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(name))));
    }

    private void assertAllRight(List<String> names, Map<String, String> got) throws Exception {
        assertEquals(names, new ArrayList<>(got.keySet()), "one hash per file, in the order asked");
        for (String n : names) assertEquals(expected(n), got.get(n), n);
    }

    @Test
    void theSystemToolsAndTheJvmAgreeOnAnyBytes() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            List<String> names = randomFiles(seed);
            System.clearProperty(FileHashes.TOOL_PROPERTY);
            assertAllRight(names, FileHashes.of(dir, names));
            for (String tool : List.of("openssl", "sha256sum", "java")) {
                System.setProperty(FileHashes.TOOL_PROPERTY, tool);
                assertAllRight(names, FileHashes.of(dir, names));
            }
        }
    }

    @Test
    void aToolThatIsMissingFailsOrSaysSomethingElseLeavesItToTheJvm() throws Exception {
        List<String> names = randomFiles(7);
        System.setProperty(FileHashes.TOOL_PROPERTY, dir.resolve("no-such-tool").toString());
        assertAllRight(names, FileHashes.of(dir, names));
        String[] liars = {
            "#!/bin/sh\nexit 1\n",
            "#!/bin/sh\necho nothing useful\n",
            // Right format, wrong hash for the first file only: every line is checked against the names, so a line
            // naming another file is refused too.
            "#!/bin/sh\nfor f in \"$@\"; do [ \"$f\" = -- ] || echo \"0000000000000000000000000000000000000000000000000000000000000000  other\"; done\n",
        };
        for (String script : liars) {
            Path tool = dir.resolve("tool.sh");
            Files.writeString(tool, script);
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
            System.setProperty(FileHashes.TOOL_PROPERTY, tool.toString());
            assertAllRight(names, FileHashes.of(dir, names));
        }
    }

    @Test
    void aToolThatFailsHandsOverToTheNextInOrder() throws Exception {
        List<String> names = randomFiles(17);
        Path tried = dir.resolve("tried");
        Path first = dir.resolve("first.sh"), second = dir.resolve("second.sh");
        Files.writeString(first, "#!/bin/sh\necho first >> '" + tried + "'\necho not a hash\n");
        Files.writeString(second, "#!/bin/sh\necho second >> '" + tried + "'\nexec sha256sum \"$@\"\n");
        for (Path t : List.of(first, second)) Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwx------"));
        System.setProperty(FileHashes.TOOL_PROPERTY, first + "," + second);
        assertAllRight(names, FileHashes.of(dir, names));
        assertEquals(List.of("first", "second"), Files.readAllLines(tried), "the first tool's answer was refused, the second's taken");
    }

    @Test
    void aFileNamedAsTheToolsInputOrWithALineBreakIsStillItself() throws Exception {
        List<String> names = new ArrayList<>(randomFiles(5));
        for (String odd : List.of("-", "line\nbreak.sql", "back\\slash.sql")) {
            Files.write(dir.resolve(odd), odd.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            names.add(odd);
        }
        assertAllRight(names, FileHashes.of(dir, names));
    }

    @Test
    void aFileWrittenAgainWhileItWasHashedIsHashedAgain() throws Exception {
        List<String> names = randomFiles(11);
        FileHashes.Pending pending = FileHashes.start(dir, names);
        Path changed = dir.resolve(names.get(3));
        Files.write(changed, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
            33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65});
        assertAllRight(names, pending.get());
    }

    @Test
    void aCancelledToolStopsAndTheJvmStillAnswers() throws Exception {
        List<String> names = randomFiles(13);
        Path tool = dir.resolve("stuck.sh");
        Files.writeString(tool, "#!/bin/sh\nexec sleep 600\n"); // a tool that never answers, as a run that failed never reads it
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        System.setProperty(FileHashes.TOOL_PROPERTY, tool.toString());
        FileHashes.Pending pending = FileHashes.start(dir, names);
        ProcessHandle running = pending.tool().orElseThrow(() -> new AssertionError("the tool was not started"));
        pending.cancel();
        running.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(running.isAlive(), "the tool outlived the cancel");
        assertTrue(pending.tool().isEmpty());
        assertAllRight(names, pending.get());
    }
}
