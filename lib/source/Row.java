package lib.source;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;

/** The current row of a source read, with typed getters by column name. */
public final class Row {
    private final ResultSet rs;
    private final Map<String, Integer> index;
    private final SourceTable table;

    Row(ResultSet rs, Map<String, Integer> index, SourceTable table) {
        this.rs = rs;
        this.index = index;
        this.table = table;
    }

    private int at(String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException(table.name() + " is not read with column " + column);
        return i;
    }

    public String str(String column) throws SQLException {
        return rs.getString(at(column));
    }

    public Integer integer(String column) throws SQLException {
        int v = rs.getInt(at(column));
        return rs.wasNull() ? null : v;
    }

    public int intRequired(String column) throws SQLException {
        return rs.getInt(at(column));
    }

    public BigDecimal decimal(String column) throws SQLException {
        return rs.getBigDecimal(at(column));
    }

    public LocalDateTime time(String column) throws SQLException {
        return rs.getObject(at(column), LocalDateTime.class);
    }

    public Boolean bit(String column) throws SQLException {
        boolean v = rs.getBoolean(at(column));
        return rs.wasNull() ? null : v;
    }

    /** The legacy key as AIM shows it: key parts joined with '/', e.g. "1/100023". */
    public String key() throws SQLException {
        StringBuilder sb = new StringBuilder();
        for (String k : table.key()) {
            if (sb.length() > 0) sb.append('/');
            String v = rs.getString(at(k));
            sb.append(v == null ? "" : v.strip());
        }
        return sb.toString();
    }

    /** Every value read, as text, for the rejects file. */
    public String[] values() throws SQLException {
        String[] out = new String[table.columns().size()];
        for (int i = 0; i < out.length; i++) out[i] = rs.getString(i + 1);
        return out;
    }

    public SourceTable table() {
        return table;
    }
}
