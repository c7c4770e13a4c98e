package tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shell commands of a document (its ```sh blocks), and the toolkit folder as a person has it, to run them in. */
public final class DocShell {
    private DocShell() {}

    /** The lock the document sessions share: each builds in a toolkit copy of its own, one at a time. */
    public static final String SESSION = "document session";

    /** The document's ```sh blocks, in order. */
    public static List<String> shBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.equals("```sh")) current = new StringBuilder();
            else if (current != null && line.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) current.append(line).append('\n');
        }
        return blocks;
    }

    /** A copy of the toolkit's folder (the launcher, the scripts, lib/ and migrations/) in {@code dir}. */
    public static Path toolkitCopy(Path dir) throws IOException {
        Path toolkit = Files.createDirectories(dir);
        Path repo = TestSupport.repo();
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path p : walk.toList()) {
                String rel = repo.relativize(p).toString();
                boolean wanted = rel.equals("jbang") || (rel.endsWith(".java") && !rel.contains("/")) || rel.startsWith("lib/") || rel.startsWith("migrations/");
                if (!wanted || rel.isEmpty()) continue;
                Path q = toolkit.resolve(rel);
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else {
                    Files.createDirectories(q.getParent());
                    Files.copy(p, q);
                }
            }
        }
        if (!toolkit.resolve("jbang").toFile().setExecutable(true)) throw new IOException("cannot make " + toolkit.resolve("jbang") + " executable");
        return toolkit;
    }

    /** A command run in a toolkit copy. */
    public static ProcessBuilder in(Path toolkit, List<String> command) {
        return new ProcessBuilder(command).directory(toolkit.toFile());
    }
}
