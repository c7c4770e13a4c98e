package lib.target;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.MigrationException;

/**
 * What keeps a --d1-apply to itself and honest about its chunks: one load of a D1 database from an OUT at a time, its
 * chunks cut into OUT/d1-apply (a copy a killed load leaves is removed by the next), a chunk counted as loaded only
 * when wrangler says it ran, and the checkpoint that says how far a load got.
 */
final class D1Loading implements AutoCloseable {
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    final Path chunks;

    private D1Loading(Path lockFile, FileChannel channel, FileLock lock, Path chunks) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.chunks = chunks;
    }

    /**
     * Holds OUT/d1-apply/NAME.TARGET.lock for this load, or refuses (exit 2) while another load of that database from
     * this OUT runs: two at once would record each chunk twice and leave a checkpoint no resume can use.
     */
    static D1Loading start(Path checkpoint, String what) throws IOException {
        Path dir = Files.createDirectories(checkpoint.getParent());
        String base = checkpoint.getFileName().toString().replaceFirst("\\.checkpoint$", "");
        Path lockFile = dir.resolve(base + ".lock").toAbsolutePath().normalize();
        // A load in this JVM is told apart first: closing a second channel on the file would drop the first one's lock.
        if (!HELD.add(lockFile)) throw busy(checkpoint, what);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldHere) {
                channel = null; // held in this JVM by other code: closing this channel would drop that lock, so it stays open
                throw busy(checkpoint, what);
            }
            if (lock == null) throw busy(checkpoint, what);
            // Chunks a load killed outright left behind (kill -9, a power cut): no load of this database runs now.
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(base + ".chunks")).toList()) Folders.deleteTree(p);
            }
            // Owner-only (the chunks hold all of Helm). Absolute: wrangler runs in the wrangler project's folder, and --out may be relative ("--out cutover").
            return new D1Loading(lockFile, channel, lock, Folders.createPrivate(dir.resolve(base + ".chunks")).toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            HELD.remove(lockFile);
            throw e;
        }
    }

    /** The lock files of the loads running in this JVM. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static MigrationException busy(Path checkpoint, String what) {
        return new MigrationException(ExitCode.BAD_INPUT, "another --d1-apply is loading " + what + " from this output now (its progress is in "
                + checkpoint + "); wait for it to end, then run the same command again if it did not finish");
    }

    /** The chunk size a checkpoint was started with (0 when it names none): a resume must cut the same chunks. */
    static long recordedChunkBytes(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) return 0;
        List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
        if (lines.stream().noneMatch(l -> l.startsWith("chunk "))) return 0; // nothing loaded yet: this run's chunk size
        for (String l : lines) {
            if (l.startsWith("chunk-bytes ")) return Long.parseLong(l.substring("chunk-bytes ".length()).strip());
        }
        return 0;
    }

    /** How many leading chunks the checkpoint records as done; refuses a checkpoint of other D1 files. */
    static int completed(Path checkpoint, String allHash, List<D1Chunks.Chunk> chunks) throws IOException {
        if (!Files.isRegularFile(checkpoint)) return 0;
        List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("all.sql " + allHash)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "the checkpoint " + checkpoint + " belongs to other D1 files than "
                    + checkpoint.toAbsolutePath().getParent().resolveSibling("d1").resolve("all.sql") + " now; load the new files into a fresh D1"
                    + " database (a local one: delete the Helm project's .wrangler/state) and delete that checkpoint first");
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
     * Whether wrangler's output says the file ran: "N commands executed successfully." (the local D1) or "Executed N
     * queries" (Cloudflare's import). Its exit code alone is not enough: wrangler's launcher exits 0 when the process
     * doing the work is killed (by the OOM killer, say), which would count a chunk never loaded.
     */
    static boolean confirmed(String output) {
        return output.contains("executed successfully.") || output.matches("(?s).*Executed \\d+ queries.*");
    }

    /** What to do about a chunk wrangler refused, where its words say: the schema not applied, a name not in wrangler.toml. */
    static String fix(String output, String name) {
        if (output.contains("no such table")) return "the D1 database has no Helm tables yet: run --d1-migrate " + name + " first,";
        if (output.contains("Couldn't find a D1 DB")) return "name a D1 database of the wrangler.toml in --wrangler-dir (or the current folder),";
        return "fix the cause";
    }

    /** Removes the chunks (also from a shutdown hook: Ctrl-C ends the run before its finally blocks). */
    void removeChunks() {
        try {
            Folders.deleteTree(chunks);
        } catch (IOException | java.io.UncheckedIOException e) {
            // Left for the next load of this database, which removes it first (or the hook and close() met in it).
        }
    }

    @Override
    public void close() throws IOException {
        removeChunks();
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(lockFile);
            }
        }
    }
}
