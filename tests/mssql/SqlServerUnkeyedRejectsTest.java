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
            String primaryKey = TestSupport.strings(db, "SELECT name FROM sys.key_constraints WHERE type = 'PK' AND parent_object_id = OBJECT_ID('TKTPAY')").get(0);
            TdsServer.changing(db, true);
            try (Statement st = db.createStatement()) {
                st.execute("SELECT * INTO TKTPAY_WAS FROM TKTPAY");
                st.execute("ALTER TABLE TKTPAY DROP CONSTRAINT " + primaryKey);
            }
            try {
                UnkeyedRejectsTest.assertFoundInOnePass(db, out -> {
                    List<String> args = new ArrayList<>(List.of("--slice", "1-4", "--out", out.toString(), "--migrations",
                            TestSupport.repo().resolve("migrations").toString(), "--quiet"));
                    args.addAll(TdsServer.sourceArgs());
                    return TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
                }, tmp);
            } finally {
                try (Statement st = db.createStatement()) {
                    st.executeUpdate("DELETE FROM TKTPAY");
                    st.executeUpdate("INSERT INTO TKTPAY SELECT * FROM TKTPAY_WAS");
                    st.execute("DROP TABLE TKTPAY_WAS");
                    st.execute("ALTER TABLE TKTPAY ADD CONSTRAINT " + primaryKey + " PRIMARY KEY (STORE_NO, TICKET_NO, PAY_SEQ)");
                }
                TdsServer.changing(db, false);
            }
        }
    }

    /**
     * A GIFTCARD without its primary key holding cards twice in the case-insensitive collation: as 'gc...' beside
     * 'GC...', and with a trailing space, each for a dollar more. The server takes each pair for one key, so the rejected
     * spelling (the one sorting second) is told apart from the loaded one by its values, in one pass, and the gift-card
     * figure reconciles. Its rows are grouped as the server compares them, not as Java compares the text.
     */
    @Test
    void cardsHeldTwiceInAnotherSpellingAreToldApartInOnePass(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            String primaryKey = TestSupport.strings(db, "SELECT name FROM sys.key_constraints WHERE type = 'PK' AND parent_object_id = OBJECT_ID('GIFTCARD')").get(0);
            String lower = " FROM GIFTCARD WHERE CARD_NO LIKE '%1_'", spaced = " FROM GIFTCARD WHERE CARD_NO LIKE '%2_'";
            long rows = TestSupport.count(db, "SELECT COUNT(*)" + lower) + TestSupport.count(db, "SELECT COUNT(*)" + spaced);
            long cents = TestSupport.count(db, "SELECT SUM(CAST(ROUND((BALANCE + 1) * 100, 0) AS BIGINT))" + lower)
                    + TestSupport.count(db, "SELECT SUM(CAST(ROUND((BALANCE + 1) * 100, 0) AS BIGINT))" + spaced);
            assertTrue(rows > 100, "more rejects than one lookup takes: " + rows);
            TdsServer.changing(db, true);
            try (Statement st = db.createStatement()) {
                st.execute("SELECT * INTO GIFTCARD_WAS FROM GIFTCARD");
                st.execute("ALTER TABLE GIFTCARD DROP CONSTRAINT " + primaryKey);
                String rest = "STORE_NO, ISSUED, INITIAL_AMT, BALANCE + 1, CUST_ID, ACTIVE";
                st.executeUpdate("INSERT INTO GIFTCARD SELECT LOWER(CARD_NO), " + rest + lower);
                st.executeUpdate("INSERT INTO GIFTCARD SELECT CARD_NO + ' ', " + rest + spaced);
            }
            try {
                Path out = tmp.resolve("out");
                List<String> args = new ArrayList<>(List.of("--all", "--out", out.toString(), "--migrations",
                        TestSupport.repo().resolve("migrations").toString(), "--quiet"));
                args.addAll(TdsServer.sourceArgs());
                Run r = TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
                assertEquals(0, r.exit(), "the gift-card figure reconciles: " + r.all());
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
            } finally {
                try (Statement st = db.createStatement()) {
                    st.executeUpdate("DELETE FROM GIFTCARD");
                    st.executeUpdate("INSERT INTO GIFTCARD SELECT * FROM GIFTCARD_WAS");
                    st.execute("DROP TABLE GIFTCARD_WAS");
                    st.execute("ALTER TABLE GIFTCARD ADD CONSTRAINT " + primaryKey + " PRIMARY KEY (CARD_NO)");
                }
                TdsServer.changing(db, false);
            }
        }
    }
}
