package tests.report;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lib.report.Months;
import org.junit.jupiter.api.Test;

/**
 * A figure's row is summed in its month as it is read (Months.of), and shown as the month its day or Helm's YYYYMM is
 * (Months.label): for any day AIM can hold, the days around the ends of 1900-2099, NULL and Helm's months, the month it
 * is summed in is shown as its own day would be, and two days share one exactly when they show the same month.
 */
class MonthsTest {
    @Test
    void aRowSummedInItsMonthShowsAsItsOwnDayWould() {
        Random random = new Random(20261128);
        List<Object> values = new ArrayList<>();
        for (LocalDate edge : List.of(LocalDate.of(1900, 1, 1), LocalDate.of(2100, 1, 1), LocalDate.of(2000, 3, 1))) {
            for (int d = -40; d <= 40; d++) values.add(edge.plusDays(d));
        }
        long first = LocalDate.of(1753, 1, 1).toEpochDay(), last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (int i = 0; i < 100_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(first + (long) (random.nextDouble() * (last - first + 1)));
            values.add(i % 2 == 0 ? day : java.sql.Date.valueOf(day));
        }
        for (int i = 0; i < 10_000; i++) {
            long yyyymm = (1900 + random.nextInt(200)) * 100L + 1 + random.nextInt(12);
            values.add(i % 2 == 0 ? (Object) yyyymm : (Object) (int) yyyymm);
        }
        values.add(null);
        values.add(0);
        values.add(0L);
        for (Object v : values) assertEquals(Months.label(v), Months.label(Months.of(v)), String.valueOf(v));
        for (int i = 0; i + 1 < values.size(); i++) {
            Object a = values.get(i), b = values.get(random.nextInt(values.size()));
            if (!(a instanceof LocalDate || a instanceof java.sql.Date) || !(b instanceof LocalDate || b instanceof java.sql.Date)) continue;
            assertEquals(Months.label(a).equals(Months.label(b)), Months.of(a).equals(Months.of(b)), a + " and " + b);
        }
    }
}
