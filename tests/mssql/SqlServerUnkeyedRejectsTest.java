package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.cli.MigrateAimCommand;
import lib.report.BusinessReconciliation;
import lib.report.BusinessReconciliation.Figure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.migrate.UnkeyedRejectsTest;
import tests.support.CountingConnection;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A TKTPAY without its primary key and with many rejected payments on a real SQL Server-protocol server
 * (UnkeyedRejectsTest): the catalogue says the table has no key, the payments AIM holds twice are grouped as the
 * server compares them, and the figures find the rejects in one pass each and reconcile. This changes the server's copy
 * of the sample and puts it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerUnkeyedRejectsTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @Test
    void rejectsOfATableWithoutItsPrimaryKeyAreFoundInOnePassAndReconcile(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            withoutPrimaryKey(db, "TKTPAY", "STORE_NO, TICKET_NO, PAY_SEQ", () -> UnkeyedRejectsTest.assertFoundInOnePass(db, out -> migrate(out, "1-4"), tmp));
        }
    }

    /**
     * TICKET and TKTPAY both without their keys, every ticket and payment held twice (a restore run twice into tables
     * that kept no key): AIM's payments figures count each payment four times (each copy with each ticket copy), Helm
     * once, and the rejected copies explain the other three; every figure reconciles.
     */
    @Test
    void ticketsAndPaymentsAllHeldTwiceReconcile(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            withoutPrimaryKey(db, "TICKET", "STORE_NO, TICKET_NO", () -> withoutPrimaryKey(db, "TKTPAY", "STORE_NO, TICKET_NO, PAY_SEQ", () -> {
                try (Statement st = db.createStatement()) {
                    st.executeUpdate("INSERT INTO TICKET SELECT * FROM TICKET_WAS");
                    st.executeUpdate("INSERT INTO TKTPAY SELECT * FROM TKTPAY_WAS");
                }
                Path out = tmp.resolve("out");
                Run r = migrate(out, "1-4");
                assertEquals(0, r.exit(), "every figure reconciles: " + r.all());
                // One copy of each ticket, and of each payment of a ticket AIM holds (an orphan's copies are both orphan_ticket).
                Map<String, String> held = Map.of("TICKET", "SELECT COUNT(*) FROM TICKET_WAS", "TKTPAY", "SELECT COUNT(*) FROM TKTPAY_WAS p"
                        + " WHERE EXISTS (SELECT 1 FROM TICKET_WAS t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)");
                for (Map.Entry<String, String> t : held.entrySet()) {
                    try (var lines = java.nio.file.Files.lines(out.resolve("rejects/" + t.getKey() + ".csv"))) {
                        assertEquals(TestSupport.count(db, t.getValue()), lines.filter(l -> l.startsWith("id_collision,")).count(), t.getKey());
                    }
                }
            }));
        }
    }

    /** sys.indexes as KeyIndexesTest reads the sample's: a unique index on other columns than the key is no key. */
    @Test
    void aUniqueIndexOnOtherColumnsIsNoKey() throws Exception {
        try (Connection db = TdsServer.connect()) {
            tests.source.KeyIndexesTest.assertKeysFound(db);
        }
    }

    /** What a test does to a table while it has no primary key. */
    private interface Changed {
        void run() throws Exception;
    }

    /** Runs {@code body} with {@code table}'s primary key (on {@code key}) dropped, then puts the table back as it was. */
    private static void withoutPrimaryKey(Connection db, String table, String key, Changed body) throws Exception {
        String primaryKey = TestSupport.strings(db, "SELECT name FROM sys.key_constraints WHERE type = 'PK' AND parent_object_id = OBJECT_ID('" + table + "')").get(0);
        TdsServer.changing(db, true);
        try (Statement st = db.createStatement()) {
            st.execute("SELECT * INTO " + table + "_WAS FROM " + table);
            st.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + primaryKey);
        }
        try {
            body.run();
        } finally {
            try (Statement st = db.createStatement()) {
                st.executeUpdate("DELETE FROM " + table);
                st.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + table + "_WAS");
                st.execute("DROP TABLE " + table + "_WAS");
                st.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + primaryKey + " PRIMARY KEY (" + key + ")");
            }
            TdsServer.changing(db, false);
        }
    }

    /** A run of {@code slices} ("1-4", or "all") from the server into {@code out}. */
    private static Run migrate(Path out, String slices) {
        List<String> args = new ArrayList<>(slices.equals("all") ? List.of("--all") : List.of("--slice", slices));
        args.addAll(List.of("--out", out.toString(), "--migrations", TestSupport.repo().resolve("migrations").toString(), "--quiet"));
        args.addAll(TdsServer.sourceArgs());
        return TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
    }

    /**
     * A GIFTCARD without its primary key holding cards twice in the case-insensitive collation: as 'gc...' beside
     * 'GC...', and with a trailing space, each for a dollar more, and others as they are (exact copies, counted apart). The server takes each pair for one key, so the rejected
     * spelling (the one sorting second) is told apart from the loaded one by its values, in one pass, and the gift-card
     * figure reconciles. Its rows are grouped as the server compares them, not as Java compares the text.
     */
    @Test
    void cardsHeldTwiceInAnotherSpellingAreToldApartInOnePass(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            String lower = " FROM GIFTCARD WHERE CARD_NO LIKE '%1_'", spaced = " FROM GIFTCARD WHERE CARD_NO LIKE '%2_'";
            String alike = " FROM GIFTCARD WHERE CARD_NO LIKE '%3_'"; // copied as they are: exact copies
            long copies = TestSupport.count(db, "SELECT COUNT(*)" + alike);
            long rows = TestSupport.count(db, "SELECT COUNT(*)" + lower) + TestSupport.count(db, "SELECT COUNT(*)" + spaced) + copies;
            long cents = TestSupport.count(db, "SELECT SUM(CAST(ROUND((BALANCE + 1) * 100, 0) AS BIGINT))" + lower)
                    + TestSupport.count(db, "SELECT SUM(CAST(ROUND((BALANCE + 1) * 100, 0) AS BIGINT))" + spaced)
                    + TestSupport.count(db, "SELECT SUM(CAST(ROUND(BALANCE * 100, 0) AS BIGINT))" + alike);
            assertTrue(rows > 100, "more rejects than one lookup takes: " + rows);
            withoutPrimaryKey(db, "GIFTCARD", "CARD_NO", () -> {
                try (Statement st = db.createStatement()) {
                    String rest = "STORE_NO, ISSUED, INITIAL_AMT, BALANCE + 1, CUST_ID, ACTIVE";
                    st.executeUpdate("INSERT INTO GIFTCARD SELECT *" + alike); // first: 'GC...23 ' below would be one of them
                    st.executeUpdate("INSERT INTO GIFTCARD SELECT LOWER(CARD_NO), " + rest + lower);
                    st.executeUpdate("INSERT INTO GIFTCARD SELECT CARD_NO + ' ', " + rest + spaced);
                }
                Path out = tmp.resolve("out");
                Run r = migrate(out, "all");
                assertEquals(0, r.exit(), "the gift-card figure reconciles: " + r.all());
                assertTrue(java.nio.file.Files.readString(out.resolve("signoff.md")).contains(String.format("duplicate_code: %,d (%,d exact copies of"
                        + " another AIM row of their key, alike in every value)", rows, copies)), "the copies alike are counted apart: " + copies + "\n" + java.nio.file.Files.readAllLines(out.resolve("signoff.md")).stream()
                        .filter(l -> l.startsWith("| GIFTCARD |")).toList());
                CountingConnection counting = new CountingConnection(db);
                Map<String, Figure> explained = BusinessReconciliation.explainedAll(counting.connection(), out.resolve("rejects"), Set.of(7))
                        .get(BusinessReconciliation.GIFT_CARDS);
                long gotRows = 0, gotCents = 0;
                for (Figure f : explained.values()) {
                    gotRows += f.rows();
                    gotCents += f.amount().longValueExact();
                }
                assertEquals(rows + " rows, " + cents + " cents", gotRows + " rows, " + gotCents + " cents", "the copies for a dollar more, by plain SQL");
                assertEquals(0, counting.sent.stream().filter(q -> q.contains("dk.CARD_NO = g.CARD_NO")).count(), "no lookup by key");
            });
        }
    }
}
