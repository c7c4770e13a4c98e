package lib.source;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import lib.rules.RuleException;

/** The current row of a source read: typed values by column name. */
public final class Row {
    private final Map<String, Integer> index;
    private final SourceTable table;
    private Object[] values;

    Row(Map<String, Integer> index, SourceTable table) {
        this.index = index;
        this.table = table;
    }

    void set(Object[] values) {
        this.values = values;
    }

    Object[] raw() {
        return values;
    }

    private Object at(String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException(table.name() + " is not read with column " + column);
        return values[i];
    }

    public String str(String column) {
        Object v = at(column);
        return v == null ? null : v.toString();
    }

    public Integer integer(String column) {
        Object v = at(column);
        return v == null ? null : ((Number) v).intValue();
    }

    /** An integer the source declares NOT NULL (key columns). */
    public int intRequired(String column) {
        Object v = at(column);
        if (v == null) throw new RuleException(column + " is NULL");
        return ((Number) v).intValue();
    }

    public BigDecimal decimal(String column) {
        return (BigDecimal) at(column);
    }

    public LocalDateTime time(String column) {
        return (LocalDateTime) at(column);
    }

    public Boolean bit(String column) {
        Object v = at(column);
        if (v == null || v instanceof Boolean) return (Boolean) v;
        return ((Number) v).intValue() != 0;
    }

    /** The legacy key as AIM shows it: key parts joined with '/', e.g. "1/100023". */
    public String key() {
        // The key columns are read first (SourceTable), so they are values[0..n-1].
        int n = table.key().size();
        if (n == 1) return keyPart(values[0]);
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append('/');
            sb.append(keyPart(values[i]));
        }
        return sb.toString();
    }

    private static String keyPart(Object v) {
        if (v == null) return "";
        if (v instanceof Integer i) return Integer.toString(i);
        // SQL Server's = ignores trailing spaces, and only them: ' GC2', 'GC2' and 'GC2<TAB>' are three keys.
        String s = v.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Every value read, as text, for the rejects file. */
    public String[] values() {
        String[] out = new String[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i] == null ? null : values[i].toString();
        return out;
    }

    public SourceTable table() {
        return table;
    }
}
