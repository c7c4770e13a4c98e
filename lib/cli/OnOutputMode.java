package lib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.core.OutLock;
import lib.target.CutoverManifest;
import lib.target.D1Apply;
import lib.target.D1TimeTravel;
import lib.target.Wrangler;
import lib.target.WranglerConfig;

/** The actions on a finished OUT, no source needed: --verify-manifest, and --d1-migrate, --d1-apply, --d1-verify, --d1-rollback. */
record OnOutputMode(boolean verifyManifest, D1Actions act, D1Options d1, Path out, boolean quiet, PrintWriter stdout) implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        if (verifyManifest) return passed(CutoverManifest.verify(out, stdout));
        if (act.chunkBytes != null && act.chunkBytes < 20_000) throw new MigrationException(ExitCode.BAD_INPUT, "--d1-chunk-bytes must be at least 20000");
        if (act.exportRows != null && act.exportRows < 1) throw new MigrationException(ExitCode.BAD_INPUT, "--d1-export-rows must be at least 1");
        d1.check();
        Wrangler wrangler = d1.wrangler(stdout::println);
        D1Apply apply = new D1Apply(wrangler, d1.wranglerDir, d1.remote, stdout).quiet(quiet)
                .exportRows(act.exportRows != null ? act.exportRows : D1Apply.EXPORT_ROWS);
        if (act.migrate != null) {
            WranglerConfig.requireDatabase(d1.wranglerDir, act.migrate);
            return apply.migrate(act.migrate, quiet);
        }
        // A run writing OUT meanwhile would change the files loaded and compared: each waits for the other to end.
        try (OutLock lock = readLock()) {
            if (act.rollback != null) {
                WranglerConfig.requireDatabase(d1.wranglerDir, act.rollback);
                return new D1TimeTravel(wrangler, d1.wranglerDir, stdout).quiet(quiet).rollback(out, act.rollback, act.yes);
            }
            if (act.verify != null) {
                WranglerConfig.requireDatabase(d1.wranglerDir, act.verify);
                return passed(apply.verify(out, act.verify));
            }
            return passed(apply.apply(out, act.apply, act.chunkBytes != null ? act.chunkBytes : d1.remote ? D1Apply.REMOTE_CHUNK_BYTES : D1Apply.LOCAL_CHUNK_BYTES));
        }
    }

    /** OUT/.lock, shared with other --d1-* actions; none when there is no OUT (the action then says what is missing). */
    private OutLock readLock() throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(out)) return null;
        OutLock.Holder[] other = new OutLock.Holder[1];
        OutLock lock = OutLock.tryTake(out, true, other);
        if (lock != null) return lock;
        String action = act.apply != null ? "--d1-apply" : act.verify != null ? "--d1-verify" : "--d1-rollback";
        throw new MigrationException(ExitCode.BAD_INPUT, "another MigrateAim run" + other[0].pidNote() + " is writing " + out + " now; wait for it"
                + " to finish, then run " + action + " again (it would load and compare files that change meanwhile)");
    }

    private static int passed(List<String> problems) {
        return problems.isEmpty() ? ExitCode.OK.code : ExitCode.CHECK_FAILED.code;
    }
}
