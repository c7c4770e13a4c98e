package lib.slices;

import java.sql.SQLException;
import java.util.List;
import lib.source.SourceTable;

/**
 * One slice of the migration: what it reads from AIM, which Helm tables it
 * writes (in foreign-key order), which slices must be in the output first, and
 * the rules that turn legacy rows into Helm rows.
 */
public interface Slice {
    int number();

    String name();

    List<Integer> prerequisites();

    List<SourceTable> reads();

    /** Helm tables this slice fills, parents first. */
    default List<String> writes() {
        return reads().stream().map(SourceTable::target).toList();
    }

    void run(SliceContext ctx) throws SQLException;
}
