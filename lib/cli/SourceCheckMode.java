package lib.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.run.OutputDir;
import lib.source.Isolation;
import lib.source.SourceCheck;
import lib.source.SourceLogin;
import lib.source.SourceProfile;

/** --check-source (reachable, every table and column there, rows per table) and --profile (OUT/profile.md): the source only. */
record SourceCheckMode(SliceSelection selection, SourceOptions source, OutputOptions output, boolean profile, boolean quiet,
        Map<String, String> env, PrintWriter stdout, PrintWriter stderr) implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        if (profile) OutputDir.requireWritable(output.out); // before the source is read: profile.md is written at the end
        SourceLogin login = source.login(env, m -> { if (!quiet) stdout.println(m); });
        source.sayConnecting(login, quiet, stderr);
        try (Connection db = login.open()) {
            if (!profile) {
                int code = SourceCheck.run(db, login.label(), login.user(), selection.reads(), SliceSelection::sliceOf, stdout, stderr);
                // The isolation the run will use, settled as a run settles it: a login that cannot have it is told now.
                Isolation mode = source.isolation();
                Isolation used = mode.apply(db, stdout::println);
                stdout.println("A run reads with isolation " + used.label() + (mode == Isolation.AUTO ? " (auto)" : "") + ".");
                return code;
            }
            SourceCheck.requireComplete(db, login.user(), selection.reads(), SliceSelection::sliceOf);
            String md = SourceProfile.run(db, selection.reads(), login.label(), m -> { if (!quiet) stdout.println(m); });
            SourceProfile.write(output.out, md, stdout);
            return ExitCode.OK.code;
        }
    }
}
