package lib.target;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.Hashes;
import lib.core.Json;
import lib.core.MigrationException;
import lib.core.Version;

/**
 * OUT/manifest.json: what a cutover sign-off keeps. The toolkit version and git
 * commit, the source (no credentials), when, the shop time zone, the slices,
 * per-table counts and content checksums, and a SHA-256 of helm.sqlite and of
 * every D1 file. {@code --verify-manifest} checks a set of files against it later.
 */
public final class CutoverManifest {
    public static final String FILE = "manifest.json";

    private CutoverManifest() {}

    /** Builds the manifest of a finished output folder (staging) from its report. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> build(Map<String, Object> report, Path dir, Path projectDir, String endedAt) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("toolkit_version", Version.TOOLKIT);
        m.put("git_commit", gitCommit(projectDir));
        m.put("source", report.get("source"));
        m.put("started_at", report.get("started_at"));
        m.put("ended_at", endedAt);
        m.put("shop_time_zone", report.get("shop_time_zone"));
        m.put("slices", report.get("slices_run"));
        m.put("migrations_sha256", report.get("migrations_sha256"));
        m.put("redacted", Boolean.TRUE.equals(report.get("redacted")));
        m.put("limited", report.get("limit_rows_per_table"));
        Map<String, Object> tables = new LinkedHashMap<>();
        Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) report.get("content");
        content.forEach((table, e) -> tables.put(table, e.get("source")));
        m.put("tables", tables);
        m.put("files", fileHashes(dir));
        return m;
    }

    /** SHA-256 of helm.sqlite and of every D1 file, by path relative to the output folder. */
    static Map<String, String> fileHashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("helm.sqlite"));
        try (Stream<Path> d1 = Files.list(dir.resolve("d1"))) {
            d1.filter(f -> f.toString().endsWith(".sql")).sorted().forEach(files::add);
        }
        for (Path f : files) out.put(dir.relativize(f).toString().replace('\\', '/'), sha256(f));
        return out;
    }

    public static String sha256(Path file) throws IOException {
        return Hashes.sha256(file);
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

    public static Map<String, Object> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "no " + file + "; it is written by a successful MigrateAim run");
        }
        try {
            return Json.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Checks the files in {@code dir} against its manifest.json: every file's SHA-256,
     * and every table's control totals recomputed from helm.sqlite. Returns the problems.
     */
    @SuppressWarnings("unchecked")
    public static List<String> verify(Path dir, PrintWriter out) throws IOException, SQLException {
        Map<String, Object> manifest = read(dir);
        List<String> problems = new ArrayList<>();
        Map<String, String> files = (Map<String, String>) manifest.get("files");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            String actual = Files.isRegularFile(p) ? sha256(p) : null;
            if (actual == null) problems.add("file " + f.getKey() + " is missing");
            else if (!actual.equals(f.getValue())) problems.add("file " + f.getKey() + " has changed (SHA-256 " + actual + ", manifest " + f.getValue() + ")");
        }
        Path helm = dir.resolve("helm.sqlite");
        if (Files.isRegularFile(helm)) {
            problems.addAll(compareTables((Map<String, Map<String, Object>>) manifest.get("tables"), helm, "helm.sqlite"));
        }
        out.printf("Checked %d files and %d tables of %s against %s: %s%n", files.size(),
                ((Map<?, ?>) manifest.get("tables")).size(), dir, FILE, problems.isEmpty() ? "all match" : problems.size() + " problem(s)");
        problems.forEach(p -> out.println("  " + p));
        out.flush();
        return problems;
    }

    /** Recomputes every table's control totals from a SQLite database and compares them with the expected ones. */
    public static List<String> compareTables(Map<String, Map<String, Object>> expected, Path sqlite, String what) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqlite.toAbsolutePath() + "?open_mode=1")) {
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
