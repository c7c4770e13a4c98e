package tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import lib.core.Json;
import lib.sample.SampleDatabase;

/** One full migration of the scale-1 sample per test run, shared by the tests that only read its output. */
public final class SampleRun {
    private static Path out;

    private SampleRun() {}

    public static synchronized Path full() throws IOException {
        if (out == null) {
            Path dir = Files.createTempDirectory("aim-sample-run");
            Path o = dir.resolve("out");
            TestSupport.Run r = migrate(o, "--all", "--sample");
            if (r.exit() != 0) throw new AssertionError("the sample migration failed:\n" + r.all());
            out = o;
        }
        return out;
    }

    /** Runs MigrateAim in-process with the repository's migrations and the given output folder. */
    public static TestSupport.Run migrate(Path outDir, String... args) {
        return migrate(Map.of(), outDir, args);
    }

    /** As above, with the environment the command reads its password from. */
    public static TestSupport.Run migrate(Map<String, String> env, Path outDir, String... args) {
        // --quiet, except for a D1 load, whose tests read how it went (its chunks, a resume), which --quiet leaves out.
        boolean quiet = !java.util.Arrays.asList(args).contains("--d1-apply");
        String[] all = new String[args.length + (quiet ? 5 : 4)];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = outDir.toString();
        all[args.length + 2] = "--migrations";
        all[args.length + 3] = TestSupport.repo().resolve("migrations").toString();
        if (quiet) all[args.length + 4] = "--quiet";
        return TestSupport.run(new MigrateAimCommand(env), all);
    }

    public static SampleDatabase.Sample sample() {
        return SampleDatabase.ensure(1, m -> {});
    }

    /** A writable copy of the scale-1 sample in {@code dir}; returns its JDBC URL. */
    public static String writableCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(sample().dir().resolve("aim.mv.db"), dir.resolve("aim.mv.db"));
        return SampleDatabase.url(dir, false);
    }

    public static Map<String, Object> report(Path outDir) throws IOException {
        return Json.read(Files.readString(outDir.resolve("report.json")));
    }

    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each file under {@code folder} (its path relative to it) and its SHA-256; empty when there is no such folder. */
    public static Map<String, String> hashes(Path folder) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(folder)) return out;
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) out.put(folder.relativize(f).toString(), sha256(f));
        }
        return out;
    }
}
