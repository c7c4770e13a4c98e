package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import lib.rules.CodeKey;

/**
 * How AIM compares codes: its database's collation and each text column's own, read once when a run starts
 * ({@link CodeKey#use(String, Map)}). The embedded H2 sample is treated as SQL Server's default (case-insensitive)
 * throughout; a server that will not say a column's collation (no permission to see the catalogue, an old or a
 * TDS-compatible server) has its columns compared as the database's collation says, and one that will not say that
 * either as SQL Server's default.
 */
public final class SourceCollation {
    public static final String SQL = "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128))";

    private SourceCollation() {}

    /**
     * The collations of the text columns of {@code tables}, in one statement: sys.columns of each table as OBJECT_ID
     * resolves its name, the way the reads' unqualified names resolve (the login's default schema, then dbo), where
     * INFORMATION_SCHEMA would list a table of the same name in every schema. The TDS server (Babelfish) names the
     * collations its own way (bbf_unicode_cp1_cs_as for Latin1_General_CS_AS) and the columns in lower case.
     */
    public static String columnsSql(Collection<String> tables) {
        StringBuilder values = new StringBuilder();
        for (String t : tables) values.append(values.length() == 0 ? "" : ", ").append("('").append(t.replace("'", "''")).append("')");
        return "SELECT t.NAME, c.name, c.collation_name FROM (VALUES " + values + ") t(NAME)"
                + " JOIN sys.columns c ON c.object_id = OBJECT_ID(t.NAME) WHERE c.collation_name IS NOT NULL";
    }

    /**
     * Sets the comparisons this run makes ({@link CodeKey}) from what {@code source} says of itself and of {@code tables}'
     * columns, and the kinds of the flags the figures read ({@link FlagTypes}: a text column has a collation). A null
     * source forgets both.
     */
    public static void use(Connection source, Collection<String> tables) {
        if (source == null || isH2(source)) {
            CodeKey.use(null);
            if (source == null) FlagTypes.forget();
            else FlagTypes.useMetadata(source);
            return;
        }
        Map<String, String> columns = columns(source, tables);
        CodeKey.use(name(source), columns);
        FlagTypes.useCollations(columns);
    }

    /**
     * For --check-source: each column {@code tables} read whose collation compares case otherwise than the database's,
     * "PAYTYPE.PAY_CODE is Latin1_General_CS_AS: ...", so the codes a run keeps apart (or takes for one) are no surprise.
     */
    public static java.util.List<String> differing(Connection source, java.util.List<SourceTable> tables) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (source == null || isH2(source)) return out;
        String database = name(source);
        boolean dbCase = CodeKey.forCollation(database).caseSensitive();
        Map<String, String> byColumn = columns(source, tables.stream().map(SourceTable::name).distinct().toList());
        for (SourceTable t : tables) {
            for (String c : t.columns()) {
                String collation = byColumn.get((t.name() + "." + c).toUpperCase(Locale.ROOT));
                if (collation == null || CodeKey.forCollation(collation).caseSensitive() == dbCase) continue;
                out.add(t.name() + "." + c + " is " + collation + (dbCase ? ": case-insensitive, where the database (" + database
                        + ") is not: 'A1' and 'a1' are one code there" : ": case-sensitive, where the database (" + database
                        + ") is not: 'CASH' and 'cash' are two codes there"));
            }
        }
        return out;
    }

    /** The database's collation's name, or null for the H2 sample or a server that does not tell. */
    static String name(Connection source) {
        if (source == null || isH2(source)) return null;
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** The collation of each text column of {@code tables}, by "TABLE.COLUMN" in upper case; none when the server will not say. */
    static Map<String, String> columns(Connection source, Collection<String> tables) {
        Map<String, String> out = new HashMap<>();
        if (source == null || isH2(source) || tables.isEmpty()) return out;
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(columnsSql(tables))) {
            while (rs.next()) out.put((rs.getString(1) + "." + rs.getString(2)).toUpperCase(Locale.ROOT), rs.getString(3));
            return out;
        } catch (SQLException e) {
            return new HashMap<>(); // no permission to read the catalogue: the database's collation it is
        }
    }

    private static boolean isH2(Connection source) {
        try {
            return SourceConnection.isH2(source);
        } catch (SQLException e) {
            return false;
        }
    }
}
