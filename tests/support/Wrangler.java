package tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pinned wrangler (npm), installed by the tests themselves on first use into
 * the toolkit's cache, and a throwaway wrangler project with a local D1 named "helm".
 */
public final class Wrangler {
    public static final String VERSION = lib.target.Wrangler.VERSION;

    private Wrangler() {}

    public static Path ensureInstalled() throws IOException {
        return lib.target.Wrangler.ensureInstalled(System.out::println);
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

    private static Path migratedTemplate;

    /**
     * A project as {@link #project} makes it, over the repository's migrations, whose local D1
     * already has them applied: wrangler applies them once per test run, for real, and every
     * project after that gets a copy of that local state (7-8 s of wrangler each, saved). Tests of
     * the migrations themselves (WranglerSchemaTest, --d1-migrate) apply them on their own.
     */
    public static synchronized Path migrated(Path dir) throws IOException, InterruptedException {
        Path migrations = TestSupport.repo().resolve("migrations");
        if (migratedTemplate == null) {
            Path template = project(Files.createTempDirectory("aim-d1-migrated"), migrations);
            run(template, "d1", "migrations", "apply", "helm", "--local");
            localDatabase(template); // fails here, not later, if wrangler kept the state elsewhere
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(template)));
            migratedTemplate = template;
        }
        Path project = project(dir, migrations);
        Path from = migratedTemplate.resolve(".wrangler");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                Path to = project.resolve(".wrangler").resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return project;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    /**
     * What wrangler's local D1 (Miniflare, in workerd) prints when one of its own assertions fails: seen once in about
     * 30 CI runs, on {@code d1 execute --local --file} of a file that loads every other time. Its statements run in one
     * transaction, which the failure rolls back, so the same command is run once more.
     */
    static final String LOCAL_D1_ASSERTION = "false == true";

    /** Runs wrangler in the project; fails the test with wrangler's output when it fails (but once for {@link #LOCAL_D1_ASSERTION}). */
    public static TestSupport.Run run(Path project, String... args) throws IOException, InterruptedException {
        lib.target.Wrangler.Result r = new lib.target.Wrangler(ensureInstalled()).run(project, List.of(args));
        if (r.exitCode() != 0 && r.output().contains(LOCAL_D1_ASSERTION)) {
            System.err.println("wrangler's local D1 failed its own assertion (" + LOCAL_D1_ASSERTION + "); running it once more: wrangler "
                    + String.join(" ", args));
            r = new lib.target.Wrangler(ensureInstalled()).run(project, List.of(args));
        }
        if (r.exitCode() != 0) throw new AssertionError("wrangler " + String.join(" ", args) + " failed:\n" + r.output());
        return new TestSupport.Run(r.exitCode(), r.output(), "");
    }

    /** The local D1's SQLite file, after something has been applied to it (not Miniflare's metadata.sqlite beside it). */
    public static Path localDatabase(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".wrangler"))) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}\\.sqlite")).findFirst()
                    .orElseThrow(() -> new AssertionError("no local D1 database under " + project));
        }
    }
}
