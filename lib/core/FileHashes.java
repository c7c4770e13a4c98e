package lib.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-256 of finished files, as lower-case hex by their names under a folder. The bytes go to the
 * system's {@code sha256sum} when it has one: compiled C, several times faster than this JVM's
 * hashing (its quick compiler, chosen for start-up, does not use the processor's SHA instructions),
 * and on a core of its own while the run goes on. Without it, or when its answer is not exactly the
 * expected lines, the files are hashed here, side by side. The answer is the same either way.
 */
public final class FileHashes {
    /** The tool to run instead of sha256sum, or "java" to hash in this JVM alone (the tests of both ways). */
    public static final String TOOL_PROPERTY = "aim.sha256.tool";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    private FileHashes() {}

    /** The files' hashes, by name (a path relative to {@code dir}, with '/'), in the order given. */
    public static Map<String, String> of(Path dir, List<String> names) throws IOException {
        return start(dir, names).get();
    }

    /** Starts hashing finished files; {@link Pending#get} gives the answer. A file changed meanwhile is hashed again. */
    public static Pending start(Path dir, List<String> names) throws IOException {
        List<Stamp> stamps = new ArrayList<>();
        for (String n : names) {
            Path f = dir.resolve(n);
            stamps.add(new Stamp(n, Files.size(f), Files.getLastModifiedTime(f)));
        }
        Process tool = null;
        String command = System.getProperty(TOOL_PROPERTY, "sha256sum");
        // "-" is standard input to the tool, and a name it would escape (a backslash, a line break) cannot be matched.
        boolean plainNames = names.stream().noneMatch(n -> n.equals("-") || n.contains("\\") || n.contains("\n") || n.contains("\r"));
        if (!"java".equals(command) && !names.isEmpty() && plainNames) {
            List<String> cmd = new ArrayList<>(List.of(command, "--"));
            cmd.addAll(names);
            try {
                tool = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException | UnsupportedOperationException none) {
                tool = null; // no sha256sum on this system
            }
            if (tool != null) {
                try {
                    tool.getOutputStream().close(); // it reads the files, never its input
                } catch (IOException e) {
                    tool.destroy();
                    tool = null;
                }
            }
        }
        return new Pending(dir, stamps, tool);
    }

    private record Stamp(String name, long size, FileTime modified) {
        boolean same(Path dir) throws IOException {
            Path f = dir.resolve(name);
            return Files.size(f) == size && Files.getLastModifiedTime(f).equals(modified);
        }
    }

    /** Hashes under way. */
    public static final class Pending {
        private final Path dir;
        private final List<Stamp> stamps;
        private final Process tool;

        private Pending(Path dir, List<Stamp> stamps, Process tool) {
            this.dir = dir;
            this.stamps = stamps;
            this.tool = tool;
        }

        /** The system tool hashing the files, while it runs (none when the JVM hashes them). */
        public Optional<ProcessHandle> tool() {
            return tool == null || !tool.isAlive() ? Optional.empty() : Optional.of(tool.toHandle());
        }

        /** Stops the tool when its answer is no longer wanted: a run that failed before it wrote its manifest. */
        public void cancel() {
            if (tool != null) tool.destroy();
        }

        /** The hashes by name, in the order the names were given. */
        public Map<String, String> get() throws IOException {
            Map<String, String> out = tool == null ? null : fromTool();
            if (out == null) out = inJava(dir, stamps.stream().map(Stamp::name).toList());
            for (Stamp s : stamps) {
                if (!s.same(dir)) out.put(s.name(), Hashes.sha256(dir.resolve(s.name()))); // written again while hashed
            }
            return out;
        }

        /** The tool's lines, one per file in order; null when it failed or said anything else. */
        private Map<String, String> fromTool() {
            try {
                String text = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) return null;
                List<String> lines = text.lines().toList();
                if (lines.size() != stamps.size()) return null;
                Map<String, String> out = new LinkedHashMap<>();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = LINE.matcher(lines.get(i));
                    if (!m.matches() || !m.group(2).equals(stamps.get(i).name())) return null;
                    out.put(m.group(2), m.group(1));
                }
                return out;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                tool.destroy();
            }
        }
    }

    /** In this JVM, the files side by side (the cores share the work). */
    private static Map<String, String> inJava(Path dir, List<String> names) throws IOException {
        try {
            List<String> hex = names.parallelStream().map(n -> {
                try {
                    return Hashes.sha256(dir.resolve(n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) out.put(names.get(i), hex.get(i));
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
