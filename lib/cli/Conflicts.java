package lib.cli;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.MigrationException;
import lib.source.Isolation;
import picocli.CommandLine.ParseResult;

/**
 * MigrateAim's options that do not go together, as a table checked in one place before any work, in
 * order: the first rule that applies is the error (exit 2). --all with --slice is picocli's own
 * exclusive group; these keep the one-line messages the toolkit has always given.
 */
final class Conflicts {
    private Conflicts() {}

    /** The actions on a finished OUT or on D1: each runs on its own, with no source. */
    static final List<String> ON_OUTPUT = List.of("--verify-manifest", "--d1-migrate", "--d1-apply", "--d1-verify", "--d1-rollback");

    static final List<Rule> ACTIONS = List.of(
            rule(g -> g.none(ON_OUTPUT) && g.any("--remote", "--local"), g -> g.first("--remote", "--local") + " goes with a --d1-* action"),
            rule(g -> g.given(ON_OUTPUT).size() > 1, g -> String.join(" and ", g.given(ON_OUTPUT)) + " exclude each other; use one"),
            rule(g -> !g.none(ON_OUTPUT) && g.any("--all", "--slice", "--check-source"),
                    g -> g.first(ON_OUTPUT) + " works on its own, not with " + g.first("--all", "--slice", "--check-source")),
            needs("--yes", "--d1-rollback"),
            rule(g -> g.has("--verify-manifest") && g.any("--remote", "--local"),
                    g -> g.first("--remote", "--local") + " goes with a --d1-* action, not --verify-manifest"),
            rule(g -> g.has("--d1-rollback") && !g.has("--remote"), g -> "--d1-rollback uses D1 Time Travel, which only Cloudflare's D1 has: "
                    + "add --remote (a local D1 is rebuilt by deleting the project's .wrangler/state folder)"));

    /** Checked only when no action on OUT was asked for: the run reads the source. */
    static final List<Rule> READING = List.of(
            excludes("--sample", "--source"),
            excludes("--profile", "--check-source"),
            rule(g -> g.has("--profile") && g.has("--all"), g -> "--profile runs on its own (add --slice N to profile only those slices' tables)"),
            rule(g -> g.has("--profile") && g.has("--redact"), g -> "--profile shows AIM's own values (each column's least and greatest) and "
                    + "cannot be redacted: leave --redact out, and keep profile.md in the shop"),
            rule(g -> g.none(List.of("--all", "--slice", "--check-source", "--profile")),
                    g -> "say what to migrate: --all, or --slice N (or --check-source, --profile, --verify-manifest, --d1-apply NAME)"),
            rule(g -> g.has("--limit") && Isolation.parse(g.parsed.matchedOptionValue("--isolation", "auto")) == Isolation.CONSISTENT,
                    g -> "--limit is for mapping experiments; the cutover run (--isolation consistent) reads every row"),
            needs("--redact-salt-file", "--redact"),
            excludes("--sample", "--host"),
            excludes("--host", "--source"));

    /** Throws the first conflict among the options given (exit 2). */
    static void check(ParseResult parsed) {
        Given g = new Given(parsed);
        Stream<Rule> rules = g.none(ON_OUTPUT) ? Stream.concat(ACTIONS.stream(), READING.stream()) : ACTIONS.stream();
        rules.filter(r -> r.applies().test(g)).findFirst().ifPresent(r -> {
            throw new MigrationException(ExitCode.BAD_INPUT, r.message().apply(g));
        });
    }

    record Rule(Predicate<Given> applies, Function<Given, String> message) {}

    static Rule rule(Predicate<Given> applies, Function<Given, String> message) {
        return new Rule(applies, message);
    }

    /** "A and B exclude each other; use one". */
    static Rule excludes(String a, String b) {
        return rule(g -> g.has(a) && g.has(b), g -> a + " and " + b + " exclude each other; use one");
    }

    /** "A goes with B": A means nothing without B. */
    static Rule needs(String a, String b) {
        return rule(g -> g.has(a) && !g.has(b), g -> a + " goes with " + b);
    }

    /** The options given on the command line (not those set by a default). */
    record Given(ParseResult parsed) {
        boolean has(String option) {
            return parsed.hasMatchedOption(option);
        }

        boolean any(String... options) {
            return Stream.of(options).anyMatch(this::has);
        }

        boolean none(List<String> options) {
            return given(options).isEmpty();
        }

        List<String> given(List<String> options) {
            return options.stream().filter(this::has).toList();
        }

        String first(String... options) {
            return given(List.of(options)).get(0);
        }

        String first(List<String> options) {
            return given(options).get(0);
        }
    }
}
