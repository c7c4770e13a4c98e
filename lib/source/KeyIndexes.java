package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which AIM tables have neither a primary key nor a unique index. AIM v12 gives each table its primary key; one that lost
 * it (a DBA's repair, a restore) may hold a key twice, and a search of it by key is a scan of the table.
 */
public final class KeyIndexes {
    private KeyIndexes() {}

    /**
     * The names of {@code tables} that exist and have neither a primary key nor a unique index, in one statement:
     * sys.indexes on SQL Server (each name as OBJECT_ID resolves it, as the reads' unqualified names resolve), the driver's
     * index list on the sample (H2). None when the login may not read the catalogue: then nothing is known.
     */
    public static Set<String> missing(Connection db, Collection<String> tables) {
        Set<String> out = new TreeSet<>();
        if (tables.isEmpty()) return out;
        try {
            if (SourceConnection.isH2(db)) {
                for (String t : tables) if (withoutUniqueIndex(db, t)) out.add(t);
                return out;
            }
            StringBuilder values = new StringBuilder();
            for (String t : tables) values.append(values.length() == 0 ? "" : ", ").append("('").append(t.replace("'", "''")).append("')");
            String sql = "SELECT t.NAME FROM (VALUES " + values + ") t(NAME) WHERE OBJECT_ID(t.NAME) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
                    + " sys.indexes i WHERE i.object_id = OBJECT_ID(t.NAME) AND (i.is_primary_key = 1 OR i.is_unique = 1))";
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                Set<String> found = new java.util.HashSet<>();
                while (rs.next()) found.add(rs.getString(1));
                for (String t : tables) if (found.contains(t)) out.add(t);
            }
        } catch (SQLException e) {
            return Set.of(); // a login that may not read the catalogue: nothing to say
        }
        return out;
    }

    /** On H2: a table the driver finds, with no unique index (a primary key is one). */
    private static boolean withoutUniqueIndex(Connection db, String table) throws SQLException {
        String name = table.toUpperCase(Locale.ROOT);
        try (ResultSet tables = db.getMetaData().getTables(null, null, name, null)) {
            if (!tables.next()) return false;
        }
        try (ResultSet rs = db.getMetaData().getIndexInfo(null, null, name, true, true)) {
            while (rs.next()) if (rs.getString("INDEX_NAME") != null) return false;
        }
        return true;
    }
}
