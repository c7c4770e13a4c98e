package lib.cli;

import java.nio.file.Path;
import lib.core.ExitCode;
import lib.core.MigrationException;
import picocli.CommandLine.Option;

/** Where a run writes (and the actions on a finished run read), and the migrations the Helm database is built from. */
public final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--migrations", paramLabel = "DIR", defaultValue = "migrations",
            description = "The Helm schema migrations (default: ${DEFAULT-VALUE}).")
    Path migrations;

    /** Refuses an empty --out (an unset variable in --out "$OUT"), which would write into the current folder. */
    void check() {
        if (out.toString().isEmpty()) throw new MigrationException(ExitCode.BAD_INPUT, "--out is empty: name the output folder (for example --out out)");
    }
}
