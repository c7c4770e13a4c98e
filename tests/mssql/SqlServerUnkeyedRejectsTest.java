package tests.mssql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.migrate.UnkeyedRejectsTest;
import tests.support.TdsServer;
import tests.support.TestSupport;

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
}
