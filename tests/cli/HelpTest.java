package tests.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.cli.Cli;
import lib.cli.ExtractMigrationsCommand;
import lib.cli.MigrateAimCommand;
import lib.cli.VerifySchemaCommand;
import lib.slices.Slice;
import lib.slices.Slices;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** --help as an operator reads it: grouped, every option still there, 80 columns, the slices, examples, the exit codes that can happen. */
class HelpTest {
    static String help(Object command) {
        Run r = TestSupport.run(command, "--help");
        assertEquals(0, r.exit(), r.all());
        return r.out();
    }

    @Test
    void migrateAimHelpIsGroupedAndLosesNoOption() {
        String help = help(new MigrateAimCommand(Map.of()));
        List<Integer> at = new ArrayList<>();
        for (String heading : List.of("What to run:", "The AIM source:", "Output:", "Mapping and redaction:", "Cloudflare D1, with the pinned wrangler:",
                "General:", "Slices, in dependency order", "Examples:", "Exit codes:")) {
            int i = help.indexOf("\n" + heading);
            assertTrue(i > 0, "heading " + heading + " in:\n" + help);
            at.add(i);
        }
        assertEquals(at.stream().sorted().toList(), at, "the groups in that order");
        for (OptionSpec o : Cli.commandLine(new MigrateAimCommand(Map.of())).getCommandSpec().options()) {
            assertTrue(Pattern.compile("(?m)^ +(-\\w, )?" + Pattern.quote(o.longestName()) + "[=\\[\\s]").matcher(help).find(),
                    o.longestName() + " is listed:\n" + help);
        }
        for (Slice s : Slices.ALL) {
            assertTrue(Pattern.compile("(?m)^  " + s.number() + " " + Pattern.quote(s.name()) + " +" + Pattern.quote(s.writes().get(0))).matcher(help).find(),
                    "slice " + s.number() + " listed with its tables");
        }
        assertTrue(help.contains("AIM_CACHE_DIR"), "the cache folder's variable is documented");
        assertTrue(help.contains("MigrateAim --all --sample"), "an example to start with");
    }

    @Test
    void everyHelpFitsEightyColumnsAndListsOnlyTheExitCodesItsScriptCanEndWith() {
        Map<Object, List<Integer>> scripts = Map.of(new MigrateAimCommand(Map.of()), List.of(0, 1, 2, 3, 4, 6, 7, 70, 130),
                new VerifySchemaCommand(), List.of(0, 1, 2, 70), new ExtractMigrationsCommand(), List.of(0, 1, 2, 6, 70));
        scripts.forEach((command, codes) -> {
            String help = help(command);
            for (String line : help.lines().toList()) assertTrue(line.length() <= 80, "80 columns: " + line);
            List<Integer> listed = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^  (\\d+) +\\S").matcher(help.substring(help.indexOf("\nExit codes:")));
            while (m.find()) listed.add(Integer.parseInt(m.group(1)));
            assertEquals(codes, listed, command.getClass().getSimpleName());
        });
    }
}
