package lib.slices;

import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * The natural keys a slice has loaded (account numbers, SKUs), kept as 64-bit
 * hashes in an open-addressing table: about 16 bytes a key instead of a String
 * and a map node, so memory stays small as the shop grows. A hash seen before is
 * confirmed against the Helm table, so a collision never makes a duplicate.
 */
public final class SeenKeys {
    /** Looks a key up in the Helm table (by its unique index). */
    @FunctionalInterface
    public interface Loaded {
        boolean contains(String key) throws SQLException;
    }

    private long[] table = new long[1 << 12];
    private int size;
    private final UnaryOperator<String> compared;

    public SeenKeys() {
        this(UnaryOperator.identity());
    }

    /** Keys that are the same once {@code compared} (such as AIM's case-insensitive collation: 'A100' and 'a100'). */
    public SeenKeys(UnaryOperator<String> compared) {
        this.compared = compared;
    }

    /** True when the key is new (and now remembered); false when it, or a key the same once compared, was loaded before. */
    public boolean add(String key, Loaded loaded) throws SQLException {
        long h = hash(compared.apply(key));
        if (insert(h)) return true;
        return !loaded.contains(key);
    }

    /**
     * A duplicate's new value: {@code key + suffix}, or, when that too was seen before (a real
     * value that happens to look like a suffixed one), {@code key + suffix + "~2"}, "~3"... The
     * value returned is new and now remembered, so a later real value equal to it is itself a
     * duplicate and gets a suffix: no two rows ever share a value, whatever order they come in.
     */
    public String suffixed(String key, String suffix, Loaded loaded) throws SQLException {
        String candidate = key + suffix;
        for (int n = 2; !add(candidate, loaded); n++) candidate = key + suffix + "~" + n;
        return candidate;
    }

    private boolean insert(long h) {
        if (2 * (size + 1) > table.length) grow();
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == h) return false;
            if (table[i] == 0) {
                table[i] = h;
                size++;
                return true;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long h : old) if (h != 0) insert(h);
    }

    /** FNV-1a over the UTF-16 code units, never 0 (0 marks an empty slot). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        return h == 0 ? 1 : h;
    }

    int size() {
        return size;
    }
}
