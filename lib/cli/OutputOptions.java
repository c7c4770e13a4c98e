package lib.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run writes (and the actions on a finished run read), and the migrations the Helm database is built from. */
public final class OutputOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--migrations", paramLabel = "DIR", defaultValue = "migrations",
            description = "The Helm schema migrations (default: ${DEFAULT-VALUE}).")
    Path migrations;
}
