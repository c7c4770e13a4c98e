package lib.report;

import java.util.Locale;

/** A count with its noun in the right number: "1 row", "2 rows", "1,234 tickets". */
public final class Plural {
    private Plural() {}

    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 || n == -1 ? singular : plural);
    }

    public static String rows(long n) {
        return of(n, "row", "rows");
    }
}
