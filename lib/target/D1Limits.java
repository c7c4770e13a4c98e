package lib.target;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cloudflare D1's limits, checked on the built Helm database before anyone uploads it. */
public final class D1Limits {
    public static final int MAX_COLUMNS = 100;
    public static final long MAX_ROW_BYTES = 2_000_000;
    public static final long MAX_STATEMENT_BYTES = 100_000;
    public static final long MAX_DATABASE_BYTES = 10_000_000_000L;

    /** Largest magnitude a JavaScript number (a Worker reading D1) holds exactly: 2^53 - 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** report.json's name, kept from when only *_cents were measured: every amount column ({@link #isAmount}) now. */
    static final String INEXACT_KEY = "cents_beyond_2^53";
    /**
     * report.json's name for the other INTEGER columns' values beyond it: a key, a reference, a count (a shop's BIGINT
     * ticket number), which a Worker reads as the nearest double, another number (two tickets can read as one).
     */
    static final String INTEGERS_KEY = "integers_beyond_2^53";

    /** An amount column: cents, or a unit cost in ten-thousandths (*_e4), whose values a Worker must read exactly. */
    public static boolean isAmount(String column) {
        return column.endsWith("_cents") || column.endsWith("_e4");
    }

    /** Whether a column's values are checked against JavaScript's exact range: every INTEGER column, and every amount. */
    static boolean checksRange(String column, boolean integer) {
        return integer || isAmount(column);
    }

    /** Counts, per column {@link #checksRange} takes, the rows beyond {@link #MAX_SAFE_INTEGER} either way (read with the row sizes, one scan). */
    private static String beyondJavaScript(List<String> columns) {
        StringBuilder sql = new StringBuilder();
        for (String c : columns) {
            sql.append(", COUNT(CASE WHEN ").append(c).append(" > ").append(MAX_SAFE_INTEGER).append(" OR ").append(c).append(" < -")
                    .append(MAX_SAFE_INTEGER).append(" THEN 1 END)");
        }
        return sql.toString();
    }

    /** What was measured, and any limit broken (empty when within all of them). */
    public record Result(Map<String, Object> measured, List<String> problems) {}

    private D1Limits() {}

    /**
     * Measures the given tables (the slices this run wrote) and takes the others' figures from
     * {@code known} (the previous report's per-table measurements), so re-running one slice does
     * not rescan the whole database.
     */
    public static Result check(Connection helm, List<String> measure, Map<String, Map<String, Object>> known, long maxStatementBytes)
            throws SQLException {
        return measure(helm, measure, known).withLargestStatement(maxStatementBytes);
    }

    /**
     * The database measured, before the D1 files give the largest statement: the rows and columns of each table, its
     * amounts ({@code inexact}) and its other integers ({@code integers}) beyond JavaScript's exact range, each as
     * "sales.ticket_no: 3 rows", and the database's size.
     */
    public record Measured(Map<String, Map<String, Object>> perTable, List<String> inexact, List<String> integers, int widest, long largestRow,
                           String largestRowTable, long dbBytes, List<String> problems) {
        /** Every limit checked, the largest statement of the D1 files included. */
        public Result withLargestStatement(long maxStatementBytes) {
            List<String> all = new ArrayList<>(problems);
            if (maxStatementBytes > MAX_STATEMENT_BYTES) all.add("a D1 statement has " + maxStatementBytes + " bytes; D1 allows " + MAX_STATEMENT_BYTES);
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("widest_table_columns", widest);
            measured.put("largest_row_bytes", largestRow);
            measured.put("largest_row_table", largestRowTable);
            measured.put("largest_statement_bytes", maxStatementBytes);
            measured.put("database_bytes", dbBytes);
            // Loaded as they are (SQLite holds them exactly), but a Worker reads them back rounded: flagged, not failed.
            if (!inexact.isEmpty()) measured.put(INEXACT_KEY, inexact);
            if (!integers.isEmpty()) measured.put(INTEGERS_KEY, integers);
            measured.put("tables", perTable);
            return new Result(measured, all);
        }
    }

