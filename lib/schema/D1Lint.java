package lib.schema;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Cloudflare D1 refuses in a migration, caught before wrangler sees it:
 * explicit transactions (D1 runs each migration in its own), PRAGMAs outside
 * D1's supported list, and tables wider than D1's 100 columns.
 */
public final class D1Lint {
    public static final int MAX_COLUMNS = 100;

    /** PRAGMAs D1 accepts (its documented list), lower case. */
    static final Set<String> ALLOWED_PRAGMAS = Set.of("table_list", "table_info", "table_xinfo", "index_list",
            "index_info", "index_xinfo", "foreign_key_list", "foreign_key_check", "foreign_keys",
            "defer_foreign_keys", "case_sensitive_like", "ignore_check_constraints", "legacy_alter_table",
            "recursive_triggers", "reverse_unordered_selects", "quick_check", "optimize");

    private static final Pattern TRANSACTION = Pattern.compile(
            "^(BEGIN(\\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\\s+TRANSACTION)?|COMMIT|END(\\s+TRANSACTION)?|ROLLBACK|SAVEPOINT|RELEASE)\\b.*",
            Pattern.DOTALL);
    private static final Pattern PRAGMA = Pattern.compile("^PRAGMA\\s+(?:\\w+\\.)?(\\w+).*", Pattern.DOTALL);

    private D1Lint() {}

    /** Returns why D1 would refuse this statement, if it would. */
    public static Optional<String> check(SqlScript.Statement statement) {
        String head = statement.head();
        if (TRANSACTION.matcher(head).matches()) {
            return Optional.of("explicit transaction statement (" + head.split("\\s+")[0]
                    + "): D1 runs each migration in its own transaction and rejects these");
        }
        Matcher m = PRAGMA.matcher(head);
        if (m.matches()) {
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!ALLOWED_PRAGMAS.contains(name)) return Optional.of("PRAGMA " + name + " is not supported by D1");
        }
        return Optional.empty();
    }
}
