package lib.sample;

import static lib.sample.SampleGenerator.dayTime;
import static lib.sample.SampleGenerator.dollars;
import static lib.sample.SampleText.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Generates the inventory tables of the sample: vendors, products, stock per store, serial numbers (slice 3). */
final class SampleInventory {
    private final SampleGenerator g;

    SampleInventory(SampleGenerator g) {
        this.g = g;
    }

    void generate() throws SQLException {
        SplittableRandom rng = g.rng("VENDOR");
        g.vendors = 150 * g.scale;
        try (TableFiller t = new TableFiller(g.db, "VENDOR", "VENDOR_ID", "VENDOR_CODE", "NAME", "PHONE", "EMAIL", "ACTIVE")) {
            for (int v = 1; v <= g.vendors; v++) {
                String name = pick(rng, LAST) + " " + pick(rng, CATEGORY_WORDS) + " Supply";
                t.add(v, String.format("V%05d", v), name, phone(rng), "orders" + v + "@vendor.example.com",
                        g.flagYN(rng, "VENDOR", "ACTIVE", v % 9 != 0, v));
            }
            g.done(t);
        }
        productsAndStock();
    }

    private void productsAndStock() throws SQLException {
        SplittableRandom rng = g.rng("INVMAST");
        int count = 6000 * g.scale;
        List<SampleGenerator.Product> all = new ArrayList<>();
        try (TableFiller t = new TableFiller(g.db, "INVMAST", "ITEM_ID", "SKU", "DESCRIPTION", "CAT_CODE", "VENDOR_ID",
                "COST", "PRICE", "TAXABLE", "SERIALIZED", "ACTIVE", "DELETED", "CREATED")) {
            for (int id = 1; id <= count; id++) {
                boolean serialized = id % 12 == 0;
                boolean deleted = !serialized && rng.nextInt(100) < 2;
                if (deleted) g.plant(Defect.SOFT_DELETED, "INVMAST", "DELETED", id);
                String cat = g.categoryCodes.get(rng.nextInt(g.categoryCodes.size()));
                String prefix = CATEGORY_WORDS[Integer.parseInt(cat.substring(1)) % CATEGORY_WORDS.length].substring(0, 3);
                String sku = prefix.toUpperCase(Locale.ROOT) + "-" + (10000 + id);
                if (!deleted && !g.liveProducts.isEmpty() && rng.nextInt(1000) < 7) {
                    String earlier = g.liveProducts.get(rng.nextInt(g.liveProducts.size())).sku().trim();
                    sku = switch (rng.nextInt(3)) {
                        case 0 -> " " + earlier;
                        case 1 -> earlier.toLowerCase(Locale.ROOT) + " ";
                        default -> earlier + "  ";
                    };
                    g.plant(Defect.DUPLICATE_SKU, "INVMAST", "SKU", id);
                }
                String description = (serialized ? pick(rng, INSTRUMENTS) : pick(rng, CATEGORY_WORDS)) + " model " + (100 + rng.nextInt(900));
                if (rng.nextInt(100) < 1) description = g.planted(Defect.NON_ASCII, "INVMAST", "DESCRIPTION", id, description + " – Größe Ü");
                if (rng.nextInt(100) < 2) description = g.planted(Defect.STRAY_SPACES, "INVMAST", "DESCRIPTION", id, strayPad(rng, description));
                long priceCents = serialized ? 20_000 + rng.nextInt(300_000) : 99 + rng.nextInt(20_000);
                BigDecimal cost = BigDecimal.valueOf(priceCents * (45 + rng.nextInt(20)), 4);
                if (cost.remainder(new BigDecimal("0.01")).signum() != 0) g.plant(Defect.SUB_CENT_COST, "INVMAST", "COST", id);
                SampleGenerator.Product p = new SampleGenerator.Product(id, sku, dollars(priceCents), description, serialized);
                all.add(p);
                if (!deleted) g.liveProducts.add(p);
                t.add(id, sku, description, cat, 1 + rng.nextInt(g.vendors), cost, p.price(),
                        g.flagYN(rng, "INVMAST", "TAXABLE", id % 17 != 0, id), serialized,
                        g.flagYN(rng, "INVMAST", "ACTIVE", id % 23 != 0, id), deleted,
                        dayTime(rng, LocalDate.of(2005, 1, 1), 7000));
            }
            g.done(t);
        }
        rng = g.rng("INVSTORE");
        try (TableFiller t = new TableFiller(g.db, "INVSTORE", "ITEM_ID", "STORE_NO", "ON_HAND", "ON_ORDER", "MIN_QTY", "BIN_LOC")) {
            for (SampleGenerator.Product p : all) {
                int first = 1 + p.id() % g.stores;
                int second = 1 + (p.id() + 1) % g.stores;
                for (int store : new int[] {Math.min(first, second), Math.max(first, second)}) {
                    t.add(p.id(), store, rng.nextInt(40) - 2, rng.nextInt(5), rng.nextInt(4),
                            String.format("%c%02d-%d", (char) ('A' + rng.nextInt(8)), rng.nextInt(40), rng.nextInt(6)));
                }
            }
            g.done(t);
        }
        rng = g.rng("SERIAL");
        String[] status = {"S", "S", "S", "R", "R", "D"};
        try (TableFiller t = new TableFiller(g.db, "SERIAL", "SERIAL_ID", "ITEM_ID", "SERIAL_NO", "STORE_NO", "STATUS", "RECEIVED", "COST")) {
            int serialId = 0;
            for (SampleGenerator.Product p : all) {
                if (!p.serialized()) continue;
                for (int k = 0; k < 5; k++) {
                    serialId++;
                    g.serialIdsByProduct.add(serialId);
                    t.add(serialId, p.id(), String.format("SN%08d", 10_000_000 + serialId * 7919 % 89_999_999),
                            1 + rng.nextInt(g.stores), pick(rng, status), dayTime(rng, LocalDate.of(2010, 1, 1), 5000),
                            p.price().multiply(new BigDecimal("0.55")).setScale(2, RoundingMode.DOWN));
                }
            }
            g.done(t);
        }
    }
}
