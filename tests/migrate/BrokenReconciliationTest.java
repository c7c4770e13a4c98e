package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** A run whose checks fail exits 1, keeps its output in out/failed/ and leaves the previous output alone. */
class BrokenReconciliationTest {
    @Test
    void reRunningCustomersAfterASourceChangeThatOrphansSalesFailsSafely(@TempDir Path tmp) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("aim"));
        Files.copy(SampleRun.sample().dir().resolve("aim.mv.db"), copy.resolve("aim.mv.db"));
        String url = SampleDatabase.url(copy, false);
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--all", "--source", url).exit());
        String before = SampleRun.sha256(out.resolve("helm.sqlite"));
        long customer;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            customer = TestSupport.count(aim, "SELECT MIN(CUST_ID) FROM TICKET");
            st.execute("UPDATE CUST SET DELETED = 'Y' WHERE CUST_ID = " + customer);
        }
        Run r = SampleRun.migrate(out, "--slice", "2", "--source", url);
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("The reconciliation failed") && r.out().contains("foreign keys BROKEN"), r.out());
        assertEquals(before, SampleRun.sha256(out.resolve("helm.sqlite")), "the previous output is untouched");
        String failed = Files.readString(out.resolve("failed/report.md"));
        assertTrue(failed.contains("RECONCILIATION FAILED") && failed.contains("sales row"), failed);
    }
}
