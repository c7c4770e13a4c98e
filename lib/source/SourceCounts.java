package lib.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AIM's rows per table, counted in one statement, {@code SELECT (SELECT COUNT(*) FROM STORE), (SELECT COUNT(*) FROM
 * EMPLOYEE), ...}: one round trip, where a table at a time was 25 in a row (1.6-2.4 s with the server 30 ms away,
 * against 0.1 s). A table the source will not count (missing, or not this login's to read) fails the one statement,
 * so the tables are then counted one at a time, as before, each failing with its own error.
 */
public final class SourceCounts {
    private SourceCounts() {}

    /** Each table's rows (within {@code subset}, when not null); the error of the first table the source will not count. */
    public static Map<SourceTable, Long> count(Statement st, List<SourceTable> tables, AimSubset subset) throws SQLException {
        Map<SourceTable, Long> out = tables.size() > 1 ? together(st, tables, subset) : null;
        if (out != null) return out;
        out = new HashMap<>();
        for (SourceTable t : tables) out.put(t, one(st, t, subset));
        return out;
    }

    /**
     * Every table's rows in one statement, or null when the source refused it (then count each alone, for its own error).
     * A time-out or a dropped connection is thrown as it is: counting each table alone would only wait for it again.
     */
    public static Map<SourceTable, Long> together(Statement st, List<SourceTable> tables, AimSubset subset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < tables.size(); i++) sql.append(i == 0 ? "" : ", ").append('(').append(countSql(tables.get(i), subset)).append(')');
        Map<SourceTable, Long> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery(sql.toString())) {
            if (!rs.next()) return null;
            for (int i = 0; i < tables.size(); i++) out.put(tables.get(i), rs.getLong(i + 1));
            return out;
        } catch (SQLTimeoutException | SQLRecoverableException | SQLNonTransientConnectionException e) {
            throw e;
        } catch (SQLException refused) {
            if (st.getConnection().isClosed()) throw refused; // the driver closes a connection it lost
            return null;
        }
    }

    /** One table's rows. */
    public static long one(Statement st, SourceTable t, AimSubset subset) throws SQLException {
        try (ResultSet rs = st.executeQuery(countSql(t, subset))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String countSql(SourceTable t, AimSubset subset) {
        return subset == null ? t.countSql() : subset.countSql(t);
    }
}
