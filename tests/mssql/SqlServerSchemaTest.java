package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import lib.core.Json;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A shop's DBA keeps AIM's tables in a schema of its own (aim), in a database of its own, and gives the migration a
 * login whose default database is that one and whose default schema is dbo (helper-48's trial). The reads name the
 * tables unqualified, as AIM does, so they look in dbo and find nothing: --check-source said all was well (the
 * catalogue has them, in aim), then --all said "cannot connect ... relation "store" does not exist" (exit 3). And a
 * URL without databaseName reads the login's default database: a --slice re-run as another login read another
 * database and merged into the output without a word.
 *
 * The TDS server (Babelfish, single-db mode) holds one user database besides master: the test makes it and drops it.
 */
@Tag("slow")
class SqlServerSchemaTest {
    private static final String DB = "aim_h49_schema";
    private static final String LOGIN = "aim_reader_schema";
    private static final String PASSWORD = "Schema!Pass1";

    @BeforeEach
    void aimInSchemaAimOfADatabaseOfItsOwn() throws Exception {
        TdsServer.ensureSample();
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            dropAll(st);
            st.execute("CREATE DATABASE " + DB);
            st.execute("USE " + DB);
            st.execute("CREATE SCHEMA aim");
            for (String sql : SampleDatabase.ddlStatements()) st.execute(sql.replaceFirst("^CREATE TABLE (\\w+)", "CREATE TABLE aim.$1"));
            st.execute("CREATE LOGIN " + LOGIN + " WITH PASSWORD = '" + PASSWORD + "', DEFAULT_DATABASE = " + DB);
            st.execute("CREATE USER " + LOGIN + " FOR LOGIN " + LOGIN);
            st.execute("GRANT SELECT ON SCHEMA::aim TO " + LOGIN);
            st.execute("USE master");
        }
    }

    @AfterEach
    void dropIt() throws Exception {
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            dropAll(st);
        }
    }

    /** The TDS server (PostgreSQL underneath) drops no user that holds a grant, nor a schema that holds tables: each undone first. */
    private static void dropAll(Statement st) throws Exception {
        st.execute("IF DB_ID('" + DB + "') IS NOT NULL BEGIN"
                + " USE " + DB + ";"
                + " IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = '" + LOGIN + "') BEGIN REVOKE SELECT ON SCHEMA::aim FROM " + LOGIN + "; DROP USER " + LOGIN + "; END;"
                + " END");
        if (db(st)) {
            for (String sql : SampleDatabase.ddlStatements()) {
                String table = sql.replaceAll("(?s)^CREATE TABLE (\\w+).*", "$1");
                st.execute("IF OBJECT_ID('aim." + table + "', 'U') IS NOT NULL DROP TABLE aim." + table);
            }
            st.execute("IF SCHEMA_ID('aim') IS NOT NULL DROP SCHEMA aim");
        }
        st.execute("USE master");
        st.execute("IF DB_ID('" + DB + "') IS NOT NULL DROP DATABASE " + DB);
        st.execute("IF EXISTS (SELECT 1 FROM sys.server_principals WHERE name = '" + LOGIN + "') DROP LOGIN " + LOGIN);
    }

    /** Whether the test database is there, made the current one. */
    private static boolean db(Statement st) throws Exception {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT DB_ID('" + DB + "')")) {
            if (!rs.next() || rs.getObject(1) == null) return false;
        }
        st.execute("USE " + DB);
        return true;
    }

    /** The server's URL without a database: the login's default one is read. */
    private static String urlWithoutDatabase() {
        return TdsServer.URL.replaceAll("(?i);?databaseName=[^;]*", "");
    }

    private static Run asLogin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source", urlWithoutDatabase(), "--user", LOGIN));
        return TestSupport.run(new MigrateAimCommand(Map.of("AIM_PASSWORD", PASSWORD)), all.toArray(new String[0]));
    }

    @Test
    void tablesInAnotherSchemaThanTheLoginsDefaultAreSaidSoWithTheFix(@TempDir Path tmp) throws Exception {
        String where = "in schema aim, not in the login's default schema dbo";
        String fix = "ALTER USER " + LOGIN + " WITH DEFAULT_SCHEMA = aim";
        Run check = asLogin("--check-source");
        assertEquals(4, check.exit(), check.all());
        assertTrue(check.err().contains(where) && check.err().contains(fix), check.err());
        assertFalse(check.all().contains("Every table and column"), check.all());
        Run all = asLogin("--all", "--out", tmp.resolve("out").toString());
        assertEquals(4, all.exit(), all.all());
        assertFalse(all.all().contains("cannot connect"), all.all());
        assertTrue(all.err().contains(where) && all.err().contains(fix), all.err());
        assertEquals(1, all.failure().strip().lines().count(), "one line after the connecting line: " + all.err());
        // The fix it names works: the same login then finds every table (empty here).
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            st.execute("USE " + DB);
            st.execute(fix);
            st.execute("USE master");
        }
        Run fixed = asLogin("--check-source");
        assertEquals(0, fixed.exit(), fixed.all());
        assertTrue(fixed.out().contains("slice 4  TKTPAY     0 rows"), fixed.out());
    }

    @Test
    void aSliceReRunAsALoginWithAnotherDefaultDatabaseIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        List<String> first = new ArrayList<>(List.of("--slice", "1", "--out", out.toString(), "--source", urlWithoutDatabase()));
        if (TdsServer.USER != null) first.addAll(List.of("--user", TdsServer.USER));
        Run made = TestSupport.run(new MigrateAimCommand(TdsServer.env()), first.toArray(new String[0]));
        assertEquals(0, made.exit(), made.all());
        Map<String, Object> source = Json.object(Json.read(Files.readString(out.resolve("source.json"), StandardCharsets.UTF_8)).get("source"));
        assertEquals("master", source.get("database"), "the database the run read (the admin login's default), not the URL's lack of one: " + source);
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            st.execute("USE " + DB);
            st.execute("ALTER USER " + LOGIN + " WITH DEFAULT_SCHEMA = aim"); // a complete AIM for this login, in another database
            st.execute("USE master");
        }
        byte[] before = Files.readAllBytes(out.resolve("helm.sqlite"));
        Run other = asLogin("--slice", "1", "--out", out.toString());
        assertEquals(2, other.exit(), other.all());
        assertTrue(other.err().contains("database master") && other.err().contains("database " + DB), other.err());
        assertEquals(1, other.failure().strip().lines().count(), "one line after the connecting line: " + other.err());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("helm.sqlite")), "the output is as it was");
    }
}
