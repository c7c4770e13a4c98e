package lib.source;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a slice reads from one AIM table: the key (also the read order), the
 * columns, the Helm table its rows land in, and which money columns map to which
 * Helm cents columns (for the reconciliation of sums).
 */
public final class SourceTable {
    private final String name;
    private final String target;
    private final List<String> key;
    private final List<String> columns;
    private final Map<String, String> money;

    private SourceTable(String name, String target, List<String> key, List<String> columns, Map<String, String> money) {
        this.name = name;
        this.target = target;
        this.key = List.copyOf(key);
        this.columns = List.copyOf(columns);
        this.money = Collections.unmodifiableMap(new LinkedHashMap<>(money));
    }

    /** The table {@code name}, landing in Helm table {@code target}, read in the order of its {@code key} (also read). */
    public static SourceTable of(String name, String target, String... key) {
        return new SourceTable(name, target, List.of(key), List.of(key), Map.of());
    }

    /** This table with more columns read. */
    public SourceTable columns(String... names) {
        List<String> more = new ArrayList<>(columns);
        Collections.addAll(more, names);
        return new SourceTable(name, target, key, more, money);
    }

    /** This table with a MONEY column read, and the Helm cents column it lands in. */
    public SourceTable money(String column, String targetColumn) {
        List<String> more = new ArrayList<>(columns);
        more.add(column);
        Map<String, String> moreMoney = new LinkedHashMap<>(money);
        moreMoney.put(column, targetColumn);
        return new SourceTable(name, target, key, more, moreMoney);
    }

    public String name() {
        return name;
    }

    public String target() {
        return target;
    }

    public List<String> key() {
        return key;
    }

    public List<String> columns() {
        return columns;
    }

    public Map<String, String> money() {
        return money;
    }

    /** Plain extraction SQL: a column list and ORDER BY the key, nothing a source could not run. */
    public String selectSql() {
        return selectSql(null);
    }

    /** The same, of the rows meeting {@code where} (a condition on this table's columns; null: every row). */
    public String selectSql(String where) {
        return "SELECT " + String.join(", ", columns) + " FROM " + name + (where == null ? "" : " WHERE " + where)
                + " ORDER BY " + String.join(", ", key);
    }

    /**
     * The rows from a given key on, that key's own rows again, in key order: how a read that lost its connection carries
     * on where it stopped ({@link ResumePoint} leaves out the rows of that key it had taken). Parameters: for each key
     * column i, the first i+1 key values ({@code k1 > ? OR (k1 = ? AND k2 >= ?) OR ...}), bound by {@link #bindFrom}.
     */
    public String selectFromSql() {
        return selectFromSql(null);
    }

    /** The same, of the rows meeting {@code where} (null: every row); the parameters stay those of the key. */
    public String selectFromSql(String where) {
        List<String> or = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            List<String> and = new ArrayList<>();
            for (int j = 0; j < i; j++) and.add(key.get(j) + " = ?");
            and.add(key.get(i) + (i == key.size() - 1 ? " >= ?" : " > ?"));
            or.add(and.size() == 1 ? and.get(0) : "(" + String.join(" AND ", and) + ")");
        }
        String from = String.join(" OR ", or);
        return "SELECT " + String.join(", ", columns) + " FROM " + name + " WHERE " + (where == null ? from : where + " AND (" + from + ")")
                + " ORDER BY " + String.join(", ", key);
    }

    /** Binds the key of {@code row} (the values of {@link #columns()}, key first) to {@link #selectFromSql()}. */
    public void bindFrom(PreparedStatement st, Object[] row) throws SQLException {
        int p = 1;
        for (int i = 0; i < key.size(); i++) for (int j = 0; j <= i; j++) st.setObject(p++, row[j]);
    }

    /** The table's rows, for progress and --check-source. */
    public String countSql() {
        return countSql(null);
    }

    /** The rows meeting {@code where} (null: every row). */
    public String countSql(String where) {
        return "SELECT COUNT(*) FROM " + name + (where == null ? "" : " WHERE " + where);
    }
}
