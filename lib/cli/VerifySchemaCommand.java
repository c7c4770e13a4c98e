package lib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.Jdbc;
import lib.core.Json;
import lib.core.MigrationException;
import lib.schema.SchemaDiff;
import lib.schema.SchemaModel;
import lib.schema.ScratchDb;
import lib.schema.SpecDocument;
import lib.schema.SqlScript;
import lib.target.HelmDatabase;
import lib.target.Wrangler;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** VerifySchema: the spec's schema against a real one, as a drift report. */
@Command(name = "VerifySchema", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = {"Compares the schema the spec defines with an actual one: tables, columns, types, NOT NULL, "
            + "defaults, collations, primary keys, foreign keys, indexes, CHECKs, STRICT, WITHOUT ROWID, views and triggers. "
            + "Exit 0 match, 1 drift, 2 bad input."})
public final class VerifySchemaCommand implements Callable<Integer>, Cli.Documented {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The schema spec, e.g. migrations/schema-spec.md.")
    Path specFile;

    static final class Actual {
        @Option(names = "--db", required = true, paramLabel = "FILE",
                description = "A SQLite file: a local D1 state file or the ETL's out/helm.sqlite.")
        Path db;

        @Option(names = "--migrations", required = true, paramLabel = "DIR", description = "A folder of NNNN_*.sql migrations, applied in name order.")
        Path migrations;

        @Option(names = "--schema-sql", required = true, paramLabel = "FILE",
                description = "A schema dump, such as the output of 'wrangler d1 export --no-data'.")
        Path schemaSql;

        @Option(names = "--d1", required = true, paramLabel = "NAME",
                description = "A D1 database: its schema is exported with the pinned wrangler (--local, the default, or --remote).")
        String d1;
    }

    @Mixin
    D1Options d1;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Actual actual;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Report format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void help(CommandLine cl) {
        GroupedHelp.install(cl, List.of(new GroupedHelp.Group("The schema to compare with the spec (one of):", List.of("")),
                        new GroupedHelp.Group("With --d1:", List.of("d1")), new GroupedHelp.Group("General:", List.of("common", "mixinStandardHelpOptions"))),
                List.of("", "Examples:", "  VerifySchema migrations/schema-spec.md --db out/helm.sqlite",
                        "  VerifySchema migrations/schema-spec.md --d1 helm --remote"),
                List.of(ExitCode.OK, ExitCode.CHECK_FAILED, ExitCode.BAD_INPUT, ExitCode.INTERNAL));
    }

    @Override
    public Integer call() throws SQLException {
        if (!format.equals("text") && !format.equals("json")) {
            throw new MigrationException(ExitCode.BAD_INPUT, "--format must be text or json, not " + format);
        }
        SchemaModel expected;
        try (ScratchDb scratch = new ScratchDb()) {
            expected = SchemaModel.read(scratch.apply(SpecDocument.read(specFile)).connection());
        }
        if (d1.given() && actual.d1 == null) throw new MigrationException(ExitCode.BAD_INPUT, "--remote and --local go with --d1 NAME");
        String source;
        SchemaModel found;
        Path exported = actual.d1 != null ? exportSchema(actual.d1) : null;
        if (exported != null) {
            try (ScratchDb scratch = new ScratchDb()) {
                source = "D1 " + actual.d1 + " (" + (d1.remote ? "remote" : "local") + ")";
                scratch.apply(SqlScript.split(read(exported)), source, false);
                found = SchemaModel.read(scratch.connection());
            } finally {
                try {
                    Folders.deleteTree(exported.getParent());
                } catch (IOException ignored) {
                    // A temporary schema dump left behind holds no data.
                }
            }
        } else if (actual.db != null) {
            source = actual.db.toString();
            found = readDb(actual.db);
        } else {
            try (ScratchDb scratch = new ScratchDb()) {
                source = actual.migrations != null ? actual.migrations.toString() : actual.schemaSql.toString();
                for (Path f : actual.migrations != null ? HelmDatabase.migrationFiles(actual.migrations) : List.of(actual.schemaSql)) {
                    scratch.apply(SqlScript.split(read(f)), f.toString(), false);
                }
                found = SchemaModel.read(scratch.connection());
            }
        }
        List<SchemaDiff.Drift> drift = SchemaDiff.compare(expected, found);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("spec", specFile.toString());
            json.put("actual", source);
            json.put("match", drift.isEmpty());
            json.put("tables", expected.tables().size());
            List<Object> list = new ArrayList<>();
            drift.forEach(d -> list.add(d.toJson()));
            json.put("differences", list);
            out.print(Json.write(json));
        } else if (drift.isEmpty()) {
            String views = expected.views().isEmpty() ? "" : ", " + count(expected.views().size(), "view");
            String triggers = expected.triggers().isEmpty() ? "" : ", " + count(expected.triggers().size(), "trigger");
            out.println("Schema matches the spec: " + count(expected.tables().size(), "table") + views + triggers
                    + " (spec " + specFile + ", actual " + source + ")");
        } else {
            long tables = drift.stream().map(SchemaDiff.Drift::table).distinct().count();
            out.println("Schema drift: " + drift.size() + " difference" + (drift.size() == 1 ? "" : "s") + " in " + tables
                    + " table" + (tables == 1 ? "" : "s") + " (spec " + specFile + ", actual " + source + ")");
            String current = null;
            for (SchemaDiff.Drift d : drift) {
                if (!d.table().equals(current)) out.println((current = d.table()));
                out.println("  " + d.line());
            }
        }
        out.flush();
        return drift.isEmpty() ? ExitCode.OK.code : ExitCode.CHECK_FAILED.code;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The D1 database's schema as 'wrangler d1 export --no-data' writes it, in a temporary folder. */
    private Path exportSchema(String name) {
        d1.check();
        try {
            Path dir = Files.createTempDirectory("d1-schema");
            Path dump = dir.resolve("schema.sql");
            String target = d1.remote ? "--remote" : "--local";
            Wrangler.Result r = d1.wrangler(spec.commandLine().getErr()::println)
                    .run(d1.wranglerDir, List.of("d1", "export", name, target, "--no-data", "--output", dump.toString()));
            if (r.exitCode() != 0 || !Files.isRegularFile(dump)) {
                Folders.deleteTree(dir);
                String said = Wrangler.said(r.output(), 2);
                if (said.isEmpty()) said = "no output";
                throw new MigrationException(ExitCode.BAD_INPUT, "wrangler could not export the schema of D1 database " + name + " (" + said + ")");
            }
            return dump;
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot export the schema of D1 database " + name + ": " + e.getMessage());
        }
    }

    private static SchemaModel readDb(Path file) throws SQLException {
        if (Files.isDirectory(file)) throw new MigrationException(ExitCode.BAD_INPUT, "--db " + file + " is a folder: name the database file (a local D1's is a .sqlite file in its state folder)");
        if (!Files.isRegularFile(file)) throw new MigrationException(ExitCode.BAD_INPUT, "database not found: " + file);
        try (Connection db = Jdbc.sqlite(file, true)) {
            return SchemaModel.read(db);
        } catch (SQLException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read " + file + " as SQLite: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read " + file + ": " + Folders.reason(e)
                    + (e instanceof java.nio.charset.CharacterCodingException ? " (give the SQL text wrangler d1 export --no-data writes)" : ""));
        }
    }
}
