package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * A shop's AIM whose TICKET table is empty while its lines and payments are not (helper-53's new-user trial): slice 4
 * runs, every line and payment is rejected as orphan_ticket, and the sign-off must say what happened, not that the slice
 * was never run.
 */
class EmptyTicketTableTest {
    /**
     * With slice 4 run into the output and no ticket in AIM, "Last ticket number per store" must not say the slices it
     * needs have not been run (signoff.md said so, which is false: the report lists slice 4 as run).
     */
    @Test
    void aRunWithNoTicketsDoesNotSayItsSalesSliceWasNotRun(@TempDir Path tmp) throws Exception {
        String url = withoutTickets(tmp);
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(0, run.exit(), run.all());
        String signoff = Files.readString(out.resolve("signoff.md"));
        String section = signoff.substring(signoff.indexOf("## Last ticket number per store"), signoff.indexOf("## Sales per store per month"));
        assertFalse(section.contains("have not been run"), "slice 4 was run; AIM holds no ticket:\n" + section);
    }

    /**
     * The console's "Rejected:" line writes a count as every other count of the run is written (36,000, as the slice table
     * and report.md do): it printed "TKTLINE orphan_ticket 36000" below a table that says 36,000.
     */
    @Test
    void theRejectedLineWritesThousandsAsTheRestOfTheSummaryDoes(@TempDir Path tmp) throws Exception {
        String url = withoutTickets(tmp);
        long lines;
        try (Connection aim = DriverManager.getConnection(url)) {
            lines = TestSupport.count(aim, "SELECT COUNT(*) FROM TKTLINE");
        }
        assertTrue(lines >= 1000, "the sample has thousands of sale lines");
        TestSupport.Run run = TestSupport.run(new MigrateAimCommand(Map.of()), "--slice", "1-4", "--source", url, "--out",
                tmp.resolve("out").toString(), "--migrations", TestSupport.repo().resolve("migrations").toString());
        assertEquals(0, run.exit(), run.all());
        String rejected = run.all().lines().filter(l -> l.startsWith("Rejected: ")).findFirst().orElseThrow();
        assertTrue(rejected.contains("TKTLINE orphan_ticket " + String.format(Locale.ROOT, "%,d", lines)), rejected);
    }

    /** A writable copy of the sample whose TICKET is empty, its lines and payments kept; its URL. */
    private static String withoutTickets(Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.executeUpdate("DELETE FROM TICKET");
        }
        return url;
    }
}
