package tests.target;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lib.target.HelmFigures;
import org.junit.jupiter.api.Test;

/**
 * The Helm side's month of an instant (HelmFigures.month): the shop's local month, from its table of month starts
 * from 1900 to 2099 and else from the zone's offsets, in zones whose clocks change at midnight, by half hours, skip a
 * day or run 45 minutes off the hour, and in zones drawn at random, at every month start and a second either side.
 */
class HelmFiguresMonthTest {
    static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z"), LAST = Instant.parse("2099-12-31T23:59:59Z");

    /** What the months must be: the local month at the zone's offset then (the offsets of 1900 before it, and of 2099 after). */
    static long expected(Instant at, ZoneId zone) {
        Instant clamped = at.isBefore(FIRST) ? FIRST : at.isAfter(LAST) ? LAST : at;
        ZoneOffset offset = zone.getRules().getOffset(clamped);
        YearMonth m = YearMonth.from(LocalDateTime.ofInstant(at, offset));
        return m.getYear() * 100L + m.getMonthValue();
    }

    @Test
    void aMonthIsTheShopsLocalMonthAtAnyInstantInAnyZone() throws Exception {
        List<String> zones = new ArrayList<>(List.of("America/Chicago", "America/Sao_Paulo", "America/Havana", "Asia/Beirut", "Pacific/Apia",
                "Australia/Lord_Howe", "Asia/Kathmandu", "Africa/Casablanca", "America/St_Johns", "Europe/Dublin", "Pacific/Kiritimati", "UTC"));
        List<String> all = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));
        Random random = new Random(20261128);
        for (int i = 0; i < 20; i++) zones.add(all.get(random.nextInt(all.size())));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = db.createStatement()) {
            st.executeUpdate("CREATE TABLE t (at TEXT)");
            for (String z : zones) {
                ZoneId zone = ZoneId.of(z);
                List<Instant> instants = new ArrayList<>();
                for (YearMonth m = YearMonth.of(1899, 11); m.isBefore(YearMonth.of(2100, 3)); m = m.plusMonths(1)) {
                    Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
                    instants.add(start.minusSeconds(1));
                    instants.add(start);
                    instants.add(start.plusSeconds(1));
                }
                long from = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond(), to = Instant.parse("2150-01-01T00:00:00Z").getEpochSecond();
                for (int i = 0; i < 500; i++) instants.add(Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from))));
                st.executeUpdate("DELETE FROM t");
                try (PreparedStatement ins = db.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (Instant at : instants) {
                        ins.setString(1, at.toString());
                        ins.addBatch();
                    }
                    ins.setNull(1, java.sql.Types.VARCHAR);
                    ins.addBatch();
                    ins.executeBatch();
                }
                HelmFigures.shopOffsets(db, zone);
                int checked = 0;
                try (ResultSet rs = st.executeQuery("SELECT t.at, " + HelmFigures.month("t.at") + " FROM t")) {
                    while (rs.next()) {
                        String at = rs.getString(1);
                        long want = at == null ? 0 : expected(Instant.parse(at), zone);
                        assertEquals(want, rs.getLong(2), z + " " + at);
                        checked++;
                    }
                }
                HelmFigures.dropShopOffsets(db);
                assertEquals(instants.size() + 1, checked);
            }
        }
    }
}
