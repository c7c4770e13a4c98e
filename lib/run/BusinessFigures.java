package lib.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import lib.accounts.StepCounts;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.report.BusinessReconciliation;
import lib.report.LastTickets;
import lib.source.Reconnects;
import lib.source.SourceRefusals;
import lib.source.SourcePool;
import lib.target.HelmDatabase;

/** The business figures of a run, with the AIM half read again on a new connection when the run's own has dropped. */
final class BusinessFigures {
    private BusinessFigures() {}

    /**
     * The AIM half of the business figures, on the run's connection while it is alive. When it has
     * dropped: a new connection (bounded attempts), except in a consistent run, whose figures must
     * come from the snapshot its tables were read in (the run then fails and starts over).
     */
    /** The reconciled figures, and the last ticket number per store (when sales are in the output). */
    record Computed(List<BusinessReconciliation.Result> business, List<LastTickets.Store> lastTickets) {
        static final Computed NONE = new Computed(List.of(), List.of());
    }

    /** The AIM half of the figures: the totals by figure name, and the last tickets per store (null when sales are not in the output). */
    record AimHalf(Map<String, Map<String, BusinessReconciliation.Figure>> totals, Map<String, long[]> lastTickets) {
        static AimHalf read(Connection aim, Set<Integer> slices) throws SQLException {
            return read(aim, slices, new StepCounts());
        }

        static AimHalf read(Connection aim, Set<Integer> slices, StepCounts counts) throws SQLException {
            return new AimHalf(BusinessReconciliation.aimTotals(aim, slices, counts), withTickets(slices) ? LastTickets.aimSide(aim) : null);
        }
    }

    private static boolean withTickets(Set<Integer> slices) {
        return slices.containsAll(List.of(1, 4));
    }

    /**
     * Starts reading the AIM half of the figures on a connection of its own, while the slices load:
     * plain SQL the server runs beside the reads. Not for a consistent run, whose figures come from
     * its one snapshot after the reads.
     */
    static Early<AimHalf> startAimHalf(SourcePool readers, Set<Integer> slices, StepCounts counts) {
        return Early.start("aim-figures", readers, p -> readers.takeSpare(), aim -> AimHalf.read(aim, slices, counts));
    }

    /**
     * Starts reading, on a connection of its own, what this output's rejects and skips explain on AIM:
     * once the slices are loaded (their rejects files complete), beside the checks that need no AIM. After
     * the AIM half ({@code after}, when it was started), on its connection: the server has its plans warm.
     */
    static Early<Map<String, Map<String, BusinessReconciliation.Figure>>> startExplained(SourcePool readers, Path rejects,
                                                                                        Set<Integer> slices, Early<AimHalf> after, StepCounts counts) {
        AtomicReference<Map<String, Map<String, BusinessReconciliation.Figure>>> totals = new AtomicReference<>(Map.of());
        return Early.start("aim-explained", readers, p -> {
            if (after == null) return p.take();
            try {
                totals.set(after.get().totals()); // how many rows each figure has: many rejects of them are read in one pass
            } catch (ExecutionException e) {
                // Its failure is the AIM half's to report; these lookups are their own.
            }
            return p.take(after.used.get());
        }, aim -> BusinessReconciliation.explainedAll(aim, rejects, slices, counts, totals.get()));
    }

