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
        return INSTANT.format(z.withZoneSameInstant(ZoneOffset.UTC));
    }

    /** As {@link #instant}, for a NOT NULL column: no usable time rejects the row. */
    public static String requiredInstant(LocalDateTime raw, ZoneId shopZone, String column, Tally tally) {
        String v = instant(raw, shopZone, tally);
        if (v == null) throw new RuleException(column + " is missing or not a plausible date (" + raw + ")");
        return v;
    }
}
