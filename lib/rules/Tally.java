package lib.rules;

/**
 * Where a rule records that it fired, scoped to one source column by the caller.
 * Rules call {@code add("sentinel_date", null)} with the value they made of the column's
 * value (NULL as null); the report counts them per table and column, and the run lists
 * each one, with the value as read from AIM, in fixes/TABLE.csv.
 */
@FunctionalInterface
public interface Tally {
    void add(String rule);

    /** The rule fired and made {@code after} of the value (a Helm value: text, cents, 0/1, or null). */
    default void add(String rule, Object after) {
        add(rule);
    }

    Tally NONE = rule -> {};
}
