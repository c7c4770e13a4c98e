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
        assertThrows(RuleException.class, () -> MoneyToCents.costE4(new BigDecimal("1.00001"), fired::add));
    }

    @Test
    void percentagesBecomePartsPerMillion() {
        assertEquals(82_500, MoneyToCents.percentToPpm(new BigDecimal("8.2500")));
        assertEquals(0, MoneyToCents.percentToPpm(new BigDecimal("0.0000")));
        assertEquals(100_000, MoneyToCents.percentToPpm(new BigDecimal("10")));
    }
}
