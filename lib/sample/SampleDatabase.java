package lib.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.Hashes;
import lib.core.Jdbc;
import lib.core.Json;
import lib.core.MigrationException;

/**
 * The embedded sample AIM v12 source: an H2 database in SQL Server mode, created
 * from the T-SQL DDL and filled by {@link SampleGenerator}. Cached on disk by
 * scale, generator version and DDL hash, so only the first run generates it.
 */
public final class SampleDatabase {
    public static final String DDL_RESOURCE = "/sample/aim-v12.sql";

    /** A ready sample: where it is, how to reach it, and what was planted in it. */
    public record Sample(int scale, Path dir, String jdbcUrl, Manifest manifest) {}

    /** What {@code --sample} asks for: a scale and a scenario on top (null for the plain sample). */
    public record Choice(int scale, String scenario) {
        /** How a run names its source, e.g. "sample AIM v12 database, scale 1" (the plain sample's label is unchanged). */
        public String label() {
            return "sample AIM v12 database, scale " + scale + (scenario == null ? "" : ", " + scenario + " scenario");
        }
    }

    private SampleDatabase() {}

    public static String ddl() {
        try (InputStream in = SampleDatabase.class.getResourceAsStream(DDL_RESOURCE)) {
            if (in == null) {
                // JBang's build of the script lacks its //FILES resource: a build that raced another of the same files.
                throw new MigrationException(ExitCode.INTERNAL, "this build lacks the sample's DDL (" + DDL_RESOURCE
                        + "), which a build made at the same time as another can lose: build again with ./jbang build --fresh MigrateAim.java");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DDL's statements: comment lines dropped, split at a ';' that ends a line. */
    public static List<String> ddlStatements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl().split("\n")) {
            if (line.strip().startsWith("--") || line.isBlank()) continue;
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    public static String url(Path dir, boolean readOnly) {
        return "jdbc:h2:file:" + dir.resolve("aim").toAbsolutePath() + ";MODE=MSSQLServer"
                + (readOnly ? ";ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE" : "");
    }

    /**
     * H2's page cache for a migration's reads of the sample: 1 MB at any scale. The tables are stored in key order
     * ({@link KeyOrder}) and read in key order, so a page is read once and a larger cache only fills the heap with pages
     * the collector copies and promotes: at scale 10, 16 MB took 3.7-4.3 s of collections and 1 MB 2.4-2.7 s, and the
     * sales tables read in 1.4-1.7 s instead of 2.0-2.4 s; scale 1 the same with 1 or 2 MB.
     */
    static String readUrl(Path dir) {
        return url(dir, true) + ";CACHE_SIZE=1024";
    }

    /** Returns the sample at this scale, generating it first if it is not cached yet. */
    public static Sample ensure(int scale, Consumer<String> log) {
        return ensure(scale, null, log);
    }

    /**
     * The sample at this scale, with a named scenario on top ({@code adversarial}) or none (null);
     * each cached in its own folder, so a scenario never touches the plain sample.
     */
    public static Sample ensure(int scale, String scenario, Consumer<String> log) {
        if (scale < 1 || scale > 1000) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--sample scale must be 1 to 1000, not " + scale);
        }
        if (scenario != null && !scenario.equals(SampleAdversarial.NAME)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--sample scenario must be " + SampleAdversarial.NAME + ", not " + scenario);
        }
        Path dir = dir(scale, scenario);
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            log.accept("Generating the sample AIM v12 database at scale " + scale + (scenario == null ? "" : " with the " + scenario + " scenario")
                    + " (once; cached in " + dir + ")");
            long start = System.nanoTime();
            generate(dir, scale, scenario, log);
            log.accept(String.format("Sample generated in %.1f s", (System.nanoTime() - start) / 1e9));
        }
        return new Sample(scale, dir, readUrl(dir), readManifest(dir));
    }

    /** The sample's cache folder at this scale and scenario (null: none). */
    private static Path dir(int scale, String scenario) {
        return Folders.cacheRoot().resolve("sample").resolve("aim-v12-g" + SampleGenerator.VERSION + "-" + ddlHash() + "-s" + scale
                + (scenario == null ? "" : "-" + scenario + SampleAdversarial.VERSION));
    }

    /** The JDBC URL {@link #ensure} gives for this sample when it is generated already, else null (nothing is generated). */
    public static String cachedUrl(int scale, String scenario) {
        Path dir = dir(scale, scenario);
        return Files.isRegularFile(dir.resolve("manifest.json")) ? readUrl(dir) : null;
    }

    /**
     * Parses {@code --sample}'s value, SCALE[:SCENARIO] (e.g. 1, 10, 1:adversarial); the scale
     * is checked by {@link #ensure}.
     */
    public static Choice parse(String value) {
        String v = value == null ? "1" : value.strip();
        int colon = v.indexOf(':');
        String scale = colon < 0 ? v : v.substring(0, colon), scenario = colon < 0 ? null : v.substring(colon + 1);
        if (scale.isEmpty()) scale = "1";
        if (!scale.matches("[0-9]{1,9}") || (scenario != null && !scenario.equals(SampleAdversarial.NAME))) {
            throw new MigrationException(ExitCode.BAD_INPUT,
                    "--sample takes SCALE or SCALE:" + SampleAdversarial.NAME + " (e.g. --sample=10 or --sample=1:adversarial), not '" + value + "'");
        }
        return new Choice(Integer.parseInt(scale), scenario);
    }

    public static Manifest readManifest(Path dir) {
        try {
            return Manifest.fromJson(Json.read(Files.readString(dir.resolve("manifest.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the database in a temporary directory and renames it into place when complete. */
    public static void generate(Path dir, int scale) {
        generate(dir, scale, null);
    }

    /** As above, with a scenario on top (or none). */
    public static void generate(Path dir, int scale, String scenario) {
        generate(dir, scale, scenario, line -> {});
    }

    /** As above, telling {@code log} each table as it is filled. */
    public static void generate(Path dir, int scale, String scenario, Consumer<String> log) {
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), ".tmp-" + dir.getFileName());
            Manifest manifest = create(tmp, scale, scenario, log);
            Files.writeString(tmp.resolve("manifest.json"),
                    Json.write(manifest.toJson(scale, SampleGenerator.VERSION, SampleGenerator.SHOP_ZONE.getId())));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // Another process finished the same sample first; use theirs.
            }
        } catch (IOException | SQLException e) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot create the sample database in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** Loads the DDL and the generated rows into a new H2 database in {@code dir}. */
    public static Manifest create(Path dir, int scale) throws SQLException {
        return create(dir, scale, null);
    }

    /** As above, with the named scenario's rows added after the plain sample's. */
    public static Manifest create(Path dir, int scale, String scenario) throws SQLException {
        return create(dir, scale, scenario, line -> {});
    }

    /** As above, telling {@code log} each table as it is filled. */
    public static Manifest create(Path dir, int scale, String scenario, Consumer<String> log) throws SQLException {
        try (Connection db = Jdbc.connect(url(dir, false))) {
            try (Statement st = db.createStatement()) {
                for (String sql : ddlStatements()) st.execute(sql);
            }
            db.setAutoCommit(false);
            Manifest manifest = new SampleGenerator(db, scale).saying(log).generate();
            if (scenario != null) new SampleAdversarial(db, manifest).generate();
            KeyOrder.apply(db, ddlStatements(), log);
            db.commit();
            log.accept("  compacting the database file ...");
            try (Statement st = db.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
            return manifest;
        }
    }

    private static String ddlHash() {
        return Hashes.sha256(ddl().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
