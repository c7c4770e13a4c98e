package lib.sample;

import static lib.sample.SampleText.*;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills an empty sample AIM v12 database deterministically: the same scale gives
 * the same rows. Every table holds exactly scale x its base count. Defects are
 * planted at fixed rates and recorded in the manifest. This class makes slices
 * 1-2 (reference data, customers); {@link SampleInventory}, {@link SampleActivity} and {@link SampleServices} the rest.
 */
public final class SampleGenerator {
    /** Bump when the generated content changes (or how it is stored: 8 stores rows in key order), so cached samples are rebuilt. */
    public static final String VERSION = "8";
    public static final ZoneId SHOP_ZONE = ZoneId.of("America/Chicago");
    static final long SEED = 0x41494D7631324CL;

    final Connection db;
    final int scale;
    final Manifest manifest = new Manifest();

    // What later tables may refer to.
    int stores;
    int employees;
    final List<String> taxCodes = new ArrayList<>();
    final List<BigDecimal> taxRates = new ArrayList<>();
    final List<String> payCodes = new ArrayList<>();
    final List<String> categoryCodes = new ArrayList<>();
    final List<Integer> liveCustomers = new ArrayList<>();
    int vendors;
    final List<Product> liveProducts = new ArrayList<>();
    final List<Integer> serialIdsByProduct = new ArrayList<>();

    record Product(int id, String sku, BigDecimal price, String description, boolean serialized) {}

    /** Told each table as it is filled, so a long generation (scale 10 and up) shows it is getting on. */
    private java.util.function.Consumer<String> say = line -> {};
    private final long started = System.nanoTime();

    public SampleGenerator(Connection db, int scale) {
        this.db = db;
        this.scale = scale;
    }

    public SampleGenerator saying(java.util.function.Consumer<String> say) {
        this.say = say;
        return this;
    }

    /** Each table gets its own random stream, so changing one table leaves the others alone. */
    SplittableRandom rng(String table) {
        return new SplittableRandom(SEED ^ table.hashCode() * 0x9E3779B97F4A7C15L);
    }

    void plant(Defect defect, String table, String column, Object... key) {
        manifest.plant(defect, table, column, key);
    }

    void done(TableFiller filler) {
        manifest.rows(filler.table(), filler.rows());
        say.accept(String.format("  %-10s %,12d rows generated  %6.1f s", filler.table(), filler.rows(), (System.nanoTime() - started) / 1e9));
    }

    public Manifest generate() throws SQLException {
        reference();
        customers();
        new SampleInventory(this).generate();
        new SampleActivity(this).generate();
        return manifest;
    }

    /** A live customer in {@code percent} of cases, else none (a walk-in). */
    Integer customerOrNull(SplittableRandom rng, int percent) {
        return rng.nextInt(100) < percent ? liveCustomers.get(rng.nextInt(liveCustomers.size())) : null;
    }

    static LocalDateTime dayTime(SplittableRandom rng, LocalDate from, int days) {
        return from.plusDays(rng.nextInt(days)).atTime(9 + rng.nextInt(12), rng.nextInt(60), rng.nextInt(60));
    }

