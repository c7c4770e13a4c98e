package lib.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lib.core.Hashes;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.target.D1Export;
import lib.target.TableContent;

/**
 * The D1 files of a run: each loaded slice's file written from helm.sqlite on a thread of
 * its own while the next slice loads, the kept slices' files copied, and all.sql joined.
 */
final class D1Files {
    /** What writing one slice's D1 file found: its longest statement and the control totals of its tables as read from helm.sqlite. */
    private record SliceExport(long maxStatementBytes, Map<String, TableContent> content, String sha256) {}

    private final OutputDir output;
    private final Path dir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread th = new Thread(r, "d1-writer");
        th.setDaemon(true);
        return th;
    });
    private final Map<Integer, Future<SliceExport>> written = new TreeMap<>();
    /** SHA-256 of each file by its path in the output ("d1/all.sql"), taken as it was written, for the manifest. */
    private final Map<String, String> hashes = new TreeMap<>();

    D1Files(OutputDir output) {
        this.output = output;
        this.dir = output.staging().resolve("d1");
    }

    /** Starts writing a finished (committed) slice's file, on its own read connection to {@code helmFile}. */
    void export(Path helmFile, Slice s) {
        written.put(s.number(), writer.submit(() -> {
            try (Connection read = DriverManager.getConnection("jdbc:sqlite:" + helmFile.toAbsolutePath())) {
                D1Export export = new D1Export();
                Path file = dir.resolve(fileName(s));
                // Hashed as it is written, beside the next slice's load, not read again at the end of the run.
                MessageDigest sha = Hashes.digest();
                export.write(read, "Helm data, slice " + s.number() + " (" + s.name() + ")", s.writes(), file, sha);
                return new SliceExport(export.maxStatementBytes(), export.content(), HexFormat.of().formatHex(sha.digest()));
            }
        }));
    }

    /**
     * Waits for this run's slice files, copies the kept ones, and joins them into all.sql in slice order;
     * puts the control totals read from helm.sqlite into {@code content}. Returns the longest statement in bytes.
     */
    long join(Set<Integer> slices, Map<String, TableContent> content) throws IOException {
        long max = 0;
        MessageDigest allSha = Hashes.digest();
        try (OutputStream all = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("all.sql")), 1 << 16), allSha)) {
            for (int n : slices) {
                Slice s = Slices.get(n);
                Path file = dir.resolve(fileName(s));
                Future<SliceExport> job = written.get(n);
                if (job != null) {
                    SliceExport done = await(job, file);
                    max = Math.max(max, done.maxStatementBytes());
                    content.putAll(done.content());
                    hashes.put("d1/" + fileName(s), done.sha256());
                } else {
                    Files.copy(output.current("d1").resolve(fileName(s)), file);
                    max = Math.max(max, longestLine(file));
                    hashes.put("d1/" + fileName(s), Hashes.sha256(file));
                }
                Files.copy(file, all);
            }
        }
        hashes.put("d1/all.sql", HexFormat.of().formatHex(allSha.digest()));
        writer.shutdown();
        return max;
    }

    /** SHA-256 of every D1 file of this output, by path ("d1/all.sql"), once {@link #join} is done. */
    Map<String, String> hashes() {
        return Map.copyOf(hashes);
    }

    private static SliceExport await(Future<SliceExport> job, Path file) throws IOException {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("writing " + file + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static String fileName(Slice s) {
        return String.format("%04d_%s.sql", s.number(), s.name());
    }

    /** The longest line of a file in bytes, read as a stream (a D1 file can be larger than the heap). */
    static long longestLine(Path file) throws IOException {
        long longest = 0, current = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        longest = Math.max(longest, current + 1);
                        current = 0;
                    } else {
                        current++;
                    }
                }
            }
        }
        return Math.max(longest, current);
    }
}
