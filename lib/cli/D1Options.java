package lib.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.target.Wrangler;
import picocli.CommandLine.Option;

/** Where a D1 command goes: wrangler's local D1 or Cloudflare's, which wrangler project, which wrangler. */
public final class D1Options {
    @Option(names = "--remote", description = "Cloudflare's D1 (your own wrangler login, or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID). "
            + "Without it: wrangler's local D1.")
    public boolean remote;

    @Option(names = "--local", description = "Wrangler's local D1 (the default).")
    public boolean local;

    @Option(names = "--wrangler-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The wrangler project whose wrangler.toml binds the D1 database (default: the current folder).")
    public Path wranglerDir;

    @Option(names = "--wrangler", paramLabel = "PATH",
            description = "A wrangler to run instead of the pinned one (" + Wrangler.VERSION + ", installed from the npm registry on first use).")
    public Path wranglerBin;

    /** True when --remote or --local was given (they only go with a D1 action). */
    public boolean given() {
        return remote || local;
    }

    /** Refuses --remote with --local, and a folder without a wrangler project. */
    public void check() {
        if (remote && local) throw new MigrationException(ExitCode.BAD_INPUT, "--remote and --local exclude each other; use one");
        if (wranglerBin != null && !Files.isExecutable(wranglerBin)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--wrangler " + wranglerBin + " is not an executable file");
        }
        if (!Files.isRegularFile(wranglerDir.resolve("wrangler.toml")) && !Files.isRegularFile(wranglerDir.resolve("wrangler.json"))
                && !Files.isRegularFile(wranglerDir.resolve("wrangler.jsonc"))) {
            throw new MigrationException(ExitCode.BAD_INPUT, "no wrangler.toml in " + wranglerDir.toAbsolutePath()
                    + "; run from the Helm wrangler project or name it with --wrangler-dir");
        }
    }

    /** The wrangler to run: the one named, or the pinned one (installed on first use). */
    public Wrangler wrangler(Consumer<String> say) throws IOException {
        return new Wrangler(wranglerBin != null ? wranglerBin : Wrangler.ensureInstalled(say));
    }
}
