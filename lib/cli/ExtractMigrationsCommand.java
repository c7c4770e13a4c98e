package lib.cli;

import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.core.MigrationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ExtractMigrations", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Not built yet.", footer = Cli.EXIT_CODES)
public final class ExtractMigrationsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new MigrationException(ExitCode.NOT_BUILT, "not built yet");
    }
}
