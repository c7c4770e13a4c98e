package lib.target;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.FileHashes;
import lib.core.Jdbc;
import lib.core.Json;
import lib.core.MigrationException;
import lib.core.Version;

/**
 * OUT/manifest.json: what a cutover sign-off keeps. The toolkit version and git
 * commit, the source (no credentials), when, the shop time zone, the slices,
 * per-table counts and content checksums, and a SHA-256 of helm.sqlite and of
 * every D1 file. {@code --verify-manifest} checks a set of files against it later.
 */
public record CutoverManifest(String toolkitVersion, String gitCommit, String source, String startedAt, String endedAt, String shopTimeZone,
                              List<Integer> slices, String migrationsSha256, boolean redacted, Integer limited,
                              Map<String, Map<String, Object>> tables, Map<String, String> files, Map<String, Object> d1Loads) {
    public static final String FILE = "manifest.json";

    /** The manifest of a finished output folder (staging): the facts of its report, this checkout's commit, the files' hashes. */
    public static CutoverManifest build(String source, String startedAt, String shopTimeZone, List<Integer> slices, String migrationsSha256,
                                        boolean redacted, Integer limited, Map<String, Map<String, Object>> tables, Map<String, String> files,
                                        Path projectDir, String endedAt) {
        return new CutoverManifest(Version.TOOLKIT, gitCommit(projectDir), source, startedAt, endedAt, shopTimeZone, slices, migrationsSha256,
                redacted, limited, tables, files, null);
    }

    /** The same manifest with one more (or a replaced) entry under d1_loads, by database. */
    public CutoverManifest withLoad(String database, Map<String, Object> load) {
        Map<String, Object> loads = d1Loads == null ? new LinkedHashMap<>() : new LinkedHashMap<>(d1Loads);
        loads.put(database, load);
        return new CutoverManifest(toolkitVersion, gitCommit, source, startedAt, endedAt, shopTimeZone, slices, migrationsSha256, redacted,
                limited, tables, files, loads);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("toolkit_version", toolkitVersion);
        m.put("git_commit", gitCommit);
        m.put("source", source);
        m.put("started_at", startedAt);
        m.put("ended_at", endedAt);
        m.put("shop_time_zone", shopTimeZone);
        m.put("slices", slices);
        m.put("migrations_sha256", migrationsSha256);
        m.put("redacted", redacted);
        m.put("limited", limited);
        m.put("tables", tables);
        m.put("files", files);
        if (d1Loads != null) m.put("d1_loads", d1Loads);
        return m;
    }

    /** A manifest.json as read; a wrong shape is an IllegalArgumentException. */
    public static CutoverManifest fromMap(Map<String, Object> m) {
        return new CutoverManifest(Json.text(m.get("toolkit_version")), Json.text(m.get("git_commit")), Json.text(m.get("source")),
                Json.text(m.get("started_at")), Json.text(m.get("ended_at")), Json.text(m.get("shop_time_zone")),
                Json.listOf(m.get("slices"), x -> (int) Json.integer(x)), Json.text(m.get("migrations_sha256")), Boolean.TRUE.equals(m.get("redacted")),
                m.get("limited") == null ? null : (int) Json.integer(m.get("limited")), Json.objectOf(m.get("tables"), Json::object),
                Json.objectOf(m.get("files"), Json::text), Json.object(m.get("d1_loads")));
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, Json.write(toMap()), StandardCharsets.UTF_8);
    }

    /** SHA-256 of helm.sqlite and of every D1 file, by path relative to the output folder. */
    public static Map<String, String> fileHashes(Path dir) throws IOException {
        return new TreeMap<>(FileHashes.of(dir, fileNames(dir)));
    }

    /** The files a manifest lists: helm.sqlite and every D1 file, by path relative to the output folder. */
    public static List<String> fileNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>(List.of("helm.sqlite"));
        try (Stream<Path> d1 = Files.list(dir.resolve("d1"))) {
            d1.map(f -> "d1/" + f.getFileName()).filter(n -> n.endsWith(".sql")).sorted().forEach(names::add);
        }
        return names;
    }

    /** The toolkit checkout's commit, with "+changes" when files differ from it; "unknown" outside a git checkout. */
    static String gitCommit(Path projectDir) {
        try {
            String head = git(projectDir, "rev-parse", "HEAD");
            if (head == null || head.isBlank()) return "unknown";
            String status = git(projectDir, "status", "--porcelain", "--untracked-files=no");
            return head.strip() + (status != null && !status.isBlank() ? "+changes" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public static CutoverManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "no " + file + "; it is written by a successful MigrateAim run");
        }
        try {
            return fromMap(Json.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Checks the files in {@code dir} against its manifest.json: every file's SHA-256,
     * and every table's control totals recomputed from helm.sqlite. Returns the problems.
     */
    public static List<String> verify(Path dir, PrintWriter out) throws IOException, SQLException {
        CutoverManifest manifest = read(dir);
        List<String> problems = new ArrayList<>();
        Map<String, String> files = manifest.files();
        Map<String, String> found = FileHashes.of(dir, files.keySet().stream().filter(n -> Files.isRegularFile(dir.resolve(n))).toList());
        for (Map.Entry<String, String> f : files.entrySet()) {
            String actual = found.get(f.getKey());
            if (actual == null) problems.add("file " + f.getKey() + " is missing");
            else if (!actual.equals(f.getValue())) problems.add("file " + f.getKey() + " has changed (SHA-256 " + actual + ", manifest " + f.getValue() + ")");
        }
        Path helm = dir.resolve("helm.sqlite");
        if (Files.isRegularFile(helm)) {
            problems.addAll(compareTables(manifest.tables(), helm, "helm.sqlite"));
        }
        out.printf("Checked %d files and %d tables of %s against %s: %s%n", files.size(),
                manifest.tables().size(), dir, FILE, problems.isEmpty() ? "all match" : problems.size() + " problem(s)");
        problems.forEach(p -> out.println("  " + p));
        out.flush();
        return problems;
    }

    /** Recomputes every table's control totals from a SQLite database and compares them with the expected ones. */
    public static List<String> compareTables(Map<String, Map<String, Object>> expected, Path sqlite, String what) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection db = Jdbc.sqlite(sqlite, true)) {
            for (Map.Entry<String, Map<String, Object>> t : expected.entrySet()) {
                List<String> diff;
                try {
                    diff = TableContent.scan(db, t.getKey()).differences(t.getValue());
                } catch (SQLException e) {
                    diff = List.of("cannot be read: " + e.getMessage());
                }
                if (!diff.isEmpty()) problems.add("table " + t.getKey() + " in " + what + ": " + String.join("; ", diff));
            }
        }
        return problems;
    }
}
