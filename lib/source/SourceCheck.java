package lib.source;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lib.core.ExitCode;
import lib.core.MigrationException;

/** The preflight of a source (--check-source): reachable, every table and column the slices read there, and how many rows each holds. */
public final class SourceCheck {
    private SourceCheck() {}

    /** Prints the source, each table with its row count, and every missing table or column (to {@code err}); returns the exit code. */
    public static int run(Connection db, String label, String user, List<SourceTable> tables, Function<SourceTable, Integer> sliceOf,
            PrintWriter out, PrintWriter err) throws SQLException {
        out.println("Source: " + label + " (" + db.getMetaData().getDatabaseProductName() + " "
                + db.getMetaData().getDatabaseProductVersion() + ")");
        Map<String, List<SourceTypes.Column>> types = new java.util.HashMap<>();
        SourceGaps gaps = SourceConnection.gaps(db, tables, sliceOf, user, types);
        Map<SourceTable, Long> counted = counted(db, tables.stream().filter(t -> gaps.rowNote(t.name()) == null).toList());
        for (SourceTable t : tables) {
            String gap = gaps.rowNote(t.name());
            out.printf("  slice %d  %-10s %s%n", sliceOf.apply(t), t.name(), gap != null ? gap
                    : counted != null ? String.format("%,d rows", counted.get(t)) : rows(db, t));
        }
        List<String> drifted = SourceTypes.differences(db, tables, types);
        if (!drifted.isEmpty()) {
            out.println("Columns of another type than AIM v12's (a run reads them; a value it cannot take rejects its row, naming why):");
            drifted.forEach(d -> out.println("  " + d));
        }
        List<String> collated = SourceCollation.differing(db, tables);
        if (!collated.isEmpty()) {
            out.println("Columns that compare case otherwise than the database (a run compares their codes as each says):");
            collated.forEach(d -> out.println("  " + d));
        }
        List<String> unkeyed = unkeyed(db, tables.stream().filter(t -> gaps.rowNote(t.name()) == null).toList());
        if (!unkeyed.isEmpty()) {
            out.println("Tables without their primary key (a run loads one row of a key AIM holds twice and rejects the others as id_collision):");
            unkeyed.forEach(d -> out.println("  " + d));
        }
        if (gaps.isEmpty()) {
            out.println("Every table and column the selected slices read is there.");
            return ExitCode.OK.code;
        }
        gaps.lines().stream().filter(l -> !l.startsWith("the source lacks ")).forEach(l -> err.println(upper(l)));
        if (!gaps.missing().isEmpty()) {
            err.println("The source lacks " + gaps.missing().size() + " table(s) or column(s) the slices read:");
            gaps.missing().forEach(m -> err.println("  " + m));
        }
        return ExitCode.SOURCE_INCOMPLETE.code;
    }

    /**
     * Refuses a source without every table and column a run or a profile reads, or with tables this login may not read
     * or finds in another schema (exit 4), naming them and the fix.
     */
    public static void requireComplete(Connection db, String user, List<SourceTable> tables, Function<SourceTable, Integer> sliceOf) throws SQLException {
        SourceGaps gaps = SourceConnection.gaps(db, tables, sliceOf, user);
        if (!gaps.isEmpty()) throw new MigrationException(ExitCode.SOURCE_INCOMPLETE, gaps.line());
    }

    /**
     * The tables of {@code tables} with no index that keeps their key unique ({@link KeyIndexes}), "TKTLINE (key
     * STORE_NO, TICKET_NO, LINE_NO)": AIM v12 gives each one, and a table that lost it (a DBA's repair, a restore) may hold
     * a key twice. In one statement; none when the login may not read the catalogue.
     */
    static List<String> unkeyed(Connection db, List<SourceTable> tables) {
        Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        for (SourceTable t : tables) keys.putIfAbsent(t.name(), t.key());
        java.util.Set<String> missing = KeyIndexes.missing(db, keys);
        if (missing == null) return List.of(); // a login that may not read the catalogue: nothing to say
        return tables.stream().filter(t -> missing.contains(t.name())).map(t -> t.name() + " (key " + String.join(", ", t.key()) + ")").toList();
    }

    private static String upper(String line) {
        return Character.toUpperCase(line.charAt(0)) + line.substring(1) + ".";
    }

    /** The rows of {@code tables} in one statement ({@link SourceCounts}); null when it failed: then each is counted alone. */
    private static Map<SourceTable, Long> counted(Connection db, List<SourceTable> tables) {
        if (tables.size() < 2) return null;
        try (Statement st = db.createStatement()) {
            return SourceCounts.together(st, tables, null);
        } catch (SQLException e) {
            return null;
        }
    }

    /** "1,234 rows" by COUNT(*), or "not readable". */
    static String rows(Connection db, SourceTable t) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(t.countSql())) {
            rs.next();
            return String.format("%,d rows", rs.getLong(1));
        } catch (SQLException e) {
            return "not readable";
        }
    }
}
