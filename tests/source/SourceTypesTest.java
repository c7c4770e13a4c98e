package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.slices.Slices;
import lib.source.SourceTable;
import lib.source.SourceTypes;
import org.junit.jupiter.api.Test;

/** --check-source's columns of another type, from the types the table check read already: no statement is sent again. */
class SourceTypesTest {
    @Test
    void theTypesTheTableCheckReadAreComparedWithoutAskingTheServerAgain() {
        SourceTable ticket = Slices.table("TICKET");
        List<SourceTypes.Column> columns = new ArrayList<>();
        for (String c : ticket.columns()) {
            boolean drifted = c.equals("TICKET_NO");
            // Upper and lower case as a server may name them; an extra column the slice does not read.
            columns.add(0, new SourceTypes.Column(c.toLowerCase(java.util.Locale.ROOT), drifted ? Types.DECIMAL : typeOf(c), drifted ? "decimal" : "x", 0));
        }
        columns.add(new SourceTypes.Column("NOT_READ", Types.BLOB, "image", 0));
        // No connection: a statement sent would fail the test.
        List<String> said = SourceTypes.differences(null, List.of(ticket), Map.of("TICKET", columns));
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("TICKET.TICKET_NO is decimal (AIM v12: INT)"), said.toString());

        List<SourceTypes.Column> lacking = new ArrayList<>(columns);
        lacking.removeIf(c -> c.name().equalsIgnoreCase("TOTAL"));
        assertEquals(List.of(), SourceTypes.differences(null, List.of(ticket), Map.of("TICKET", lacking)), "a column missing: nothing to compare");
    }

    /** AIM v12's type of a TICKET column, as a driver codes it. */
    private static int typeOf(String column) {
        return switch (column) {
            case "STORE_NO", "TICKET_NO", "CUST_ID", "EMP_ID" -> Types.INTEGER;
            case "TICKET_DATE" -> Types.TIMESTAMP;
            case "SUBTOTAL", "TAX", "TOTAL" -> Types.DECIMAL;
            default -> Types.VARCHAR; // VOIDED CHAR(1), NOTES NVARCHAR(MAX)
        };
    }
}
