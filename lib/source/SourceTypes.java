package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lib.sample.TsqlColumn;

/**
 * The columns a shop's AIM holds in another kind of type than AIM v12 (the sample's DDL) and what a run makes of
 * them, for --check-source: a DECIMAL quantity, a FLOAT cost, a DATETIMEOFFSET time. A run reads them all the same,
 * exactly where it can, and a value it cannot take rejects its row naming why (lib.source.Row); said beforehand, the
 * rejects are no surprise. Kinds, not names: MONEY and DECIMAL, NVARCHAR and CHAR, DATETIME and DATE read alike.
 */
public final class SourceTypes {
    private SourceTypes() {}

    /** WHOLE: any integer type, as Helm's INTEGER holds 64 bits (a BIGINT key is read as it is). */
    private enum Kind { WHOLE, EXACT, FLOAT, TEXT, TIME, ZONED, FLAG, OTHER }

    /** A column as a result set describes it: its JDBC type code, the server's name of the type, and its scale. */
    public record Column(String name, int type, String typeName, int scale) {}

    /** "TICKET.TICKET_NO is bigint (AIM v12: INT): ..." for each column read whose kind is not AIM v12's. */
    public static List<String> differences(Connection db, List<SourceTable> tables) {
        return differences(db, tables, Map.of());
    }

    /**
     * As above, with the columns of the tables the table check has read already ({@code known}, by table name in upper
     * case; SourceConnection.gaps): those are not asked again (a round trip each). The others are read as
     * {@code SELECT TOP 0 <the columns read>}.
     */
    public static List<String> differences(Connection db, List<SourceTable> tables, Map<String, List<Column>> known) {
        Map<String, TsqlColumn> v12 = new HashMap<>();
        for (TsqlColumn c : TsqlColumn.ofSampleDdl()) v12.put((c.table() + "." + c.name()).toUpperCase(Locale.ROOT), c);
        List<String> out = new ArrayList<>();
        for (SourceTable t : tables) {
            List<Column> columns = known.containsKey(t.name().toUpperCase(Locale.ROOT)) ? read(t, known.get(t.name().toUpperCase(Locale.ROOT))) : read(db, t);
            for (int i = 0; columns != null && i < columns.size(); i++) {
                String column = t.name() + "." + t.columns().get(i);
                TsqlColumn expected = v12.get(column.toUpperCase(Locale.ROOT));
                if (expected == null) continue;
                Column c = columns.get(i);
                Kind want = kindOf(expected.type()), have = kindOf(c.type());
                if (want != have && want != Kind.OTHER) { // OTHER: a UNIQUEIDENTIFIER, which each driver types its own way, read as text
                    out.add(column + " is " + c.typeName().toLowerCase(Locale.ROOT) + " (AIM v12: " + expected.type() + ")" + effect(want, have, c.scale()));
                }
            }
        }
        return out;
    }

    /** The columns {@code t} reads, in its order, from all of its columns; null when one is not there (nothing to compare). */
    private static List<Column> read(SourceTable t, List<Column> all) {
        List<Column> out = new ArrayList<>();
        for (String name : t.columns()) {
            Column found = all.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
            if (found == null) return null;
            out.add(found);
        }
        return out;
    }

    /** The columns {@code t} reads, as the server describes them; null when it cannot read them. */
    private static List<Column> read(Connection db, SourceTable t) {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT TOP 0 " + String.join(", ", t.columns()) + " FROM " + t.name())) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Column> out = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                out.add(new Column(meta.getColumnName(i), meta.getColumnType(i), meta.getColumnTypeName(i), meta.getScale(i)));
            }
            return out;
        } catch (SQLException missingOrUnreadable) {
            return null; // --check-source names a table or column that is not there; nothing to compare
        }
    }

    /** What a run makes of a value of kind {@code have} where AIM v12 has {@code want}. */
    static String effect(Kind want, Kind have, int scale) {
        if (want == Kind.WHOLE && have == Kind.EXACT && scale == 0) return ": read as the whole numbers it holds; one past a 64-bit integer rejects its row (integer_out_of_range)";
        if (want == Kind.TEXT && have == Kind.FLAG) return ": read as the flag 'Y' or 'N'";
        if (want == Kind.WHOLE && (have == Kind.EXACT || have == Kind.FLOAT)) {
            return ": a fraction in a quantity is cut toward zero (fraction_cut), in a key or reference rejects its row (not_whole)";
        }
        if ((want == Kind.WHOLE || want == Kind.EXACT) && have == Kind.TEXT) return ": text that is no number rejects its row (not_a_number)";
        if (want == Kind.EXACT && have == Kind.WHOLE) return ": read as whole dollars";
        if (want == Kind.EXACT && have == Kind.FLOAT) return ": read as the decimal SQL Server shows for it";
        if (want == Kind.TIME && (have == Kind.ZONED || have == Kind.TEXT)) return ": every value rejects its row (not_a_local_time)";
        if (want == Kind.FLAG && have == Kind.TEXT) return ": 'Y'/'N', 'T'/'F', '1'/'0' read as the flag, other text rejects its row";
        if (want == Kind.FLAG && have == Kind.WHOLE) return ": 0 is no, any other number yes";
        return "";
    }

    private static Kind kindOf(String v12Type) {
        return switch (v12Type) {
            case "TINYINT", "SMALLINT", "INT", "BIGINT" -> Kind.WHOLE;
            case "MONEY", "SMALLMONEY", "DECIMAL", "NUMERIC" -> Kind.EXACT;
            case "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "TEXT", "NTEXT" -> Kind.TEXT;
            case "DATETIME", "SMALLDATETIME", "DATETIME2", "DATE" -> Kind.TIME;
            case "BIT" -> Kind.FLAG;
            default -> Kind.OTHER;
        };
    }

    private static Kind kindOf(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.WHOLE;
            case Types.DECIMAL, Types.NUMERIC -> Kind.EXACT;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOAT;
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> Kind.TEXT;
            case Types.DATE, Types.TIMESTAMP -> Kind.TIME;
            case Types.TIMESTAMP_WITH_TIMEZONE, DATETIMEOFFSET -> Kind.ZONED;
            case Types.BIT, Types.BOOLEAN -> Kind.FLAG;
            default -> Kind.OTHER;
        };
    }

    /** mssql-jdbc's type code of DATETIMEOFFSET (microsoft.sql.Types.DATETIMEOFFSET). */
    private static final int DATETIMEOFFSET = -155;
}
