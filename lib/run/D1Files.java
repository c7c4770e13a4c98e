package lib.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lib.core.Folders;
import lib.core.Jdbc;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.target.D1Export;
import lib.target.TableContent;

/**
 * The D1 files of a run, written on a thread of their own in slice order while the next slice
 * loads: each loaded slice's file from helm.sqlite, each kept slice's file copied from the
 * previous output, and all.sql appended as they go. They are hashed once finished (the manifest's
 * {@link lib.core.FileHashes}), with helm.sqlite.
 */
final class D1Files implements AutoCloseable {
    /** What writing one slice's D1 file found: its longest statement, the control totals of its tables as read from helm.sqlite (none for a kept slice). */
    private record SliceFile(long maxStatementBytes, Map<String, TableContent> content) {}

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
    // The writer thread's own: all.sql as far as it is written, and how many of {@code order} it holds.
    private OutputStream all;
    private int appended;

    /** {@code inOutput}: every slice the output will hold; {@code loaded}: those this run loads (and exports). */
    D1Files(OutputDir output, Set<Integer> inOutput, Set<Integer> loaded) {
        this.output = output;
        this.dir = output.staging().resolve("d1");
        this.order = List.copyOf(new TreeSet<>(inOutput));
        this.loaded = Set.copyOf(loaded);
    }

    /**
     * A loaded slice's file as it is written: the tables handed over so far (in the slice's order), and on the
     * writer thread its read connection, its stream and the export's totals, kept from one table to the next.
     */
    private static final class Pending {
        final List<String> tables;
        final Set<String> finished = new HashSet<>();
        final List<Future<?>> parts = new ArrayList<>();
        int handed;
        Connection read;
        OutputStream out;
        D1Export export;

        Pending(Slice s) {
            tables = s.writes();
        }
    }

    private final Map<Integer, Pending> pending = new HashMap<>();

    /**
     * Slice {@code s} has finished writing {@code table}: returns the tables that can now be written to its file,
     * in the slice's order (each after every table before it), to {@link #exportTables} once committed; often none.
     */
    List<String> finished(Slice s, String table) {
        Pending p = pending.computeIfAbsent(s.number(), k -> new Pending(s));
        p.finished.add(table);
        int from = p.handed, to = from;
        while (to < p.tables.size() && p.finished.contains(p.tables.get(to))) to++;
        return p.tables.subList(from, to);
    }

    /**
     * Starts writing {@code tables} (committed in {@code helmFile}, from {@link #finished}) to slice {@code s}'s file,
     * while the rest of the slice loads: its tables that are done go on the writer thread as soon as they are done.
     */
    void exportTables(Path helmFile, Slice s, List<String> tables) {
        if (tables.isEmpty()) return;
        inSliceOrder(s);
        Pending p = pending.computeIfAbsent(s.number(), k -> new Pending(s));
        if (!p.tables.subList(p.handed, p.handed + tables.size()).equals(tables)) {
            throw new IllegalStateException("slice " + s.number() + " exports " + tables + " out of order " + p.tables);
        }
        p.handed += tables.size();
        List<String> these = List.copyOf(tables);
        keptBefore(s.number());
        p.parts.add(writer.submit(() -> {
            if (abandoned) return null; // the run failed: nothing more is written
            open(p, helmFile, s);
            p.export.tables(p.read, these, p.out);
            return null;
        }));
    }

    /** Writes the rest of a finished (committed) slice's file, on its own read connection to {@code helmFile}, after the kept slices before it. */
    void export(Path helmFile, Slice s) {
        inSliceOrder(s);
        Pending p = pending.computeIfAbsent(s.number(), k -> new Pending(s));
        exportTables(helmFile, s, p.tables.subList(p.handed, p.tables.size()));
        keptBefore(s.number());
        written.put(s.number(), writer.submit(() -> {
            if (abandoned) return null; // the run failed: nobody waits for this file
            try (Connection read = open(p, helmFile, s); OutputStream out = p.out) {
                for (Future<?> part : p.parts) {
                    try {
                        part.get(); // the first failure is the file's
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception x ? x : e;
                    }
                }
            }
            appended++;
            return new SliceFile(p.export.maxStatementBytes(), p.export.content());
        }));
    }

