package lib.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.core.ExitCode;
import lib.core.WarmJvm;
import lib.core.WarmSpare;
import lib.report.HeapWatch;
import lib.source.SourceCollation;
import lib.source.WarmSessions;

/**
 * MigrateAim's entry: a run in this JVM, or (env AIM_WARM=1) in a warm JVM waiting for it, which this JVM then
 * relays ({@link WarmJvm}); after the run, the warm JVM for the next one starts. A warm JVM itself starts here too.
 */
public final class WarmEntry {
    private WarmEntry() {}

    /** What a warm JVM runs to get the code of a run compiled before one comes: the launcher's training run. */
    static final List<String> TRAINING = List.of("--all", "--sample", "--quiet", "--out", "OUT");

    /** In a warm JVM's arguments: the previous run's arguments follow (its source is logged in ahead, {@link WarmLogins}). */
    static final String PREVIOUS = "__aim_previous_run__";

    public static int migrateAim(String... args) {
        if (WarmSpare.asked(args)) {
            List<String> own = List.of(args), previous = List.of();
            if (own.contains(PREVIOUS)) {
                previous = own.subList(own.indexOf(PREVIOUS) + 1, own.size());
                own = own.subList(0, own.indexOf(PREVIOUS));
            }
            List<String> training = new java.util.ArrayList<>(TRAINING);
            for (String a : own) if (a.startsWith("--migrations=")) training.add(a); // the one thing a run passes on
            List<String> before = previous;
            try {
                return WarmSpare.serve(training, () -> {
                    forget();
                    try {
                        if (!before.isEmpty()) WarmSpare.note(WarmLogins.open(before, System.getenv()));
                    } catch (RuntimeException e) {
                        WarmSpare.note("no sessions warmed: " + e); // only a head start: the run logs in itself
                    }
                }, WarmEntry::serveOne);
            } catch (IOException e) {
                return 0; // no warm JVM this time; the next run runs as usual
            }
        }
        Integer served = servable(args) ? WarmJvm.handOver(args) : null;
        int code = served != null ? served : run(args);
        List<String> next = new java.util.ArrayList<>(migrations(args));
        if (code == ExitCode.OK.code || code == ExitCode.CHECK_FAILED.code) { // it logged in: the next warm JVM may too
            next.add(PREVIOUS);
            next.addAll(List.of(args));
        }
        WarmJvm.startNext(code, next);
        return code;
    }

    /** The run a warm JVM serves; the sessions it warmed and the run did not take are closed after it. */
    private static int serveOne(String... args) {
        try {
            return run(args);
        } finally {
            int took = WarmSessions.release();
            if (took > 0) WarmSpare.note("the run took " + took + " warmed session" + (took == 1 ? "" : "s"));
        }
    }

    /**
     * The schema migrations a run named (--migrations), for the next warm JVM's training run: from a folder without
     * migrations/ it would fail and leave the run it serves to compile its code itself. Empty when none was named.
     */
    static List<String> migrations(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--migrations=") ? args[i].substring("--migrations=".length())
                    : args[i].equals("--migrations") && i + 1 < args.length ? args[i + 1] : null;
            if (value == null) continue;
            Path dir = Path.of(value).toAbsolutePath().normalize();
            return Files.isDirectory(dir) ? List.of("--migrations=" + dir) : List.of();
        }
        return List.of();
    }

    /**
     * Whether a warm JVM may run {@code args}: not the D1 actions, whose wrangler and npm print to the terminal and take
     * its Ctrl-C themselves (a warm JVM's children have neither); they are the cutover's, not the dry-run loop's. Nor a
     * path of this process's own (/dev/stdin, /dev/fd/N, a shell's {@code <(...)}, /proc/self): the warm JVM would open
     * its own file of that name (a salt file read from the wrong descriptor redacts with another salt, silently).
     */
    static boolean servable(String... args) {
        for (String a : args) {
            if (a.startsWith("--d1-")) return false;
            String value = a.startsWith("--") && a.contains("=") ? a.substring(a.indexOf('=') + 1) : a;
            if (value.startsWith("/dev/") || value.startsWith("/proc/")) return false;
        }
        return true;
    }

    private static int run(String... args) {
        Preload.forMigrateAim(args); // the drivers load on the second core while the command line is parsed
        return Cli.execute(new MigrateAimCommand(), args);
    }

    /** What the training run set that a run must not find: the source's code collation, the heap's peak, the open sample. */
    private static void forget() {
        SourceCollation.use(null, List.of()); // the collations and the flags' types (CodeKey, FlagTypes)
        Preload.forgetSample();
        System.gc();
        HeapWatch.reset();
    }
}
