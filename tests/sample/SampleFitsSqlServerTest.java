package tests.sample;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.sample.TsqlColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;

/** The sample holds only what a real SQL Server can hold: every value of every column within its T-SQL type. */
class SampleFitsSqlServerTest {
    @Test
    void everyValueOfTheSampleFitsItsSqlServerType() throws Exception {
        List<String> problems = new ArrayList<>();
        long values = check(SampleRun.sample().jdbcUrl(), problems);
        assertTrue(values > 1_000_000, values + " values checked");
        assertEquals(List.of(), problems);
    }

    /** Checks every value of every table of a sample against its T-SQL type; returns how many values were checked. */
    static long check(String url, List<String> problems) throws Exception {
        Map<String, List<TsqlColumn>> tables = TdsServer.tables();
        assertEquals(25, tables.size());
        long values = 0;
        try (Connection db = TestSupport.h2(url); Statement st = db.createStatement()) {
            for (Map.Entry<String, List<TsqlColumn>> t : tables.entrySet()) {
                List<TsqlColumn> cols = t.getValue();
                String select = "SELECT " + String.join(", ", cols.stream().map(TsqlColumn::name).toList()) + " FROM " + t.getKey();
                try (ResultSet rs = st.executeQuery(select)) {
                    while (rs.next()) {
                        for (int i = 0; i < cols.size(); i++) {
                            values++;
                            String problem = cols.get(i).problem(TdsServer.value(rs, i + 1, cols.get(i)));
                            if (problem != null && problems.size() < 20) problems.add(t.getKey() + "." + cols.get(i).name() + ": " + problem);
                        }
                    }
                }
            }
        }
        return values;
    }

    /** The check itself finds what SQL Server refuses (the sample once held years 1019 and 1209). */
    @Test
    void theRangeCheckRefusesWhatSqlServerRefuses() {
        TsqlColumn datetime = column("DATETIME", 0, 0), small = column("SMALLDATETIME", 0, 0);
        assertNotNull(datetime.problem(LocalDateTime.of(1019, 5, 1, 0, 0)));
        assertNotNull(datetime.problem(LocalDateTime.of(1752, 12, 31, 0, 0)));
        assertNull(datetime.problem(LocalDateTime.of(1753, 1, 1, 0, 0)));
        assertNotNull(datetime.problem(LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1_000_000)), ".001 is not a DATETIME step");
        assertNull(datetime.problem(LocalDateTime.of(2020, 1, 1, 0, 0, 0, 3_000_000)));
        assertNull(datetime.problem(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000)));
        assertNotNull(small.problem(LocalDateTime.of(1899, 12, 30, 0, 0)), "SMALLDATETIME starts in 1900");
        assertNotNull(small.problem(LocalDateTime.of(2020, 1, 1, 0, 0, 30)), "SMALLDATETIME keeps minutes");
        assertNotNull(column("SMALLMONEY", 0, 0).problem(new BigDecimal("214748.3648")));
        assertNotNull(column("MONEY", 0, 0).problem(new BigDecimal("1.23456")));
        assertNotNull(column("TINYINT", 0, 0).problem(256L));
        assertNotNull(column("CHAR", 4, 0).problem("ABCDE"));
        assertNotNull(column("VARCHAR", 20, 0).problem("Łukasz"), "not in code page 1252");
        assertNull(column("NVARCHAR", 20, 0).problem("Łukasz 🎸"));
        // NVARCHAR stores UTF-16 code units, a lone surrogate too (NCHAR(0xD800)); code page 1252 has no such character.
        assertNull(column("NVARCHAR", 20, 0).problem("a\uD800b"), "a lone surrogate in NVARCHAR");
        assertNotNull(column("VARCHAR", 20, 0).problem("a\uD800b"), "a lone surrogate in VARCHAR");
        assertNotNull(column("DECIMAL", 7, 4).problem(new BigDecimal("1234.56789")));
        assertNotNull(new TsqlColumn("T", "C", "INT", 0, 0, false).problem(null));
    }

    /** The sample has no login: credentials meant for a real server do not stop it. */
    @Test
    void theSampleIgnoresServerCredentials(@TempDir Path tmp) throws Exception {
        TestSupport.Run r = SampleRun.migrate(Map.of("AIM_PASSWORD", "meant-for-the-server", "AIM_USER", "aim_reader"),
                tmp.resolve("out"), "--check-source", "--sample", "--user", "aim_reader");
        assertEquals(0, r.exit(), r.all());
    }

    private static TsqlColumn column(String type, int length, int scale) {
        return new TsqlColumn("T", "C", type, length, scale, true);
    }
}
