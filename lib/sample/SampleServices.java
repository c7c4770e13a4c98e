package lib.sample;

import static lib.sample.SampleActivity.DAYS;
import static lib.sample.SampleActivity.FIRST_DAY;
import static lib.sample.SampleGenerator.dayTime;
import static lib.sample.SampleGenerator.dollars;
import static lib.sample.SampleText.*;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/** Generates the service tables of the sample: rental contracts and their payments, repair orders (slices 5 and 6). */
final class SampleServices {
    private final SampleGenerator g;

    SampleServices(SampleGenerator g) {
        this.g = g;
    }

    void generate() throws SQLException {
        rentals();
        repairs();
    }

    private void rentals() throws SQLException {
        SplittableRandom rng = g.rng("SCHOOL");
        int schools = 40 * g.scale;
        try (TableFiller t = new TableFiller(g.db, "SCHOOL", "SCHOOL_ID", "NAME", "DISTRICT", "PHONE", "ACTIVE")) {
            for (int s = 1; s <= schools; s++) {
                t.add(s, pick(rng, LAST) + (s % 3 == 0 ? " High School" : " Middle School"),
                        pick(rng, CITIES) + " District " + (1 + s % 7), phone(rng), s % 13 == 0 ? "N" : "Y");
            }
            g.done(t);
        }
        rng = g.rng("RENTCONT");
        int contracts = 1500 * g.scale;
        try (TableFiller c = new TableFiller(g.db, "RENTCONT", "CONTRACT_NO", "STORE_NO", "CUST_ID", "SCHOOL_ID",
                "ITEM_ID", "SERIAL_ID", "START_DATE", "END_DATE", "MONTHLY_RATE", "STATUS", "NOTES");
             TableFiller p = new TableFiller(g.db, "RENTPAY", "CONTRACT_NO", "PAY_SEQ", "PAY_DATE", "AMOUNT", "LATE_FEE", "PAY_CODE")) {
            for (int n = 1; n <= contracts; n++) {
                int contract = 50_000 + n;
                Integer cust = g.liveCustomers.get(rng.nextInt(g.liveCustomers.size()));
                if (rng.nextInt(100) < 1) {
                    cust = 8_000_000 + n;
                    g.plant(Defect.ORPHAN_CUSTOMER, "RENTCONT", "CUST_ID", contract);
                }
                int serialId = g.serialIdsByProduct.get(rng.nextInt(g.serialIdsByProduct.size()));
                LocalDateTime start = LocalDate.of(2019, 8, 1).plusDays(rng.nextInt(2200)).atStartOfDay();
                String status = pick(rng, new String[] {"A", "A", "A", "C", "R", "P"});
                LocalDateTime end;
                int roll = rng.nextInt(1000);
                if (roll < 5) {
                    end = SampleGenerator.typoDate(rng);
                    g.plant(Defect.TYPO_DATE, "RENTCONT", "END_DATE", contract);
                } else if (status.equals("A")) {
                    end = SampleGenerator.sentinel(rng);
                    g.plant(Defect.SENTINEL_DATE, "RENTCONT", "END_DATE", contract);
                } else {
                    end = start.plusMonths(3 + rng.nextInt(30));
                }
                BigDecimal rate = dollars(1500 + rng.nextInt(60) * 100 + 99);
                c.add(contract, 1 + rng.nextInt(g.stores), cust, 1 + rng.nextInt(schools), ((serialId - 1) / 5 + 1) * 12,
                        serialId, start, end, rate, status, g.notes(rng, "RENTCONT", "NOTES", 10, contract));
                for (int seq = 1; seq <= 6; seq++) {
                    boolean late = rng.nextInt(20) == 0;
                    p.add(contract, seq, start.plusMonths(seq - 1).plusDays(rng.nextInt(10)).plusHours(10 + rng.nextInt(8)),
                            rate, late ? dollars(500) : (rng.nextBoolean() ? null : BigDecimal.ZERO.setScale(2)),
                            g.payCodes.get(rng.nextInt(Math.min(6, g.payCodes.size()))));
                }
            }
            g.done(c);
            g.done(p);
        }
    }

    private void repairs() throws SQLException {
        SplittableRandom rng = g.rng("REPAIR");
        int count = 2000 * g.scale;
        try (TableFiller r = new TableFiller(g.db, "REPAIR", "RO_NO", "STORE_NO", "CUST_ID", "TECH_ID", "INSTRUMENT",
                "SERIAL_NO", "RECEIVED", "PROMISED", "COMPLETED", "STATUS", "ESTIMATE", "PROBLEM");
             TableFiller l = new TableFiller(g.db, "REPLINE", "RO_NO", "LINE_NO", "LINE_TYPE", "ITEM_ID", "DESCRIPTION",
                "QTY", "UNIT_PRICE", "AMOUNT")) {
            for (int n = 1; n <= count; n++) {
                int ro = 70_000 + n;
                LocalDateTime received = dayTime(rng, FIRST_DAY, DAYS);
                LocalDateTime promised = received.plusDays(7 + rng.nextInt(14)).toLocalDate().atStartOfDay();
                if (rng.nextInt(100) < 5) {
                    promised = SampleGenerator.sentinel(rng);
                    g.plant(Defect.SENTINEL_DATE, "REPAIR", "PROMISED", ro);
                }
                String status = pick(rng, new String[] {"O", "W", "C", "C", "C", "P"});
                LocalDateTime completed = status.equals("C") || status.equals("P") ? received.plusDays(3 + rng.nextInt(20)) : null;
                if (completed != null && rng.nextInt(200) == 0) {
                    completed = SampleGenerator.typoDate(rng);
                    g.plant(Defect.TYPO_DATE, "REPAIR", "COMPLETED", ro);
                }
                long labor = 2500 + rng.nextInt(120) * 100;
                SampleGenerator.Product part = g.liveProducts.get(rng.nextInt(g.liveProducts.size()));
                r.add(ro, 1 + rng.nextInt(g.stores), g.customerOrNull(rng, 97), 1 + rng.nextInt(g.employees),
                        pick(rng, INSTRUMENTS), "C" + (100000 + rng.nextInt(900000)), received, promised, completed, status,
                        dollars(labor + part.price().movePointRight(2).longValue()),
                        g.notes(rng, "REPAIR", "PROBLEM", 90, ro));
                l.add(ro, 1, "L", null, "Bench labor", 1, dollars(labor), dollars(labor));
                if (!part.description().equals(part.description().strip())) g.plant(Defect.STRAY_SPACES, "REPLINE", "DESCRIPTION", ro, 2);
                l.add(ro, 2, "P", part.id(), part.description(), 1, part.price(), part.price());
            }
            g.done(r);
            g.done(l);
        }
    }
}
