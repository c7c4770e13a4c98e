package lib.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.Jdbc;
import lib.core.MigrationException;
import lib.schema.SqlScript;

/**
 * The Helm SQLite file being built. Its schema comes only from migrations/*.sql.
 * It is a build artifact written to a staging file and renamed into place on
 * success, so durability during the build is not needed (no sync); WAL lets the
 * D1 files be written from finished slices while the next slice loads.
 */
public final class HelmDatabase implements AutoCloseable {
    private final Connection db;

    private HelmDatabase(Connection db) {
        this.db = db;
    }

    public static HelmDatabase open(Path file) throws SQLException {
        Connection c = Jdbc.sqlite(file, false);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL"); // lets the D1 writer read finished slices while the next one loads
            st.execute("PRAGMA synchronous = OFF");
            st.execute("PRAGMA foreign_keys = OFF"); // checked as a whole by foreign_key_check after the load
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA temp_store = MEMORY");
        }
        c.setAutoCommit(false);
        return new HelmDatabase(c);
    }

    /** A connection of its own to a committed {@code file}, for reading beside the run's (WAL: it sees what was committed when it reads). */
    public static Connection reader(Path file) throws SQLException {
        Connection c = Jdbc.sqlite(file, false);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA temp_store = MEMORY");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The migrations folder's NNNN_*.sql files, in order. */
    public static List<Path> migrationFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MigrationException(ExitCode.BAD_INPUT, "migrations folder not found: " + dir + " (run from the toolkit's folder, or pass --migrations DIR)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().matches("\\d{4}_.*\\.sql")).sorted().toList();
            if (files.isEmpty()) throw new MigrationException(ExitCode.BAD_INPUT, "no NNNN_*.sql migrations in " + dir);
            return files;
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    public void applyMigrations(Path dir) throws SQLException {
        for (Path f : migrationFiles(dir)) {
            String sql;
            try {
                sql = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigrationException(ExitCode.BAD_INPUT, "cannot read " + f + ": " + e.getMessage());
            }
            for (SqlScript.Statement s : SqlScript.split(sql)) {
                try (Statement st = db.createStatement()) {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new MigrationException(ExitCode.BAD_INPUT, f + ":" + s.line() + ": SQLite rejects this migration statement: " + e.getMessage());
                }
            }
        }
        db.commit();
    }

    public Connection connection() {
        return db;
    }

    /**
     * Drops the secondary indexes of these tables and returns their CREATE statements,
     * exactly as the migrations wrote them into sqlite_schema, to rebuild after a bulk
     * load (one sort per index instead of an update per row). UNIQUE constraints stay.
     */
    public List<String> dropIndexes(List<String> tables) throws SQLException {
        List<String> creates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String t : tables) {
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = '" + t + "' ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    creates.add(rs.getString(2));
                }
            }
        }
        try (Statement st = db.createStatement()) {
            for (String n : names) st.execute("DROP INDEX " + n);
        }
        return creates;
    }

    public void createIndexes(List<String> creates) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (String sql : creates) st.execute(sql);
        }
    }

    public void deleteAll(String table) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DELETE FROM " + table);
        }
    }

    public long count(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** SUM of an INTEGER column, exact however large ({@link #totals}). */
    public java.math.BigInteger exactSum(String table, String column) throws SQLException {
        return totals(table, List.of(column)).sums().get(0);
    }

    /** A table's rows, and the exact SUM of each of the columns asked for, in their order. */
    public record Totals(long rows, List<java.math.BigInteger> sums) {}

    /**
     * A table's rows and the exact SUM of each of {@code columns}, however large, in one scan of the table: SQLite's
     * SUM stops with "integer overflow" past 2^63, so the high and low 32 bits of each value are summed apart (neither
     * sum can overflow below 2^31 rows) and joined here: value = (value >> 32) * 2^32 + (value & 0xFFFFFFFF).
     */
    public Totals totals(String table, List<String> columns) throws SQLException {
        // Plain SUMs first, in half the time (scale 10's sale_lines: 0.08 against 0.13-0.17 s): SQLite stops them with
        // "integer overflow" when a running sum passes 2^63, and the exact form below is used then.
        StringBuilder plain = new StringBuilder("SELECT COUNT(*)");
        for (String c : columns) plain.append(", SUM(").append(c).append(")");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(plain.append(" FROM ").append(table).toString())) {
            rs.next(); // an aggregate: always one row
            List<java.math.BigInteger> sums = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) sums.add(java.math.BigInteger.valueOf(rs.getLong(2 + i))); // NULL, no rows: 0
            return new Totals(rs.getLong(1), sums);
        } catch (SQLException e) {
            if (!overflowed(e)) throw e;
        }
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        for (String c : columns) sql.append(", ").append(sumInHalves(c));
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.append(" FROM ").append(table).toString())) {
            rs.next(); // an aggregate: always one row
            List<java.math.BigInteger> sums = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) sums.add(joined(rs.getLong(2 + 2 * i), rs.getLong(3 + 2 * i))); // NULL, no rows: 0
            return new Totals(rs.getLong(1), sums);
        }
    }

    /** Whether SQLite stopped a SUM of integers as its running sum passed 2^63 ("integer overflow"). */
    public static boolean overflowed(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("integer overflow");
    }

    /** The SUM of an INTEGER column as two that cannot overflow below 2^31 rows: of its high and of its low 32 bits. */
    public static String sumInHalves(String column) {
        return "SUM((" + column + ") >> 32), SUM((" + column + ") & 4294967295)";
    }

    /** The value of a {@link #sumInHalves}: high * 2^32 + low. */
    public static java.math.BigInteger joined(long high, long low) {
        return java.math.BigInteger.valueOf(high).shiftLeft(32).add(java.math.BigInteger.valueOf(low));
    }

    /**
     * Rows PRAGMA foreign_key_check reports, as "table rowid -> parent" lines (empty when clean): the first {@code limit},
     * and the first of every other table that has one, so each table whose rows point nowhere is named.
     */
    public List<String> foreignKeyProblems(int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        Set<String> tables = new HashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (tables.add(table) || out.size() < limit) out.add(table + " row " + rs.getLong(2) + " -> " + rs.getString(3));
            }
        }
        return out;
    }

    /** Folds the write-ahead log back in, so the published file is one self-contained SQLite file. */
    public void finish() throws SQLException {
        if (db.getAutoCommit()) return; // finished already
        db.commit();
        db.setAutoCommit(true);
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA journal_mode = DELETE");
        }
    }

    public void commit() throws SQLException {
        db.commit();
    }

    @Override
    public void close() throws SQLException {
        if (db.isClosed()) return;
        if (!db.getAutoCommit()) db.rollback();
        db.close();
    }
}
