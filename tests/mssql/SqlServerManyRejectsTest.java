package tests.mssql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.migrate.ManyRejectsTest;
import tests.support.TdsServer;

/**
 * More than 20,000 rejected payments on a real SQL Server-protocol server: found by lookups of 50 bound keys, not by
 * the figure's query over conditions of literal keys (a scan of TKTPAY each), with the figures plain SQL sums
 * (ManyRejectsTest). This changes the server's copy of the sample and puts it back (TdsServer.changing).
 */
@Tag("slow")
class SqlServerManyRejectsTest {
    @BeforeEach
    void sampleOnTheServer() throws Exception {
        TdsServer.ensureSample();
    }

    @Test
    void moreThanTwentyThousandRejectedPaymentsAreLookedUpByTheirKeys(@TempDir Path tmp) throws Exception {
        try (Connection db = TdsServer.connect()) {
            TdsServer.changing(db, true);
            try {
                ManyRejectsTest.assertManyRejectsAreLookedUp(db, tmp, 50);
            } finally {
                try (Statement st = db.createStatement()) {
                    st.executeUpdate("DELETE FROM TKTPAY WHERE TICKET_NO >= 3000000");
                }
                TdsServer.changing(db, false);
            }
        }
    }
}
