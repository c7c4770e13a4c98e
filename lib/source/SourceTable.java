package lib.source;

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
    private final List<String> columns = new ArrayList<>();
    private final Map<String, String> money = new LinkedHashMap<>();

    private SourceTable(String name, String target, List<String> key) {
        this.name = name;
        this.target = target;
        this.key = key;
        this.columns.addAll(key);
    }

    public static SourceTable of(String name, String target, String... key) {
        return new SourceTable(name, target, List.of(key));
    }

    public SourceTable columns(String... names) {
        Collections.addAll(columns, names);
        return this;
    }

    /** A MONEY column and the Helm cents column it lands in; also read. */
    public SourceTable money(String column, String targetColumn) {
        columns.add(column);
        money.put(column, targetColumn);
        return this;
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
        return "SELECT " + String.join(", ", columns) + " FROM " + name + " ORDER BY " + String.join(", ", key);
    }

    /**
     * The rows after a given key, in key order: how a read that lost its connection carries on
     * where it stopped. Parameters: for each key column i, the first i+1 key values
     * ({@code k1 > ? OR (k1 = ? AND k2 > ?) OR ...}), bound by {@link #bindAfter}.
     */
    public String selectAfterSql() {
        List<String> or = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            List<String> and = new ArrayList<>();
            for (int j = 0; j < i; j++) and.add(key.get(j) + " = ?");
            and.add(key.get(i) + " > ?");
            or.add(and.size() == 1 ? and.get(0) : "(" + String.join(" AND ", and) + ")");
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + name + " WHERE " + String.join(" OR ", or)
                + " ORDER BY " + String.join(", ", key);
    }

    /** Binds the key of {@code row} (the values of {@link #columns()}, key first) to {@link #selectAfterSql()}. */
    public void bindAfter(java.sql.PreparedStatement st, Object[] row) throws java.sql.SQLException {
        int p = 1;
        for (int i = 0; i < key.size(); i++) for (int j = 0; j <= i; j++) st.setObject(p++, row[j]);
    }

    /** The table's rows, for progress and --check-source. */
    public String countSql() {
        return "SELECT COUNT(*) FROM " + name;
    }
}
