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
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lib.core.HashThread;
import lib.core.Hashes;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.target.D1Export;
import lib.target.TableContent;

/**
 * The D1 files of a run, written on a thread of their own in slice order while the next slice
 * loads: each loaded slice's file from helm.sqlite, each kept slice's file copied from the
 * previous output, and all.sql appended as they go. Every file is hashed as it is written.
 */
final class D1Files {
    /** What writing one slice's D1 file found: its longest statement, the control totals of its tables as read from helm.sqlite (none for a kept slice), its hash. */
    private record SliceFile(long maxStatementBytes, Map<String, TableContent> content, String sha256) {}

    private final OutputDir output;
    private final Path dir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread th = new Thread(r, "d1-writer");
        th.setDaemon(true);
        return th;
    });
    /** The slices the output holds, in all.sql's order, and those this run loads (the others are kept). */
    private final List<Integer> order;
    private final Set<Integer> loaded;
    private final TreeMap<Integer, Future<SliceFile>> written = new TreeMap<>();
    /** SHA-256 of each file by its path in the output ("d1/all.sql"), taken as it was written, for the manifest. */
    private final Map<String, String> hashes = new TreeMap<>();
    // The writer thread's own: all.sql as far as it is written, and how many of {@code order} it holds.
    private OutputStream all;
    private HashThread allSha;
    private int appended;

    /** {@code inOutput}: every slice the output will hold; {@code loaded}: those this run loads (and exports). */
    D1Files(OutputDir output, Set<Integer> inOutput, Set<Integer> loaded) {
        this.output = output;
        this.dir = output.staging().resolve("d1");
        this.order = List.copyOf(new TreeSet<>(inOutput));
        this.loaded = Set.copyOf(loaded);
    }

    /** Starts writing a finished (committed) slice's file, on its own read connection to {@code helmFile}, after the kept slices before it. */
    void export(Path helmFile, Slice s) {
        if (!written.isEmpty() && written.lastKey() >= s.number()) {
            throw new IllegalStateException("slice " + s.number() + " exported after slice " + written.lastKey() + ": all.sql is in slice order");
        }
        keptBefore(s.number());
        written.put(s.number(), writer.submit(() -> {
            Path file = dir.resolve(fileName(s));
            MessageDigest sha = Hashes.digest();
            try (Connection read = DriverManager.getConnection("jdbc:sqlite:" + helmFile.toAbsolutePath());
                 OutputStream out = new DigestOutputStream(new Tee(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), all()), sha)) {
                D1Export export = new D1Export();
                export.write(read, "Helm data, slice " + s.number() + " (" + s.name() + ")", s.writes(), out);
                appended++;
                return new SliceFile(export.maxStatementBytes(), export.content(), HexFormat.of().formatHex(sha.digest()));
            }
        }));
    }

    /** Queues the copies of the kept slices that come before slice {@code n} in all.sql. */
    private void keptBefore(int n) {
        for (int k : order) {
            if (k >= n) break;
            if (!loaded.contains(k) && !written.containsKey(k)) written.put(k, writer.submit(() -> copyKept(Slices.get(k))));
        }
    }

    /** A kept slice's file, copied from the previous output and appended to all.sql in one pass, hashed and measured as it goes. */
    private SliceFile copyKept(Slice s) throws IOException {
        Path file = dir.resolve(fileName(s));
        MessageDigest sha = Hashes.digest();
        long longest = 0, current = 0;
        try (InputStream in = Files.newInputStream(output.current("d1").resolve(fileName(s)));
             OutputStream out = new DigestOutputStream(new Tee(Files.newOutputStream(file), all()), sha)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
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
        appended++;
        return new SliceFile(Math.max(longest, current), Map.of(), HexFormat.of().formatHex(sha.digest()));
    }

    /** all.sql, opened by the first file written (on the writer thread). */
    private OutputStream all() throws IOException {
        if (all == null) {
            Files.createDirectories(dir);
            allSha = new HashThread("all.sql-sha256"); // on the second core, while this thread hashes each slice's file
            all = new Tee(new BufferedOutputStream(Files.newOutputStream(dir.resolve("all.sql")), 1 << 16), allSha);
        }
        return all;
    }

    /**
     * Waits for this run's slice files and the kept ones' copies, and finishes all.sql; puts the control totals
     * read from helm.sqlite into {@code content}. Returns the longest statement in bytes.
     */
    long join(Set<Integer> slices, Map<String, TableContent> content) throws IOException {
        if (!new TreeSet<>(slices).equals(new TreeSet<>(order))) throw new IllegalStateException("the output holds slices " + slices + ", not " + order);
        keptBefore(Integer.MAX_VALUE);
        Future<String> allDone = writer.submit(() -> {
            OutputStream a = all();
            a.close();
            if (appended != order.size()) throw new IOException("all.sql holds " + appended + " of " + order.size() + " slice files");
            return allSha.hex();
        });
        long max = 0;
        for (int n : order) {
            Slice s = Slices.get(n);
            Future<SliceFile> job = written.get(n);
            if (job == null) throw new IllegalStateException("slice " + n + " was loaded but never written to its D1 file");
            SliceFile done = await(job, dir.resolve(fileName(s)));
            max = Math.max(max, done.maxStatementBytes());
            content.putAll(done.content());
            hashes.put("d1/" + fileName(s), done.sha256());
        }
        hashes.put("d1/all.sql", await(allDone, dir.resolve("all.sql")));
        writer.shutdown();
        return max;
    }

    /** SHA-256 of every D1 file of this output, by path ("d1/all.sql"), once {@link #join} is done. */
    Map<String, String> hashes() {
        return Map.copyOf(hashes);
    }

    /** Bytes written to two streams; closing closes the first alone (all.sql goes on, its hash is read at the end). */
    private static final class Tee extends OutputStream {
        private final OutputStream file, all;

        Tee(OutputStream file, OutputStream all) {
            this.file = file;
            this.all = all;
        }

        @Override
        public void write(int b) throws IOException {
            file.write(b);
            all.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            file.write(b, off, len);
            all.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static <T> T await(Future<T> job, Path file) throws IOException {
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
}
