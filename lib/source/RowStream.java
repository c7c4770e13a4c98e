package lib.source;

import java.sql.SQLException;

/** One source table's rows in key order: per row, the values of {@link SourceTable#columns()}, typed as the reader types them. */
public interface RowStream {
    /** The next row, or null at the end. */
    Object[] next() throws SQLException;
}
