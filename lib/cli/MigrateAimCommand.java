package lib.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.rules.Pseudonym;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * MigrateAim: the ETL from AIM v12 into Helm's D1 schema. Declares the modes and the option sets, refuses
 * options that do not go together ({@link Conflicts}), and hands over to the mode asked for.
 */
@Command(name = "MigrateAim", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = {"Migrates an AIM v12 point-of-sale database into Helm (Cloudflare D1 / SQLite).",
            "Writes OUT/helm.sqlite, OUT/d1/*.sql (D1 import files), OUT/report.md, OUT/report.json and OUT/rejects/.",
            "The password comes only from the AIM_PASSWORD environment variable or a prompt."},
        footer = Cli.EXIT_CODES)
public final class MigrateAimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public MigrateAimCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the password (AIM_PASSWORD) and the redaction salt (AIM_REDACT_SALT) are taken from. */
    public MigrateAimCommand(Map<String, String> env) {
        this.env = env;
    }

    static final class Which {
        @Option(names = "--all", required = true, description = "Migrate all slices into a fresh Helm database.")
        boolean all;

        @Option(names = "--slice", required = true, split = ",", paramLabel = "N",
                description = "Re-run only these slices (repeatable; 4, 2,4-5); the rest of OUT is kept as it is.")
        List<String> slices;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which;

    @Option(names = "--check-source", description = "Only check the source: can it be reached, and has it every table and column the slices read.")
    boolean checkSource;

    @Option(names = "--profile", description = "Only profile the source tables the slices read (NULL and blank rates, padded text, "
            + "sentinel dates, mojibake, repeated would-be keys, orphans) into OUT/profile.md; before adapting the slices to a shop.")
    boolean profile;

    @Option(names = "--verify-manifest", description = "Only check OUT's helm.sqlite and D1 files against OUT/manifest.json "
            + "(SHA-256 of each file, and every table's rows, cents, dates and content checksum recomputed from helm.sqlite).")
    boolean verifyManifest;

    @Mixin
    CommonOptions common;

    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Mixin
    MappingOptions mapping;

    @Mixin
    D1Actions d1Actions;

    @Mixin
    D1Options d1;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        Conflicts.check(cl.getParseResult());
        if (verifyManifest || d1Actions.asked()) return new OnOutputMode(verifyManifest, d1Actions, d1, output.out, stdout).call();
        mapping.check();
        source.check();
        Pseudonym redact = mapping.pseudonym(env); // a --redact without its salt is refused in every mode
        SliceSelection selection = which == null ? SliceSelection.of(false, null) : SliceSelection.of(which.all, which.slices);
        if (checkSource || profile) return new SourceCheckMode(selection, source, output, profile, common.quiet, env, stdout, cl.getErr()).call();
        return new MigrateMode(selection, source, output, mapping, redact, common.quiet, env, stdout).call();
    }
}
