package lib.source;

/**
 * Where a slice's source rows come from, one table at a time in slice order: the
 * prefetching reader of AIM in a run, a few rows in memory in a test.
 */
public interface RowSource {
    /** The rows of the next table the slices read; tables are asked for in slice order. */
    RowStream take(SourceTable table);
}
