package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.slices.Slices;
import lib.source.AimSubset;
import lib.source.SourceCheck;
import lib.source.SourceCounts;
import lib.source.SourceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.CountingConnection;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * The AIM rows counted before a run reads (the progress totals) and by --check-source: one statement for every table,
 * not one round trip per table (25 in a row, 1.6-2.4 s at a 60 ms round trip); a table the source will not count
 * fails as it did when each table was counted on its own.
 */
class SourceCountsTest {
    private static List<SourceTable> tables() {
        return Slices.ALL.stream().flatMap(s -> s.reads().stream()).toList();
    }

    /**
     * A time-out of the one statement is the run's time-out, not a refusal: counting each table alone would wait for it
     * again, table after table (25 times --query-timeout on a slow server).
     */
    @Test
    void aTimeOutOfTheOneStatementIsNotTriedAgainTableByTable() {
        int[] sent = {0};
        Statement slow = (Statement) java.lang.reflect.Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("executeQuery")) {
                        sent[0]++;
                        throw new java.sql.SQLTimeoutException("The query has timed out.");
                    }
                    if (method.getName().equals("getConnection")) return null;
                    return method.getReturnType() == boolean.class ? false : null;
                });
        assertThrows(java.sql.SQLTimeoutException.class, () -> SourceCounts.count(slow, tables(), null));
        assertEquals(1, sent[0], "one statement sent, not one more per table");
    }

    @Test
    void everyTableIsCountedInOneStatement() throws Exception {
        Map<String, Long> expected = SampleRun.sample().manifest().rowCounts();
        CountingConnection counting = new CountingConnection(DriverManager.getConnection(SampleRun.sample().jdbcUrl()));
        try (Connection db = counting.connection(); Statement st = db.createStatement()) {
            Map<SourceTable, Long> counted = SourceCounts.count(st, tables(), null);
            assertEquals(1, counting.sent.size(), "one statement: " + counting.sent);
            assertEquals(25, counted.size());
            for (SourceTable t : tables()) assertEquals(expected.get(t.name()), counted.get(t), t.name());
        }
    }

    @Test
    void theLimitSubsetIsCountedInOneStatementAsEachTableAlone() throws Exception {
        AimSubset subset = new AimSubset(7);
        CountingConnection counting = new CountingConnection(DriverManager.getConnection(SampleRun.sample().jdbcUrl()));
        try (Connection db = counting.connection(); Statement st = db.createStatement()) {
            Map<SourceTable, Long> counted = SourceCounts.count(st, tables(), subset);
            assertEquals(1, counting.sent.size(), "one statement: " + counting.sent);
            assertTrue(counted.get(Slices.table("TICKET")) >= 7, "at least the first 7 tickets");
            for (SourceTable t : tables()) assertEquals(TestSupport.count(db, subset.countSql(t)), counted.get(t), t.name());
            assertTrue(counted.get(Slices.table("TKTLINE")) < SampleRun.sample().manifest().rowCounts().get("TKTLINE"), "a subset of the lines");
        }
    }

    @Test
    void checkSourceCountsEveryTableInOneStatement() throws Exception {
        Map<String, Long> expected = SampleRun.sample().manifest().rowCounts();
        CountingConnection counting = new CountingConnection(DriverManager.getConnection(SampleRun.sample().jdbcUrl()));
        StringWriter out = new StringWriter(), err = new StringWriter();
        try (Connection db = counting.connection()) {
            int code = SourceCheck.run(db, "the sample", null, tables(), t -> 1, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, out + "\n" + err);
        }
        assertEquals(1, counting.sent.stream().filter(s -> s.contains("COUNT(*)")).count(), "one statement counts: " + counting.sent);
        for (SourceTable t : tables()) {
            assertTrue(out.toString().contains(String.format(" %-10s %,d rows%n", t.name(), expected.get(t.name()))), t.name() + ": " + out);
        }
    }

    @Test
    void aMissingTableFailsAsItDidCountedAlone(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            st.execute("DROP TABLE TKTPAY");
        }
        CountingConnection counting = new CountingConnection(DriverManager.getConnection(url));
        try (Connection db = counting.connection(); Statement st = db.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> SourceCounts.count(st, tables(), null));
            assertTrue(e.getMessage().toUpperCase().contains("TKTPAY"), e.getMessage());
            String last = counting.sent.get(counting.sent.size() - 1);
            assertEquals("SELECT COUNT(*) FROM TKTPAY", last, "the error of TKTPAY's own count: " + counting.sent);
            assertTrue(counting.sent.contains("SELECT COUNT(*) FROM TICKET"), "the tables before it, each alone: " + counting.sent);
            assertEquals(null, SourceCounts.together(st, tables(), null), "together: refused");
        }
    }
}
