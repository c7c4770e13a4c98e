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
import lib.core.Folders;
import lib.core.MigrationException;
import lib.report.Plural;
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
        List<String> stale = new ArrayList<>(), changed = new ArrayList<>();
        for (Map.Entry<String, String> f : wanted.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p)) {
                stale.add(f.getKey() + " (missing)");
            } else if (!holds(p, f.getValue())) {
                stale.add(f.getKey() + " (differs from the spec)");
                changed.add(f.getKey());
            }
        }
        List<String> orphans = new ArrayList<>(), foreign = new ArrayList<>();
        otherSqlFiles(dir, wanted.keySet(), orphans, foreign);
        if (check) {
            if (stale.isEmpty() && orphans.isEmpty() && foreign.isEmpty()) {
                if (!common.quiet) out.println("Migrations are up to date with " + specFile + " (" + wanted.size() + " files in " + dir + ")");
                return ExitCode.OK.code;
            }
            PrintWriter err = spec.commandLine().getErr();
            if (!stale.isEmpty()) {
                err.println("Migrations are stale; run ./jbang ExtractMigrations.java " + specFile + ":");
                stale.forEach(s -> err.println("  " + s));
            }
            // Extraction never deletes a migration (one applied to a D1 database must stay): running it again cannot clear these.
            if (!orphans.isEmpty()) err.println("Generated migrations the spec no longer has (ExtractMigrations leaves them; see each):");
            for (String o : orphans) err.println("  " + orphanAdvice(o, wanted.keySet()));
            if (!foreign.isEmpty()) err.println("Migrations that are not from the spec (wrangler applies them too):");
            for (String o : foreign) err.println("  " + foreignAdvice(o));
            return ExitCode.CHECK_FAILED.code;
        }
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : wanted.entrySet()) {
                Path p = dir.resolve(f.getKey());
                if (Files.isRegularFile(p) && holds(p, f.getValue())) continue;
                Path tmp = dir.resolve("." + f.getKey() + ".tmp");
                try {
                    Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
                    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                if (!common.quiet) out.println("wrote " + p);
            }
        } catch (IOException e) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot write migrations to " + dir + ": " + (Files.isRegularFile(dir) ? "it is a file, not a folder"
                    : Folders.reason(e)) + " (choose another folder with --out)");
        }
        // wrangler applies a migration once: a D1 database that has one never sees a later edit of it.
        for (String c : changed) out.println("note: " + c + " changed; wrangler never applies a migration again to a D1 database that has it:"
                + " if one has it, undo this edit and put the change in a new migration");
        for (String o : orphans) out.println("note: " + orphanAdvice(o, wanted.keySet()));
        for (String o : foreign) out.println("note: " + foreignAdvice(o));
        if (!common.quiet) {
            int others = orphans.size() + foreign.size();
            out.println(Plural.of(wanted.size(), "migration", "migrations") + " match" + (wanted.size() == 1 ? "es " : " ") + specFile + (stale.isEmpty() ? " (nothing changed)" : "")
                    + (others == 0 ? "" : "; " + others + " other .sql file" + (others > 1 ? "s" : "") + " left in " + dir + " (see the note above)"));
        }
        return ExitCode.OK.code;
    }

    /** Whether a file holds exactly this text, as UTF-8 bytes: a file in another encoding only differs. */
    private static boolean holds(Path p, String text) throws IOException {
        return java.util.Arrays.equals(Files.readAllBytes(p), text.getBytes(StandardCharsets.UTF_8));
    }

    /** A .sql file the spec does not make: wrangler applies it all the same, so the D1 schema is not the spec's. */
    static String foreignAdvice(String file) {
        return file + " is not from the spec: move its SQL into the spec as a migration, or delete it";
    }

    /**
     * What to do with a generated migration the spec no longer has: it is never deleted here, as wrangler applies migrations
     * by file name and one applied to a D1 database must stay; one never applied anywhere is to be deleted by hand.
     */
    static String orphanAdvice(String orphan, java.util.Set<String> wanted) {
        String number = orphan.length() > 4 ? orphan.substring(0, 4) : orphan;
        String renamed = wanted.stream().filter(w -> w.startsWith(number + "_")).findFirst().orElse(null);
        return orphan + " was generated earlier and is no longer in the spec" + (renamed == null ? "" : " (the spec's migration " + number + " is now " + renamed
                + ": both would run)") + ": delete it if it was never applied to a D1 database; if it was, give the spec its old heading back";
    }

    /**
     * The .sql files in {@code dir} the spec does not make: {@code generated}, those an earlier extraction wrote, and
     * {@code foreign}, any other (hand-written, or in another encoding: its first line is read leniently).
     */
    private static void otherSqlFiles(Path dir, java.util.Set<String> wanted, List<String> generated, List<String> foreign) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                String name = p.getFileName().toString();
                if (wanted.contains(name) || !Files.isRegularFile(p)) continue;
                String first;
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    first = new String(in.readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                }
                (first.startsWith("-- Generated from ") && first.endsWith(GENERATED_MARK) ? generated : foreign).add(name);
            }
        }
    }
}
