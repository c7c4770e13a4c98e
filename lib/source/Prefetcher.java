package lib.source;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the source tables ahead, in the order the slices will ask for them, on up
 * to {@code jobs} connections at once (the legacy server is slow and far away).
 * Each table streams through a small bounded queue of row batches, so memory does
 * not grow with the table, and the one thread that transforms and writes always
 * takes the tables in the same order: the output does not depend on {@code jobs}.
 */
public final class Prefetcher implements AutoCloseable {
    static final int BATCH = 1_000;
    static final int QUEUED_BATCHES = 8;
    private static final Object[][] END = new Object[0][];

    /** One table's rows as they arrive: typed values per column. */
    public static final class Stream {
        final SourceTable table;
        final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        volatile Exception failure;
        Object[][] batch;
        int next;

        Stream(SourceTable table) {
            this.table = table;
        }

        /** The next row, or null at the end. */
        Object[] next() throws SQLException {
            while (batch == null || next == batch.length) {
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while reading " + table.name(), e);
                }
                next = 0;
                if (batch == END) {
                    batch = END;
                    if (failure instanceof SQLException s) throw s;
                    if (failure != null) throw new SQLException("reading " + table.name() + " failed: " + failure, failure);
                    return null;
                }
            }
            return batch[next++];
        }
    }

    private final Deque<Stream> pending = new ArrayDeque<>();
    private final ExecutorService pool;
    private final List<Connection> connections = new ArrayList<>();
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final Supplier<Connection> connect;
    private final int queryTimeoutSeconds;

    public Prefetcher(List<SourceTable> order, int jobs, Supplier<Connection> connect, int queryTimeoutSeconds) {
        this.connect = connect;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "aim-reader");
            t.setDaemon(true);
            return t;
        });
        for (SourceTable t : order) {
            Stream s = new Stream(t);
            pending.add(s);
            pool.execute(() -> fill(s));
        }
    }

    /** The stream of the next table; tables must be asked for in the order given. */
    public Stream take(SourceTable table) {
        Stream s = pending.poll();
        if (s == null || s.table != table) {
            throw new IllegalStateException("source tables must be read in slice order: expected "
                    + (s == null ? "none" : s.table.name()) + ", asked for " + table.name());
        }
        return s;
    }

    private int limit;

    /** At most this many rows per table (--limit, for quick mapping experiments); 0 reads everything. */
    public Prefetcher limit(int rows) {
        this.limit = rows;
        return this;
    }

    private void fill(Stream s) {
        try {
            Connection c = connection.get();
            if (c == null) {
                c = connect.get();
                synchronized (connections) {
                    connections.add(c);
                }
                connection.set(c);
            }
            try (PreparedStatement st = c.prepareStatement(s.table.selectSql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(BATCH);
                if (limit > 0) st.setMaxRows(limit);
                if (queryTimeoutSeconds > 0) st.setQueryTimeout(queryTimeoutSeconds);
                try (ResultSet rs = st.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    int[] kinds = kinds(rs.getMetaData());
                    Object[][] batch = new Object[BATCH][];
                    int filled = 0;
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = value(rs, i + 1, kinds[i]);
                        batch[filled++] = row;
                        if (filled == BATCH) {
                            s.queue.put(batch);
                            batch = new Object[BATCH][];
                            filled = 0;
                        }
                    }
                    if (filled > 0) s.queue.put(java.util.Arrays.copyOf(batch, filled));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            s.failure = e;
        }
        try {
            s.queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int TEXT = 0, INT = 1, LONG = 2, DECIMAL = 3, TIME = 4, BOOL = 5;

    private static int[] kinds(ResultSetMetaData meta) throws SQLException {
        int[] k = new int[meta.getColumnCount()];
        for (int i = 0; i < k.length; i++) {
            k[i] = switch (meta.getColumnType(i + 1)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INT;
                case Types.BIGINT -> LONG;
                case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
                case Types.DATE, Types.TIMESTAMP, Types.TIME -> TIME;
                case Types.BIT, Types.BOOLEAN -> BOOL;
                default -> TEXT;
            };
        }
        return k;
    }

    private static Object value(ResultSet rs, int i, int kind) throws SQLException {
        switch (kind) {
            case INT: {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            }
            case LONG: {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case DECIMAL: {
                BigDecimal v = rs.getBigDecimal(i);
                return v;
            }
            case TIME:
                return rs.getObject(i, LocalDateTime.class);
            case BOOL: {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            default:
                return rs.getString(i);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (connections) {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // The run is over; a connection that will not close cannot lose data.
                }
            }
        }
    }
}
