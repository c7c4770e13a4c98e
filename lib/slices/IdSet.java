package lib.slices;

import java.util.Arrays;

/** A sorted array of the ids loaded in a Helm table, for foreign-key lookups without boxing. */
public final class IdSet {
    private final long[] ids;

    public IdSet(long[] sortedIds) {
        this.ids = sortedIds;
    }

    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    public boolean contains(Integer id) {
        return id != null && contains(id.longValue());
    }

    public int size() {
        return ids.length;
    }
}
