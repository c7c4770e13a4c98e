package lib.sample;

import static lib.sample.SampleGenerator.dayTime;
import static lib.sample.SampleGenerator.dollars;
import static lib.sample.SampleText.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generates the activity tables of the sample: sales and accounts (slices 4 and 7); {@link SampleServices} rentals and repairs. */
final class SampleActivity {
    static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    static final int DAYS = 2556; // to the end of 2025

    private final SampleGenerator g;
    private final List<int[]> tickets = new ArrayList<>();
    private final List<ZoneOffsetTransition> springForward = new ArrayList<>();
    private final List<ZoneOffsetTransition> fallBack = new ArrayList<>();

    SampleActivity(SampleGenerator g) {
        this.g = g;
        for (ZoneOffsetTransition t : SampleGenerator.SHOP_ZONE.getRules().getTransitions()) {
            int year = t.getDateTimeBefore().getYear();
            if (year < 2019 || year > 2025) continue;
            (t.isGap() ? springForward : fallBack).add(t);
        }
        // Zone rules for recent years may come as a rule rather than as listed transitions.
        if (springForward.isEmpty()) {
            for (int y = 2019; y <= 2025; y++) {
                ZoneOffsetTransition t = SampleGenerator.SHOP_ZONE.getRules()
                        .nextTransition(LocalDate.of(y, 1, 1).atStartOfDay(SampleGenerator.SHOP_ZONE).toInstant());
                ZoneOffsetTransition u = SampleGenerator.SHOP_ZONE.getRules().nextTransition(t.getInstant());
                springForward.add(t);
                fallBack.add(u);
            }
        }
    }

    void generate() throws SQLException {
        sales();
        new SampleServices(g).generate();
        accounts();
    }

    private LocalDateTime ticketTime(SplittableRandom rng, int store, int ticket) {
        int roll = rng.nextInt(1000);
        if (roll < 2) {
            ZoneOffsetTransition t = springForward.get(rng.nextInt(springForward.size()));
            g.plant(Defect.DST_GAP, "TICKET", "TICKET_DATE", store, ticket);
            return t.getDateTimeBefore().plusMinutes(1 + rng.nextInt(58));
        }
        if (roll < 4) {
            ZoneOffsetTransition t = fallBack.get(rng.nextInt(fallBack.size()));
            g.plant(Defect.DST_OVERLAP, "TICKET", "TICKET_DATE", store, ticket);
            return t.getDateTimeAfter().plusMinutes(1 + rng.nextInt(58));
        }
        return dayTime(rng, FIRST_DAY, DAYS);
    }

