package lib.rules;

/**
 * A NULL where Helm keeps a number that is NOT NULL (stock on hand and on order, a house account's credit limit
 * and balance, a line's discount, a late fee, a deposit) is read as 0: AIM's screens show a blank there as 0.
 * Counted as null_as_zero, and listed in fixes/ with the rest, since it changes a value on its way.
 */
public final class NullAsZero {
    private NullAsZero() {}

    public static long of(Number v, Tally tally) {
        if (v != null) return v.longValue();
        tally.add("null_as_zero", 0L);
        return 0;
    }
}
