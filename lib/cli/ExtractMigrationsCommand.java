package lib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.schema.ScratchDb;
import lib.schema.SpecDocument;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ExtractMigrations: the schema spec document -> migrations/NNNN_name.sql for wrangler. */
@Command(name = "ExtractMigrations", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = {"Writes one NNNN_name.sql per \"Migration NNNN: name\" heading of the schema spec.",
            "Every migration is first applied to a scratch SQLite and linted for D1; on any error nothing is written."})
public final class ExtractMigrationsCommand implements Callable<Integer>, Cli.Documented {
    static final String GENERATED_MARK = "by ExtractMigrations.java; edit the spec, not this file.";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The schema spec, e.g. migrations/schema-spec.md.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the .sql files (default: the spec's directory).")
    Path outDir;

    @Option(names = "--check", description = "Write nothing; exit 1 when the files on disk differ from the spec, naming them.")
    boolean check;

    @Override
    public void help(CommandLine cl) {
        GroupedHelp.install(cl, List.of(new GroupedHelp.Group("Options:", List.of("", "common", "mixinStandardHelpOptions"))),
                List.of("", "Examples:", "  ExtractMigrations migrations/schema-spec.md          writes migrations/*.sql",
                        "  ExtractMigrations migrations/schema-spec.md --check  in CI: up to date?"),
                List.of(ExitCode.OK, ExitCode.CHECK_FAILED, ExitCode.BAD_INPUT, ExitCode.IO_FAILED, ExitCode.INTERNAL));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SpecDocument doc = SpecDocument.read(specFile);
        try (ScratchDb scratch = new ScratchDb()) {
            scratch.apply(doc);
        }
        Path dir = outDir != null ? outDir : (specFile.getParent() != null ? specFile.getParent() : Path.of("."));
        Map<String, String> wanted = new TreeMap<>();
        for (SpecDocument.Migration m : doc.migrations()) {
            wanted.put(m.fileName(), String.format("-- Generated from %s (migration %04d) %s%n%n", specFile.getFileName(),
                    m.number(), GENERATED_MARK) + m.sql().stripTrailing() + "\n");
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : wanted.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p)) stale.add(f.getKey() + " (missing)");
            else if (!Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) stale.add(f.getKey() + " (differs from the spec)");
        }
        List<String> orphans = generatedFilesNotIn(dir, wanted.keySet());
        if (check) {
            orphans.forEach(o -> stale.add(o + " (generated earlier, no longer in the spec)"));
            if (stale.isEmpty()) {
                if (!common.quiet) out.println("Migrations are up to date with " + specFile + " (" + wanted.size() + " files in " + dir + ")");
                return ExitCode.OK.code;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("Migrations are stale; run ./jbang ExtractMigrations.java " + specFile + ":");
            stale.forEach(s -> err.println("  " + s));
            return ExitCode.CHECK_FAILED.code;
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : wanted.entrySet()) {
                Path p = dir.resolve(f.getKey());
                if (Files.isRegularFile(p) && Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) continue;
                Path tmp = dir.resolve("." + f.getKey() + ".tmp");
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (!common.quiet) out.println("wrote " + p);
            }
        } catch (IOException e) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot write migrations to " + dir + ": " + e.getMessage());
        }
        for (String o : orphans) {
            out.println("note: " + o + " was generated earlier and is no longer in the spec; it was left in place "
                    + "(delete it if that migration was never applied anywhere)");
        }
        if (!common.quiet) out.println(wanted.size() + " migrations match " + specFile + (stale.isEmpty() ? " (nothing changed)" : ""));
        return ExitCode.OK.code;
    }

    private static List<String> generatedFilesNotIn(Path dir, java.util.Set<String> wanted) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                if (wanted.contains(p.getFileName().toString())) continue;
                String first = Files.readAllLines(p, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                if (first.startsWith("-- Generated from ") && first.endsWith(GENERATED_MARK)) out.add(p.getFileName().toString());
            }
        }
        return out;
    }
}