    private void sales() throws SQLException {
        SplittableRandom rng = g.rng("TICKET");
        int count = 15000 * g.scale;
        try (TableFiller tk = new TableFiller(g.db, "TICKET", "STORE_NO", "TICKET_NO", "TICKET_DATE", "CUST_ID", "EMP_ID",
                "SUBTOTAL", "TAX", "TOTAL", "VOIDED", "NOTES");
             TableFiller ln = new TableFiller(g.db, "TKTLINE", "STORE_NO", "TICKET_NO", "LINE_NO", "ITEM_ID", "SKU",
                "DESCRIPTION", "QTY", "UNIT_PRICE", "DISCOUNT", "EXT_PRICE", "TAX_CODE", "SERIAL_ID");
             TableFiller py = new TableFiller(g.db, "TKTPAY", "STORE_NO", "TICKET_NO", "PAY_SEQ", "PAY_CODE", "AMOUNT",
                "PAID_AT", "REF_NO")) {
            int[] nextTicket = new int[g.stores + 1];
            int orphanLines = 0;
            for (int i = 0; i < count; i++) {
                int store = 1 + i % g.stores;
                int ticket = 100_000 + ++nextTicket[store];
                LocalDateTime when = ticketTime(rng, store, ticket);
                int taxIndex = 1 + rng.nextInt(g.taxCodes.size() - 1);
                BigDecimal subtotal = BigDecimal.ZERO.setScale(4);
                int lines = new int[] {1, 2, 3, 3, 3}[i % 5];
                for (int line = 1; line <= lines; line++) {
                    int qty = rng.nextInt(100) < 1 ? -1 : 1 + (rng.nextInt(10) == 0 ? rng.nextInt(4) : 0);
                    Integer itemId;
                    String sku, description;
                    BigDecimal unit;
                    if (rng.nextInt(1000) < 8) {
                        orphanLines++;
                        itemId = 9_000_000 + orphanLines;
                        sku = "DISC-" + orphanLines;
                        description = "Discontinued item " + orphanLines;
                        unit = dollars(199 + rng.nextInt(5000));
                        g.plant(Defect.ORPHAN_PRODUCT, "TKTLINE", "ITEM_ID", store, ticket, line);
                    } else {
                        SampleGenerator.Product p = g.liveProducts.get(rng.nextInt(g.liveProducts.size()));
                        itemId = p.id();
                        sku = p.sku();
                        description = p.description();
                        unit = p.price();
                    }
                    BigDecimal discount = rng.nextInt(10) == 0 ? dollars(100 + rng.nextInt(500)) : BigDecimal.ZERO.setScale(2);
                    BigDecimal ext = unit.multiply(BigDecimal.valueOf(qty)).subtract(qty < 0 ? BigDecimal.ZERO : discount).setScale(4);
                    if (rng.nextInt(100) < 3) {
                        // AIM's percentage discounts leave fractions of a cent, some exactly half.
                        ext = ext.add(new BigDecimal(pick(rng, new String[] {"0.0050", "0.0037", "-0.0050", "0.0081"})));
                        g.plant(Defect.SUB_CENT_MONEY, "TKTLINE", "EXT_PRICE", store, ticket, line);
                    }
                    subtotal = subtotal.add(ext);
                    if (!description.equals(description.strip())) {
                        // AIM copies the product's description onto the line, padding and all.
                        g.plant(Defect.STRAY_SPACES, "TKTLINE", "DESCRIPTION", store, ticket, line);
                    }
                    ln.add(store, ticket, line, itemId, sku, description, qty, unit, discount, ext,
                            g.taxCodes.get(taxIndex), null);
                }
                BigDecimal tax = subtotal.multiply(g.taxRates.get(taxIndex)).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
                BigDecimal total = subtotal.add(tax);
                if (subtotal.remainder(new BigDecimal("0.01")).signum() != 0) {
                    g.plant(Defect.SUB_CENT_MONEY, "TICKET", "SUBTOTAL", store, ticket);
                    g.plant(Defect.SUB_CENT_MONEY, "TICKET", "TOTAL", store, ticket);
                }
                String voided = rng.nextInt(100) < 1 ? "Y" : "N";
                tk.add(store, ticket, when, g.customerOrNull(rng, 60), 1 + rng.nextInt(g.employees), subtotal, tax, total,
                        voided, g.notes(rng, "TICKET", "NOTES", 5, store, ticket));
                tickets.add(new int[] {store, ticket});
                BigDecimal paid = total.setScale(2, RoundingMode.HALF_UP);
                int offsets = SampleGenerator.SHOP_ZONE.getRules().getValidOffsets(when).size();
                for (int seq = 1; offsets != 1 && seq <= (i % 15 == 0 ? 2 : 1); seq++) {
                    // Payments are taken at the ticket's time, so they carry its DST defect too.
                    g.plant(offsets == 0 ? Defect.DST_GAP : Defect.DST_OVERLAP, "TKTPAY", "PAID_AT", store, ticket, seq);
                }
                if (i % 15 == 0) {
                    BigDecimal first = paid.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
                    py.add(store, ticket, 1, "CASH", first, when, null);
                    py.add(store, ticket, 2, pick(rng, new String[] {"VISA", "MC", "GIFT"}), paid.subtract(first), when,
                            String.valueOf(100000 + rng.nextInt(900000)));
                } else {
                    py.add(store, ticket, 1, g.payCodes.get(rng.nextInt(Math.min(8, g.payCodes.size()))), paid, when,
                            rng.nextBoolean() ? null : String.valueOf(100000 + rng.nextInt(900000)));
                }
            }
            for (int k = 1; k <= 25 * g.scale; k++) {
                int store = 1 + k % g.stores;
                int ticket = 900_000 + k;
                g.plant(Defect.ORPHAN_TICKET, "TKTPAY", "TICKET_NO", store, ticket, 1);
                py.add(store, ticket, 1, "VISA", dollars(500 + rng.nextInt(20000)), dayTime(rng, FIRST_DAY, DAYS), null);
            }
            g.done(tk);
            g.done(ln);
            g.done(py);
        }
    }

