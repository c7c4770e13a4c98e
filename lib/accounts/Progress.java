package lib.accounts;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressState;

/**
 * What the operator sees while a run works: a line per finished table and per check, and the
 * run's overall progress (rows read of the rows AIM counted up front, rate, time to go). On a
 * terminal the overall progress is one live line at the bottom ({@link LiveLine}), redrawn by
 * the progress-bar library's thread; redirected, it is a plain line every few seconds. With
 * --quiet, nothing. The bar never touches the terminal itself (no JLine terminal is opened), so
 * Ctrl-C reaches the run's own handling.
 */
public final class Progress implements AutoCloseable {
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    /** Tidy at 80 columns. */
    static final int WIDTH = 79;

    private final PrintWriter out;
    private final LiveLine live;
    private final boolean quiet;
    private final long total;
    private final int labelWidth;
    private final AtomicLong done = new AtomicLong();
    private final long start = System.nanoTime();
    private long lastPlain = start;
    private ProgressBar bar;

    /**
     * @param live the terminal's live line, or null when output is not a terminal
     * @param totalRows the rows AIM counted for this run's tables
     * @param labelWidth the widest table label ("CUST -> customers") of this run
     */
    public Progress(PrintWriter out, LiveLine live, boolean quiet, long totalRows, int labelWidth) {
        this.out = out;
        this.live = quiet ? null : live;
        this.quiet = quiet;
        this.total = Math.max(totalRows, 1);
        this.labelWidth = Math.max(labelWidth, 20);
    }

    /** Reports rows read so far for one table; close() prints its line. */
    public interface Tracker extends LongConsumer, AutoCloseable {
        @Override
        void close();
    }

    /** A heading ("Slice 2 customers"). */
    public void say(String line) {
        if (quiet) return;
        out.println(line);
        out.flush();
    }

    public Tracker start(String label, long expectedRows) {
        if (quiet) return new Tracker() {
            public void accept(long rows) {}

            public void close() {}
        };
        if (live != null && bar == null) bar = overallBar();
        long began = System.nanoTime();
        return new Tracker() {
            long rows;

            public void accept(long n) {
                advance(n - rows);
                rows = n;
            }

            public void close() {
                out.printf("  %-" + labelWidth + "s %,12d rows  %6.2f s%n", label, rows, (System.nanoTime() - began) / 1e9);
                out.flush();
            }
        };
    }

    /** A step of the run after the load; close() prints its line. */
    public interface Step extends AutoCloseable {
        @Override
        void close();

        /** Draws the live line again with what the step's counts say now (a thread does it every second). */
        default void refresh() {}
    }

    /** A named step of the run after the load ("foreign keys"): shown while it works, then its line with the time it took. */
    public Step step(String what) {
        if (quiet) return () -> {};
        loaded();
        if (live != null) live.show(fit("  " + what + " ..."));
        long began = System.nanoTime();
        return () -> {
            if (live != null) live.clear();
            out.printf("  %-" + (labelWidth + 18) + "s  %6.2f s%n", what, (System.nanoTime() - began) / 1e9);
            out.flush();
        };
    }

    /**
     * As {@link #step(String)}, with what it has done so far ({@code counts}) on the live line after {@code shortly} (its
     * name in short, for 80 columns), drawn again every second while it works: "business figures ... totals 16/16,
     * explained 2/17, lookups 4,050/23,648".
     */
    public Step step(String what, String shortly, StepCounts counts) {
        Step plain = step(what);
        if (live == null) return plain;
        Runnable draw = () -> {
            String done = counts.text();
            live.show(fit("  " + (done.isEmpty() ? what + " ..." : shortly + " ... " + done)));
        };
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    draw.run();
                }
            } catch (InterruptedException e) {
                // the step is over
            }
        }, "step-counts");
        ticker.setDaemon(true);
        ticker.start();
        return new Step() {
            @Override
            public void refresh() {
                draw.run();
            }

            @Override
            public void close() {
                ticker.interrupt();
                try {
                    ticker.join(); // so no count is drawn after the step's own line
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                plain.close();
            }
        };
    }

    /** The load is over: the overall progress line goes. */
    public void loaded() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (live != null) live.clear();
    }

    @Override
    public void close() {
        loaded();
    }

    private void advance(long rows) {
        long now = done.addAndGet(rows);
        if (bar != null) {
            bar.stepTo(now);
            return;
        }
        long t = System.nanoTime();
        if (t - lastPlain > PLAIN_INTERVAL_NANOS) {
            lastPlain = t;
            out.println(plain(now, total, (t - start) / 1e9));
            out.flush();
        }
    }

    private ProgressBar overallBar() {
        ProgressBarConsumer toLive = new ProgressBarConsumer() {
            public int getMaxRenderedLength() {
                return WIDTH;
            }

            public void accept(String rendered) {
                live.show(rendered);
            }

            public void close() {
                live.clear();
            }
        };
        return new ProgressBarBuilder().setInitialMax(total).setUpdateIntervalMillis(250).setConsumer(toLive)
                .setRenderer((ProgressState s, int width) -> overall(s.getCurrent(), s.getMax(), s.getElapsedAfterStart().toMillis() / 1e3))
                .build();
    }

    /** The live line: {@code  37% [=======>            ] 48,512 of 131,832 rows  12,345 rows/s  ETA 0:07}. */
    static String overall(long done, long total, double seconds) {
        int pct = (int) Math.min(100, done * 100 / Math.max(total, 1));
        String counts = String.format("%,d of %,d rows", done, Math.max(total, done));
        String eta = eta(done, total, seconds, "  ETA %s");
        String rest = counts + rate(done, seconds, "  %,d rows/s") + eta;
        if (rest.length() > WIDTH - 20) rest = counts + eta; // very large counts: the rate gives way first
        int gauge = Math.max(10, Math.min(20, WIDTH - 10 - rest.length())); // "  100% [" and "] "
        int fill = pct * gauge / 100;
        String bar = "=".repeat(fill) + (fill < gauge ? ">" + " ".repeat(gauge - fill - 1) : "");
        return fit(String.format("  %3d%% [%s] %s", pct, bar, rest));
    }

    /** The redirected progress line: {@code  ... 48,512 of 131,832 rows read (37%), 12,345 rows/s, about 0:07 to go}. */
    static String plain(long done, long total, double seconds) {
        int pct = (int) Math.min(100, done * 100 / Math.max(total, 1));
        return fit(String.format("  ... %,d of %,d rows read (%d%%)%s%s", done, Math.max(total, done), pct, rate(done, seconds, ", %,d rows/s"),
                eta(done, total, seconds, ", about %s to go")));
    }

    private static String rate(long done, double seconds, String format) {
        return seconds < 0.5 || done == 0 ? "" : String.format(format, Math.round(done / seconds));
    }

    /**
     * The time to go at the rate so far; none until 2 s have passed and 5% of the rows are read, or a minute has passed:
     * the first seconds (the small reference tables, fresh connections) said "ETA 18:54", then 0:17 a second later.
     */
    private static String eta(long done, long total, double seconds, String format) {
        boolean known = seconds >= 2 && done >= total / 20.0 || seconds >= 60;
        if (done == 0 || done >= total || !known) return "";
        long left = Math.round((total - done) * seconds / done);
        return String.format(format, left >= 3600 ? String.format("%d:%02d:%02d", left / 3600, left / 60 % 60, left % 60)
                : String.format("%d:%02d", left / 60, left % 60));
    }

    private static String fit(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH);
    }
}
