package lib.rules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * AIM dates: sentinel dates (1900-01-01, 1899-12-30) mean "none"; dates before 1900
 * or after 2099 are typing slips and become NULL; shop-local times become UTC
 * instants using the shop's zone. In a spring-forward gap the time moves forward
 * by the gap (02:30 -> 03:30 local); in a fall-back overlap the earlier offset
 * (daylight time) is used. Both are counted; neither depends on the machine's zone.
 */
public final class LegacyDate {
    private static final LocalDate SENTINEL_1900 = LocalDate.of(1900, 1, 1);
    private static final LocalDate SENTINEL_1899 = LocalDate.of(1899, 12, 30);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    // Note: ZonedDateTime.ofLocal resolves gaps and overlaps as documented above.

    private LegacyDate() {}

    /** NULL when absent, a sentinel or a typo; otherwise the value itself. */
    public static LocalDateTime orNull(LocalDateTime raw, Tally tally) {
        if (raw == null) return null;
        LocalDate d = raw.toLocalDate();
        if (d.equals(SENTINEL_1900) || d.equals(SENTINEL_1899)) {
            tally.add("sentinel_date");
            return null;
        }
        if (d.getYear() < 1900 || d.getYear() > 2099) {
            tally.add("typo_date");
            return null;
        }
        return raw;
    }

    /** A calendar date, 'YYYY-MM-DD', or NULL. */
    public static String date(LocalDateTime raw, Tally tally) {
        LocalDateTime v = orNull(raw, tally);
        return v == null ? null : v.toLocalDate().toString();
    }

    /** A shop-local time as a UTC instant, 'YYYY-MM-DDTHH:MM:SSZ' (seconds), or NULL. */
    public static String instant(LocalDateTime raw, ZoneId shopZone, Tally tally) {
        LocalDateTime v = orNull(raw, tally);
        if (v == null) return null;
        List<ZoneOffset> offsets = shopZone.getRules().getValidOffsets(v);
        if (offsets.isEmpty()) tally.add("dst_gap");
        else if (offsets.size() > 1) tally.add("dst_overlap");
        ZonedDateTime z = ZonedDateTime.ofLocal(v.truncatedTo(ChronoUnit.SECONDS), shopZone, null);
        return utc(z.toLocalDateTime().minusSeconds(z.getOffset().getTotalSeconds()));
    }

    /** 'YYYY-MM-DDTHH:MM:SSZ' without a formatter (this runs for every timestamp of every row). */
    static String utc(LocalDateTime t) {
        int y = t.getYear();
        if (y < 1000 || y > 9999) return INSTANT.format(t);
        char[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        put(c, 0, y, 4);
        put(c, 5, t.getMonthValue(), 2);
        put(c, 8, t.getDayOfMonth(), 2);
        put(c, 11, t.getHour(), 2);
        put(c, 14, t.getMinute(), 2);
        put(c, 17, t.getSecond(), 2);
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** As {@link #instant}, for a NOT NULL column: no usable time rejects the row. */
    public static String requiredInstant(LocalDateTime raw, ZoneId shopZone, String column, Tally tally) {
        String v = instant(raw, shopZone, tally);
        if (v == null) throw new RuleException(column + " is missing or not a plausible date (" + raw + ")");
        return v;
    }
}