    static BigDecimal dollars(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    String flagYN(SplittableRandom rng, String table, String column, boolean value, Object key) {
        int roll = rng.nextInt(100);
        if (roll < 3) {
            plant(Defect.FLAG_VARIANT, table, column, key);
            String[] variants = value ? new String[] {"T", "1", "y"} : new String[] {"F", "0", "n"};
            return pick(rng, variants);
        }
        if (roll < 5) {
            plant(Defect.FLAG_BLANK, table, column, key);
            return rng.nextBoolean() ? " " : null;
        }
        return value ? "Y" : "N";
    }

    private void reference() throws SQLException {
        SplittableRandom rng = rng("STORE");
        stores = 3 * scale;
        try (TableFiller t = new TableFiller(db, "STORE", "STORE_NO", "STORE_NAME", "ADDRESS", "PHONE", "ACTIVE", "OPENED")) {
            for (int s = 1; s <= stores; s++) {
                t.add(s, pick(rng, CITIES) + " Music #" + s, (100 + s) + " " + pick(rng, STREETS), phone(rng),
                        "Y", LocalDate.of(1985 + rng.nextInt(30), 1 + rng.nextInt(12), 1).atStartOfDay());
            }
            done(t);
        }
        rng = rng("EMPLOYEE");
        employees = 40 * scale;
        try (TableFiller t = new TableFiller(db, "EMPLOYEE", "EMP_ID", "STORE_NO", "FIRST_NAME", "LAST_NAME",
                "INITIALS", "HIRE_DATE", "ACTIVE", "IS_MGR")) {
            for (int e = 1; e <= employees; e++) {
                String first = pick(rng, FIRST), last = pick(rng, LAST);
                Boolean active = rng.nextInt(100) < 4 ? null : rng.nextInt(10) > 0;
                if (active == null) plant(Defect.FLAG_BLANK, "EMPLOYEE", "ACTIVE", e);
                t.add(e, 1 + rng.nextInt(stores), first, last, "" + first.charAt(0) + last.charAt(0),
                        dayTime(rng, LocalDate.of(2000, 1, 1), 9000), active,
                        flagYN(rng, "EMPLOYEE", "IS_MGR", e % 8 == 1, e));
            }
            done(t);
        }
        rng = rng("TAXRATE");
        try (TableFiller t = new TableFiller(db, "TAXRATE", "TAX_CODE", "DESCRIPTION", "RATE")) {
            for (int i = 0; i < 6 * scale; i++) {
                String code = i == 0 ? "EXEMPT" : "TX" + i;
                BigDecimal rate = i == 0 ? BigDecimal.ZERO.setScale(4) : BigDecimal.valueOf(500 + rng.nextInt(600) * 5, 2).setScale(4);
                taxCodes.add(code);
                taxRates.add(rate);
                t.add(code, i == 0 ? "Tax exempt" : "Sales tax district " + i, rate);
            }
            done(t);
        }
        String[] pay = {"CASH", "CHK", "VISA", "MC", "AMEX", "DISC", "GIFT", "ACCT"};
        try (TableFiller t = new TableFiller(db, "PAYTYPE", "PAY_CODE", "DESCRIPTION", "IS_CASH", "OPENS_DRAWER")) {
            for (int i = 0; i < 8 * scale; i++) {
                String code = i < pay.length ? pay[i] : "P" + i;
                payCodes.add(code);
                t.add(code, i < pay.length ? pay[i] + " tender" : "Tender " + i, i < 2 ? "Y" : "N", i < 2);
            }
            done(t);
        }
        rng = rng("CATEGORY");
        try (TableFiller t = new TableFiller(db, "CATEGORY", "CAT_CODE", "DESCRIPTION", "PARENT_CODE", "TAXABLE")) {
            for (int i = 0; i < 60 * scale; i++) {
                String code = String.format("C%04d", i);
                String parent = i < 12 ? null : categoryCodes.get(rng.nextInt(12));
                categoryCodes.add(code);
                t.add(code, CATEGORY_WORDS[i % CATEGORY_WORDS.length] + (i < 12 ? "" : " " + i), parent,
                        flagYN(rng, "CATEGORY", "TAXABLE", i % 11 != 0, code));
            }
            done(t);
        }
    }

    private void customers() throws SQLException {
        SplittableRandom rng = rng("CUST");
        int count = 8000 * scale;
        List<String> liveAccounts = new ArrayList<>();
        try (TableFiller t = new TableFiller(db, "CUST", "CUST_ID", "ACCT_NO", "FIRST_NAME", "LAST_NAME", "COMPANY",
                "ADDRESS1", "CITY", "STATE", "ZIP", "PHONE1", "PHONE2", "EMAIL", "BIRTH_DATE", "CREATED",
                "TAX_EXEMPT", "DELETED", "NOTES", "ROW_GUID")) {
            for (int id = 1; id <= count; id++) {
                boolean deleted = rng.nextInt(100) < 2;
                if (deleted) plant(Defect.SOFT_DELETED, "CUST", "DELETED", id);
                String account = "A" + (100000 + id);
                if (!deleted && !liveAccounts.isEmpty() && rng.nextInt(1000) < 5) {
                    account = liveAccounts.get(rng.nextInt(liveAccounts.size()));
                    plant(Defect.DUPLICATE_ACCOUNT, "CUST", "ACCT_NO", id);
                }
                if (!deleted) {
                    liveAccounts.add(account);
                    liveCustomers.add(id);
                }
                String first = name(rng, "FIRST_NAME", id, FIRST, NON_ASCII_FIRST);
                String last = name(rng, "LAST_NAME", id, LAST, NON_ASCII_LAST);
                String company = null;
                if (rng.nextInt(100) < 2) {
                    company = rng.nextBoolean() ? "" : "   ";
                    plant(Defect.EMPTY_STRING, "CUST", "COMPANY", id);
                } else if (rng.nextInt(100) < 6) {
                    company = pick(rng, LAST) + " School District";
                }
                String phone1 = rng.nextInt(1000) < 5 ? planted(Defect.PHONE_UNPARSEABLE, "CUST", "PHONE1", id, pick(rng, BAD_PHONES)) : phone(rng);
                String phone2 = null;
                int p2 = rng.nextInt(1000);
                if (p2 < 5) phone2 = planted(Defect.PHONE_UNPARSEABLE, "CUST", "PHONE2", id, pick(rng, BAD_PHONES));
                else if (p2 < 25) phone2 = planted(Defect.EMPTY_STRING, "CUST", "PHONE2", id, "");
                else if (p2 < 300) phone2 = phone(rng);
                String email = email(rng, "CUST", "EMAIL", id, first, last);
                LocalDateTime birth = null;
                int b = rng.nextInt(1000);
                if (b < 40) birth = planted(Defect.SENTINEL_DATE, "CUST", "BIRTH_DATE", id, sentinel(rng));
                else if (b < 43) birth = planted(Defect.TYPO_DATE, "CUST", "BIRTH_DATE", id, typoDate(rng));
                else if (b < 500) birth = LocalDate.of(1940, 1, 1).plusDays(rng.nextInt(25_000)).atStartOfDay();
                t.add(id, account, first, last, company, (1 + rng.nextInt(9999)) + " " + pick(rng, STREETS),
                        pick(rng, CITIES), "IL", String.valueOf(60000 + rng.nextInt(3000)), phone1, phone2, email,
                        birth, dayTime(rng, LocalDate.of(2002, 1, 1), 8000),
                        flagYN(rng, "CUST", "TAX_EXEMPT", rng.nextInt(30) == 0, id), deleted ? "Y" : "N",
                        notes(rng, "CUST", "NOTES", 30, id), new UUID(rng.nextLong(), rng.nextLong()).toString());
            }
            done(t);
        }
        rng = rng("CUSTCONT");
        String[] relations = {"Parent", "Guardian", "Spouse", "Teacher", "Grandparent"};
        try (TableFiller t = new TableFiller(db, "CUSTCONT", "CUST_ID", "SEQ", "CONTACT_NAME", "RELATION", "PHONE", "EMAIL")) {
            for (int id = 1; id <= count; id++) {
                for (int seq = 1; seq <= (id % 2 == 0 ? 2 : 1); seq++) {
                    String first = pick(rng, FIRST), last = pick(rng, LAST);
                    String phone = rng.nextInt(100) < 1
                            ? planted(Defect.PHONE_UNPARSEABLE, "CUSTCONT", "PHONE", id + "/" + seq, pick(rng, BAD_PHONES))
                            : phone(rng);
                    t.add(id, seq, first + " " + last, pick(rng, relations), phone,
                            email(rng, "CUSTCONT", "EMAIL", id + "/" + seq, first, last));
                }
            }
            done(t);
        }
    }

    <T> T planted(Defect defect, String table, String column, Object key, T value) {
        plant(defect, table, column, key);
        return value;
    }

    private String name(SplittableRandom rng, String column, int id, String[] clean, String[] nonAscii) {
        String value = clean[rng.nextInt(clean.length)];
        if (rng.nextInt(100) < 3) value = planted(Defect.NON_ASCII, "CUST", column, id, pick(rng, nonAscii));
        if (rng.nextInt(1000) < 15) value = planted(Defect.STRAY_SPACES, "CUST", column, id, strayPad(rng, value));
        return value;
    }

    String email(SplittableRandom rng, String table, String column, Object key, String first, String last) {
        int roll = rng.nextInt(1000);
        String clean = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z.]", "")
                + rng.nextInt(100) + "@example." + (rng.nextBoolean() ? "com" : "org");
        if (roll < 30) return planted(Defect.EMPTY_STRING, table, column, key, rng.nextBoolean() ? "" : "  ");
        if (roll < 70) {
            String shouty = rng.nextBoolean() ? clean.toUpperCase(java.util.Locale.ROOT) : " " + clean + " ";
            return planted(Defect.EMAIL_NORMALIZED, table, column, key, shouty);
        }
        if (roll < 80) return planted(Defect.EMAIL_INVALID, table, column, key, pick(rng, BAD_EMAILS));
        if (roll < 400) return null;
        return clean;
    }