    /** all.sql holds the slices in order: none is written after a later one. */
    private void inSliceOrder(Slice s) {
        if (!written.isEmpty() && written.lastKey() >= s.number()) {
            throw new IllegalStateException("slice " + s.number() + " exported after slice " + written.lastKey() + ": all.sql is in slice order");
        }
    }

    /** Set when the run ends before {@link #join} (it failed): the writer thread writes nothing more. */
    private volatile boolean abandoned;

    /**
     * After {@link #join}, nothing. Before it (the run failed): what is queued is not written, and the open files and
     * read connections are closed on the writer thread, which then ends (a warm JVM runs the next run in the same process).
     */
    @Override
    public void close() {
        if (writer.isShutdown()) return; // joined: the files are complete
        abandoned = true;
        writer.submit(() -> {
            for (Pending p : pending.values()) {
                try (Connection read = p.read; OutputStream out = p.out) {
                    p.read = null;
                    p.out = null;
                } catch (SQLException | IOException ignored) {
                    // closing only: the run's own failure is what it reports
                }
            }
            if (all != null) {
                try {
                    all.close();
                } catch (IOException ignored) {
                    // closing only
                }
            }
            return null;
        });
        writer.shutdown();
    }

    /** On the writer thread: the slice file's read connection, stream and header, the first time; its read connection. */
    private Connection open(Pending p, Path helmFile, Slice s) throws SQLException, IOException {
        if (p.read == null) {
            p.read = Jdbc.sqlite(helmFile, false);
            p.out = new Tee(new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName(s))), 1 << 16), all());
            p.export = new D1Export();
            p.export.header("Helm data, slice " + s.number() + " (" + s.name() + ")", p.out);
        }
        return p.read;
    }

    /** Queues the copies of the kept slices that come before slice {@code n} in all.sql (they need nothing from this run's load). */
    void keptBefore(int n) {
        for (int k : order) {
            if (k >= n) break;
            if (!loaded.contains(k) && !written.containsKey(k)) written.put(k, writer.submit(() -> copyKept(Slices.get(k))));
        }
    }

    /** A kept slice's file, copied from the previous output and appended to all.sql in one pass, measured as it goes. */
    private SliceFile copyKept(Slice s) throws IOException {
        Path file = dir.resolve(fileName(s));
        long longest = 0, current = 0;
        try (InputStream in = Files.newInputStream(output.current("d1").resolve(fileName(s)));
             OutputStream out = new Tee(Files.newOutputStream(file), all())) {
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
        return new SliceFile(Math.max(longest, current), Map.of());
    }

    /** all.sql, opened by the first file written (on the writer thread). */
    private OutputStream all() throws IOException {
        if (all == null) {
            Folders.createIn(dir);
            all = new BufferedOutputStream(Files.newOutputStream(dir.resolve("all.sql")), 1 << 16);
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
        Future<Void> allDone = writer.submit(() -> {
            all().close();
            if (appended != order.size()) throw new IOException("all.sql holds " + appended + " of " + order.size() + " slice files");
            return null;
        });
        long max = 0;
        for (int n : order) {
            Slice s = Slices.get(n);
            Future<SliceFile> job = written.get(n);
            if (job == null) throw new IllegalStateException("slice " + n + " was loaded but never written to its D1 file");
            SliceFile done = await(job, dir.resolve(fileName(s)));
            max = Math.max(max, done.maxStatementBytes());
            content.putAll(done.content());
        }
        await(allDone, dir.resolve("all.sql"));
        writer.shutdown();
        return max;
    }

    /** Bytes written to two streams; closing closes the first alone (all.sql goes on). */
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
