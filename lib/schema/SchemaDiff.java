package lib.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Differences between the schema the spec defines (expected) and an actual one, one per line. */
public final class SchemaDiff {
    /** One difference: the table, what part of it, and what the spec and the database say. */
    public record Drift(String table, String kind, String name, String issue, String expected, String actual) {
        public String line() {
            String subject = name == null ? kind : kind + " " + name;
            return switch (issue) {
                case "missing" -> subject + ": in the spec, missing from the database";
                case "extra" -> subject + ": in the database, not in the spec";
                default -> subject + ": " + issue + " is " + show(expected) + " in the spec, " + show(actual) + " in the database";
            };
        }

        private static String show(String v) {
            return v == null ? "none" : v;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", table);
            m.put("kind", kind);
            m.put("name", name);
            m.put("issue", issue);
            m.put("expected", expected);
            m.put("actual", actual);
            return m;
        }
    }

    private SchemaDiff() {}

    public static List<Drift> compare(SchemaModel expected, SchemaModel actual) {
        List<Drift> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.tables().keySet());
        names.addAll(actual.tables().keySet());
        names.addAll(expected.views().keySet());
        names.addAll(actual.views().keySet());
        for (String t : names) {
            SchemaModel.Table e = expected.tables().get(t), a = actual.tables().get(t);
            if (e != null && a != null) compareTable(e, a, out);
            else if (e != null) out.add(new Drift(e.name(), "table", null, "missing", null, null));
            else if (a != null) out.add(new Drift(a.name(), "table", null, "extra", null, null));
            compareDefinitions(out, "view", expected.views(), actual.views(), t);
            compareDefinitions(out, "trigger", expected.triggers(), actual.triggers(), t);
        }
        return out;
    }

    /** The views or triggers that belong to table (or view) {@code t}, by their SQL as SQLite reads it: missing and changed, then extra. */
    private static void compareDefinitions(List<Drift> out, String kind, Map<String, SchemaModel.Definition> expected,
                                           Map<String, SchemaModel.Definition> actual, String t) {
        for (SchemaModel.Definition e : expected.values()) {
            SchemaModel.Definition a = actual.get(SqlText.lower(e.name()));
            if (!SqlText.lower(e.table()).equals(t)) continue;
            if (a == null) out.add(definitionDrift(kind, e, "missing", e.sql(), null));
            else diffSql(out, heading(kind, e), kind, kind.equals("view") ? null : e.name(), "definition", e.sql(), a.sql());
        }
        for (SchemaModel.Definition a : actual.values()) {
            if (!SqlText.lower(a.table()).equals(t) || expected.containsKey(SqlText.lower(a.name()))) continue;
            out.add(definitionDrift(kind, a, "extra", null, a.sql()));
        }
    }

    /** A view is a heading of its own; a trigger is named under its table's. */
    private static String heading(String kind, SchemaModel.Definition d) {
        return kind.equals("view") ? d.name() : d.table();
    }

    private static Drift definitionDrift(String kind, SchemaModel.Definition d, String issue, String e, String a) {
        return new Drift(heading(kind, d), kind, kind.equals("view") ? null : d.name(), issue, e, a);
    }

    private static void compareTable(SchemaModel.Table e, SchemaModel.Table a, List<Drift> out) {
        String t = e.name();
        Set<String> en = names(e), an = names(a);
        if (e.strict() != a.strict()) out.add(new Drift(t, "table", null, "STRICT", yes(e.strict()), yes(a.strict())));
        diff(out, t, "table", null, "WITHOUT ROWID", yes(e.withoutRowid()), yes(a.withoutRowid()));
        for (SchemaModel.Column ec : e.columns().values()) {
            SchemaModel.Column ac = a.columns().get(SqlText.lower(ec.name()));
            if (ac == null) {
                out.add(new Drift(t, "column", ec.name(), "missing", null, null));
                continue;
            }
            diff(out, t, "column", ec.name(), "type", ec.type(), ac.type());
            diff(out, t, "column", ec.name(), "NOT NULL", yes(ec.notNull()), yes(ac.notNull()));
            diffKeys(out, t, "column", ec.name(), "default", ec.defaultValue(), ac.defaultValue(),
                    SqlText.defaultKey(ec.defaultValue()), SqlText.defaultKey(ac.defaultValue()));
            diff(out, t, "column", ec.name(), "primary key position", pk(ec), pk(ac));
            if (pk(ec) != null && pk(ac) != null) {
                diff(out, t, "column", ec.name(), "primary key order", order(ec), order(ac));
                // A key that compares a column by the column's own collation on both sides is the collation line's.
                if (ec.primaryKeyCollation() != null || ac.primaryKeyCollation() != null) {
                    diff(out, t, "column", ec.name(), "primary key collation", keyCollation(ec), keyCollation(ac));
                }
            }
            diff(out, t, "column", ec.name(), "AUTOINCREMENT", yes(ec.autoincrement()), yes(ac.autoincrement()));
            diff(out, t, "column", ec.name(), "collation", ec.collation(), ac.collation());
            diff(out, t, "column", ec.name(), "generated", ec.generated(), ac.generated());
            if (ec.generated() != null && ac.generated() != null) {
                diffKeys(out, t, "column", ec.name(), "expression", ec.expression(), ac.expression(),
                        SqlText.key(ec.expression(), en), SqlText.key(ac.expression(), an));
            }
        }
        for (Map.Entry<String, SchemaModel.Column> c : a.columns().entrySet()) {
            if (!e.columns().containsKey(c.getKey())) out.add(new Drift(t, "column", c.getValue().name(), "extra", null, null));
        }
        Map<String, SchemaModel.ForeignKey> efk = byLabel(e.foreignKeys()), afk = byLabel(a.foreignKeys());
        for (Map.Entry<String, SchemaModel.ForeignKey> f : efk.entrySet()) {
            SchemaModel.ForeignKey ef = f.getValue(), af = afk.get(f.getKey());
            if (af == null) {
                out.add(new Drift(t, "foreign key", ef.label(), "missing", null, null));
                continue;
            }
            diff(out, t, "foreign key", ef.label(), "ON DELETE", ef.onDelete(), af.onDelete());
            diff(out, t, "foreign key", ef.label(), "ON UPDATE", ef.onUpdate(), af.onUpdate());
            diff(out, t, "foreign key", ef.label(), "DEFERRABLE INITIALLY DEFERRED", yes(ef.deferred()), yes(af.deferred()));
        }
        for (Map.Entry<String, SchemaModel.ForeignKey> f : afk.entrySet()) {
            if (!efk.containsKey(f.getKey())) out.add(new Drift(t, "foreign key", f.getValue().label(), "extra", null, null));
        }
        for (SchemaModel.Index ei : e.indexes().values()) {
            SchemaModel.Index ai = a.indexes().get(ei.key());
            if (ai == null) out.add(new Drift(t, "index", ei.name(), "missing", ei.describe(), null));
            else diffKeys(out, t, "index", ei.name(), "definition", ei.describe(), ai.describe(),
                    SqlText.key(ei.describe(), en), SqlText.key(ai.describe(), an));
        }
        for (SchemaModel.Index ai : a.indexes().values()) {
            if (!e.indexes().containsKey(ai.key())) out.add(new Drift(t, "index", ai.name(), "extra", null, ai.describe()));
        }
        compareChecks(out, t, e.checks(), a.checks(), en, an);
    }

    /** What a double-quoted word in a table's CHECK, index or generated column may name: the table and its columns. */
    private static Set<String> names(SchemaModel.Table table) {
        Set<String> out = new HashSet<>(table.columns().keySet());
        out.add(SqlText.lower(table.name()));
        return out;
    }

    /**
     * CHECKs matched one to one as SQLite reads them (a CHECK written twice on one side is one too many); one left on
     * each side for the same column or constraint name is one changed CHECK, the others missing or extra.
     */
    private static void compareChecks(List<Drift> out, String t, List<SchemaModel.Check> e, List<SchemaModel.Check> a,
                                      Set<String> en, Set<String> an) {
        List<SchemaModel.Check> missing = new ArrayList<>(), extra = new ArrayList<>(a);
        for (SchemaModel.Check c : e) {
            String key = SqlText.key(c.text(), en);
            SchemaModel.Check same = extra.stream().filter(x -> SqlText.key(x.text(), an).equals(key)).findFirst().orElse(null);
            if (same == null) missing.add(c);
            else extra.remove(same);
        }
        for (SchemaModel.Check c : List.copyOf(missing)) {
            if (c.owner() == null) continue;
            List<SchemaModel.Check> mine = missing.stream().filter(x -> sameOwner(x, c)).toList();
            List<SchemaModel.Check> theirs = extra.stream().filter(x -> sameOwner(x, c)).toList();
            if (mine.size() != 1 || theirs.size() != 1) continue;
            out.add(new Drift(t, "check", c.owner(), "definition", c.text(), theirs.get(0).text()));
            missing.remove(c);
            extra.remove(theirs.get(0));
        }
        for (SchemaModel.Check c : missing) out.add(new Drift(t, "check", c.text(), "missing", c.text(), null));
        for (SchemaModel.Check c : extra) out.add(new Drift(t, "check", c.text(), "extra", null, c.text()));
    }

    private static boolean sameOwner(SchemaModel.Check x, SchemaModel.Check y) {
        return x.owner() != null && y.owner() != null && SqlText.lower(x.owner()).equals(SqlText.lower(y.owner()));
    }

    /** Foreign keys by their label in lower case: names are case-insensitive. */
    private static Map<String, SchemaModel.ForeignKey> byLabel(List<SchemaModel.ForeignKey> fks) {
        Map<String, SchemaModel.ForeignKey> m = new LinkedHashMap<>();
        for (SchemaModel.ForeignKey fk : fks) m.put(SqlText.lower(fk.label()), fk);
        return m;
    }

    private static void diff(List<Drift> out, String t, String kind, String name, String issue, String e, String a) {
        if (!Objects.equals(e, a)) out.add(new Drift(t, kind, name, issue, e, a));
    }

    /** A difference only when SQLite reads the two texts differently; each is shown as written. */
    private static void diffSql(List<Drift> out, String t, String kind, String name, String issue, String e, String a) {
        diffKeys(out, t, kind, name, issue, e, a, SqlText.key(e), SqlText.key(a));
    }

    /** A difference where the two texts' keys (what SQLite reads in each) differ; each is shown as written. */
    private static void diffKeys(List<Drift> out, String t, String kind, String name, String issue, String e, String a,
                                 String eKey, String aKey) {
        if (!Objects.equals(eKey, aKey)) out.add(new Drift(t, kind, name, issue, e, a));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String keyCollation(SchemaModel.Column c) {
        return c.primaryKeyCollation() != null ? c.primaryKeyCollation() : c.collation();
    }

    private static String order(SchemaModel.Column c) {
        return c.primaryKeyDescending() ? "DESC" : "ASC";
    }

    private static String pk(SchemaModel.Column c) {
        return c.primaryKeyPosition() == 0 ? null : String.valueOf(c.primaryKeyPosition());
    }
}
