package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import lib.cli.MigrateAimCommand;
import lib.sample.SampleDatabase;
import lib.sample.SampleGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * The production path against a real SQL Server: runs only when AIM_TEST_MSSQL_URL
 * (and AIM_TEST_MSSQL_USER / AIM_TEST_MSSQL_PASSWORD) name one. It creates the sample
 * AIM schema there from the same T-SQL DDL, fills it with the same generator, and
 * expects the migration to produce exactly the bytes the H2 sample produces.
 */
class SqlServerTest {
    static final String URL = System.getenv("AIM_TEST_MSSQL_URL");
    static final String USER = System.getenv("AIM_TEST_MSSQL_USER");
    static final String PASSWORD = System.getenv("AIM_TEST_MSSQL_PASSWORD");

    @Test
    void theSampleOnSqlServerMigratesToTheSameBytesAsOnH2(@TempDir Path tmp) throws Exception {
        assumeTrue(URL != null && !URL.isBlank(), "AIM_TEST_MSSQL_URL is not set, so there is no SQL Server to test against");
        Properties login = new Properties();
        if (USER != null) login.setProperty("user", USER);
        if (PASSWORD != null) login.setProperty("password", PASSWORD);
        try (Connection db = DriverManager.getConnection(URL, login); Statement st = db.createStatement()) {
            List<String> ddl = SampleDatabase.ddlStatements();
            List<String> tables = new ArrayList<>();
            for (String sql : ddl) tables.add(sql.replaceAll("(?s)^CREATE TABLE (\\w+).*", "$1"));
            for (String t : tables) st.execute("IF OBJECT_ID('" + t + "', 'U') IS NOT NULL DROP TABLE " + t);
            for (String sql : ddl) st.execute(sql);
            db.setAutoCommit(false);
            new SampleGenerator(db, 1).generate();
            db.commit();
        }
        Map<String, String> env = PASSWORD == null ? Map.of() : Map.of("AIM_PASSWORD", PASSWORD);
        List<String> args = new ArrayList<>(List.of("--all", "--source", URL, "--out", tmp.resolve("out").toString(),
                "--migrations", TestSupport.repo().resolve("migrations").toString(), "--quiet"));
        if (USER != null) args.addAll(List.of("--user", USER));
        Run r = TestSupport.run(new MigrateAimCommand(env), args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.all());
        assertEquals(SampleRun.sha256(SampleRun.full().resolve("d1/all.sql")), SampleRun.sha256(tmp.resolve("out/d1/all.sql")),
                "SQL Server and the H2 sample give the same D1 bytes");
        Run check = TestSupport.run(new MigrateAimCommand(env), "--check-source", "--source", URL, "--user", USER == null ? "" : USER);
        assertEquals(0, check.exit(), check.all());
        assertTrue(check.out().contains("Microsoft SQL Server"), check.out());
    }
}
