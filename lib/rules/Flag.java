package lib.rules;

import java.util.Locale;

/** AIM flags in every spelling ('Y'/'N', 'T'/'F', '1'/'0', lower case, blank, NULL, BIT) to 0/1. */
public final class Flag {
    private Flag() {}

    /**
     * A CHAR flag: exactly Y or N (after CHAR padding) is canonical; T/F, 1/0, YES/NO,
     * TRUE/FALSE and lower case are flag_variant; blank or NULL takes the column's
     * default (flag_blank); anything else rejects the row.
     */
    public static int parse(String raw, boolean whenBlank, Tally tally) {
        if (raw == null || raw.isBlank()) {
            tally.add("flag_blank", whenBlank ? 1 : 0);
            return whenBlank ? 1 : 0;
        }
        String s = raw.stripTrailing();
        if (s.equals("Y")) return 1;
        if (s.equals("N")) return 0;
        switch (s.strip().toUpperCase(Locale.ROOT)) {
            case "Y", "T", "1", "YES", "TRUE" -> {
                tally.add("flag_variant", 1);
                return 1;
            }
            case "N", "F", "0", "NO", "FALSE" -> {
                tally.add("flag_variant", 0);
                return 0;
            }
            default -> throw new RuleException("unrecognized flag value '" + raw + "'");
        }
    }

    /** A BIT flag: NULL takes the column's default (flag_blank). */
    public static int bit(Boolean raw, boolean whenNull, Tally tally) {
        if (raw == null) {
            tally.add("flag_blank", whenNull ? 1 : 0);
            return whenNull ? 1 : 0;
        }
        return raw ? 1 : 0;
    }
}
