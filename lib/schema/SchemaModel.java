package lib.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A SQLite schema as SQLite itself reports it (pragma table_list, table_info,
 * foreign_key_list, index_list, index_xinfo and sqlite_schema), for comparison.
 */
public final class SchemaModel {
    /** Tables D1 and wrangler create themselves; never drift. */
    public static final Set<String> PLATFORM_TABLES = Set.of("d1_migrations", "_cf_kv", "_cf_metadata", "sqlite_sequence");

    public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition) {}

    public record ForeignKey(List<String> from, String table, List<String> to, String onUpdate, String onDelete) {
        public String label() {
            return "(" + String.join(", ", from) + ") -> " + table + "(" + String.join(", ", to) + ")";
        }
    }

    public record Index(String key, String name, boolean unique, List<String> columns, String where) {
        public String describe() {
            return (unique ? "UNIQUE " : "") + "(" + String.join(", ", columns) + ")" + (where == null ? "" : " WHERE " + where);
        }
    }

    /** A table as SQLite reports it; its columns by name in lower case. */
    public record Table(String name, boolean strict, Map<String, Column> columns, List<ForeignKey> foreignKeys,
                        Map<String, Index> indexes, List<String> checks) {}

    private final Map<String, Table> tables;

    private SchemaModel(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** The tables by name in lower case (SQLite's names are case-insensitive). */
    public Map<String, Table> tables() {
        return tables;
    }

    public static boolean isPlatformTable(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return PLATFORM_TABLES.contains(n) || n.startsWith("sqlite_") || n.startsWith("_cf_");
    }

    public static SchemaModel read(Connection db) throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        Map<String, Boolean> strict = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'")) {
            while (rs.next()) strict.put(rs.getString(1), rs.getInt(2) == 1);
        }
        for (Map.Entry<String, Boolean> t : strict.entrySet()) {
            if (isPlatformTable(t.getKey())) continue;
            String name = t.getKey();
            tables.put(SqlText.lower(name), new Table(name, t.getValue(), columns(db, name), foreignKeys(db, name), indexes(db, name),
                    checks(tableSql(db, name))));
        }
        return new SchemaModel(tables);
    }

    private static Map<String, Column> columns(Connection db, String table) throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(" + quote(table) + ")")) {
            while (rs.next()) {
                out.put(SqlText.lower(rs.getString(1)), new Column(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT),
                        rs.getInt(3) == 1, rs.getString(4), rs.getInt(5)));
            }
        }
        return out;
    }

    private static List<ForeignKey> foreignKeys(Connection db, String table) throws SQLException {
        Map<Integer, ForeignKey> byId = new TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list("
                     + quote(table) + ") ORDER BY id, seq")) {
            while (rs.next()) {
                ForeignKey fk = byId.computeIfAbsent(rs.getInt(1), id -> {
                    try {
                        return new ForeignKey(new ArrayList<>(), rs.getString(2), new ArrayList<>(), rs.getString(5), rs.getString(6));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                fk.from().add(rs.getString(3));
                fk.to().add(rs.getString(4) == null ? "(primary key)" : rs.getString(4));
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<String, Index> indexes(Connection db, String table) throws SQLException {
        Map<String, Index> out = new TreeMap<>();
        List<String[]> list = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, \"unique\", origin, partial FROM pragma_index_list(" + quote(table) + ")")) {
            while (rs.next()) list.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
        for (String[] ix : list) {
            List<String> cols = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, \"desc\" FROM pragma_index_xinfo(" + quote(ix[0]) + ") WHERE key = 1 ORDER BY seqno")) {
                while (rs.next()) cols.add((rs.getString(1) == null ? "<expression>" : rs.getString(1)) + (rs.getInt(2) == 1 ? " DESC" : ""));
            }
            boolean unique = ix[1].equals("1");
            String where = ix[3].equals("1") ? partialWhere(db, ix[0]) : null;
            // Indexes SQLite makes for UNIQUE/PRIMARY KEY constraints have generated names; key them by content.
            String name = ix[2].equals("c") ? ix[0] : (unique ? "unique" : "index") + "(" + String.join(", ", cols) + ")";
            String key = SqlText.lower(name);
            out.put(key, new Index(key, name, unique, cols, where));
        }
        return out;
    }

    private static String partialWhere(Connection db, String index) throws SQLException {
        String sql = scalar(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = " + quote(index));
        if (sql == null) return null;
        List<SqlText.Token> t = SqlText.tokens(sql);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) i = SqlText.close(t, i);
            else if (t.get(i).is("WHERE")) return SqlText.display(sql.substring(t.get(i).end()));
        }
        return null;
    }

    private static String tableSql(Connection db, String table) throws SQLException {
        return scalar(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = " + quote(table));
    }

    /** The CHECK constraints of a CREATE TABLE statement, each on one line as written. */
    static List<String> checks(String createSql) {
        List<String> out = new ArrayList<>();
        if (createSql == null) return out;
        List<SqlText.Token> t = SqlText.tokens(createSql);
        for (int i = 0; i + 1 < t.size(); i++) {
            // CHECK is a reserved word: unquoted, it is always the constraint.
            if (!t.get(i).is("CHECK") || !t.get(i + 1).isSymbol("(")) continue;
            int end = SqlText.close(t, i + 1);
            out.add(SqlText.display(createSql, t, i + 2, end));
            i = end;
        }
        out.sort(null);
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
