package lib.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.target.CutoverManifest;
import lib.target.D1Apply;
import lib.target.D1TimeTravel;
import lib.target.Wrangler;

/** The actions on a finished OUT, no source needed: --verify-manifest, and --d1-migrate, --d1-apply, --d1-verify, --d1-rollback. */
record OnOutputMode(boolean verifyManifest, D1Actions act, D1Options d1, Path out, PrintWriter stdout) implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        if (verifyManifest) return passed(CutoverManifest.verify(out, stdout));
        if (act.chunkBytes != null && act.chunkBytes < 20_000) throw new MigrationException(ExitCode.BAD_INPUT, "--d1-chunk-bytes must be at least 20000");
        d1.check();
        Wrangler wrangler = d1.wrangler(stdout::println);
        if (act.rollback != null) return new D1TimeTravel(wrangler, d1.wranglerDir, stdout).rollback(out, act.rollback, act.yes);
        D1Apply apply = new D1Apply(wrangler, d1.wranglerDir, d1.remote, stdout);
        if (act.migrate != null) return apply.migrate(act.migrate);
        if (act.verify != null) return passed(apply.verify(out, act.verify));
        return passed(apply.apply(out, act.apply, act.chunkBytes != null ? act.chunkBytes : d1.remote ? D1Apply.REMOTE_CHUNK_BYTES : D1Apply.LOCAL_CHUNK_BYTES));
    }

    private static int passed(List<String> problems) {
        return problems.isEmpty() ? ExitCode.OK.code : ExitCode.CHECK_FAILED.code;
    }
}
