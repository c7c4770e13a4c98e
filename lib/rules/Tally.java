package lib.rules;

/**
 * Where a rule records that it fired, scoped to one source column by the caller.
 * Rules call {@code add("sentinel_date")}; the report counts them per table and column.
 */
@FunctionalInterface
public interface Tally {
    void add(String rule);

    Tally NONE = rule -> {};
}
