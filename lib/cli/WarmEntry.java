package lib.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.core.WarmJvm;
import lib.core.WarmSpare;
import lib.report.HeapWatch;
import lib.rules.CodeKey;

/**
 * MigrateAim's entry: a run in this JVM, or (env AIM_WARM=1) in a warm JVM waiting for it, which this JVM then
 * relays ({@link WarmJvm}); after the run, the warm JVM for the next one starts. A warm JVM itself starts here too.
 */
public final class WarmEntry {
    private WarmEntry() {}

    /** What a warm JVM runs to get the code of a run compiled before one comes: the launcher's training run. */
    static final List<String> TRAINING = List.of("--all", "--sample", "--quiet", "--out", "OUT");

    public static int migrateAim(String... args) {
        if (WarmSpare.asked(args)) {
            List<String> training = new java.util.ArrayList<>(TRAINING);
            for (String a : args) if (a.startsWith("--migrations=")) training.add(a); // the one thing a run passes on
            try {
                return WarmSpare.serve(training, WarmEntry::forget, WarmEntry::run);
            } catch (IOException e) {
                return 0; // no warm JVM this time; the next run runs as usual
            }
        }
        Integer served = servable(args) ? WarmJvm.handOver(args) : null;
        int code = served != null ? served : run(args);
        WarmJvm.startNext(code, migrations(args));
        return code;
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
     * its Ctrl-C themselves (a warm JVM's children have neither); they are the cutover's, not the dry-run loop's.
     */
    static boolean servable(String... args) {
        for (String a : args) if (a.startsWith("--d1-")) return false;
        return true;
    }

    private static int run(String... args) {
        Preload.forMigrateAim(args); // the drivers load on the second core while the command line is parsed
        return Cli.execute(new MigrateAimCommand(), args);
    }

    /** What the training run set that a run must not find: the source's code collation, the heap's peak, the open sample. */
    private static void forget() {
        CodeKey.use(null);
        Preload.forgetSample();
        System.gc();
        HeapWatch.reset();
    }
}
