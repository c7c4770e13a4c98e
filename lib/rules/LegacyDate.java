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
            tally.add("sentinel_date", null);
            return null;
        }
        if (d.getYear() < 1900 || d.getYear() > 2099) {
            tally.add("typo_date", null);
            return null;
        }
        return raw;
    }

    /** A calendar date, 'YYYY-MM-DD', or NULL. */
    public static String date(LocalDateTime raw, Tally tally) {
        LocalDateTime v = orNull(raw, tally);
        return v == null ? null : v.toLocalDate().toString();
    }

    /**
     * A shop-local time as a UTC instant, 'YYYY-MM-DDTHH:MM:SSZ' (seconds, Helm's form), or NULL. A fraction of a second
     * is dropped, not rounded, counted as sub_second: the second the till showed stays, and 23:59:59.997 stays on its day
     * (and in its month, where the business figures count it).
     */
    public static String instant(LocalDateTime raw, ZoneId shopZone, Tally tally) {
        LocalDateTime v = orNull(raw, tally);
        if (v == null) return null;
        if (v.getNano() != 0) {
            String at = instant(v.truncatedTo(ChronoUnit.SECONDS), shopZone, tally);
            tally.add("sub_second", at);
            return at;
        }
        ZoneOffset plain = DayOffsets.of(shopZone).plainOffset(v.toLocalDate());
        if (plain != null) return utc(v.minusSeconds(plain.getTotalSeconds()));
        List<ZoneOffset> offsets = shopZone.getRules().getValidOffsets(v);
        ZonedDateTime z = ZonedDateTime.ofLocal(v, shopZone, null);
        String at = utc(z.toLocalDateTime().minusSeconds(z.getOffset().getTotalSeconds()));
        if (offsets.isEmpty()) tally.add("dst_gap", at);
        else if (offsets.size() > 1) tally.add("dst_overlap", at);
        return at;
    }

    /**
     * The shop zone's offset for each day without a transition, worked out once per day
     * (this runs for every timestamp of every row). Days with a transition return null
     * and go through the full rules above.
     */
    private static final class DayOffsets {
        private static final long FIRST = LocalDate.of(1900, 1, 1).toEpochDay();
        private static final int DAYS = (int) (LocalDate.of(2100, 1, 1).toEpochDay() - FIRST);
        private static final ZoneOffset TRANSITION_DAY = ZoneOffset.ofTotalSeconds(18 * 3600);
        private static final java.util.concurrent.ConcurrentHashMap<ZoneId, DayOffsets> BY_ZONE =
                new java.util.concurrent.ConcurrentHashMap<>();

        private final java.time.zone.ZoneRules rules;
        private final java.util.concurrent.atomic.AtomicReferenceArray<ZoneOffset> days =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(DAYS);

        private DayOffsets(ZoneId zone) {
            this.rules = zone.getRules();
        }

        static DayOffsets of(ZoneId zone) {
            return BY_ZONE.computeIfAbsent(zone, DayOffsets::new);
        }

        ZoneOffset plainOffset(LocalDate day) {
            int i = (int) (day.toEpochDay() - FIRST);
            if (i < 0 || i >= DAYS) return null;
            ZoneOffset o = days.get(i);
            if (o == null) {
                o = work(day);
                days.set(i, o);
            }
            return o == TRANSITION_DAY ? null : o;
        }

        private ZoneOffset work(LocalDate day) {
            List<ZoneOffset> start = rules.getValidOffsets(day.atStartOfDay());
            List<ZoneOffset> end = rules.getValidOffsets(day.atTime(23, 59, 59));
            if (start.size() != 1 || end.size() != 1 || !start.get(0).equals(end.get(0))) return TRANSITION_DAY;
            java.time.Instant from = day.atStartOfDay().toInstant(start.get(0));
            java.time.zone.ZoneOffsetTransition next = rules.nextTransition(from.minusSeconds(1));
            if (next != null && next.getInstant().isBefore(from.plusSeconds(86_400))) return TRANSITION_DAY;
            return start.get(0);
        }
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
