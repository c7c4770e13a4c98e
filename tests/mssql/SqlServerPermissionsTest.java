package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A shop's DBA grants the migration login SELECT table by table and misses one (TKTPAY). The table is there; the
 * login may not read it. The one line should say so (a GRANT is the fix), not that AIM lacks the table (the DBA
 * would look for a missing table), nor, in the business figures of a kept slice, that a column holds a value
 * plain SQL cannot read (helper-48's trial).
 */
@Tag("slow")
class SqlServerPermissionsTest {
    private static final String LOGIN = "aim_reader_no_tktpay";
    private static final String PASSWORD = "Perm!Pass1";
    private static final Map<String, String> ENV = Map.of("AIM_PASSWORD", PASSWORD);

    @BeforeEach
    void aLoginWithoutSelectOnTktpay() throws Exception {
        TdsServer.ensureSample();
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            TdsServer.dropLogin(st, LOGIN);
            st.execute("CREATE LOGIN " + LOGIN + " WITH PASSWORD = '" + PASSWORD + "'");
            st.execute("CREATE USER " + LOGIN + " FOR LOGIN " + LOGIN);
            for (String table : TdsServer.tables().keySet()) {
                if (!table.equals("TKTPAY")) st.execute("GRANT SELECT ON dbo." + table + " TO " + LOGIN);
            }
        }
    }

    @AfterEach
    void dropIt() throws Exception {
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            TdsServer.dropLogin(st, LOGIN);
        }
    }

    private static Run run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--source", TdsServer.URL, "--user", LOGIN));
        return TestSupport.run(new MigrateAimCommand(ENV), all.toArray(new String[0]));
    }

    private static void assertSaysPermission(Run r) {
        assertEquals(4, r.exit(), "exit 4, as a table the source lacks (README's exit codes): " + r.all());
        assertFalse(r.all().contains("lacks table TKTPAY"), "TKTPAY is there; this login may not read it: " + r.all());
        assertTrue(r.all().matches("(?is).*TKTPAY.*(permission|may not read|not allowed to read|GRANT SELECT).*"),
                "the line names TKTPAY and the missing permission: " + r.all());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("the login " + LOGIN + " may not read tktpay"), "names the login: " + r.err());
        assertTrue(r.err().contains("GRANT SELECT ON dbo.TKTPAY TO " + LOGIN), "the fix: " + r.err());
        assertFalse(r.all().contains("a column of another type"), "no column holds an odd value: " + r.all());
    }

    /**
     * A login the DBA granted nothing reads no table: one line says so and the fix is a role, not 25 tables "missing"
     * (which reads like the wrong database). SQL Server's role db_datareader is named; the TDS server has no such role, so
     * the test only reads the line.
     */
    @Test
    void aLoginWithoutAnyGrantIsToldSoOnceNotThatEveryTableIsMissing(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            for (String table : TdsServer.tables().keySet()) st.execute("REVOKE SELECT ON dbo." + table + " FROM " + LOGIN);
        }
        for (String mode : List.of("--check-source", "--all")) {
            Run r = run(mode, "--out", tmp.resolve("out").toString());
            assertEquals(4, r.exit(), r.all());
            assertFalse(r.all().matches("(?s).*(source lacks|lacks table).*"), mode + ": every table is there: " + r.all());
            assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("the login " + LOGIN + " may not read 25 tables (store, employee,"), mode + ": " + r.err());
            assertTrue(r.err().contains("ALTER ROLE db_datareader ADD MEMBER " + LOGIN), mode + ": " + r.err());
            if (mode.equals("--all")) assertEquals(1, r.failure().strip().lines().count(), "one line after the connecting line: " + r.err());
        }
    }

    @Test
    void checkSourceSaysTheLoginMayNotReadATableRatherThanThatItIsMissing(@TempDir Path tmp) {
        assertSaysPermission(run("--check-source", "--out", tmp.resolve("out").toString()));
    }

    @Test
    void aRunSaysTheLoginMayNotReadATableRatherThanThatItIsMissing(@TempDir Path tmp) {
        assertSaysPermission(run("--all", "--out", tmp.resolve("out").toString()));
    }

    /** --slice 1 reads no TKTPAY, but the business figures of the kept slice 4 do. */
    @Test
    void theFiguresOfAKeptSliceSayTheLoginMayNotReadATable(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        List<String> full = new java.util.ArrayList<>(List.of("--all", "--out", out.toString()));
        full.addAll(TdsServer.sourceArgs());
        Run all = TestSupport.run(new MigrateAimCommand(TdsServer.env()), full.toArray(new String[0]));
        assertEquals(0, all.exit(), all.all());
        Run slice = run("--slice", "1", "--out", out.toString());
        assertFalse(slice.all().contains("a column of another type"), "no column holds an odd value; TKTPAY is not readable: " + slice.all());
        assertSaysPermission(slice);
    }
}
