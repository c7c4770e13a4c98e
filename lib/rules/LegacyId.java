package lib.rules;

import java.nio.charset.StandardCharsets;
import lib.core.Hashes;

/**
 * Helm ids as deterministic functions of AIM keys, total over every key AIM's
 * INT and SMALLINT columns can hold, all in 0..2^53-1 so JavaScript holds them
 * exactly. Two ranges that never overlap:
 * <ul>
 * <li><b>direct</b>, 0..2^52-1: an integer key as it is ({@code CUST_ID 42} is
 * id 42), a composite key packed in decimal ({@code store * 10^9 + ticket}),
 * whenever every part is in range (0 or more, a child below its width) and the
 * result is below 2^52. Every key a shop has ever had in practice lands here.
 * <li><b>hashed</b>, 2^52..2^53-1: every other key (negative numbers, store
 * 9008 and up in a sale line, a ticket number of 10^9 and more): 2^52 plus the
 * first 52 bits of SHA-256 over the canonical key ({@code "of:-5"},
 * {@code "child:9999/12%1000"}).
 * </ul>
 * Hashed ids can collide (about n^2 / 2^53 for n of them); nothing assumes
 * they do not: the table's PRIMARY KEY refuses the second row, which is then
 * rejected under rule {@code id_collision}. Text codes (tax, payment, category,
 * gift card) hash to 1..2^52 in tables of their own ({@link #ofText}).
 */
public final class LegacyId {
    public static final long MAX = 1L << 53;
    /** Ids below this are direct (the key itself, or packed); from here to {@link #MAX}, hashed. */
    public static final long HASHED = 1L << 52;

    private LegacyId() {}

    /**
     * Packs {@code parent} and a child number below {@code width} (a power of ten): parent * width + child,
     * when both are in range and the result is below {@link #HASHED}; any other pair gets a hashed id.
     */
    public static long child(long parent, long child, long width) {
        if (child >= 0 && child < width && parent >= 0 && parent <= (HASHED - 1 - child) / width) return parent * width + child;
        return hashed("child:" + parent + "/" + child + "%" + width);
    }

    /** An id from a single integer key: the key itself from 0 to 2^52-1, else a hashed id. */
    public static long of(long key) {
        if (key >= 0 && key < HASHED) return key;
        return hashed("of:" + key);
    }

    /** Whether an id is in the hashed range (it may collide; the PRIMARY KEY finds out). */
    public static boolean isHashed(long id) {
        return id >= HASHED;
    }

    private static long hashed(String canonicalKey) {
        return HASHED + first52Bits(canonicalKey);
    }

    private static long first52Bits(String text) {
        byte[] d = Hashes.sha256Bytes(text.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 7; i++) v = (v << 8) | (d[i] & 0xFF);
        return v >>> 4;
    }

    /** An id from a text code such as a tax code, payment code or gift card number. */
    public static long ofText(String table, String code) {
        return first52Bits(table + ":" + code) + 1; // 52 bits, never 0
    }
}
