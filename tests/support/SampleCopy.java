package tests.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.sample.SampleDatabase;
import lib.sample.SampleGenerator;
import lib.sample.TsqlColumn;

/**
 * The H2 sample copied into a SQL Server database (the TDS server's), with a marker table naming the sample's
 * version and scale, so a copy is made once: the SQL Server tests (TdsServer) and the peer benchmark
 * (bench/PeerBench.java) share it. No JUnit here: the benchmark is a script of its own.
 */
public final class SampleCopy {
    private SampleCopy() {}

    /** The marker table: the SAMPLE_ID of the sample the tables hold, absent while one is copied or changed. */
    public static final String MARKER = "ZZ_TEST_SAMPLE";

    /** The sample's version and scale, as the marker holds it. */
    public static String sampleId(int scale) {
        return "g" + SampleGenerator.VERSION + "-" + Integer.toHexString(SampleDatabase.ddl().hashCode()) + "-s" + scale;
    }

    /** Whether {@code db} holds the sample named {@code id}. */
    public static boolean holds(Connection db, String id) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT SAMPLE_ID FROM " + MARKER)) {
            return rs.next() && id.equals(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /** The sample at {@code scale} in {@code db}: its tables made anew and copied from H2, unless they hold it already. Returns whether it copied. */
    public static boolean ensure(Connection db, SampleDatabase.Sample sample) throws SQLException {
        String id = sampleId(sample.scale());
        if (holds(db, id)) return false;
        try (Statement st = db.createStatement()) {
            List<String> ddl = SampleDatabase.ddlStatements();
            for (String sql : ddl) {
                String table = sql.replaceAll("(?s)^CREATE TABLE (\\w+).*", "$1");
                st.execute("IF OBJECT_ID('" + table + "', 'U') IS NOT NULL DROP TABLE " + table);
            }
            st.execute("IF OBJECT_ID('" + MARKER + "', 'U') IS NOT NULL DROP TABLE " + MARKER);
            for (String sql : ddl) st.execute(sql);
            try (Connection h2 = DriverManager.getConnection(sample.jdbcUrl())) {
                copy(h2, db);
            }
            st.execute("CREATE TABLE " + MARKER + " (SAMPLE_ID VARCHAR(60) NOT NULL)");
            st.execute("INSERT INTO " + MARKER + " VALUES ('" + id + "')");
        }
        return true;
    }

    private static void copy(Connection h2, Connection db) throws SQLException {
        db.setAutoCommit(false);
        for (Map.Entry<String, List<TsqlColumn>> t : tables().entrySet()) {
            List<TsqlColumn> cols = t.getValue();
            List<String> names = cols.stream().map(TsqlColumn::name).toList();
            String insert = "INSERT INTO " + t.getKey() + " (" + String.join(", ", names) + ") VALUES ("
                    + "?, ".repeat(names.size() - 1) + "?)";
            try (Statement read = h2.createStatement();
                 ResultSet rs = read.executeQuery("SELECT " + String.join(", ", names) + " FROM " + t.getKey());
                 PreparedStatement ins = db.prepareStatement(insert)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 0; i < cols.size(); i++) {
                        Object v = value(rs, i + 1, cols.get(i));
                        if (v instanceof String s) v = s.replace("\u0000", ""); // TdsServer.TEXT_WITHOUT_NUL
                        ins.setObject(i + 1, v);
                    }
                    ins.addBatch();
                    if (++pending == 1000) {
                        ins.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) ins.executeBatch();
            }
            db.commit();
        }
        db.setAutoCommit(true);
    }

    /** The sample DDL's columns by table. */
    public static Map<String, List<TsqlColumn>> tables() {
        Map<String, List<TsqlColumn>> out = new LinkedHashMap<>();
        for (TsqlColumn c : TsqlColumn.ofSampleDdl()) out.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c);
        return out;
    }

    /** A column's value as the type SQL Server stores: exact decimals, local date-times, booleans, text. */
    public static Object value(ResultSet rs, int i, TsqlColumn c) throws SQLException {
        Object v = switch (c.type()) {
            case "TINYINT", "SMALLINT", "INT" -> rs.getLong(i);
            case "BIT" -> rs.getBoolean(i);
            case "MONEY", "SMALLMONEY", "DECIMAL", "NUMERIC" -> rs.getBigDecimal(i);
            case "DATETIME", "SMALLDATETIME" -> rs.getObject(i, LocalDateTime.class);
            default -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }
}
