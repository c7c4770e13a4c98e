package lib.report;

import java.time.LocalDate;

/** A business figure's month as the report shows it: "2024-03", or "no date". */
public final class Months {
    private Months() {}

    private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 2), PAST_LAST_DAY = LocalDate.of(2100, 1, 1);

    /**
     * From Helm's YYYYMM or a day AIM's figures group by; "no date" for none (NULL, 0), and for a day
     * before 1900-01-02 (a sentinel such as 1900-01-01 or 1899-12-30, or a typo) or from 2100 on.
     */
    public static String label(Object v) {
        if (v instanceof java.sql.Date d) v = d.toLocalDate();
        if (v instanceof LocalDate d) {
            if (d.isBefore(FIRST_DAY) || !d.isBefore(PAST_LAST_DAY)) return "no date";
            return d.getYear() + (d.getMonthValue() < 10 ? "-0" : "-") + d.getMonthValue();
        }
        long n = v == null ? 0 : ((Number) v).longValue();
        return n == 0 ? "no date" : String.format(java.util.Locale.ROOT, "%04d-%02d", n / 100, n % 100);
    }

    /**
     * The month a figure's row counts in, as it is read, with the same {@link #label}: a day AIM groups by becomes YYYYMM
     * (0 for no date), so its rows are summed a month at a time (65,749 store days at scale 10, 2,520 store months);
     * Helm's YYYYMM stays as it is.
     */
    public static Object of(Object v) {
        if (v instanceof java.sql.Date d) v = d.toLocalDate();
        if (v instanceof LocalDate d) return d.isBefore(FIRST_DAY) || !d.isBefore(PAST_LAST_DAY) ? 0 : d.getYear() * 100 + d.getMonthValue();
        return v == null ? 0 : v;
    }
}
