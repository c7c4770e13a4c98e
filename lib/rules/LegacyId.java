package lib.rules;

import java.nio.charset.StandardCharsets;
import lib.core.Hashes;

/**
 * Helm ids as deterministic functions of AIM keys, all below 2^53 so JavaScript
 * holds them exactly. Integer keys are used as they are or packed in decimal
 * (store * 10^9 + ticket); text codes hash (SHA-256, first 52 bits).
 */
public final class LegacyId {
    public static final long MAX = 1L << 53;

    private LegacyId() {}

    /** Packs {@code parent} and a child number below {@code width} (a power of ten): parent * width + child. */
    public static long child(long parent, long child, long width) {
        if (child < 0 || child >= width) throw new RuleException("key part " + child + " is outside 0.." + (width - 1));
        if (parent < 0 || parent > (MAX - 1 - child) / width) throw new RuleException("key " + parent + "/" + child + " is too large for an id");
        return parent * width + child;
    }

    /** An id from a single integer key. */
    public static long of(long key) {
        if (key < 0 || key >= MAX) throw new RuleException("key " + key + " is outside the id range");
        return key;
    }

    /** An id from a text code such as a tax code, payment code or gift card number. */
    public static long ofText(String table, String code) {
        byte[] d = Hashes.sha256Bytes((table + ":" + code).getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 7; i++) v = (v << 8) | (d[i] & 0xFF);
        return (v >>> 4) + 1; // 52 bits, never 0
    }
}
