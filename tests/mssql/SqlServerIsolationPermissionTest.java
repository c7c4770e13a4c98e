package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A login that may read every AIM table but not sys.databases, where SQL Server says whether the database allows
 * snapshot isolation (a DBA's DENY SELECT ON sys.databases; helper-48's trial). --all with --isolation auto, snapshot or
 * consistent ended in "unexpected error: ... permission denied for view databases" (exit 70), after --check-source had
 * said all was well. Now auto reads uncommitted, with a note, as when the database does not allow snapshots; snapshot
 * and consistent refuse in one line naming the permission (exit 4); --check-source checks the isolation the run will use.
 *
 * The TDS server has no DENY: a REVOKE SELECT ON sys.databases FROM PUBLIC on its PostgreSQL side stands in for it
 * (the admin login is a superuser there, unaffected), given back in the end.
 */
@Tag("slow")
class SqlServerIsolationPermissionTest {
    private static final String LOGIN = "aim_reader_no_sysdb";
    private static final String PASSWORD = "NoSysDb!Pass1";

    @BeforeEach
    void aLoginThatMayNotReadSysDatabases() throws Exception {
        TdsServer.ensureSample();
        Assumptions.assumeTrue(TdsServer.isSharedKit(), "needs the ../shared/tds kit's PostgreSQL side to take SELECT on sys.databases away");
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            TdsServer.dropLogin(st, LOGIN);
            st.execute("CREATE LOGIN " + LOGIN + " WITH PASSWORD = '" + PASSWORD + "'");
            st.execute("CREATE USER " + LOGIN + " FOR LOGIN " + LOGIN);
            for (String table : TdsServer.tables().keySet()) st.execute("GRANT SELECT ON dbo." + table + " TO " + LOGIN);
        }
        TdsServer.postgres("REVOKE SELECT ON sys.databases FROM PUBLIC");
    }

    @AfterEach
    void giveItBack() throws Exception {
        TdsServer.postgres("GRANT SELECT ON sys.databases TO PUBLIC");
        try (Connection db = TdsServer.connect(); Statement st = db.createStatement()) {
            TdsServer.dropLogin(st, LOGIN);
        }
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source", TdsServer.URL, "--user", LOGIN));
        return TestSupport.run(new MigrateAimCommand(Map.of("AIM_PASSWORD", PASSWORD)), all.toArray(new String[0]));
    }

    private static final String NOTE = "may not read sys.databases";

    @Test
    void autoReadsUncommittedWithANote(@TempDir Path tmp) {
        Run check = run("--check-source");
        assertEquals(0, check.exit(), check.all());
        assertTrue(check.out().contains(NOTE) && check.out().contains("read-uncommitted"), check.out());
        Run all = run("--all", "--out", tmp.resolve("out").toString());
        assertEquals(0, all.exit(), all.all());
        assertTrue(all.out().contains("isolation read-uncommitted (auto)"), all.out());
        assertTrue(all.out().contains(NOTE), all.out());
    }

    @Test
    void snapshotAndConsistentSayWhichPermissionTheyNeed(@TempDir Path tmp) {
        for (String mode : List.of("snapshot", "consistent")) {
            for (String what : List.of("--check-source", "--all")) {
                Run r = run(what, "--isolation", mode, "--out", tmp.resolve("out").toString());
                assertEquals(4, r.exit(), mode + " " + what + ": " + r.all());
                assertFalse(r.all().contains("unexpected error"), r.all());
                String line = r.err().strip().lines().reduce((a, b) -> b).orElse("");
                assertTrue(line.contains("--isolation " + mode) && line.contains(LOGIN + " " + NOTE)
                        && line.contains("--isolation read-uncommitted"), mode + " " + what + ": " + r.err());
                if (what.equals("--all")) assertEquals(1, r.failure().strip().lines().count(), "one line after the connecting line: " + r.err());
            }
        }
    }
}
