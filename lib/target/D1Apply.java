package lib.target;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.run.CutoverManifest;

/**
 * Loads OUT/d1/all.sql into a D1 database with wrangler, in chunks, and resumes
 * after the last completed chunk when a load is re-run after a failure.
 *
 * Chunks hold whole statements (about 10 KB each) up to {@link #CHUNK_BYTES}, far
 * inside D1's import limits, each starting with PRAGMA defer_foreign_keys. Every
 * INSERT in a chunk ends in ON CONFLICT DO NOTHING and every UPDATE that completes
 * a long value is guarded by the value's length, so a chunk that failed half-way
 * can be applied again without doubling anything. As each chunk completes, its
 * number and SHA-256 are appended to OUT/d1-apply/NAME.TARGET.checkpoint; the
 * checkpoint also names the SHA-256 of all.sql, so a resume never mixes two runs.
 * After the last chunk the D1 database is exported and its tables' control
 * totals are compared with manifest.json.
 */
public final class D1Apply {
    /** About 200 statements of 10 KB: a few seconds per chunk in local D1, far inside the remote import limits. */
    public static final long CHUNK_BYTES = 2_000_000;
    private static final String PRAGMA = "PRAGMA defer_foreign_keys = true;";

    /** One piece of all.sql as wrangler will execute it. */
    public record Chunk(int number, String sql, String sha256, int statements) {}

    private final Wrangler wrangler;
    private final Path project;
    private final boolean remote;
    private final PrintWriter out;

    public D1Apply(Wrangler wrangler, Path project, boolean remote, PrintWriter out) {
        this.wrangler = wrangler;
        this.project = project;
        this.remote = remote;
        this.out = out;
    }

    private String target() {
        return remote ? "remote" : "local";
    }

