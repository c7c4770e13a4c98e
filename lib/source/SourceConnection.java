package lib.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import lib.core.ExitCode;
import lib.core.MigrationException;

/** Opening the AIM source (SQL Server, or H2 for the sample and tests) and checking it has what the slices read. */
public final class SourceConnection {
    private SourceConnection() {}

    /** The JDBC URL with any password in it masked, for messages and reports. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=****");
    }

    public static Connection open(String url, String user, String password) {
        Properties props = new Properties();
        if (user != null) props.setProperty("user", user);
        if (password != null) props.setProperty("password", password);
        try {
            Connection c = DriverManager.getConnection(url, props);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw new MigrationException(ExitCode.SOURCE_UNREACHABLE, "cannot connect to the AIM source " + masked(url) + ": "
                    + firstLine(e.getMessage()));
        }
    }

    static String firstLine(String message) {
        if (message == null) return "no detail from the driver";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Every table and column the given source tables read that the source lacks, as "TABLE.COLUMN (slice N)". */
    public static List<String> missing(Connection db, List<SourceTable> tables, java.util.function.Function<SourceTable, Integer> sliceOf)
            throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = db.getMetaData();
        for (SourceTable t : tables) {
            Set<String> columns = new TreeSet<>();
            for (String name : new String[] {t.name(), t.name().toLowerCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                    while (rs.next()) columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
                if (!columns.isEmpty()) break;
            }
            if (columns.isEmpty()) {
                out.add("table " + t.name() + " (slice " + sliceOf.apply(t) + ")");
                continue;
            }
            for (String c : t.columns()) {
                if (!columns.contains(c.toUpperCase(Locale.ROOT))) out.add("column " + t.name() + "." + c + " (slice " + sliceOf.apply(t) + ")");
            }
        }
        return out;
    }
}
