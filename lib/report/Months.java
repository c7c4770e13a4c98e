package lib.report;

import java.time.LocalDate;

/** A business figure's month as the report shows it: "2024-03", or "no date". */
final class Months {
    private Months() {}

    private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 2), PAST_LAST_DAY = LocalDate.of(2100, 1, 1);

    /**
     * From Helm's YYYYMM or a day AIM's figures group by; "no date" for none (NULL, 0), and for a day
     * before 1900-01-02 (a sentinel such as 1900-01-01 or 1899-12-30, or a typo) or from 2100 on.
     */
    static String label(Object v) {
        if (v instanceof java.sql.Date d) v = d.toLocalDate();
        if (v instanceof LocalDate d) { // a row a day: no String.format
            if (d.isBefore(FIRST_DAY) || !d.isBefore(PAST_LAST_DAY)) return "no date";
            return d.getYear() + (d.getMonthValue() < 10 ? "-0" : "-") + d.getMonthValue();
        }
        long n = v == null ? 0 : ((Number) v).longValue();
        return n == 0 ? "no date" : String.format("%04d-%02d", n / 100, n % 100);
    }
}
