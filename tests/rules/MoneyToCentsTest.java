package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lib.rules.MoneyToCents;
import lib.rules.RuleException;
import org.junit.jupiter.api.Test;

class MoneyToCentsTest {
    final List<String> fired = new ArrayList<>();

    long cents(String v) {
        return MoneyToCents.cents(new BigDecimal(v), fired::add);
    }

    /** A reject's reason names an amount as the owner reads one, not as MONEY's four decimals ("payment of 10.5800"). */
    @Test
    void aReasonNamesAnAmountInDollarsWithEveryDigitItHas() {
        assertEquals("$10.58", MoneyToCents.dollars(new BigDecimal("10.5800")));
        assertEquals("$10.585", MoneyToCents.dollars(new BigDecimal("10.5850")), "a digit below the cent is not hidden");
        assertEquals("-$1,234.50", MoneyToCents.dollars(new BigDecimal("-1234.5")));
        assertEquals("$1,000.00", MoneyToCents.dollars(new BigDecimal("1E+3")));
        assertEquals("$0.00", MoneyToCents.dollars(new BigDecimal("0.0000")));
        assertEquals("no amount", MoneyToCents.dollars(null));
    }

    @Test
    void halfACentRoundsAwayFromZero() {
        assertEquals(1235, cents("12.3450"));
        assertEquals(-1235, cents("-12.3450"));
        assertEquals(1234, cents("12.3449"));
        assertEquals(1, cents("0.0050"));
        assertEquals(-1, cents("-0.0050"));
        assertEquals(List.of("sub_cent_money", "sub_cent_money", "sub_cent_money", "sub_cent_money", "sub_cent_money"), fired);
    }

    @Test
    void wholeCentsAreExactAndNotCounted() {
        assertEquals(1999, cents("19.9900"));
        assertEquals(0, cents("0.0000"));
        assertEquals(-500, cents("-5.00"));
        assertTrue(fired.isEmpty());
        assertNull(MoneyToCents.cents(null, fired::add));
        assertThrows(RuleException.class, () -> MoneyToCents.required(null, "TOTAL", fired::add));
    }

    @Test
    void unitCostsKeepFourDecimals() {
        assertEquals(123456, MoneyToCents.costE4(new BigDecimal("12.3456"), fired::add));
        assertEquals(List.of("sub_cent_cost"), fired);
        assertEquals(120000, MoneyToCents.costE4(new BigDecimal("12.0000"), fired::add));
        assertEquals(1, fired.size());
        // More decimals than four: rounded to them, half away from zero, and counted as such, not as sub_cent_cost.
        assertEquals(10001, MoneyToCents.costE4(new BigDecimal("1.00005"), fired::add));
        assertEquals(-10001, MoneyToCents.costE4(new BigDecimal("-1.00005"), fired::add));
        assertEquals(10000, MoneyToCents.costE4(new BigDecimal("1.000049"), fired::add));
        assertEquals(List.of("sub_cent_cost", "sub_e4_cost", "sub_e4_cost", "sub_e4_cost"), fired);
    }

    @Test
    void percentagesBecomePartsPerMillion() {
        assertEquals(82_500, MoneyToCents.percentToPpm(new BigDecimal("8.2500"), fired::add));
        assertEquals(0, MoneyToCents.percentToPpm(new BigDecimal("0.0000"), fired::add));
        assertEquals(100_000, MoneyToCents.percentToPpm(new BigDecimal("10"), fired::add));
        assertTrue(fired.isEmpty(), fired.toString());
        // A rate with more than four decimals (a DECIMAL(9, 6) column) is rounded to a part per million, and says so.
        assertEquals(82_501, MoneyToCents.percentToPpm(new BigDecimal("8.250050"), fired::add));
        assertEquals(List.of("sub_ppm_rate"), fired);
    }

    @Test
    void anyAmountRoundsAsBigDecimalRoundsItHalfAwayFromZero() {
        // The oracle: BigDecimal's own HALF_UP of the amount in cents, and a sub-cent amount counted once with its cents.
        java.util.Random random = new java.util.Random(20261128);
        long[] edges = {0, 1, -1, 5, -5, 49, 50, -50, 51, 99, 9_999_999_999_999_999L, -9_999_999_999_999_999L, 10_000_000_000_000_000L,
                99_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (int n = 0; n < 200_000; n++) {
            long digits = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong() >> random.nextInt(64);
            BigDecimal raw = BigDecimal.valueOf(digits, random.nextInt(9) - 2);
            BigDecimal hundredths = raw.movePointRight(2);
            BigDecimal rounded = hundredths.setScale(0, java.math.RoundingMode.HALF_UP);
            List<String> counted = new ArrayList<>();
            List<Long> countedCents = new ArrayList<>();
            lib.rules.Tally tally = new lib.rules.Tally() {
                @Override
                public void add(String rule) {
                    fail("a sub-cent amount is counted with its cents");
                }

                @Override
                public void add(String rule, Object cents) {
                    counted.add(rule);
                    countedCents.add((Long) cents);
                }
            };
            if (rounded.unscaledValue().bitLength() > 63) {
                // Past a long of cents: the row is rejected naming the rule, never an ArithmeticException that stops the run.
                assertEquals("amount_out_of_range", assertThrows(lib.rules.RuleException.class, () -> MoneyToCents.centsOf(raw, tally),
                        raw.toPlainString()).rule());
                continue;
            }
            long expected = rounded.longValueExact();
            assertEquals(expected, MoneyToCents.centsOf(raw, tally), raw.toPlainString());
            boolean subCent = hundredths.compareTo(rounded) != 0;
            assertEquals(subCent ? List.of("sub_cent_money") : List.of(), counted, raw.toPlainString());
            if (subCent) assertEquals(List.of(expected), countedCents, raw.toPlainString());
        }
    }
}
