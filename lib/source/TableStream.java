package lib.source;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** One table's rows as they arrive from a reader thread of {@link Prefetcher}, in batches through a small bounded queue. */
final class TableStream implements RowStream {
    final SourceTable table;
    final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(Prefetcher.QUEUED_BATCHES);
    volatile Exception failure;
    Object[][] batch;
    int next;

    TableStream(SourceTable table) {
        this.table = table;
    }

    /** The next row, or null at the end. */
    public Object[] next() throws SQLException {
        while (batch == null || next == batch.length) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reading " + table.name(), e);
            }
            next = 0;
            if (batch == Prefetcher.END) {
                batch = Prefetcher.END;
                if (failure instanceof SQLException s) throw s;
                if (failure instanceof RuntimeException r) throw r;
                if (failure != null) throw new SQLException("reading " + table.name() + " failed: " + failure, failure);
                return null;
            }
        }
        return batch[next++];
    }
}
