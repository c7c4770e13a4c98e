package lib.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import lib.rules.Pseudonym;
import lib.rules.Tally;
import lib.rules.Text;

/**
 * Finding a rejected row again on AIM, for the business figures: by its key, and where AIM holds that key more than
 * once (a table whose primary key was dropped: one row loaded, another rejected) by its values as rejects/TABLE.csv
 * lists them, so the rejected row, not the first of its key, explains a figure.
 */
public final class AimRejectedRows {
    private AimRejectedRows() {}

    /**
     * How many rows of {@code table} share the key of the row with alias {@code alias}: 1 unless its primary key was
     * dropped. A lookup reads it beside each row it finds (a seek on the key per row found, on any server).
     */
    public static String copies(String table, String alias, List<String> keyColumns) {
        return "(SELECT COUNT(*) FROM " + table + " dk WHERE "
                + String.join(" AND ", keyColumns.stream().map(c -> "dk." + c + " = " + alias + "." + c).toList()) + ")";
    }

    /**
     * Every row of {@code table} whose key AIM holds more than once: its key columns, then its key as the server groups it
     * (one spelling of each key, where the collation makes 'GC2' and 'gc2' one), then its {@code columns}. The sample (H2,
     * whose comparisons are exact) gives each row's own key twice: its optimizer would run a join to the groups once for
     * each row.
     */
    public static String heldMoreThanOnce(String table, List<String> keyColumns, List<String> columns, boolean h2) {
        String key = String.join(", ", keyColumns), grouped = "SELECT " + key + " FROM " + table + " GROUP BY " + key + " HAVING COUNT(*) > 1";
        String values = columns.isEmpty() ? "" : ", " + String.join(", ", columns("t", columns));
        if (h2) {
            String row = keyColumns.size() == 1 ? "t." + keyColumns.get(0) : "(" + String.join(", ", columns("t", keyColumns)) + ")";
            return "SELECT " + String.join(", ", columns("t", keyColumns)) + ", " + String.join(", ", columns("t", keyColumns)) + values
                    + " FROM " + table + " t WHERE " + row + " IN (" + grouped + ")";
        }
        return "SELECT " + String.join(", ", columns("t", keyColumns)) + ", " + String.join(", ", columns("d", keyColumns)) + values + " FROM " + table
                + " t JOIN (" + grouped + ") d ON " + String.join(" AND ", keyColumns.stream().map(c -> "d." + c + " = t." + c).toList());
    }

    /**
     * The key of {@code count} columns from {@code first} of a result ({@code kinds}: {@link #kinds}), as a rejects file
     * lists it ({@link Row#key}: "1/100003", a NULL part empty, "1/100003/"); null when every part is NULL: no row of the
     * table (a payment whose ticket AIM does not hold, by a LEFT JOIN).
     */
    public static String key(ResultSet rs, int[] kinds, int first, int count) throws SQLException {
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < count; i++) {
            Object v = SourceValues.value(rs, first + i, kinds[first + i - 1]);
            any |= v != null;
            out.append(i == 0 ? "" : "/").append(Row.keyPart(v));
        }
        return any ? out.toString() : null;
    }

    /** The columns of the table with alias {@code alias}, as the lookup of a row by its values reads them. */
    public static List<String> columns(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + c).toList();
    }

    /** How each column of a result is read, as the reads of AIM read it. */
    public static int[] kinds(ResultSet rs) throws SQLException {
        return SourceValues.kinds(rs.getMetaData());
    }

    /** {@code count} columns from {@code first} of a result, read and written as a rejects file lists a row's values ({@link Row#values}). */
    public static String[] asListed(ResultSet rs, int first, int count) throws SQLException {
        return asListed(rs, kinds(rs), first, count);
    }

    /** As above, with the result's {@link #kinds}. */
    public static String[] asListed(ResultSet rs, int[] kinds, int first, int count) throws SQLException {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) out[i] = Row.asText(SourceValues.value(rs, first + i, kinds[first + i - 1]));
        return out;
    }

    /**
     * A row's values as compared with a listed row's: as the file holds them (NULL and '' alike, a lone surrogate as
     * U+FFFD), the personal columns left out, which --redact lists as pseudonyms (no figure reads them).
     */
    public static String sameness(List<String> columns, String[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size() && i < values.length; i++) {
            if (Pseudonym.aimColumn(columns.get(i))) continue;
            String v = values[i] == null ? "" : Text.wellFormed(values[i], Tally.NONE);
            out.append(v.length()).append(':').append(v);
        }
        return out.toString();
    }
}
