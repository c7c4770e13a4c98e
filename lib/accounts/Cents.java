package lib.accounts;

import java.math.BigInteger;

/**
 * An exact sum of cents that never wraps: a long while it fits, a BigInteger past
 * +-2^63 (MONEY's range times a table's rows can get there), so a shop's totals are
 * counted exactly whatever its values.
 */
public final class Cents {
    private long small;
    private BigInteger big; // non-null once the sum left the long range

    public Cents() {}

    public static Cents of(BigInteger v) {
        Cents c = new Cents();
        c.set(v);
        return c;
    }

    public void add(long cents) {
        if (big != null) {
            big = big.add(BigInteger.valueOf(cents));
            return;
        }
        long r = small + cents;
        if (((small ^ r) & (cents ^ r)) < 0) big = BigInteger.valueOf(small).add(BigInteger.valueOf(cents));
        else small = r;
    }

    public void add(BigInteger cents) {
        if (big == null && cents.bitLength() < 64) add(cents.longValue());
        else set(value().add(cents));
    }

    public void subtract(long cents) {
        if (cents == Long.MIN_VALUE) {
            add(Long.MAX_VALUE);
            add(1);
        } else {
            add(-cents);
        }
    }

    public void set(BigInteger v) {
        if (v.bitLength() < 64) {
            small = v.longValue();
            big = null;
        } else {
            big = v;
        }
    }

    public BigInteger value() {
        return big != null ? big : BigInteger.valueOf(small);
    }

    /** A long for JSON when it fits (the usual case, so report.json keeps its shape), else the BigInteger. */
    public Number json() {
        return big != null ? big : (Number) small;
    }

    /** A number as {@link #json()} wrote it (read back as a long or a BigInteger). */
    public static Cents fromJson(Object v) {
        if (v == null) return new Cents();
        if (v instanceof BigInteger b) return of(b);
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float) && !(v instanceof java.math.BigDecimal)) {
            return of(BigInteger.valueOf(n.longValue()));
        }
        if (v instanceof java.math.BigDecimal d) return of(d.toBigIntegerExact());
        throw new IllegalArgumentException("expected a whole number of cents, found " + v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cents c && value().equals(c.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return value().toString();
    }
}
