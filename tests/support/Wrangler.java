package tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.sample.SampleDatabase;

/**
 * The pinned wrangler (npm), installed by the tests themselves on first use into
 * the toolkit's cache, and a throwaway wrangler project with a local D1 named "helm".
 */
public final class Wrangler {
    /**
     * Pinned: runs on Node.js 20. Later 3.x releases ship a workerd whose statement cache
     * fails on import files of more than a few dozen statements ("HashIndex detected hash
     * table inconsistency", workerd issue 5977); 3.78.12 loads them correctly.
     */
    public static final String VERSION = "3.78.12";

    private Wrangler() {}

    public static synchronized Path ensureInstalled() throws IOException, InterruptedException {
        Path home = SampleDatabase.cacheRoot().resolve("wrangler-" + VERSION);
        Path bin = home.resolve("node_modules/.bin/wrangler");
        if (Files.isExecutable(bin)) return bin;
        Files.createDirectories(home.getParent());
        Path tmp = Files.createTempDirectory(home.getParent(), ".tmp-wrangler");
        System.out.println("installing wrangler " + VERSION + " from the npm registry into " + home + " (once)");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                tmp.toString(), "wrangler@" + VERSION).inheritIO().start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("npm install wrangler@" + VERSION + " failed; is Node.js 20 with npm installed?");
        }
        if (Files.exists(home)) deleteTree(home);
        Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
        return bin;
    }

    /** A wrangler project in {@code dir} whose migrations folder is a copy of {@code migrations}'s .sql files. */
    public static Path project(Path dir, Path migrations) throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("wrangler.toml"), """
                name = "helm-local-test"
                compatibility_date = "2024-09-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "helm"
                database_id = "00000000-0000-0000-0000-000000000000"
                migrations_dir = "migrations"
                """);
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Files.copy(f, dir.resolve("migrations").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** Runs wrangler in the project; fails the test with wrangler's output when it fails. */
    public static TestSupport.Run run(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ensureInstalled().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("CI", "true");
        pb.environment().put("WRANGLER_SEND_METRICS", "false");
        pb.environment().put("NO_COLOR", "1");
        Path out = Files.createTempFile("wrangler", ".out");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("wrangler " + String.join(" ", args) + " timed out");
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) throw new AssertionError("wrangler " + String.join(" ", args) + " failed:\n" + text);
            return new TestSupport.Run(p.exitValue(), text, "");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The local D1's SQLite file, after something has been applied to it. */
    public static Path localDatabase(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".wrangler"))) {
            return files.filter(f -> f.toString().endsWith(".sqlite")).findFirst()
                    .orElseThrow(() -> new AssertionError("no local D1 database under " + project));
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
