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

    public static Long cents(BigDecimal raw, Tally tally) {
        if (raw == null) return null;
        BigDecimal hundredths = raw.movePointRight(2);
        BigDecimal rounded = hundredths.setScale(0, RoundingMode.HALF_UP);
        long cents = rounded.longValueExact();
        if (hundredths.compareTo(rounded) != 0) tally.add("sub_cent_money", cents);
        return cents;
    }

    /** Cents for a NOT NULL column: NULL rejects the row. */
    public static long required(BigDecimal raw, String column, Tally tally) {
        Long c = cents(raw, tally);
        if (c == null) throw new RuleException(column + " is NULL");
        return c;
    }

    /** A unit cost in ten-thousandths of a dollar, exactly; sub_cent_cost when it needs them. */
    public static Long costE4(BigDecimal raw, Tally tally) {
        if (raw == null) return null;
        BigDecimal e4 = raw.movePointRight(4);
        if (e4.stripTrailingZeros().scale() > 0) throw new RuleException("cost " + raw + " has more than four decimals");
        long costE4 = e4.longValueExact();
        if (raw.movePointRight(2).stripTrailingZeros().scale() > 0) tally.add("sub_cent_cost", costE4);
        return costE4;
    }

    /** A percentage with up to four decimals (8.2500) as parts per million of the amount (82500). */
    public static long percentToPpm(BigDecimal percent) {
        return percent.movePointRight(4).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
