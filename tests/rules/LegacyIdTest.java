package tests.rules;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import lib.rules.LegacyId;
import org.junit.jupiter.api.Test;

/** The id function over the whole domain of AIM's INT and SMALLINT keys: total, below 2^53, ranges disjoint. */
class LegacyIdTest {
    static final long TWO_52 = 1L << 52, TWO_53 = 1L << 53;
    static final long[] INT_EDGES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Short.MIN_VALUE, -1_000_000_000, -1, 0, 1, 999, 1000,
        Short.MAX_VALUE, 9007, 9008, 9999, 999_999_999, 1_000_000_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    static void inRange(long id, String what) {
        assertTrue(id >= 0 && id < TWO_53, what + " -> " + id + " is outside 0..2^53-1");
    }

    @Test
    void singleKeysAreThemselvesWhenNotNegativeAndHashedWhenNegative() {
        for (long k : INT_EDGES) {
            long id = LegacyId.of(k);
            inRange(id, "of(" + k + ")");
            assertEquals(id, LegacyId.of(k), "deterministic");
            if (k >= 0) assertEquals(k, id, "a key of 0 or more is its own id");
            else assertTrue(id >= TWO_52, "a negative key is hashed into 2^52..2^53-1: " + k);
        }
        assertNotEquals(LegacyId.of(-1), LegacyId.of(-2));
        assertEquals(TWO_52 - 1, LegacyId.of(TWO_52 - 1));
        assertTrue(LegacyId.isHashed(LegacyId.of(TWO_52)));
        assertTrue(LegacyId.isHashed(LegacyId.of(Long.MIN_VALUE)) && LegacyId.isHashed(LegacyId.of(Long.MAX_VALUE)));
    }

    @Test
    void packedWhereTheKeyFitsAsTheSampleHasThem() {
        assertEquals(1_000_100_023L, LegacyId.child(1, 100_023, 1_000_000_000L));
        assertEquals(1_000_100_023_007L, LegacyId.child(1_000_100_023L, 7, 1000));
        assertEquals(100_005L, LegacyId.child(100, 5, 1000));
        // The largest packed value: everything below 2^52.
        long parent = (TWO_52 - 1) / 1000, child = (TWO_52 - 1) % 1000;
        assertEquals(TWO_52 - 1, LegacyId.child(parent, child, 1000));
        assertTrue(LegacyId.isHashed(LegacyId.child(parent, child + 1, 1000)));
    }

    @Test
    void keysOutsideThePackedRangeGetHashedIdsFromTheirOwnRange() {
        long[][] outside = {
            {5, 9999, 1000},                      // stock of item 5 in store 9999: the child 9999 is over its width
            {1, 1_000_000_000L, 100_000},         // house account entry key parts beyond the width
            {9_008_000_000_001L, 1, 1000},        // a line of sale 9008/1 (the sale itself packs, below)
            {-1, 5, 1000}, {5, -1, 1000},         // negative INT keys
            {Integer.MIN_VALUE, Integer.MIN_VALUE, 1_000_000_000L},
            {Integer.MAX_VALUE, Integer.MAX_VALUE, 1_000_000_000L},
        };
        Set<Long> ids = new HashSet<>();
        for (long[] k : outside) {
            long id = LegacyId.child(k[0], k[1], k[2]);
            inRange(id, java.util.Arrays.toString(k));
            assertTrue(id >= TWO_52, java.util.Arrays.toString(k) + " is hashed");
            assertEquals(id, LegacyId.child(k[0], k[1], k[2]), "deterministic");
            ids.add(id);
        }
        assertEquals(outside.length, ids.size(), "different keys, different ids here");
        // The sale of store 9008 itself still packs (9008 * 10^9 + 1 < 2^52).
        assertEquals(9_008_000_000_001L, LegacyId.child(9008, 1, 1_000_000_000L));
        // The same numbers with another width are another key.
        assertNotEquals(LegacyId.child(5, 9999, 1000), LegacyId.child(5, 9999, 100));
    }

    @Test
    void directAndHashedRangesNeverMeetOverManyKeys() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(13);
        for (int i = 0; i < 200_000; i++) {
            long parent = rng.nextInt(), child = rng.nextInt(), width = i % 2 == 0 ? 1000 : 1_000_000_000L;
            long id = LegacyId.child(parent, child, width);
            inRange(id, parent + "/" + child);
            boolean fits = parent >= 0 && child >= 0 && child < width && parent * width + child < TWO_52;
            if (fits) assertEquals(parent * width + child, id);
            else assertTrue(LegacyId.isHashed(id));
        }
    }

    @Test
    void textCodesStayBelowTwoToThe53AndApartPerTable() {
        assertEquals(LegacyId.ofText("TAXRATE", "TX1"), LegacyId.ofText("TAXRATE", "TX1"));
        assertNotEquals(LegacyId.ofText("TAXRATE", "TX1"), LegacyId.ofText("TAXRATE", " TX1"));
        long id = LegacyId.ofText("GIFTCARD", "");
        assertTrue(id >= 1 && id <= TWO_52);
    }
}
