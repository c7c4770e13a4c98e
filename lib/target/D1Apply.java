package lib.target;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.FileHashes;
import lib.core.MigrationException;
import lib.core.PausePoint;
import lib.core.Shutdown;
import lib.core.Terminal;

/**
 * Loads OUT/d1/all.sql into a D1 database with wrangler, in chunks, and resumes
 * after the last completed chunk when a load is re-run after a failure.
 *
 * Chunks hold whole statements (about 10 KB each) up to the chunk size, far
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
    /**
     * Local D1: wrangler splits a file and runs it as one batch in Miniflare, and each call starts wrangler
     * anew (about 3 s), so fewer chunks load faster: the 16 MB sample took 67 s in 2 MB chunks, 50 s in
     * 8 MB and 42 s in one. 16 MB keeps a chunk under half a minute for a Ctrl-C and resume.
     */
    public static final long LOCAL_CHUNK_BYTES = 16_000_000;
    /**
     * Cloudflare's D1: each chunk is one import (uploaded, then applied as one unit, the database serving no
     * queries meanwhile; up to 5 GB). Few large imports mean few uploads and few pauses, and an import that
     * fails rolls back whole, so a large chunk loses nothing: a shop's file is one or two imports.
     */
    public static final long REMOTE_CHUNK_BYTES = 250_000_000;
    private final Wrangler wrangler;
    private final Path project;
    private final boolean remote;
    private final PrintWriter out;
    /** Where a load says how it goes (the chunks, a resume): {@code out}, or nowhere under --quiet ({@link #quiet}). */
    private PrintWriter progress;

    public D1Apply(Wrangler wrangler, Path project, boolean remote, PrintWriter out) {
        this.wrangler = wrangler;
        this.project = project;
        this.remote = remote;
        this.out = out;
        this.progress = out;
    }

    /**
     * Rows of one wrangler export of --d1-verify: wrangler 4.86.0's local D1 holds an export in memory about 24 times over
     * (workerd and node together; the scale-10 sample's 195 MB export peaked at 2.9 GB and 1.7 GB), so tables go a few at a time.
     */
    public static final long EXPORT_ROWS = 200_000;
    private long exportRows = EXPORT_ROWS;

    /** Most rows --d1-verify has wrangler export at once (a larger table alone). */
    public D1Apply exportRows(long rows) {
        exportRows = rows;
        return this;
    }

    /** Under --quiet a load prints only errors and its verification, as a run prints only its final line. */
    public D1Apply quiet(boolean quiet) {
        progress = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : out;
        return this;
    }

    private String target() {
        return remote ? "remote" : "local";
    }

    /** Loads OUT/d1/all.sql into database {@code name}, resuming after a checkpoint; then verifies. Returns problems found by the verification. */
    public List<String> apply(Path outDir, String name, long chunkBytes) throws IOException, SQLException {
        Path all = outDir.resolve("d1").resolve("all.sql");
        if (!Files.isRegularFile(all)) throw new MigrationException(ExitCode.BAD_INPUT, "no " + all + " yet; run MigrateAim --all first");
        CutoverManifest manifest = CutoverManifest.read(outDir);
        if (manifest.limited() != null) {
            throw new MigrationException(ExitCode.BAD_INPUT, outDir + " holds a --limit run (a subset of AIM, --limit " + manifest.limited()
                    + "); run --all without --limit before loading D1");
        }
        // A misspelt name is refused before a chunk is cut or a checkpoint is written under it.
        WranglerConfig.requireDatabase(project, name);
        String allHash = FileHashes.of(outDir, List.of("d1/all.sql")).get("d1/all.sql");
        Path checkpoint = outDir.resolve("d1-apply").resolve(name + "." + target() + ".checkpoint");
        long recorded = D1Loading.recordedChunkBytes(checkpoint);
        if (recorded > 0 && recorded != chunkBytes) {
            progress.printf("Resuming with the chunks of the interrupted load (%,d bytes), not %,d%n", recorded, chunkBytes);
            chunkBytes = recorded;
        }
        try (D1Loading loading = D1Loading.start(checkpoint, "D1 database " + name + " (" + target() + ")")) {
            Thread removeChunks = new Thread(loading::removeChunks, "d1-apply-chunks"); // Ctrl-C ends the run before this block does
            Runtime.getRuntime().addShutdownHook(removeChunks);
            try {
                DiskSpace.require(loading.chunks, Files.size(all), "cutting " + all + " into chunks");
                List<D1Chunks.Chunk> chunks = D1Chunks.cut(all, chunkBytes, loading.chunks);
                load(outDir, name, chunks, checkpoint, allHash, chunkBytes, all, manifest);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(removeChunks);
                } catch (IllegalStateException shuttingDown) {
                    // The hook removes them.
                }
            }
        }
        if (remote) new D1TimeTravel(wrangler, project, out).recordLoad(outDir, name, checkpoint);
        return verify(outDir, name);
    }

    private void load(Path outDir, String name, List<D1Chunks.Chunk> chunks, Path checkpoint, String allHash, long chunkBytes, Path all,
            CutoverManifest manifest) throws IOException {
        int done = D1Loading.completed(checkpoint, allHash, chunks);
        // A new load (no checkpoint: not a resume, whose chunk 1 may have run) goes only into a D1 whose Helm tables are empty.
        if (!Files.exists(checkpoint)) new D1Empty(wrangler, project, remote).require(outDir, name, manifest.tables().keySet());
        if (done == 0) {
            Files.createDirectories(checkpoint.getParent());
            String start = "all.sql " + allHash + "\nchunk-bytes " + chunkBytes + "\n";
            if (remote) {
                // D1 Time Travel: where --d1-rollback returns to, recorded before anything is written.
                String before = new D1TimeTravel(wrangler, project, out).bookmarkNow(name);
                start += "bookmark-before " + before + " " + now() + "\n";
                progress.printf("D1 database %s is at Time Travel bookmark %s before the load (--d1-rollback %s --remote returns to it)%n", name, before, name);
            }
            Files.writeString(checkpoint, start, StandardCharsets.UTF_8);
            progress.printf("Loading %s into D1 database %s (%s) in %s of up to %,d bytes; progress is kept in %s%n",
                    all, name, target(), chunks.size() == 1 ? "1 chunk" : chunks.size() + " chunks", chunkBytes, checkpoint);
        } else if (done < chunks.size()) {
            progress.printf("Resuming the load of %s into %s (%s) after chunk %d of %d (checkpoint %s)%n", all, name, target(), done, chunks.size(), checkpoint);
        } else {
            progress.printf("%s already loaded into %s (%s) (checkpoint %s); verifying%n",
                    chunks.size() == 1 ? "The one chunk was" : "All " + chunks.size() + " chunks were", name, target(), checkpoint);
        }
        out.flush();
        // Ctrl-C or kill mid-load: wrangler is stopped, and the operator learns where the load stands and how to resume.
        int[] loading = {0};
        Thread onInterrupt = new Thread(() -> {
            if (loading[0] == 0) return;
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            Terminal.stopped("MigrateAim: interrupted during chunk " + loading[0] + " of " + chunks.size() + "; "
                    + loadedBefore(loading[0], checkpoint) + "; run the same command again to resume at chunk " + loading[0]
                    + " (a chunk may run twice: its rows are inserted only once)");
        }, "d1-apply-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            loadChunks(chunks.subList(done, chunks.size()), chunks.size(), name, checkpoint, loading);
        } finally {
            // A wrangler stopped by the same Ctrl-C fails this chunk first: the hook (still registered then) says where the load stands.
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Already in shutdown: the hook runs and says where the load stands.
            }
        }
    }

    private void loadChunks(List<D1Chunks.Chunk> todo, int total, String name, Path checkpoint, int[] loading) throws IOException {
        for (D1Chunks.Chunk c : todo) {
            loading[0] = c.number();
            PausePoint.at("d1-apply chunk " + c.number(), out);
            long start = System.nanoTime();
            // Stopping (Ctrl-C, kill): the hook stops the wrangler running and says where the load stands; no other starts.
            if (Shutdown.inProgress()) throw new IOException("stopping: chunk " + c.number() + " was not started");
            Wrangler.Result r = wrangler.run(project, List.of("d1", "execute", name, "--" + target(), "--yes", "--file", c.file().toString()));
            if (r.exitCode() != 0) Shutdown.awaitAfter(r.exitCode());
            if (r.exitCode() == 0 && !D1Loading.confirmed(r.output())) {
                throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler ended on chunk " + c.number() + " of " + total
                        + " without saying it ran (was it killed?" + (r.output().isBlank() ? "" : " it said: " + Wrangler.said(r.output(), 3))
                        + "); " + loadedBefore(c.number(), checkpoint) + "; run the same command again to resume at chunk " + c.number());
            }
            if (r.exitCode() != 0) {
                throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler failed on chunk " + c.number() + " of " + total
                        + " (" + Wrangler.said(r.output(), 3) + "); " + loadedBefore(c.number(), checkpoint) + "; " + D1Loading.fix(r.output(), name)
                        + " and run the same command again to resume at chunk " + c.number());
            }
            String bookmark = remote ? D1TimeTravel.finalBookmark(r.output()) : null;
            Files.writeString(checkpoint, "chunk " + c.number() + " " + c.sha256() + " " + now() + (bookmark == null ? "" : " " + bookmark) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            progress.printf("  chunk %d/%d: %,d statements in %.1f s%n", c.number(), total, c.statements(), (System.nanoTime() - start) / 1e9);
            out.flush();
        }
    }

    private static String loadedBefore(int chunk, Path checkpoint) {
        return chunk == 1 ? "no chunk is loaded yet (" + checkpoint + ")"
                : (chunk == 2 ? "chunk 1 is" : "chunks 1-" + (chunk - 1) + " are") + " loaded and recorded in " + checkpoint;
    }

    /** Applies the wrangler project's migrations to database {@code name} (the schema, before the data); {@code quiet}: the outcome in one line. */
    public int migrate(String name, boolean quiet) throws IOException {
        if (!quiet) out.printf("Applying the migrations of %s to D1 database %s (%s)%n", project.toAbsolutePath(), name, target());
        out.flush();
        Wrangler.Result r = wrangler.run(project, List.of("d1", "migrations", "apply", name, "--" + target()));
        if (r.exitCode() != 0) {
            throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not apply the migrations to D1 database " + name
                    + " (" + Wrangler.said(r.output(), 3) + "); nothing after the failed migration was applied; fix it and run the same command again");
        }
        // wrangler redraws its table of migrations after each one: name each file once.
        java.util.Set<String> applied = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b\\d{4}_\\w+\\.sql\\b").matcher(r.output());
        while (m.find()) applied.add(m.group());
        String outcome = applied.isEmpty() ? "no migrations to apply: the schema is up to date" : "applied or already there: " + String.join(", ", applied);
        out.println(quiet ? "D1 database " + name + " (" + target() + "): " + outcome : "  " + outcome);
        out.flush();
        return ExitCode.OK.code;
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Exports D1 database {@code name} and compares it with OUT/manifest.json ({@link D1Verify}). Returns the problems. */
    public List<String> verify(Path outDir, String name) throws IOException, SQLException {
        return new D1Verify(wrangler, project, remote, out, exportRows).verify(outDir, name);
    }
}