    /** Splits a D1 file into chunks at statement ends (every statement is one line). */
    public static List<Chunk> chunks(Path allSql, long chunkBytes) throws IOException {
        List<Chunk> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int statements = 0;
        try (BufferedReader r = Files.newBufferedReader(allSql, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("--") || line.equals(PRAGMA)) continue;
                if (!line.endsWith(";")) throw new IllegalStateException(allSql + ": a statement does not end its line: " + line.substring(0, Math.min(80, line.length())));
                String stmt = line.startsWith("INSERT INTO ") ? line.substring(0, line.length() - 1) + " ON CONFLICT DO NOTHING;" : line;
                if (statements > 0 && sb.length() + stmt.length() > chunkBytes) {
                    out.add(chunk(out.size() + 1, sb, statements));
                    sb.setLength(0);
                    statements = 0;
                }
                if (statements == 0) sb.append(PRAGMA).append('\n');
                sb.append(stmt).append('\n');
                statements++;
            }
        }
        if (statements > 0) out.add(chunk(out.size() + 1, sb, statements));
        return out;
    }

    private static Chunk chunk(int number, StringBuilder sb, int statements) {
        String sql = sb.toString();
        return new Chunk(number, sql, lib.core.Hashes.sha256(sql.getBytes(StandardCharsets.UTF_8)), statements);
    }

    /** Loads OUT/d1/all.sql into database {@code name}, resuming after a checkpoint; then verifies. Returns problems found by the verification. */
    public List<String> apply(Path outDir, String name, long chunkBytes) throws IOException, SQLException {
        Path all = outDir.resolve("d1").resolve("all.sql");
        if (!Files.isRegularFile(all)) throw new MigrationException(ExitCode.BAD_INPUT, "no " + all + " yet; run MigrateAim --all first");
        Map<String, Object> manifest = CutoverManifest.read(outDir);
        if (manifest.get("limited") != null) {
            throw new MigrationException(ExitCode.BAD_INPUT, outDir + " holds a --limit run (at most " + manifest.get("limited")
                    + " rows per table); run --all without --limit before loading D1");
        }
        String allHash = CutoverManifest.sha256(all);
        List<Chunk> chunks = chunks(all, chunkBytes);
        Path checkpoint = outDir.resolve("d1-apply").resolve(name + "." + target() + ".checkpoint");
        int done = completed(checkpoint, allHash, chunks);
        if (done == 0) {
            Files.createDirectories(checkpoint.getParent());
            Files.writeString(checkpoint, "all.sql " + allHash + "\n", StandardCharsets.UTF_8);
            out.printf("Loading %s into D1 database %s (%s) in %d chunks of up to %,d bytes; progress is kept in %s%n",
                    all, name, target(), chunks.size(), chunkBytes, checkpoint);
        } else if (done < chunks.size()) {
            out.printf("Resuming the load of %s into %s (%s) after chunk %d of %d (checkpoint %s)%n", all, name, target(), done, chunks.size(), checkpoint);
        } else {
            out.printf("All %d chunks were already loaded into %s (%s) (checkpoint %s); verifying%n", chunks.size(), name, target(), checkpoint);
        }
        out.flush();
        Path tmp = Files.createTempDirectory("d1-apply");
        try {
            for (Chunk c : chunks.subList(done, chunks.size())) {
                long start = System.nanoTime();
                Path file = tmp.resolve(String.format("chunk-%04d.sql", c.number()));
                Files.writeString(file, c.sql(), StandardCharsets.UTF_8);
                Wrangler.Result r = wrangler.run(project, List.of("d1", "execute", name, "--" + target(), "--yes", "--file", file.toString()));
                Files.delete(file);
                if (r.exitCode() != 0) {
                    throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler failed on chunk " + c.number() + " of " + chunks.size()
                            + " (" + lastLines(r.output(), 3) + "); chunks 1-" + (c.number() - 1) + " are loaded and recorded in " + checkpoint
                            + "; fix the cause and run the same command again to resume at chunk " + c.number());
                }
                Files.writeString(checkpoint, "chunk " + c.number() + " " + c.sha256() + " " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                out.printf("  chunk %d/%d: %,d statements in %.1f s%n", c.number(), chunks.size(), c.statements(), (System.nanoTime() - start) / 1e9);
                out.flush();
            }
        } finally {
            lib.core.Folders.deleteTree(tmp);
        }
        return verify(outDir, name);
    }

    /** How many leading chunks the checkpoint records as done; refuses a checkpoint of other D1 files. */
    static int completed(Path checkpoint, String allHash, List<Chunk> chunks) throws IOException {
        if (!Files.isRegularFile(checkpoint)) return 0;
        List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("all.sql " + allHash)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "the checkpoint " + checkpoint + " belongs to other D1 files than OUT/d1/all.sql now; "
                    + "load the new files into a fresh D1 database and delete that checkpoint first");
        }
        int done = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(" ");
            if (p.length < 3 || !p[0].equals("chunk")) continue;
            int n = Integer.parseInt(p[1]);
            if (n != done + 1 || n > chunks.size() || !chunks.get(n - 1).sha256().equals(p[2])) {
                throw new MigrationException(ExitCode.BAD_INPUT, "the checkpoint " + checkpoint + " does not match chunk " + n
                        + " of OUT/d1/all.sql; load into a fresh D1 database and delete that checkpoint first");
            }
            done = n;
        }
        return done;
    }

    /**
     * Exports the D1 database with wrangler into a scratch SQLite file and compares every
     * table's control totals with manifest.json. Returns the problems (empty: D1 holds exactly the migrated content).
     */
    @SuppressWarnings("unchecked")
    public List<String> verify(Path outDir, String name) throws IOException, SQLException {
        Map<String, Object> manifest = CutoverManifest.read(outDir);
        Path tmp = Files.createTempDirectory("d1-verify");
        try {
            Path dump = tmp.resolve("export.sql");
            Wrangler.Result r = wrangler.run(project, List.of("d1", "export", name, "--" + target(), "--output", dump.toString()));
            if (r.exitCode() != 0) {
                throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not export D1 database " + name + " (" + lastLines(r.output(), 3) + ")");
            }
            Path copy = tmp.resolve("d1.sqlite");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath()); Statement st = db.createStatement()) {
                st.executeUpdate("PRAGMA journal_mode = OFF");
                st.executeUpdate("PRAGMA synchronous = OFF");
                db.setAutoCommit(false);
                st.executeUpdate(Files.readString(dump, StandardCharsets.UTF_8));
                db.commit();
            }
            Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) manifest.get("tables");
            List<String> problems = CutoverManifest.compareTables(tables, copy, "D1 " + name);
            out.printf("D1 database %s (%s) against %s: %d tables, %s%n", name, target(), outDir.resolve(CutoverManifest.FILE), tables.size(),
                    problems.isEmpty() ? "row counts, cents, dates and content checksums all agree" : problems.size() + " differ");
            problems.forEach(p -> out.println("  " + p));
            out.flush();
            return problems;
        } finally {
            lib.core.Folders.deleteTree(tmp);
        }
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
