package lib.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What only the CREATE statements tell, read from their tokens: a column's
 * collation, AUTOINCREMENT and generated expression, CHECKs, deferred foreign
 * keys, and an index's expressions and WHERE. SQLite's pragmas report the rest.
 */
final class SchemaSql {
    /** A column's clauses no pragma reports; the collation in upper case, BINARY when none is declared. */
    record ColumnSql(String collation, boolean autoincrement, String expression) {}

    /** The table's columns by name in lower case. */
    final Map<String, ColumnSql> columns = new HashMap<>();
    final List<SchemaModel.Check> checks = new ArrayList<>();
    /** The referencing columns ("a, b", lower case) of each foreign key that is DEFERRABLE INITIALLY DEFERRED. */
    final Set<String> deferred = new HashSet<>();

    private SchemaSql() {}

    /** The parts of a CREATE TABLE statement; nothing for null (SQLite's own tables). */
    static SchemaSql table(String sql) {
        SchemaSql out = new SchemaSql();
        if (sql == null) return out;
        List<SqlText.Token> t = SqlText.tokens(sql);
        int open = 0;
        while (open < t.size() && !t.get(open).isSymbol("(")) open++;
        int end = SqlText.close(t, open);
        for (int[] part : split(t, open, end)) out.definition(sql, t, part[0], part[1]);
        return out;
    }

    /** One column definition or table constraint, tokens {@code from} to {@code to}. */
    private void definition(String sql, List<SqlText.Token> t, int from, int to) {
        SqlText.Token first = t.get(from);
        boolean column = !(first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE") || first.is("CHECK") || first.is("FOREIGN"));
        String name = column ? first.name() : null, collation = "BINARY", expression = null, references = name, constraint = null;
        boolean autoincrement = false;
        for (int i = column ? from + 1 : from; i < to; i++) {
            SqlText.Token w = t.get(i);
            if (w.isSymbol("(")) {
                int close = SqlText.close(t, i);
                String inside = SqlText.display(sql, t, i + 1, close);
                // CHECK and GENERATED ... AS are reserved words before "(": unquoted, they are always the clause.
                if (i > from && t.get(i - 1).is("CHECK")) {
                    checks.add(new SchemaModel.Check(constraint != null ? constraint : column ? "on " + name : null, inside));
                    constraint = null; // a name is its next constraint's only
                }
                else if (i > from && t.get(i - 1).is("AS")) expression = inside;
                else if (i > from && t.get(i - 1).is("KEY") && t.get(i - 2).is("FOREIGN")) references = names(t, i, close);
                i = close;
            } else if (w.is("CONSTRAINT") && i + 1 < to) {
                constraint = t.get(++i).name();
            } else if (w.is("PRIMARY") || w.is("NOT") || w.is("NULL") || w.is("UNIQUE") || w.is("DEFAULT") || w.is("REFERENCES")
                    || w.is("GENERATED")) {
                constraint = null; // a name given to another constraint of the column
            } else if (w.is("COLLATE") && i + 1 < to) {
                constraint = null;
                collation = t.get(i + 1).name().toUpperCase(Locale.ROOT);
            } else if (w.is("AUTOINCREMENT")) {
                autoincrement = true;
            } else if (w.is("DEFERRABLE") && references != null && !t.get(i - 1).is("NOT") && i + 2 < to
                    && t.get(i + 1).is("INITIALLY") && t.get(i + 2).is("DEFERRED")) {
                deferred.add(SqlText.lower(references));
            }
        }
        if (column) columns.put(SqlText.lower(name), new ColumnSql(collation, autoincrement, expression));
    }

    /** The terms of a CREATE INDEX statement's column list as written, without COLLATE, ASC or DESC. */
    static List<String> indexTerms(String sql) {
        List<String> out = new ArrayList<>();
        if (sql == null) return out;
        List<SqlText.Token> t = SqlText.tokens(sql);
        int open = 0;
        while (open < t.size() && !t.get(open).isSymbol("(")) open++;
        for (int[] part : split(t, open, SqlText.close(t, open))) {
            int to = part[1];
            if (to > part[0] + 1 && (t.get(to - 1).is("ASC") || t.get(to - 1).is("DESC"))) to--;
            if (to > part[0] + 2 && t.get(to - 2).is("COLLATE")) to -= 2;
            out.add(SqlText.display(sql, t, part[0], to));
        }
        return out;
    }

    /** The WHERE of a partial index as written, or null. */
    static String indexWhere(String sql) {
        if (sql == null) return null;
        List<SqlText.Token> t = SqlText.tokens(sql);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) i = SqlText.close(t, i);
            else if (t.get(i).is("WHERE")) return SqlText.display(sql.substring(t.get(i).end()));
        }
        return null;
    }

    /** The comma-separated parts between the parentheses at {@code open} and {@code close}, as token ranges. */
    private static List<int[]> split(List<SqlText.Token> t, int open, int close) {
        List<int[]> out = new ArrayList<>();
        int start = open + 1;
        for (int i = open + 1; i <= close; i++) {
            if (i == close || t.get(i).isSymbol(",")) {
                if (i > start) out.add(new int[] {start, i});
                start = i + 1;
            } else if (t.get(i).isSymbol("(")) {
                i = Math.min(SqlText.close(t, i), close - 1);
            }
        }
        return out;
    }

    /** The names in the list between parentheses at {@code open} and {@code close}, "a, b". */
    private static String names(List<SqlText.Token> t, int open, int close) {
        List<String> out = new ArrayList<>();
        for (int i = open + 1; i < close; i++) {
            if (t.get(i).kind() == SqlText.Kind.WORD || t.get(i).kind() == SqlText.Kind.QUOTED) out.add(t.get(i).name());
        }
        return String.join(", ", out);
    }
}