    /** A table's measure; {@code beyond}: the columns holding values beyond JavaScript's exact range, amounts and others apart. */
    private static Map<String, Object> perTable(int columns, long largestRow, Map<String, Long> beyond) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("columns", columns);
        t.put("largest_row_bytes", largestRow);
        Map<String, Long> amounts = new LinkedHashMap<>(), integers = new LinkedHashMap<>();
        beyond.forEach((c, n) -> (isAmount(c) ? amounts : integers).put(c, n));
        if (!amounts.isEmpty()) t.put(INEXACT_KEY, amounts);
        if (!integers.isEmpty()) t.put(INTEGERS_KEY, integers);
        return t;
    }

    /** As {@link #check}, without the statement size (see {@link Measured#withLargestStatement}). */
    public static Measured measure(Connection helm, List<String> measure, Map<String, Map<String, Object>> known) throws SQLException {
        return measure(helm, measure, known, Map.of());
    }

    /**
     * As above; a table {@code readBack} holds with its {@link D1RowSizes} (its rows as read back from {@code helm}
     * for its D1 file) is measured from those, without a scan of its own.
     */
    public static Measured measure(Connection helm, List<String> measure, Map<String, Map<String, Object>> known,
                                   Map<String, TableContent> readBack) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> perTable = new java.util.TreeMap<>(known);
        for (String table : measure) {
            TypedColumns typed = TypedColumns.of(helm, table);
            List<String> cols = typed.names;
            TableContent read = readBack.get(table);
            D1RowSizes sizes = read == null ? null : read.d1Sizes();
            if (sizes != null && sizes.exact()) {
                perTable.put(table, perTable(cols.size(), sizes.largestRowBytes(), sizes.beyondJavaScript()));
                continue;
            }
            StringBuilder sum = new StringBuilder("0");
            // A value's bytes as D1 counts them, UTF-8 (the database's encoding): as length(CAST(c AS BLOB)), without the cast (15% less).
            for (String c : cols) sum.append(" + coalesce(octet_length(").append(c).append("), 0)");
            List<String> ranged = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) if (checksRange(cols.get(i), typed.integers[i])) ranged.add(cols.get(i));
            long row;
            Map<String, Long> beyond = new LinkedHashMap<>();
            try (Statement st = helm.createStatement();
                 ResultSet rs = st.executeQuery("SELECT max(" + sum + ")" + beyondJavaScript(ranged) + " FROM " + table)) {
                rs.next(); // an aggregate: always one row
                row = rs.getLong(1);
                for (int i = 0; i < ranged.size(); i++) if (rs.getLong(i + 2) > 0) beyond.put(ranged.get(i), rs.getLong(i + 2));
            }
            perTable.put(table, perTable(cols.size(), row, beyond));
        }
        List<String> inexact = new ArrayList<>(), integers = new ArrayList<>();
        perTable.forEach((table, t) -> {
            if (t.get(INEXACT_KEY) instanceof Map<?, ?> cols) cols.forEach((c, n) -> inexact.add(table + "." + c + ": " + n + " rows"));
            if (t.get(INTEGERS_KEY) instanceof Map<?, ?> cols) cols.forEach((c, n) -> integers.add(table + "." + c + ": " + n + " rows"));
        });
        int widest = 0;
        long largestRow = 0;
        String largestRowTable = null;
        for (Map.Entry<String, Map<String, Object>> e : perTable.entrySet()) {
            int cols = ((Number) e.getValue().get("columns")).intValue();
            long row = ((Number) e.getValue().get("largest_row_bytes")).longValue();
            widest = Math.max(widest, cols);
            if (cols > MAX_COLUMNS) problems.add(e.getKey() + " has " + cols + " columns; D1 allows " + MAX_COLUMNS);
            if (row > MAX_ROW_BYTES) problems.add(e.getKey() + " has a row of " + row + " bytes; D1 allows " + MAX_ROW_BYTES);
            if (row > largestRow) {
                largestRow = row;
                largestRowTable = e.getKey();
            }
        }
        long pages, pageSize;
        try (Statement st = helm.createStatement(); ResultSet rs = st.executeQuery("SELECT page_count, page_size FROM pragma_page_count, pragma_page_size")) {
            rs.next();
            pages = rs.getLong(1);
            pageSize = rs.getLong(2);
        }
        long dbBytes = pages * pageSize;
        if (dbBytes > MAX_DATABASE_BYTES) problems.add("the database is " + dbBytes + " bytes; D1 allows " + MAX_DATABASE_BYTES);
        return new Measured(perTable, inexact, integers, widest, largestRow, largestRowTable, dbBytes, problems);
    }
}
