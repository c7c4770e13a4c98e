package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import lib.cli.MigrateAimCommand;
import lib.sample.SampleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** --check-source: every missing table and column at once, with the slice that needs it. */
class CheckSourceTest {
    @Test
    void theSampleHasEverythingTheSlicesRead() {
        Run r = TestSupport.run(new MigrateAimCommand(), "--check-source", "--sample");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("TKTLINE") && r.out().contains("36,000 rows"), r.out());
        assertFalse(r.out().contains("another type"), "the sample is AIM v12's own: " + r.out());
    }

    /** Columns a shop's AIM holds in another kind of type than AIM v12 are named beforehand, with what a run makes of them. */
    @Test
    void columnsOfAnotherTypeThanAimV12sAreNamedWithWhatARunMakesOfThem(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE TKTLINE ALTER COLUMN QTY DECIMAL(9, 3)");
            st.execute("ALTER TABLE INVMAST ALTER COLUMN COST FLOAT");
            st.execute("ALTER TABLE TKTPAY ALTER COLUMN PAID_AT TIMESTAMP WITH TIME ZONE");
            st.execute("ALTER TABLE CUST ALTER COLUMN EMAIL VARCHAR(200)"); // text as text: nothing to say
        }
        Run r = TestSupport.run(new MigrateAimCommand(), "--check-source", "--source", url);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("  TKTLINE.QTY is decimal (AIM v12: INT): a fraction in a quantity is cut toward zero (fraction_cut)"), r.out());
        assertTrue(r.out().contains("  INVMAST.COST is double precision (AIM v12: MONEY): read as the decimal SQL Server shows for it"), r.out());
        assertTrue(r.out().contains("  TKTPAY.PAID_AT is timestamp with time zone (AIM v12: DATETIME): every value rejects its row (not_a_local_time)"), r.out());
        assertFalse(r.out().contains("CUST.EMAIL"), r.out());
    }

    @Test
    void missingTablesAndColumnsAreAllListedWithTheirSlice(@TempDir Path tmp) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("aim"));
        Files.copy(SampleRun.sample().dir().resolve("aim.mv.db"), copy.resolve("aim.mv.db"));
        String url = SampleDatabase.url(copy, false);
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("DROP TABLE SCHOOL");
            st.execute("ALTER TABLE TKTLINE DROP COLUMN EXT_PRICE");
            st.execute("ALTER TABLE CUST DROP COLUMN EMAIL");
        }
        Run r = TestSupport.run(new MigrateAimCommand(), "--check-source", "--source", url);
        assertEquals(4, r.exit(), r.all() + h2Trace(copy));
        assertTrue(r.err().contains("lacks 3 table(s) or column(s)"), r.err());
        assertTrue(r.err().contains("column CUST.EMAIL (slice 2)"), r.err());
        assertTrue(r.err().contains("column TKTLINE.EXT_PRICE (slice 4)"), r.err());
        assertTrue(r.err().contains("table SCHOOL (slice 5)"), r.err());
        Run migrate = SampleRun.migrate(tmp.resolve("out"), "--all", "--source", url);
        assertEquals(4, migrate.exit(), "a migration refuses to start on an incomplete source");
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }

    /**
     * H2's own account of an error on the copy (it writes aim.trace.db beside the database), for a failure message: once in
     * many CI runs H2 answered "wrong user name or password" here, and the trace goes with the test's folder.
     */
    private static String h2Trace(Path dir) throws java.io.IOException {
        Path trace = dir.resolve("aim.trace.db");
        return Files.exists(trace) ? "\nH2's trace:\n" + Files.readString(trace) : "\n(no H2 trace)";
    }
}
