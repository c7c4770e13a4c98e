package tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.cli.Cli;
import lib.cli.ExtractMigrationsCommand;
import lib.cli.MigrateAimCommand;
import lib.cli.VerifySchemaCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import tests.support.TestSupport;

/** The scripts document themselves: a description, help for every option, pinned and equal dependencies, a README entry. */
class DocsTest {
    static final List<String> SCRIPTS = List.of("MigrateAim.java", "ExtractMigrations.java", "VerifySchema.java");

    static List<String> directives(String script, String kind) throws Exception {
        return Files.readAllLines(TestSupport.repo().resolve(script)).stream().filter(l -> l.startsWith("//" + kind + " ")).toList();
    }

    @Test
    void everyScriptHasADescriptionAndTheSamePinnedDependencies() throws Exception {
        List<String> first = directives(SCRIPTS.get(0), "DEPS");
        assertFalse(first.isEmpty());
        for (String script : SCRIPTS) {
            assertEquals(1, directives(script, "DESCRIPTION").size(), script);
            List<String> deps = directives(script, "DEPS");
            assertEquals(first, deps, script + " uses the same libraries at the same versions");
            for (String d : deps) assertTrue(d.matches("//DEPS [\\w.-]+:[\\w.-]+:\\d[\\w.-]*"), "pinned: " + d);
        }
        List<String> testDeps = directives("tests/RunTests.java", "DEPS");
        assertTrue(testDeps.containsAll(first), "the tests compile against the same versions");
    }

    @Test
    void everyOptionHasHelpTextAndEveryScriptIsInTheReadme() throws Exception {
        String readme = Files.readString(TestSupport.repo().resolve("README.md"));
        for (Object command : List.of(new MigrateAimCommand(), new ExtractMigrationsCommand(), new VerifySchemaCommand())) {
            CommandLine cl = Cli.commandLine(command);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), cl.getCommandName() + " " + o.longestName());
            }
            assertTrue(readme.contains(cl.getCommandName() + ".java"), cl.getCommandName() + " in the README");
            TestSupport.Run help = TestSupport.run(command, "--help");
            assertEquals(0, help.exit());
            assertTrue(help.out().contains("Exit codes:"), help.out());
        }
        for (String opt : List.of("--slice", "--sample", "--source", "--check-source", "--out", "--shop-tz", "--check", "--db",
                "--schema-sql", "--migrations")) {
            assertTrue(readme.contains(opt), opt + " in the README");
        }
        assertTrue(readme.contains("./jbang MigrateAim.java --all --sample") && readme.contains("./jbang tests/RunTests.java"));
    }
}
