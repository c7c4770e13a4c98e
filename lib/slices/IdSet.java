package lib.slices;

import java.util.Arrays;
import lib.rules.LegacyId;

/** A sorted array of the ids loaded in a Helm table, for foreign-key lookups without boxing. */
public final class IdSet {
    private final long[] ids;

    public IdSet(long[] sortedIds) {
        this.ids = sortedIds;
    }

    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /** Whether the row of a single integer AIM key is loaded (its id is {@link LegacyId#of}). */
    public boolean contains(Long key) {
        return key != null && contains(LegacyId.of(key));
    }

    public int size() {
        return ids.length;
    }
}
