package tests.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** Every conflict of MigrateAim's options is refused before any work, exit 2, with its one line (lib/cli/Conflicts.java). */
class MigrateAimConflictsTest {
    static final String[][] CASES = {
        {"--all --sample --source jdbc:h2:mem:x", "--sample and --source exclude each other; use one"},
        {"--check-source --profile --sample", "--profile and --check-source exclude each other; use one"},
        {"--profile --all --sample", "--profile runs on its own (add --slice N to profile only those slices' tables)"},
        {"--profile --sample --redact", "--profile shows AIM's own values (each column's least and greatest) and cannot be redacted: leave --redact out, "
                + "and keep profile.md in the shop"},
        {"--sample", "say what to migrate: --all, or --slice N (or --check-source, --profile, --verify-manifest, --d1-apply NAME)"},
        {"--all --sample --limit 5 --isolation consistent", "--limit is for mapping experiments; the cutover run (--isolation consistent) reads every row"},
        {"--all --sample --redact-salt-file salt.txt", "--redact-salt-file goes with --redact"},
        {"--all --sample --host h", "--sample and --host exclude each other; use one"},
        {"--all --host h --source jdbc:h2:mem:x", "--host and --source exclude each other; use one"},
        {"--all --sample --remote", "--remote goes with a --d1-* action"},
        {"--all --sample --local", "--local goes with a --d1-* action"},
        {"--all --sample --yes", "--yes goes with --d1-rollback"},
        {"--d1-apply a --yes", "--yes goes with --d1-rollback"},
        {"--d1-apply a --d1-verify b", "--d1-apply and --d1-verify exclude each other; use one"},
        {"--d1-apply a --d1-verify b --verify-manifest", "--verify-manifest and --d1-apply and --d1-verify exclude each other; use one"},
        {"--d1-apply a --all", "--d1-apply works on its own, not with --all"},
        {"--d1-apply a --slice 2", "--d1-apply works on its own, not with --slice"},
        {"--verify-manifest --check-source", "--verify-manifest works on its own, not with --check-source"},
        {"--verify-manifest --remote", "--remote goes with a --d1-* action, not --verify-manifest"},
        {"--d1-rollback a", "--d1-rollback uses D1 Time Travel, which only Cloudflare's D1 has: add --remote "
                + "(a local D1 is rebuilt by deleting the project's .wrangler/state folder)"},
        {"--d1-apply a --remote --local", "--remote and --local exclude each other; use one"},
        {"--d1-apply a --d1-chunk-bytes 100", "--d1-chunk-bytes must be at least 20000"},
        {"--all --sample --limit 0", "--limit must be at least 1, not 0"},
        {"--all --sample --jobs 0", "--jobs must be 1 to 32, not 0"},
        {"--all --sample --reconnect-attempts 101", "--reconnect-attempts must be 0 to 100, not 101"},
        {"--all --host h --port 0", "--port must be 1 to 65535, not 0"},
        {"--all --host h --port 99999", "--port must be 1 to 65535, not 99999"},
        {"--all --sample --query-timeout -1", "--query-timeout must be 0 (wait forever) to 604800 seconds (a week), not -1"},
        {"--all --sample --query-timeout 2147483647", "--query-timeout must be 0 (wait forever) to 604800 seconds (a week), not 2147483647"},
        {"--all --sample --login-timeout -5", "--login-timeout must be 0 to 65535 seconds, not -5"},
        {"--all --sample --login-timeout 70000", "--login-timeout must be 0 to 65535 seconds, not 70000"},
        {"--all --sample --phone-region UK", "--phone-region UK is not a region the phone rules know (two capitals: US, GB, CA)"},
    };

    @TestFactory
    Stream<DynamicTest> eachConflictIsOneLineAndExitTwo() {
        return Stream.of(CASES).map(c -> DynamicTest.dynamicTest(c[0], () -> {
            Run r = TestSupport.run(new MigrateAimCommand(Map.of()), c[0].split(" "));
            assertEquals(2, r.exit(), r.err());
            assertEquals("MigrateAim: " + c[1], r.err().strip());
            assertEquals("", r.out());
        }));
    }

    @Test
    void allAndSliceArePicocliExclusiveGroup() {
        Run r = TestSupport.run(new MigrateAimCommand(Map.of()), "--all", "--slice", "2");
        assertEquals(2, r.exit());
        // The mistake and where the options are listed: two lines, not the whole help.
        assertEquals(List.of("MigrateAim: --all, --slice=N are mutually exclusive (specify only one)", "MigrateAim: --help lists every option"),
                r.err().lines().toList());
    }

    @Test
    void anOptionOfAnExclusiveGroupGivenTwiceIsNamedNotPicocliInternalText() {
        // picocli says "expected only one match but got [--all | --slice=N...]={--all} and ..." for these.
        for (String[] c : new String[][] {{"--all --all --sample", "option '--all' should be specified only once"},
                {"--all --slice 2 --all --sample", "--all, --slice=N are mutually exclusive (specify only one)"},
                {"--slice 2 --all --slice 3 --sample", "--all, --slice=N are mutually exclusive (specify only one)"}}) {
            Run r = TestSupport.run(new MigrateAimCommand(Map.of()), c[0].split(" "));
            assertEquals(2, r.exit(), r.err());
            assertEquals(List.of("MigrateAim: " + c[1], "MigrateAim: --help lists every option"), r.err().lines().toList(), c[0]);
        }
        Run v = TestSupport.run(new lib.cli.VerifySchemaCommand(), "migrations/schema-spec.md", "--db", "a", "--db", "b");
        assertEquals(2, v.exit(), v.err());
        assertEquals("VerifySchema: option '--db' should be specified only once", v.err().lines().findFirst().orElse(""), v.err());
    }

    @Test
    void aMisspeltOptionIsOneLineWithPicocliSuggestionsNotTheWholeHelp() {
        Run r = TestSupport.run(new MigrateAimCommand(Map.of()), "--all", "--shop-zt", "America/Chicago", "--sample");
        assertEquals(2, r.exit());
        List<String> lines = r.err().lines().toList();
        // Its value (America/Chicago) is not named as a second unknown option.
        assertEquals("MigrateAim: unknown option --shop-zt", lines.get(0), r.err());
        assertTrue(r.err().contains("--shop-tz"), "picocli suggests the option meant: " + r.err());
        assertEquals("MigrateAim: --help lists every option", lines.get(lines.size() - 1));
        assertTrue(lines.size() <= 4, r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownOptionWithAValueNamesTheOptionAloneInVerifySchema() {
        Run r = TestSupport.run(new lib.cli.VerifySchemaCommand(), "migrations/schema-spec.md", "--database", "x");
        assertEquals(2, r.exit(), r.all());
        assertEquals("VerifySchema: unknown option --database", r.err().lines().findFirst().orElse(""), r.err());
    }

    @Test
    void aMistypedUrlSchemeIsBadInputNamingTheFormsNotAnUnreachableServer() {
        Run r = TestSupport.run(new MigrateAimCommand(Map.of("AIM_PASSWORD", "x")), "--all", "--source",
                "jdbc:sqlsever://aim.example:1433;databaseName=AIM", "--user", "etl", "--out", "/nonexistent/never-written");
        assertEquals(2, r.exit(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("'jdbc:sqlsever:'") && r.err().contains("jdbc:sqlserver://HOST:1433;databaseName=AIM"), r.err());
    }
}
