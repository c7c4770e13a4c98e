package lib.source;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;

/** A source column's value as the rules read it: Integer, Long, BigDecimal, LocalDateTime, Boolean or String (null for NULL). */
final class SourceValues {
    private SourceValues() {}

    private static final int TEXT = 0, INT = 1, LONG = 2, DECIMAL = 3, TIME = 4, BOOL = 5;

    static int[] kinds(ResultSetMetaData meta) throws SQLException {
        int[] k = new int[meta.getColumnCount()];
        for (int i = 0; i < k.length; i++) {
            k[i] = switch (meta.getColumnType(i + 1)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INT;
                case Types.BIGINT -> LONG;
                case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
                case Types.DATE, Types.TIMESTAMP, Types.TIME -> TIME;
                case Types.BIT, Types.BOOLEAN -> BOOL;
                default -> TEXT;
            };
        }
        return k;
    }

    static Object value(ResultSet rs, int i, int kind) throws SQLException {
        switch (kind) {
            case INT: {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            }
            case LONG: {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case DECIMAL: {
                BigDecimal v = rs.getBigDecimal(i);
                return v;
            }
            case TIME:
                return rs.getObject(i, LocalDateTime.class);
            case BOOL: {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            default:
                return rs.getString(i);
        }
    }
}
