package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which AIM tables have no index that keeps their key unique. AIM v12 gives each table its primary key; one that lost it
 * (a DBA's repair, a restore) may hold a key twice, and a search of it by key is a scan of the table. A unique index on
 * other columns (a replication ROWGUIDCOL) keeps nothing of the key unique; one on some of the key's columns keeps it.
 */
public final class KeyIndexes {
    private KeyIndexes() {}

    /**
     * The names of the tables of {@code keys} (each with its key columns) that exist and have no primary key or unique
     * index all of whose columns are key columns, in one statement: sys.indexes on SQL Server (each name as OBJECT_ID
     * resolves it, as the reads' unqualified names resolve; a filtered index keeps only its rows unique), the driver's
     * index list on the sample (H2). Null when the login may not read the catalogue: then nothing is known.
     */
    public static Set<String> missing(Connection db, Map<String, List<String>> keys) {
        Set<String> out = new TreeSet<>();
        if (keys.isEmpty()) return out;
        try {
            if (SourceConnection.isH2(db)) {
                for (Map.Entry<String, List<String>> t : keys.entrySet()) if (!keyed(db, t.getKey(), t.getValue())) out.add(t.getKey());
                return out;
            }
            StringBuilder values = new StringBuilder();
            for (Map.Entry<String, List<String>> t : keys.entrySet()) {
                values.append(values.length() == 0 ? "" : ", ").append("('").append(t.getKey().replace("'", "''")).append("', '")
                        .append(String.join(",", t.getValue()).toUpperCase(Locale.ROOT).replace("'", "''")).append("')");
            }
            String sql = "SELECT t.NAME FROM (VALUES " + values + ") t(NAME, KEYCOLS) WHERE OBJECT_ID(t.NAME) IS NOT NULL AND NOT EXISTS"
                    + " (SELECT 1 FROM sys.indexes i WHERE i.object_id = OBJECT_ID(t.NAME) AND (i.is_primary_key = 1 OR i.is_unique = 1)"
                    + " AND i.has_filter = 0 AND NOT EXISTS (SELECT 1 FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id"
                    + " AND c.column_id = ic.column_id WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0"
                    + " AND CHARINDEX(',' + UPPER(c.name) + ',', ',' + t.KEYCOLS + ',') = 0))";
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                Set<String> found = new HashSet<>();
                while (rs.next()) found.add(rs.getString(1));
                for (String t : keys.keySet()) if (found.contains(t)) out.add(t);
            }
        } catch (SQLException e) {
            return null; // a login that may not read the catalogue: nothing is known
        }
        return out;
    }

    /** On H2: a table the driver does not find, or one with a unique index (a primary key is one) on key columns only. */
    private static boolean keyed(Connection db, String table, List<String> key) throws SQLException {
        String name = table.toUpperCase(Locale.ROOT);
        try (ResultSet tables = db.getMetaData().getTables(null, null, name, null)) {
            if (!tables.next()) return true;
        }
        Set<String> keyColumns = new HashSet<>();
        key.forEach(c -> keyColumns.add(c.toUpperCase(Locale.ROOT)));
        Map<String, Boolean> onKey = new HashMap<>(); // unique index -> all its columns are key columns
        try (ResultSet rs = db.getMetaData().getIndexInfo(null, null, name, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME"), column = rs.getString("COLUMN_NAME");
                if (index == null) continue;
                onKey.merge(index, column != null && keyColumns.contains(column.toUpperCase(Locale.ROOT)), Boolean::logicalAnd);
            }
        }
        return onKey.containsValue(true);
    }
}