    /**
     * Starts the Helm side of the figures on a connection of its own to {@code helmFile}, committed by now:
     * SQL on helm.sqlite alone, beside the checks on the run's connection and the AIM half, if that is still being
     * read. Its failure is the run's ({@link #compute}). It used to wait for the AIM half; a short re-run at scale then
     * waited for the two one after the other (--slice 6 at scale 10: 5.33 s, and 4.95 s with both at once; the TDS
     * server's --all and --slice 4, whose AIM half is read by the end of the load, the same either way).
     */
    static FutureTask<Map<String, Map<String, BusinessReconciliation.Figure>>> startHelmSide(Path helmFile, ZoneId shopZone, Set<Integer> slices) {
        FutureTask<Map<String, Map<String, BusinessReconciliation.Figure>>> task = new FutureTask<>(() -> {
            try (Connection helm = HelmDatabase.reader(helmFile)) {
                return BusinessReconciliation.helmTotals(helm, shopZone, slices);
            }
        });
        Thread t = new Thread(task, "helm-figures");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** What AIM reads on a connection of its own. */
    private interface AimRead<T> {
        T read(Connection aim) throws SQLException, IOException;
    }

    /** How a read takes its connection from the run's pool. */
    private interface Take {
        Connection from(SourcePool pool) throws InterruptedException, ExecutionException;
    }

    /** A read of AIM on a daemon thread of its own, with a connection from the run's pool it gives back when done. */
    static final class Early<T> extends FutureTask<T> {
        /** The connection it read on, once taken. */
        private final AtomicReference<Connection> used;

        private Early(AtomicReference<Connection> used, Callable<T> call) {
            super(call);
            this.used = used;
        }

        private static <T> Early<T> start(String name, SourcePool pool, Take take, AimRead<T> read) {
            AtomicReference<Connection> used = new AtomicReference<>();
            Early<T> task = new Early<>(used, () -> {
                Connection aim = take.from(pool);
                used.set(aim);
                boolean dropped = false;
                try {
                    return read.read(aim);
                } catch (SQLException e) {
                    dropped = Reconnects.dropped(aim, e); // not for the next one to take
                    throw e;
                } finally {
                    if (dropped) pool.drop(aim);
                    else pool.giveBack(aim);
                }
            });
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
            return task;
        }
    }

    static Computed compute(SourcePool readers, Reconnects reconnects, boolean consistent, HelmDatabase helm,
            ZoneId shopZone, Path rejects, Set<Integer> slices, Future<AimHalf> early,
                            Future<Map<String, Map<String, BusinessReconciliation.Figure>>> earlyExplained,
                            Future<Map<String, Map<String, BusinessReconciliation.Figure>>> helmSide) throws SQLException, IOException {
        Map<String, Map<String, BusinessReconciliation.Figure>> helmTotals = joined(helmSide);
        AimHalf aimHalf = done(early);
        Map<String, Map<String, BusinessReconciliation.Figure>> explained = done(earlyExplained);
        for (int attempt = 0; ; ) {
            Exception failed;
            // The run's pool hands over a connection that is not busy; in a consistent run, the one snapshot.
            Connection aim = null;
            boolean drop = false;
            try {
                aim = readers.take();
                if (Reconnects.dropped(aim, null)) {
                    drop = true;
                    throw new SQLException("the connection to AIM is closed: it dropped while the tables were read on other connections");
                }
                AimHalf half = aimHalf != null ? aimHalf : AimHalf.read(aim, slices);
                List<BusinessReconciliation.Result> business = BusinessReconciliation.compute(half.totals(), explained == null ? Map.of() : explained,
                        helmTotals, aim, helm.connection(), shopZone, rejects, slices);
                Computed r = new Computed(business, withTickets(slices) ? LastTickets.compute(half.lastTickets(), helm.connection()) : List.of());
                if (attempt > 0) reconnects.recovered("the business figures were computed on a new connection (attempt " + attempt + ")");
                return r;
            } catch (SQLException e) {
                if (!drop && !Reconnects.dropped(aim, e)) {
                    if (refusedByAim(e)) throw refused(e, aim);
                    throw e;
                }
                drop = true;
                failed = e;
            } catch (MigrationException e) {
                if (consistent) throw e;
                failed = e;
            } finally {
                if (drop) readers.drop(aim);
                else readers.giveBack(aim);
            }
            if (consistent || ++attempt > reconnects.attempts()) throw lost(failed, consistent ? 0 : reconnects.attempts());
            try {
                reconnects.waitBefore(attempt, "while computing the business figures", failed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }
    }

    /**
     * A statement of the figures AIM refused, its connection fine: a column of another type than AIM v12's that plain
     * SQL cannot read as the number it is (text that is no number where an amount belongs). One line and exit 1, where it
     * was an unexpected error (exit 70): the load is whole, but nothing proves it against AIM's own figures.
     */
    /** Whether AIM refused a statement for a value it holds: not helm.sqlite's error, a time-out, a lock or a deadlock (Msg 1222, 1205). */
    private static boolean refusedByAim(SQLException e) {
        return !e.getClass().getName().startsWith("org.sqlite.") && !(e instanceof java.sql.SQLTimeoutException)
                && e.getErrorCode() != 1205 && e.getErrorCode() != 1222;
    }

    private static MigrationException refused(SQLException e, Connection aim) {
        String line = SourceRefusals.deniedLine(e, aim);
        if (line != null) { // a permission, not a value: a GRANT is the fix (exit 4, as a table a run itself may not read)
            return new MigrationException(ExitCode.SOURCE_INCOMPLETE, "AIM refused a statement of the business figures: " + line
                    + "; nothing proves this load against AIM's own figures, so its output was not kept", e);
        }
        String said = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").strip();
        return new MigrationException(ExitCode.CHECK_FAILED, "AIM refused a statement of the business figures (" + said + "): a column of another"
                + " type than AIM v12's holds a value plain SQL cannot read as the number it is (--check-source names such columns);"
                + " nothing proves this load against AIM's own figures, so its output was not kept", e);
    }

    /** What a read started early found; null when none was started or it failed (it is read again, with the run's reconnects). */
    private static <T> T done(Future<T> early) throws SQLException {
        if (early == null) return null;
        try {
            return early.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    /** What a read of helm.sqlite started early found (null when none was started); its failure, as it was thrown. */
    private static <T> T joined(Future<T> side) throws SQLException {
        if (side == null) return null;
        try {
            return side.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    private static MigrationException lost(Exception e, int attempts) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new MigrationException(ExitCode.SOURCE_UNREACHABLE, "lost the connection to AIM while computing the business figures"
                + (attempts > 0 ? ", and " + attempts + " reconnect" + (attempts > 1 ? "s" : "") + " failed" : "") + " (" + why
                + "); this run's partial output was removed and the previous output is untouched: run again when the server answers", e);
    }
}
