package lib.run;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import lib.accounts.LiveLine;
import lib.accounts.Progress;
import lib.accounts.StepCounts;
import lib.core.PausePoint;

/**
 * What the phases of one run share: its settings and console, when it started, the time
 * each timed step took (report.json's phase_seconds), and what it is doing now, with the
 * space it was estimated to need, for the line a full disk gets.
 */
final class RunContext {
    final MigrationRun.Settings settings;
    final PrintWriter out;
    /** When the run started: when it began to log in to AIM, when it did (else when the run proper began, {@link #begun}). */
    final long start;
    /** When the run proper began, its login to AIM, table check and isolation done. */
    final long begun = System.nanoTime();
    final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    volatile String doing = "starting";
    long neededBytes;
    /** Set once the AIM rows are counted. */
    Progress progress;
    /** What the business figures have done so far on AIM, for the live line of their step. */
    final StepCounts figureCounts = new StepCounts();
    /** The AIM half of the business figures, read while the slices load (null: read in the checks). */
    BusinessFigures.Early<BusinessFigures.AimHalf> aimFigures;
    /** On a terminal (not --quiet): the live line, which says what the run is doing before the progress line shows; else null. */
    final LiveLine live;

    /** {@code since}: when the run began to log in to AIM (System.nanoTime()), or 0 (a run with no login to wait for). */
    RunContext(MigrationRun.Settings settings, PrintWriter out, LiveLine live, long since) {
        this.settings = settings;
        this.out = out;
        this.live = live;
        this.start = since != 0 && since - begun <= 0 ? since : begun;
        if (start != begun) took("connect", start); // the login, the table check and the isolation: seconds over a slow link
    }

    /** Reaches a phase: says what the run is doing now, and lets a fault test deliver its fault here (PausePoint). */
    void phase(String name, String doing) {
        this.doing = doing;
        PausePoint.at(name, out);
    }

    /** Notes the seconds a step took since {@code startNanos}, under its name in phase_seconds. */
    void took(String step, long startNanos) {
        phaseSeconds.put(step, Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0);
    }

    /** Seconds since the run started. */
    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }
}
