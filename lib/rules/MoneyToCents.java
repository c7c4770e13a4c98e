package lib.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * AIM MONEY (four decimals) to INTEGER cents, rounded per row half away from zero
 * (12.3450 -> 1235, -12.3450 -> -1235); amounts with digits below the cent are
 * counted as sub_cent_money. Unit costs keep all four decimals as ten-thousandths.
 */
public final class MoneyToCents {
    private MoneyToCents() {}

    /** An amount as a reason names it: "$1,234.56", every digit below the cent kept ("$10.585"); "no amount" for NULL. */
    public static String dollars(BigDecimal raw) {
        if (raw == null) return "no amount";
        BigDecimal shown = raw.stripTrailingZeros();
        if (shown.scale() < 2) shown = shown.setScale(2);
        String digits = String.format(java.util.Locale.ROOT, "%,." + shown.scale() + "f", shown.abs());
        return (shown.signum() < 0 ? "-$" : "$") + digits;
    }

    public static Long cents(BigDecimal raw, Tally tally) {
        return raw == null ? null : Long.valueOf(centsOf(raw, tally));
    }

    /** Cents for a NOT NULL column: NULL rejects the row. */
    public static long required(BigDecimal raw, String column, Tally tally) {
        if (raw == null) throw new RuleException(column + " is NULL");
        return centsOf(raw, tally);
    }

    /**
     * The cents of an amount that is not NULL. An amount of at most four decimals and 16 digits (AIM's MONEY up to
     * $999,999,999,999.9999) is rounded from its unscaled digits as a long; any other as a BigDecimal. Both round alike.
     */
    public static long centsOf(BigDecimal raw, Tally tally) {
        int scale = raw.scale();
        if (scale < 0 || scale > 4 || raw.precision() > 16) return exactCents(raw, tally);
        long digits = raw.unscaledValue().longValue(); // |digits| < 10^16: exact, and times 100 still a long
        if (scale <= 2) return digits * (scale == 2 ? 1 : scale == 1 ? 10 : 100);
        int below = scale == 3 ? 10 : 100; // what one cent is in the last digit's units
        long cents = digits / below, rest = digits % below; // rest has the amount's sign
        if (rest == 0) return cents;
        if (2 * Math.abs(rest) >= below) cents += digits < 0 ? -1 : 1; // half away from zero
        tally.add("sub_cent_money", cents);
        return cents;
    }

    private static long exactCents(BigDecimal raw, Tally tally) {
        BigDecimal hundredths = raw.movePointRight(2);
        BigDecimal rounded = hundredths.setScale(0, RoundingMode.HALF_UP);
        long cents = inLong(rounded, raw, "cents");
        if (hundredths.compareTo(rounded) != 0) tally.add("sub_cent_money", cents);
        return cents;
    }

    /**
     * A unit cost in ten-thousandths of a dollar; sub_cent_cost when it needs them. A cost with more decimals than MONEY's
     * four (a DECIMAL(19, 6) column) is rounded to them, half away from zero, as the reconciliation counts it, under rule
     * sub_e4_cost: it rejected the product, with its stock, and left its sales without it.
     */
    public static Long costE4(BigDecimal raw, Tally tally) {
        if (raw == null) return null;
        BigDecimal exact = raw.movePointRight(4), e4 = exact.setScale(0, RoundingMode.HALF_UP);
        long costE4 = inLong(e4, raw, "ten-thousandths");
        if (e4.compareTo(exact) != 0) tally.add("sub_e4_cost", costE4);
        else if (raw.movePointRight(2).stripTrailingZeros().scale() > 0) tally.add("sub_cent_cost", costE4);
        return costE4;
    }

    /**
     * A whole number of units as Helm's INTEGER holds it (64 bits). MONEY always fits; an amount of a wider type (a
     * DECIMAL column) past it rejects its row, naming the rule, where it would have stopped the run.
     */
    private static long inLong(BigDecimal units, BigDecimal raw, String unit) {
        if (units.compareTo(LONG_MIN) < 0 || units.compareTo(LONG_MAX) > 0) {
            throw new RuleException("amount_out_of_range", "amount " + raw.toPlainString() + " is beyond what Helm holds (a 64-bit integer of " + unit + ")");
        }
        return units.longValueExact();
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE), LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * A percentage (8.2500) as parts per million of the amount (82500); one with more than four decimals (8.250050) is
     * rounded to a part per million, half away from zero, under rule sub_ppm_rate.
     */
    public static long percentToPpm(BigDecimal percent, Tally tally) {
        BigDecimal exact = percent.movePointRight(4), ppm = exact.setScale(0, RoundingMode.HALF_UP);
        long out = inLong(ppm, percent, "parts per million");
        if (ppm.compareTo(exact) != 0) tally.add("sub_ppm_rate", out);
        return out;
    }
}
