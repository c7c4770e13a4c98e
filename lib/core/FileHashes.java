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
 * SHA-256 of finished files, as lower-case hex by their names under a folder. The bytes go to a system
 * tool, compiled C on a core of its own while the run goes on: {@code openssl dgst}, which uses the
 * processor's SHA instructions (the 494 MB of a scale-10 output in 0.36-0.40 s here), else
 * {@code sha256sum} (1.5-1.9 s), both several times faster than this JVM's hashing (its quick compiler, chosen for start-up,
 * does not use those instructions). A tool that is missing, fails, or answers anything but exactly the
 * expected lines hands over to the next, and the last resort hashes the files here, side by side. The
 * answer is the same either way.
 */
public final class FileHashes {
    /**
     * The tools to try in order, comma-separated: "openssl", "sha256sum", or a command called as sha256sum
     * is ({@code TOOL -- NAME...}); "java" alone hashes in this JVM alone (the tests of each way).
     */
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
        // "-" is standard input to a tool, and a name it would escape (a backslash, a line break) cannot be matched.
        boolean plainNames = names.stream().noneMatch(n -> n.equals("-") || n.contains("\\") || n.contains("\n") || n.contains("\r"));
        List<List<String>> tools = new ArrayList<>();
        if (!names.isEmpty() && plainNames) {
            for (String t : System.getProperty(TOOL_PROPERTY, "openssl,sha256sum").split(",")) {
                switch (t.strip()) {
                    case "openssl" -> tools.add(List.of("openssl", "dgst", "-sha256", "-r"));
                    case "java", "" -> { }
                    default -> tools.add(List.of(t.strip()));
                }
            }
        }
        Pending pending = new Pending(dir, stamps, tools);
        pending.next();
        return pending;
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
        /** The tools not tried yet, each as its command before the names. */
        private final List<List<String>> tools;
        private Process tool;

        private Pending(Path dir, List<Stamp> stamps, List<List<String>> tools) {
            this.dir = dir;
            this.stamps = stamps;
            this.tools = new ArrayList<>(tools);
        }

        /** Starts the next tool that this system has; none when there is none left. */
        private void next() {
            tool = null;
            while (tool == null && !tools.isEmpty()) {
                List<String> cmd = new ArrayList<>(tools.remove(0));
                cmd.add("--");
                stamps.forEach(st -> cmd.add(st.name()));
                try {
                    tool = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    tool.getOutputStream().close(); // it reads the files, never its input
                } catch (IOException | UnsupportedOperationException none) {
                    if (tool != null) tool.destroy();
                    tool = null; // not on this system: the next one
                }
            }
        }

        /** The system tool hashing the files, while it runs (none when the JVM hashes them). */
        public Optional<ProcessHandle> tool() {
            return tool == null || !tool.isAlive() ? Optional.empty() : Optional.of(tool.toHandle());
        }

        /** Stops the tool when its answer is no longer wanted: a run that failed before it wrote its manifest. */
        public void cancel() {
            tools.clear();
            if (tool != null) tool.destroy();
        }

        /** The hashes by name, in the order the names were given. */
        public Map<String, String> get() throws IOException {
            Map<String, String> out = null;
            while (out == null && tool != null) {
                out = fromTool();
                if (out == null && Thread.currentThread().isInterrupted()) tools.clear(); // stopping: no more tools
                if (out == null) next();
            }
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
