package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import lib.rules.CodeKey;

/**
 * How AIM compares codes: its database's collation, read once when a run starts. The
 * embedded H2 sample is treated as SQL Server's default (case-insensitive); a server that
 * will not say (no permission, an old or a TDS-compatible server) is treated the same way.
 */
public final class SourceCollation {
    public static final String SQL = "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128))";

    private SourceCollation() {}

    /** The collation's name, or null for the H2 sample or a server that does not tell. */
    public static String name(Connection source) {
        if (source == null) return null;
        try {
            if (source.getMetaData().getURL() != null && source.getMetaData().getURL().startsWith("jdbc:h2:")) return null;
            try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** The code comparison the source's collation implies. */
    public static CodeKey codeKey(Connection source) {
        return CodeKey.forCollation(name(source));
    }
}