    String notes(SplittableRandom rng, String table, String column, int percentWithNotes, Object... key) {
        int roll = rng.nextInt(1000);
        if (roll < 5) return planted(Defect.CONTROL_CHARS, table, column, String.join("/", str(key)), note(rng) + " " + pick(rng, CONTROL_NOTES));
        if (roll < 25) return planted(Defect.SPECIAL_CHARS, table, column, String.join("/", str(key)), pick(rng, SPECIAL_NOTES) + " " + note(rng));
        return roll < 25 + percentWithNotes * 10 ? note(rng) : null;
    }

    private static String[] str(Object[] parts) {
        String[] s = new String[parts.length];
        for (int i = 0; i < parts.length; i++) s[i] = String.valueOf(parts[i]);
        return s;
    }

    static LocalDateTime sentinel(SplittableRandom rng) {
        return rng.nextBoolean() ? LocalDate.of(1900, 1, 1).atStartOfDay() : LocalDate.of(1899, 12, 30).atStartOfDay();
    }

    /** A typing slip a SQL Server DATETIME can still hold (1753-01-01 to 9999-12-31): before 1900 or after 2099. */
    static LocalDateTime typoDate(SplittableRandom rng) {
        int[] years = {2197, 3024, 2220, 1753, 1809, 1801};
        return LocalDate.of(years[rng.nextInt(years.length)], 1 + rng.nextInt(12), 1 + rng.nextInt(28)).atStartOfDay();
    }
}
