package tests.mssql;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import lib.slices.Slices;
import lib.source.SourceCheck;
import lib.source.SourceConnection;
import lib.source.SourceTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tests.support.CountingConnection;
import tests.support.TdsServer;

/**
 * The statements sent before a run reads, each a round trip the run waits for (60 ms each with AIM 30 ms away, as
 * over a VPN): the table check is one batch of {@code SELECT TOP 0 *}, not one per table, and --check-source takes
 * the column types from it, where it sent 25 more {@code SELECT TOP 0 <columns>}. A table the batch cannot read
 * sends the tables one at a time, as before, so what is missing is said as before.
 */
@Tag("slow")
class SourceRoundTripsTest {
    @BeforeEach
    void sample() throws Exception {
        TdsServer.assumeAvailable();
        TdsServer.ensureSample();
    }

    private static List<SourceTable> tables() {
        return Slices.ALL.stream().flatMap(s -> s.reads().stream()).toList();
    }

    @Test
    void theTableCheckIsOneBatch() throws Exception {
        CountingConnection counting = new CountingConnection(TdsServer.connect());
        try (Connection db = counting.connection()) {
            assertEquals(List.of(), SourceConnection.missing(db, tables(), t -> 1));
        }
        assertEquals(1, counting.sent.size(), "one batch: " + counting.sent);
        assertEquals(25, counting.sent.get(0).split("SELECT TOP 0 \\* FROM ").length - 1, counting.sent.get(0));
    }

    @Test
    void aMissingTableIsNamedAsBeforeWithTheTablesThenCheckedOneByOne() throws Exception {
        List<SourceTable> tables = new ArrayList<>(tables());
        tables.add(3, SourceTable.of("NO_SUCH_TABLE", "nowhere", "ID"));
        tables.add(SourceTable.of("TICKET", "sales", "STORE_NO", "TICKET_NO").columns("NO_SUCH_COLUMN"));
        CountingConnection counting = new CountingConnection(TdsServer.connect());
        try (Connection db = counting.connection()) {
            assertEquals(List.of("table NO_SUCH_TABLE (slice 9)", "column TICKET.NO_SUCH_COLUMN (slice 9)"), SourceConnection.missing(db, tables, t -> 9));
        }
        assertTrue(counting.sent.contains("SELECT TOP 0 * FROM NO_SUCH_TABLE"), "then one by one: " + counting.sent);
        assertTrue(counting.sent.contains("SELECT TOP 0 * FROM SPECORD"), "the tables after it too: " + counting.sent);
    }

    @Test
    void checkSourceSendsNoStatementPerTable() throws Exception {
        CountingConnection counting = new CountingConnection(TdsServer.connect());
        StringWriter out = new StringWriter(), err = new StringWriter();
        try (Connection db = counting.connection()) {
            int code = SourceCheck.run(db, "the TDS server", TdsServer.USER, tables(), t -> 1, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, out + "\n" + err);
        }
        assertTrue(out.toString().contains("Every table and column the selected slices read is there."), out.toString());
        assertFalse(out.toString().contains("without their primary key"), "every table of the sample has its key: " + out);
        assertTrue(counting.sent.size() <= 5, "a batch, a count, the collations; not one per table: " + counting.sent.size() + " " + counting.sent);
    }
}
