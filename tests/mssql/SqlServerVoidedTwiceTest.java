package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import lib.sample.TsqlColumn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.migrate.VoidedTwiceTest;
import tests.support.SampleRun;
import tests.support.TdsServer;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A shop's AIM on a real SQL Server-protocol server whose TICKET lost its primary key and holds two tickets twice, once
 * voided and once not, each with its payments: the payments figures failed (exit 1) where the copy loaded was the one
 * not voided. This changes the server's copy of the sample and puts it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerVoidedTwiceTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    /** 1/K again voided (the copy not voided is loaded), 1/L again voided a day earlier (the voided copy is loaded). */
    @Test
    @SuppressWarnings("unchecked")
    void aTicketHeldTwiceVoidedAndNotReconcilesThePaymentsFigures(@TempDir Path tmp) throws Exception {
        List<String> columns = TdsServer.tables().get("TICKET").stream().map(TsqlColumn::name).toList();
        String paid = "SELECT MIN(TICKET_NO) FROM TICKET t WHERE STORE_NO = 1 AND VOIDED = 'N' AND TICKET_NO > %s"
                + " AND EXISTS (SELECT 1 FROM TKTPAY p WHERE p.STORE_NO = 1 AND p.TICKET_NO = t.TICKET_NO)";
        String k, l, primaryKey, payments;
        try (Connection db = TdsServer.connect()) {
            k = TestSupport.strings(db, String.format(paid, "0")).get(0);
            l = TestSupport.strings(db, String.format(paid, k)).get(0);
            payments = TestSupport.strings(db, "SELECT COUNT(*) FROM TKTPAY WHERE STORE_NO = 1 AND TICKET_NO IN (" + k + ", " + l + ")").get(0);
            primaryKey = TestSupport.strings(db, "SELECT name FROM sys.key_constraints WHERE type = 'PK' AND parent_object_id = OBJECT_ID('TICKET')").get(0);
        }
        String copies = "STORE_NO = 1 AND TICKET_NO IN (" + k + ", " + l + ") AND VOIDED = 'Y'";
        boolean drifted = false;
        try {
            try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                TdsServer.changing(till, true);
                drifted = true;
                st.execute("ALTER TABLE TICKET DROP CONSTRAINT " + primaryKey);
                for (String[] copy : new String[][] {{k, "TICKET_DATE"}, {l, "DATEADD(DAY, -1, TICKET_DATE)"}}) {
                    String select = String.join(", ", columns.stream().map(c -> c.equals("VOIDED") ? "'Y'" : c.equals("TICKET_DATE") ? copy[1] : c).toList());
                    assertEquals(1, st.executeUpdate("INSERT INTO TICKET (" + String.join(", ", columns) + ") SELECT " + select
                            + " FROM TICKET WHERE STORE_NO = 1 AND TICKET_NO = " + copy[0]));
                }
            }
            Path out = tmp.resolve("out");
            List<String> args = new ArrayList<>(List.of("--slice", "1-4", "--out", out.toString(), "--migrations",
                    TestSupport.repo().resolve("migrations").toString(), "--quiet"));
            args.addAll(TdsServer.sourceArgs());
            Run r = TestSupport.run(new MigrateAimCommand(TdsServer.env()), args.toArray(new String[0]));
            assertEquals(0, r.exit(), "the figures reconcile: " + r.all());
            assertEquals(Boolean.TRUE, ((Map<String, Object>) SampleRun.report(out).get("business")).get("ok"));
            VoidedTwiceTest.bothTicketsLoaded(out, k, l, payments);
        } finally {
            if (drifted) {
                try (Connection till = TdsServer.connect(); Statement st = till.createStatement()) {
                    assertEquals(2, st.executeUpdate("DELETE FROM TICKET WHERE " + copies), "the two copies added, and no ticket of the sample");
                    st.execute("ALTER TABLE TICKET ADD CONSTRAINT " + primaryKey + " PRIMARY KEY (STORE_NO, TICKET_NO)");
                    TdsServer.changing(till, false);
                }
            }
        }
    }
}
