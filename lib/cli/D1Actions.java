package lib.cli;

import lib.target.D1Apply;
import picocli.CommandLine.Option;

/** What to do with Helm's D1 database, each on its own: load the schema, load the data, verify it, roll it back. */
public final class D1Actions {
    @Option(names = "--d1-apply", paramLabel = "NAME", description = "Only load OUT/d1/all.sql into the D1 database NAME with wrangler, "
            + "in chunks; after a failure the same command resumes after the last loaded chunk. Ends with --d1-verify.")
    String apply;

    @Option(names = "--d1-verify", paramLabel = "NAME", description = "Only export the D1 database NAME with wrangler and compare every "
            + "table's rows, cents, dates and content checksum with OUT/manifest.json.")
    String verify;

    @Option(names = "--d1-migrate", paramLabel = "NAME", description = "Only apply the Helm migrations of the wrangler project to D1 database "
            + "NAME with the pinned wrangler (the schema, before --d1-apply).")
    String migrate;

    @Option(names = "--d1-rollback", paramLabel = "NAME", description = "Only restore Cloudflare's D1 database NAME with Time Travel to the "
            + "bookmark --d1-apply --remote recorded before its first chunk (asks first, unless --yes).")
    String rollback;

    @Option(names = "--yes", description = "With --d1-rollback: do not ask for confirmation.")
    boolean yes;

    @Option(names = "--d1-chunk-bytes", paramLabel = "BYTES",
            description = "Largest chunk --d1-apply hands to wrangler at once, at least 20000 (default: " + D1Apply.LOCAL_CHUNK_BYTES
                    + " for the local D1; " + D1Apply.REMOTE_CHUNK_BYTES + " for --remote, where each chunk is one D1 import).")
    Long chunkBytes;

    @Option(names = "--d1-export-rows", paramLabel = "ROWS",
            description = "Most rows --d1-verify (and the end of --d1-apply) has wrangler export at once, a few tables at a time, a table "
                    + "larger alone (default: " + D1Apply.EXPORT_ROWS + "); lower it where memory is short.")
    Long exportRows;

    /** Whether any --d1-* action was asked for. */
    boolean asked() {
        return apply != null || verify != null || migrate != null || rollback != null;
    }
}