    private void accounts() throws SQLException {
        SplittableRandom rng = g.rng("ARACCT");
        int count = 600 * g.scale;
        try (TableFiller a = new TableFiller(g.db, "ARACCT", "AR_ID", "CUST_ID", "CREDIT_LIMIT", "BALANCE", "OPENED", "STATUS");
             TableFiller t = new TableFiller(g.db, "ARTRANS", "AR_ID", "TRANS_SEQ", "TRANS_DATE", "TRANS_TYPE", "AMOUNT",
                "STORE_NO", "TICKET_NO", "MEMO")) {
            for (int n = 1; n <= count; n++) {
                int ar = 3_000 + n;
                LocalDateTime opened = dayTime(rng, LocalDate.of(2015, 1, 1), 1400);
                long balance = 0;
                for (int seq = 1; seq <= 7; seq++) {
                    boolean charge = seq % 2 == 1;
                    long cents = charge ? 1000 + rng.nextInt(40000) : -Math.min(balance, 500 + rng.nextInt(30000));
                    balance += cents;
                    int[] tk = charge ? tickets.get(rng.nextInt(tickets.size())) : null;
                    t.add(ar, seq, opened.plusDays(seq * 20L + rng.nextInt(15)), charge ? "C" : "P", dollars(cents),
                            tk == null ? null : tk[0], tk == null ? null : tk[1], charge ? "Charge to account" : "Payment, thank you");
                }
                a.add(ar, g.liveCustomers.get(rng.nextInt(g.liveCustomers.size())), dollars(50_000 + rng.nextInt(20) * 10_000),
                        dollars(balance), opened, balance > 0 ? "O" : "Z");
            }
            g.done(a);
            g.done(t);
        }
        rng = g.rng("GIFTCARD");
        try (TableFiller t = new TableFiller(g.db, "GIFTCARD", "CARD_NO", "STORE_NO", "ISSUED", "INITIAL_AMT", "BALANCE", "CUST_ID", "ACTIVE")) {
            for (int n = 1; n <= 800 * g.scale; n++) {
                String card = String.format("GC%010d", 1_000_000L + n * 7L);
                long initial = 2500L * (1 + rng.nextInt(8));
                Boolean active = rng.nextInt(100) < 3 ? null : rng.nextInt(10) > 0;
                if (active == null) g.plant(Defect.FLAG_BLANK, "GIFTCARD", "ACTIVE", card);
                t.add(card, 1 + rng.nextInt(g.stores), dayTime(rng, FIRST_DAY, DAYS), dollars(initial),
                        dollars(rng.nextBoolean() ? initial : rng.nextInt((int) initial)), g.customerOrNull(rng, 30), active);
            }
            g.done(t);
        }
        layawaysAndOrders();
    }

    private void layawaysAndOrders() throws SQLException {
        SplittableRandom rng = g.rng("LAYAWAY");
        try (TableFiller l = new TableFiller(g.db, "LAYAWAY", "LAYAWAY_NO", "STORE_NO", "CUST_ID", "ITEM_ID", "CREATED",
                "EXPIRES", "TOTAL", "STATUS");
             TableFiller p = new TableFiller(g.db, "LAYPAY", "LAYAWAY_NO", "PAY_SEQ", "PAY_DATE", "AMOUNT", "PAY_CODE")) {
            for (int n = 1; n <= 300 * g.scale; n++) {
                int no = 20_000 + n;
                SampleGenerator.Product item = g.liveProducts.get(rng.nextInt(g.liveProducts.size()));
                LocalDateTime created = dayTime(rng, FIRST_DAY, DAYS);
                long total = item.price().movePointRight(2).longValue();
                l.add(no, 1 + rng.nextInt(g.stores), g.liveCustomers.get(rng.nextInt(g.liveCustomers.size())), item.id(),
                        created, created.plusDays(90), dollars(total), pick(rng, new String[] {"O", "O", "C", "X"}));
                for (int seq = 1; seq <= 3; seq++) {
                    p.add(no, seq, created.plusDays(seq * 20L), dollars(total / 4), g.payCodes.get(rng.nextInt(Math.min(6, g.payCodes.size()))));
                }
            }
            g.done(l);
            g.done(p);
        }
        rng = g.rng("SPECORD");
        try (TableFiller t = new TableFiller(g.db, "SPECORD", "SO_NO", "STORE_NO", "CUST_ID", "VENDOR_ID", "DESCRIPTION",
                "ORDERED", "DUE", "DEPOSIT", "PRICE", "STATUS", "NOTES")) {
            for (int n = 1; n <= 700 * g.scale; n++) {
                int so = 40_000 + n;
                LocalDateTime ordered = dayTime(rng, FIRST_DAY, DAYS);
                LocalDateTime due = ordered.plusDays(14 + rng.nextInt(40)).toLocalDate().atStartOfDay();
                if (rng.nextInt(100) < 3) {
                    due = SampleGenerator.sentinel(rng);
                    g.plant(Defect.SENTINEL_DATE, "SPECORD", "DUE", so);
                }
                long price = 1500 + rng.nextInt(200_000);
                t.add(so, 1 + rng.nextInt(g.stores), g.liveCustomers.get(rng.nextInt(g.liveCustomers.size())),
                        1 + rng.nextInt(g.vendors), "Special order: " + pick(rng, INSTRUMENTS) + " " + pick(rng, CATEGORY_WORDS),
                        ordered, due, dollars(price / 5), dollars(price), pick(rng, new String[] {"O", "R", "C", "X"}),
                        g.notes(rng, "SPECORD", "NOTES", 20, so));
            }
            g.done(t);
        }
    }
}
