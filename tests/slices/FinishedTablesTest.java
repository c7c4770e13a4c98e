package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.slices.Slice;
import lib.slices.Slice01Reference;
import lib.slices.Slice03Inventory;
import lib.slices.Slice04Sales;
import lib.slices.SliceContext;
import lib.source.SourceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SliceBench;

/**
 * What a run's load is told of a slice's tables as they finish (SliceContext.whenFinished): the run starts the
 * table's D1 file from it at once, while the slice goes on, so a table told must hold every row it will hold.
 */
class FinishedTablesTest {
    @TempDir
    Path dir;

    /** Every row of the table, as it is now (on the slice's own connection, uncommitted rows included). */
    static String rows(SliceBench bench, String table) throws SQLException {
        return String.join("\n", bench.query("SELECT * FROM " + table + " ORDER BY id"));
    }

    @Test
    void eachTableIsToldOnceAndHoldsThenEveryRowItHoldsWhenTheSliceEnds() throws Exception {
        try (SliceBench bench = SliceBench.open(dir).basics()) {
            bench.row("TICKET", "STORE_NO", 1, "TICKET_NO", 100, "TICKET_DATE", LocalDateTime.of(2024, 1, 15, 14, 5, 9),
                            "SUBTOTAL", new BigDecimal("109.0000"), "TAX", new BigDecimal("0.0000"), "TOTAL", new BigDecimal("109.0000"))
                    .row("TICKET", "STORE_NO", 1, "TICKET_NO", 101, "TICKET_DATE", LocalDateTime.of(2024, 1, 16, 9, 0),
                            "SUBTOTAL", new BigDecimal("5.0000"), "TAX", new BigDecimal("0.0000"), "TOTAL", new BigDecimal("5.0000"))
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 100, "LINE_NO", 1, "ITEM_ID", 100, "SKU", "GTR-1", "QTY", 1,
                            "UNIT_PRICE", new BigDecimal("100.0000"), "EXT_PRICE", new BigDecimal("100.0000"))
                    .row("TKTLINE", "STORE_NO", 1, "TICKET_NO", 101, "LINE_NO", 1, "QTY", 1, "UNIT_PRICE", new BigDecimal("5.0000"),
                            "EXT_PRICE", new BigDecimal("5.0000"))
                    .row("TKTPAY", "STORE_NO", 1, "TICKET_NO", 100, "PAY_SEQ", 1, "PAY_CODE", "CASH", "AMOUNT", new BigDecimal("109.0000"),
                            "PAID_AT", LocalDateTime.of(2024, 1, 15, 14, 6, 0));
            Map<String, String> told = new LinkedHashMap<>();
            bench.run(new Slice04Sales(), t -> assertNull(told.put(t, rows(bench, t)), t + " told twice"));

            assertEquals(Set.copyOf(new Slice04Sales().writes()), told.keySet());
            for (Map.Entry<String, String> t : told.entrySet()) {
                assertFalse(t.getValue().isEmpty(), t.getKey() + " was told before any row of it was written");
                assertEquals(rows(bench, t.getKey()), t.getValue(), t.getKey() + " changed after it was told");
            }
        }
    }

    /** Slice 3 reads its tables in another order than their foreign-key order (stock before the products): each is told all the same. */
    @Test
    void aSliceLoadingInAnotherOrderThanItsFileTellsEveryTable() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            List<String> told = new java.util.ArrayList<>();
            bench.run(new Slice03Inventory(), told::add);
            assertEquals(Set.copyOf(new Slice03Inventory().writes()), Set.copyOf(told));
            assertEquals(told.size(), Set.copyOf(told).size());
        }
    }

    /** A row of any Helm table: the writer for a finished table is refused before its columns are looked at. */
    public record AnyRow(long id) {}

    @Test
    void aSliceThatWritesATableAgainAfterItWasToldIsStopped() throws Exception {
        Slice reference = new Slice01Reference();
        Slice writesStoresTwice = new Slice() {
            public int number() {
                return reference.number();
            }

            public String name() {
                return reference.name();
            }

            public List<Integer> prerequisites() {
                return reference.prerequisites();
            }

            public List<SourceTable> reads() {
                return reference.reads();
            }

            public void run(SliceContext ctx) throws SQLException {
                reference.run(ctx);
                ctx.writer("stores", AnyRow.class);
            }
        };
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("STORE", "STORE_NO", 1, "STORE_NAME", "Main", "ACTIVE", "Y");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bench.run(writesStoresTwice));
            assertTrue(e.getMessage().contains("stores"), e.getMessage());
        }
    }
}
