package lib.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.rules.Pseudonym;
import lib.slices.Slice;
import lib.slices.Slices;
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
        customSynopsis = {"MigrateAim (--all | --slice N[,N...]) SOURCE [OPTIONS]",
            "       MigrateAim (--check-source | --profile) SOURCE [OPTIONS]",
            "       MigrateAim (--verify-manifest | --d1-migrate NAME | --d1-apply NAME",
            "                   | --d1-verify NAME | --d1-rollback NAME) [OPTIONS]",
            "  SOURCE: --sample[=SCALE], --source JDBC_URL (or env AIM_SOURCE_URL),",
            "          or --host HOST [--port PORT] [--database NAME]"},
        description = {"", "Migrates an AIM v12 point-of-sale database into Helm (Cloudflare D1 / SQLite): OUT/helm.sqlite, "
            + "OUT/d1/*.sql (D1 import files), OUT/report.md and report.json, OUT/signoff.md (for the shop owner), OUT/rejects/ "
            + "(rows not loaded, with the reason) and OUT/fixes/ (values a rule changed, before and after). The password comes only "
            + "from env AIM_PASSWORD or a prompt."})
public final class MigrateAimCommand implements Callable<Integer>, Cli.Documented {
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
    public void help(CommandLine cl) {
        List<String> footer = new ArrayList<>(List.of("", "Slices, in dependency order (--slice N re-runs one, keeping the rest of OUT):"));
        for (Slice s : Slices.ALL) footer.addAll(GroupedHelp.wrap(String.format("  %d %-10s ", s.number(), s.name()), String.join(", ", s.writes())));
        footer.addAll(List.of("", "Examples:",
                "  MigrateAim --all --sample        the embedded sample AIM database into out/",
                "  export AIM_SOURCE_URL='jdbc:sqlserver://aim-server:1433;databaseName=AIM'",
                "  export AIM_USER=etl              (the password is asked for)",
                "  MigrateAim --check-source        can AIM be reached, is every column there",
                "  MigrateAim --all                 a full dry-run into out/",
                "  MigrateAim --slice 4             re-run the sales after a mapping fix",
                "  MigrateAim --d1-migrate helm     the schema into wrangler's local D1,",
                "  MigrateAim --d1-apply helm       then the data (--remote: Cloudflare's D1)",
                "", "Environment: AIM_SOURCE_URL, AIM_USER, AIM_PASSWORD, AIM_REDACT_SALT, and",
                "AIM_CACHE_DIR: where the sample databases and the pinned wrangler are kept",
                "(default ~/.cache/aim-toolkit)."));
        GroupedHelp.install(cl, List.of(new GroupedHelp.Group("What to run:", List.of("")),
                new GroupedHelp.Group("The AIM source:", List.of("source")),
                new GroupedHelp.Group("Output:", List.of("output")),
                new GroupedHelp.Group("Mapping and redaction:", List.of("mapping")),
                new GroupedHelp.Group("Cloudflare D1, with the pinned wrangler:", List.of("d1Actions", "d1")),
                new GroupedHelp.Group("General:", List.of("common", "mixinStandardHelpOptions"))), footer,
                List.of(ExitCode.OK, ExitCode.CHECK_FAILED, ExitCode.BAD_INPUT, ExitCode.SOURCE_UNREACHABLE, ExitCode.SOURCE_INCOMPLETE,
                        ExitCode.IO_FAILED, ExitCode.D1_LOAD_FAILED, ExitCode.INTERNAL, ExitCode.INTERRUPTED));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        Conflicts.check(cl.getParseResult());
        output.check();
        if (verifyManifest || d1Actions.asked()) return new OnOutputMode(verifyManifest, d1Actions, d1, output.out, common.quiet, stdout).call();
        mapping.check();
        source.check();
        Pseudonym redact = mapping.pseudonym(env); // a --redact without its salt is refused in every mode
        SliceSelection selection = which == null ? SliceSelection.of(false, null) : SliceSelection.of(which.all, which.slices);
        if (checkSource || profile) return new SourceCheckMode(selection, source, output, profile, common.quiet, env, stdout, cl.getErr()).call();
        return new MigrateMode(selection, source, output, mapping, redact, common.quiet, env, stdout, cl.getErr()).call();
    }
}
