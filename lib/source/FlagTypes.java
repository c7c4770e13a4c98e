package lib.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether AIM keeps each flag the business figures read (a ticket's VOIDED, a gift card's ACTIVE, a product's
 * DELETED) as text or as a number (a BIT, an INT, a DECIMAL), read when a run starts with the collations
 * ({@link SourceCollation#use}), so AIM's side reads each in the few words its type needs ({@link AimFigures#flag}). On SQL Server from the collations a run
 * reads anyway, no statement more: a column with a collation is text, and one without, of a table whose text columns
 * the server named, is not. On H2 (the sample) as its metadata types the column. Until a run sets them (unit tests,
 * or a server that does not say), a flag's type is unknown and read whole ({@link AimFigures#isSet}).
 */
public final class FlagTypes {
    /** What a flag column holds. */
    public enum Kind { TEXT, NUMBER }

    /** The flags the business figures read, as "TABLE.COLUMN". */
    static final List<String> READ = List.of("TICKET.VOIDED", "GIFTCARD.ACTIVE", "INVMAST.DELETED");

    private static volatile Map<String, Kind> kinds = Map.of();

    private FlagTypes() {}

    /** The kind of {@code table.column} in the AIM this run reads; null when unknown. */
    public static Kind of(String table, String column) {
        return kinds.get((table + "." + column).toUpperCase(Locale.ROOT));
    }

    /** Forgets the kinds (a warm JVM before the run it serves; a run whose source does not say). */
    public static void forget() {
        kinds = Map.of();
    }

    /** Sets the kinds from the collations of text columns SQL Server named ("TABLE.COLUMN" in upper case). */
    static void useCollations(Map<String, String> collations) {
        Map<String, Kind> out = new HashMap<>();
        for (String flag : READ) {
            String table = flag.substring(0, flag.indexOf('.') + 1);
            if (collations.containsKey(flag)) out.put(flag, Kind.TEXT);
            else if (collations.keySet().stream().anyMatch(c -> c.startsWith(table))) out.put(flag, Kind.NUMBER);
        }
        kinds = Map.copyOf(out);
    }

    /** Sets the kinds as H2's metadata types the columns (a BIT is H2's BOOLEAN). */
    static void useMetadata(Connection h2) {
        Map<String, Kind> out = new HashMap<>();
        try {
            DatabaseMetaData meta = h2.getMetaData();
            for (String flag : READ) {
                String[] tc = flag.split("\\.");
                try (ResultSet rs = meta.getColumns(null, null, tc[0], tc[1])) {
                    Kind kind = rs.next() ? kind(rs.getInt("DATA_TYPE")) : null;
                    if (kind != null) out.put(flag, kind);
                }
            }
        } catch (SQLException e) {
            out.clear(); // unknown: read whole
        }
        kinds = Map.copyOf(out);
    }

    private static Kind kind(int jdbcType) {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> Kind.TEXT;
            case Types.BIT, Types.BOOLEAN, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.NUMBER;
            default -> null;
        };
    }
}
