package lib.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Integer cents as a shop owner reads them: {@code $1,234.56}, {@code -$0.05}, {@code $0.00}.
 * Formatted from the exact integer (never through a double), so a sum beyond 2^53 cents, or
 * beyond a long, is shown to the cent.
 */
public final class Dollars {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private Dollars() {}

    public static String of(long cents) {
        return of(BigInteger.valueOf(cents));
    }

    public static String of(BigInteger cents) {
        BigInteger[] dc = cents.abs().divideAndRemainder(HUNDRED);
        return (cents.signum() < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,d.%02d", dc[0], dc[1].intValue());
    }

    /**
     * An amount in units of 10^-decimals dollars: cents (2), or the ten-thousandths a unit cost keeps (4), shown with
     * all four decimals ({@code $12.3456}) so that the sum a reconciliation compares is the one shown.
     */
    public static String of(BigInteger units, int decimals) {
        if (decimals == 2) return of(units);
        BigInteger[] dc = units.abs().divideAndRemainder(BigInteger.TEN.pow(decimals));
        return (units.signum() < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,d.%0" + decimals + "d", dc[0], dc[1]);
    }

    /** Exact dollars, to the cent or to the four decimals they hold. */
    public static String of(BigDecimal dollars) {
        return of(dollars.unscaledValue(), dollars.scale());
    }

    /** A JSON number of cents (a long, or a BigInteger past the long range), as dollars. */
    public static String of(Number cents) {
        return cents instanceof BigInteger b ? of(b) : of(cents.longValue());
    }
}
