package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lib.cli.MigrateAimCommand;
import lib.sample.TsqlColumn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A shop's AIM on a real SQL Server-protocol server whose TICKET lost its primary key and holds a ticket twice. The
 * read, ordered by the key, leaves the order of the two to the server (here PostgreSQL's sort of a heap, which keeps
 * the rows' stored order): stored in either order, they gave other bytes, and the figures failed when the loaded row
 * was stored first. This changes the server's copy of the sample and puts it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerDuplicateKeysTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    /**
     * Another ticket moved to a store AIM does not have (orphan_store) is rejected beside it, so one lookup of the
     * figures finds a row alone on its key and one that is not (SQL Server gets 50 keys a statement, H2 one).
     */
    @Test
    void aTicketStoredTwiceLoadsTheSameRowInEitherStoredOrderAndTheFiguresReconcile(@TempDir Path tmp) throws Exception {
        List<String> columns = TdsServer.tables().get("TICKET").stream().map(TsqlColumn::name).toList();
        String changed = String.join(", ", columns.stream().map(c -> switch (c) {
            case "TICKET_DATE" -> "DATEADD(DAY, 31, TICKET_DATE)";
            case "TOTAL" -> "TOTAL + 100";
            default -> c;
        }).toList());
        String key, primaryKey, other;
        try (Connection db = TdsServer.connect()) {
            String ticket = TestSupport.strings(db, "SELECT MIN(TICKET_NO) FROM TICKET WHERE STORE_NO = 1 AND TOTAL > 0").get(0);
            key = "STORE_NO = 1 AND TICKET_NO = " + ticket;
            other = "TICKET_NO = " + TestSupport.strings(db, "SELECT MIN(TICKET_NO) FROM TICKET WHERE STORE_NO = 1 AND TICKET_NO > " + ticket).get(0);
            primaryKey = TestSupport.strings(db, "SELECT name FROM sys.key_constraints WHERE type = 'PK' AND parent_object_id = OBJECT_ID('TICKET')").get(0);
        }
        boolean drifted = false;
        try {
            Map<String, Map<String, String>> outputs = new TreeMap<>();
            for (boolean duplicateFirst : new boolean[] {false, true}) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    if (!drifted) {
                        TdsServer.changing(till, true);
                        drifted = true;
                        st.execute("ALTER TABLE TICKET DROP CONSTRAINT " + primaryKey);
                        st.execute("SELECT * INTO TICKET_WAS FROM TICKET WHERE " + key);
                        assertEquals(1, st.executeUpdate("UPDATE TICKET SET STORE_NO = 99 WHERE STORE_NO = 1 AND " + other));
                        // --check-source says which table lost its primary key, so the id_collision rejects are no surprise.
                        List<String> check = new ArrayList<>(List.of("--check-source"));
                        check.addAll(TdsServer.sourceArgs());
                        Run c = TestSupport.run(new MigrateAimCommand(TdsServer.env()), check.toArray(new String[0]));
                        assertEquals(0, c.exit(), c.all());
                        assertTrue(c.out().contains("Tables without their primary key (a run loads one row of a key AIM holds twice and rejects "
                                + "the others as id_collision):\n  TICKET (key STORE_NO, TICKET_NO)\n"), c.out());
                    }
                    st.executeUpdate("DELETE FROM TICKET WHERE " + key);
                    if (!duplicateFirst) st.executeUpdate("INSERT INTO TICKET SELECT * FROM TICKET_WAS");
                    assertEquals(1, st.executeUpdate("INSERT INTO TICKET (" + String.join(", ", columns) + ") SELECT " + changed + " FROM TICKET_WAS"));
                    if (duplicateFirst) st.executeUpdate("INSERT INTO TICKET SELECT * FROM TICKET_WAS");
                }
                Path out = tmp.resolve(duplicateFirst ? "duplicate-first" : "original-first");
                Run r = migrate(out);
                assertEquals(0, r.exit(), "the figures reconcile: " + r.all());
                Map<String, String> files = new TreeMap<>();
                for (String folder : List.of("d1", "rejects", "fixes")) files.putAll(hashes(out, folder));
                outputs.put(out.getFileName().toString(), files);
            }
            assertEquals(outputs.get("original-first"), outputs.get("duplicate-first"), "the same bytes whichever row the server stored first");
            List<String> rejected = Files.readAllLines(tmp.resolve("original-first/rejects/TICKET.csv")).stream().skip(1).map(l -> l.split(",")[0]).toList();
            assertEquals(List.of("id_collision", "orphan_store"), rejected.stream().sorted().toList(), "the later ticket, and the one of store 99");
        } finally {
            if (drifted) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    st.executeUpdate("UPDATE TICKET SET STORE_NO = 1 WHERE STORE_NO = 99 AND " + other);
                    st.executeUpdate("DELETE FROM TICKET WHERE " + key);
                    st.executeUpdate("INSERT INTO TICKET SELECT * FROM TICKET_WAS");
                    st.execute("DROP TABLE TICKET_WAS");
                    st.execute("ALTER TABLE TICKET ADD CONSTRAINT " + primaryKey + " PRIMARY KEY (STORE_NO, TICKET_NO)");
                    TdsServer.changing(till, false);
                }
            }
        }
    }

    private static Run migrate(Path out) {
        List<String> args = new ArrayList<>(List.of("--slice", "1-4", "--out", out.toString(), "--migrations",
                TestSupport.repo().resolve("migrations").toString(), "--quiet"));
        args.addAll(TdsServer.sourceArgs());
        return TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
    }

    private static Map<String, String> hashes(Path out, String folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(out.resolve(folder))) return files;
        try (Stream<Path> walk = Files.walk(out.resolve(folder))) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) files.put(out.relativize(f).toString(), SampleRun.sha256(f));
        }
        return files;
    }
}
