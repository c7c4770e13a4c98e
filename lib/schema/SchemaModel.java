package lib.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A SQLite schema as SQLite itself reports it (pragma table_list, table_xinfo,
 * foreign_key_list, index_list, index_xinfo and sqlite_schema), with what only
 * the CREATE statements tell ({@link SchemaSql}), for comparison.
 */
public final class SchemaModel {
    /** Tables D1 and wrangler create themselves; never drift. */
    public static final Set<String> PLATFORM_TABLES = Set.of("d1_migrations", "_cf_kv", "_cf_metadata", "sqlite_sequence");

    /**
     * A column: {@code primaryKeyDescending} where the primary key orders it DESC, {@code primaryKeyCollation} where
     * the key compares it by another collation than its own (else null); its collation in upper case (BINARY when none
     * is declared); {@code generated} VIRTUAL, STORED or null, with its {@code expression} as written.
     */
    public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition,
                         boolean primaryKeyDescending, String primaryKeyCollation, String collation, boolean autoincrement,
                         String generated, String expression) {}

    public record ForeignKey(List<String> from, String table, List<String> to, String onUpdate, String onDelete, boolean deferred) {
        public String label() {
            return "(" + String.join(", ", from) + ") -> " + table + "(" + String.join(", ", to) + ")";
        }
    }

    /** An index; a column term names a COLLATE only where it differs from the column's own. */
    public record Index(String key, String name, boolean unique, List<String> columns, String where) {
        public String describe() {
            return (unique ? "UNIQUE " : "") + "(" + String.join(", ", columns) + ")" + (where == null ? "" : " WHERE " + where);
        }
    }

    /** A CHECK as written; {@code owner} "on COLUMN" for a column's own, a named constraint's name, or null. */
    public record Check(String owner, String text) {}

    /** A table as SQLite reports it; its columns by name in lower case. */
    public record Table(String name, boolean strict, boolean withoutRowid, Map<String, Column> columns, List<ForeignKey> foreignKeys,
                        Map<String, Index> indexes, List<Check> checks) {}

    /** A view or trigger: its name, the table it belongs to (a view's own name) and its CREATE statement on one line. */
    public record Definition(String name, String table, String sql) {}

    private final Map<String, Table> tables;
    private final Map<String, Definition> views;
    private final Map<String, Definition> triggers;

    private SchemaModel(Map<String, Table> tables, Map<String, Definition> views, Map<String, Definition> triggers) {
        this.tables = tables;
        this.views = views;
        this.triggers = triggers;
    }

    /** The tables by name in lower case (SQLite's names are case-insensitive). */
    public Map<String, Table> tables() {
        return tables;
    }

    /** The views by name in lower case. */
    public Map<String, Definition> views() {
        return views;
    }

    /** The triggers by name in lower case. */
    public Map<String, Definition> triggers() {
        return triggers;
    }

    public static boolean isPlatformTable(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return PLATFORM_TABLES.contains(n) || n.startsWith("sqlite_") || n.startsWith("_cf_");
    }

    public static SchemaModel read(Connection db) throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        Map<String, boolean[]> listed = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table'")) {
            while (rs.next()) listed.put(rs.getString(1), new boolean[] {rs.getInt(2) == 1, rs.getInt(3) == 1});
        }
        for (Map.Entry<String, boolean[]> t : listed.entrySet()) {
            if (isPlatformTable(t.getKey())) continue;
            String name = t.getKey();
            SchemaSql sql = SchemaSql.table(scalar(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = " + quote(name)));
            Map<String, Column> columns = columns(db, name, sql);
            List<Check> checks = new ArrayList<>(sql.checks);
            checks.sort(Comparator.comparing(Check::text));
            tables.put(SqlText.lower(name), new Table(name, t.getValue()[0], t.getValue()[1], columns, foreignKeys(db, name, sql),
                    indexes(db, name, columns), checks));
        }
        Map<String, Definition> views = new TreeMap<>(), triggers = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger')")) {
            while (rs.next()) {
                if (isPlatformTable(rs.getString(2)) || isPlatformTable(rs.getString(3))) continue;
                Definition d = new Definition(rs.getString(2), rs.getString(3), SqlText.display(rs.getString(4)));
                (rs.getString(1).equals("view") ? views : triggers).put(SqlText.lower(d.name()), d);
            }
        }
        return new SchemaModel(tables, views, triggers);
    }

    private static Map<String, Column> columns(Connection db, String table, SchemaSql sql) throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        Map<String, String[]> key = primaryKeyTerms(db, table);
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(" + quote(table) + ")")) {
            while (rs.next()) {
                // hidden: 1 a virtual table's hidden column, 2 a VIRTUAL generated column, 3 a STORED one.
                int hidden = rs.getInt(6);
                if (hidden == 1) continue;
                String name = rs.getString(1);
                String[] term = key.get(SqlText.lower(name));
                SchemaSql.ColumnSql c = sql.columns.getOrDefault(SqlText.lower(name), new SchemaSql.ColumnSql("BINARY", false, null));
                String keyCollation = term == null || term[0].equals(c.collation()) ? null : term[0];
                out.put(SqlText.lower(name), new Column(name, rs.getString(2).toUpperCase(Locale.ROOT), rs.getInt(3) == 1, rs.getString(4),
                        rs.getInt(5), term != null && term[1].equals("1"), keyCollation, c.collation(), c.autoincrement(),
                        hidden == 2 ? "VIRTUAL" : hidden == 3 ? "STORED" : null, hidden >= 2 ? c.expression() : null));
            }
        }
        return out;
    }

    /**
     * The terms of the primary key's own index by column name in lower case, {collation, "1" when DESC}; none where the
     * key is the rowid. The index itself is not compared: a key in another order is its columns' positions.
     */
    private static Map<String, String[]> primaryKeyTerms(Connection db, String table) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        String index = scalar(db, "SELECT name FROM pragma_index_list(" + quote(table) + ") WHERE origin = 'pk'");
        if (index == null) return out;
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, \"desc\", coll FROM pragma_index_xinfo(" + quote(index) + ") WHERE key = 1")) {
            while (rs.next()) out.put(SqlText.lower(rs.getString(1)), new String[] {rs.getString(3).toUpperCase(Locale.ROOT), rs.getString(2)});
        }
        return out;
    }

    private static List<ForeignKey> foreignKeys(Connection db, String table, SchemaSql sql) throws SQLException {
        Map<Integer, List<String[]>> byId = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list("
                     + quote(table) + ") ORDER BY id, seq")) {
            while (rs.next()) {
                byId.computeIfAbsent(rs.getInt(1), id -> new ArrayList<>())
                        .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (List<String[]> rows : byId.values()) {
            List<String> from = new ArrayList<>(), to = new ArrayList<>();
            for (String[] r : rows) {
                from.add(r[1]);
                to.add(r[2] == null ? "(primary key)" : r[2]);
            }
            String[] first = rows.get(0);
            out.add(new ForeignKey(from, first[0], to, first[3], first[4], sql.deferred.contains(SqlText.lower(String.join(", ", from)))));
        }
        return out;
    }

    private static Map<String, Index> indexes(Connection db, String table, Map<String, Column> columns) throws SQLException {
        Map<String, Index> out = new TreeMap<>();
        List<String[]> list = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, \"unique\", origin, partial FROM pragma_index_list(" + quote(table) + ")")) {
            while (rs.next()) list.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
        for (String[] ix : list) {
            // The primary key's own index is its columns' positions, order and collation (primaryKeyTerms).
            if (ix[2].equals("pk")) continue;
            String sql = scalar(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = " + quote(ix[0]));
            List<String> terms = SchemaSql.indexTerms(sql), cols = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seqno, name, \"desc\", coll FROM pragma_index_xinfo(" + quote(ix[0])
                         + ") WHERE key = 1 ORDER BY seqno")) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    Column column = name == null ? null : columns.get(SqlText.lower(name));
                    String term = name != null ? name : rs.getInt(1) < terms.size() ? terms.get(rs.getInt(1)) : "<expression>";
                    String coll = rs.getString(4).toUpperCase(Locale.ROOT);
                    if (!coll.equals(column == null ? "BINARY" : column.collation())) term += " COLLATE " + coll;
                    cols.add(term + (rs.getInt(3) == 1 ? " DESC" : ""));
                }
            }
            boolean unique = ix[1].equals("1");
            String where = ix[3].equals("1") ? SchemaSql.indexWhere(sql) : null;
            // Indexes SQLite makes for UNIQUE constraints have generated names; key them by content.
            String name = ix[2].equals("c") ? ix[0] : (unique ? "unique" : "index") + "(" + String.join(", ", cols) + ")";
            String key = SqlText.lower(name);
            out.put(key, new Index(key, name, unique, cols, where));
        }
        return out;
    }

    private static String scalar(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quote(String identifier) {
        return "'" + identifier.replace("'", "''") + "'";
    }
}
