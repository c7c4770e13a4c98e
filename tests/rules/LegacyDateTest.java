package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import lib.rules.LegacyDate;
import lib.rules.RuleException;
import org.junit.jupiter.api.Test;

class LegacyDateTest {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    final List<String> fired = new ArrayList<>();

    @Test
    void sentinelsAndTyposBecomeNull() {
        assertNull(LegacyDate.date(LocalDateTime.of(1900, 1, 1, 0, 0), fired::add));
        assertNull(LegacyDate.date(LocalDateTime.of(1899, 12, 30, 0, 0), fired::add));
        assertNull(LegacyDate.date(LocalDateTime.of(2197, 5, 1, 0, 0), fired::add));
        assertNull(LegacyDate.date(LocalDateTime.of(1019, 5, 1, 0, 0), fired::add));
        assertEquals(List.of("sentinel_date", "sentinel_date", "typo_date", "typo_date"), fired);
        assertEquals("1900-01-02", LegacyDate.date(LocalDateTime.of(1900, 1, 2, 0, 0), fired::add));
        assertEquals("2099-12-31", LegacyDate.date(LocalDateTime.of(2099, 12, 31, 23, 59), fired::add));
        assertNull(LegacyDate.date(null, fired::add));
        assertEquals(4, fired.size());
    }

    @Test
    void localTimesBecomeUtcInstants() {
        assertEquals("2024-01-15T15:30:00Z", LegacyDate.instant(LocalDateTime.of(2024, 1, 15, 9, 30), CHICAGO, fired::add));
        assertEquals("2024-07-15T14:30:00Z", LegacyDate.instant(LocalDateTime.of(2024, 7, 15, 9, 30), CHICAGO, fired::add));
        assertTrue(fired.isEmpty());
    }

    /** Helm keeps whole seconds: a fraction is dropped, never rounded into the next day (or month), and counted. */
    @Test
    void aFractionOfASecondIsDroppedAndCounted() {
        assertEquals("2024-07-15T14:30:05Z", LegacyDate.instant(LocalDateTime.of(2024, 7, 15, 9, 30, 5, 997_000_000), CHICAGO, fired::add));
        assertEquals("2024-03-01T05:59:59Z", LegacyDate.instant(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 997_000_000), CHICAGO, fired::add),
                "the last moment of Feb 29 in Chicago stays Feb 29 there");
        assertEquals("2024-03-10T08:30:00Z", LegacyDate.instant(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 500_000_000), CHICAGO, fired::add));
        assertNull(LegacyDate.instant(LocalDateTime.of(1900, 1, 1, 0, 0, 0, 3_000_000), CHICAGO, fired::add), "a sentinel day, whatever its time");
        assertEquals(List.of("sub_second", "sub_second", "dst_gap", "sub_second", "sentinel_date"), fired);
    }

    @Test
    void aTimeInTheSpringForwardGapMovesForwardByTheGap() {
        // 2024-03-10 02:30 does not exist in Chicago; it is read as 03:30 CDT = 08:30Z.
        assertEquals("2024-03-10T08:30:00Z", LegacyDate.instant(LocalDateTime.of(2024, 3, 10, 2, 30), CHICAGO, fired::add));
        assertEquals(List.of("dst_gap"), fired);
    }

    @Test
    void aTimeInTheFallBackOverlapTakesTheEarlierOffset() {
        // 2024-11-03 01:30 happens twice in Chicago; the first (CDT, -05:00) is used.
        assertEquals("2024-11-03T06:30:00Z", LegacyDate.instant(LocalDateTime.of(2024, 11, 3, 1, 30), CHICAGO, fired::add));
        assertEquals(List.of("dst_overlap"), fired);
    }

    @Test
    void everyQuarterHourOverDecadesMatchesTheZoneRulesInSeveralZones() {
        // The per-day offset cache must give what java.time's full rules give, transitions included.
        for (String zone : List.of("America/Chicago", "America/St_Johns", "Australia/Lord_Howe", "Europe/London", "Asia/Kolkata")) {
            ZoneId z = ZoneId.of(zone);
            for (LocalDateTime t = LocalDateTime.of(1995, 1, 1, 0, 7); t.getYear() < 2030; t = t.plusDays(1)) {
                for (int q = 0; q < 96; q++) {
                    LocalDateTime local = t.plusMinutes(15L * q);
                    java.time.ZonedDateTime full = java.time.ZonedDateTime.ofLocal(local, z, null);
                    String expected = full.withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime()
                            + ":00Z";
                    assertEquals(expected, LegacyDate.instant(local, z, fired::add), zone + " " + local);
                }
            }
        }
    }

    @Test
    void aRequiredTimeThatIsNoneRejectsTheRow() {
        RuleException e = assertThrows(RuleException.class,
                () -> LegacyDate.requiredInstant(LocalDateTime.of(1900, 1, 1, 0, 0), CHICAGO, "TICKET_DATE", fired::add));
        assertTrue(e.getMessage().contains("TICKET_DATE"));
    }
}
