package lib.accounts;

import java.io.PrintWriter;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress while tables are read: a live bar per table on an interactive
 * terminal, a plain line every few seconds and one per finished table otherwise,
 * nothing with --quiet.
 */
public final class Progress {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean quiet;
    private final boolean interactive;

    public Progress(PrintWriter out, boolean quiet, boolean interactive) {
        this.out = out;
        this.quiet = quiet;
        this.interactive = interactive;
    }

    /** Reports rows read so far for one table; close() finishes its line. */
    public interface Tracker extends LongConsumer, AutoCloseable {
        @Override
        void close();
    }

    public Tracker start(String label, long expectedRows) {
        if (quiet) return new Tracker() {
            public void accept(long rows) {}

            public void close() {}
        };
        if (interactive) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(String.format("%-28s", label)).setInitialMax(Math.max(expectedRows, 1))
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed().build();
            return new Tracker() {
                public void accept(long rows) {
                    bar.stepTo(rows);
                }

                public void close() {
                    bar.close();
                }
            };
        }
        long start = System.nanoTime();
        return new Tracker() {
            long last = start;
            long rows;

            public void accept(long n) {
                rows = n;
                long now = System.nanoTime();
                if (now - last > PLAIN_INTERVAL_NANOS) {
                    last = now;
                    out.printf("  %-28s %,12d rows read ...%n", label, n);
                    out.flush();
                }
            }

            public void close() {
                double s = (System.nanoTime() - start) / 1e9;
                out.printf("  %-28s %,12d rows  %6.2f s%n", label, rows, s);
                out.flush();
            }
        };
    }
}
