package lib.cli;

import picocli.CommandLine.Option;

/** Options every script shares. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Show stack traces and extra detail on errors.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final line.")
    public boolean quiet;
}
