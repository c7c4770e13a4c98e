package tests.slices;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.report.LastTickets;
import lib.slices.Slice01Reference;
import lib.slices.Slice03Inventory;
import lib.source.AimFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.SliceBench;
import tests.support.TestSupport;

/**
 * A shop's AIM whose columns have other types than AIM v12's, as the driver hands their values over: a BIGINT key, a
 * DECIMAL quantity, a FLOAT or INT amount, a CHAR flag where AIM v12 has a BIT, a DATETIMEOFFSET (text to the
 * toolkit). Each value is loaded exactly, changed only by a named rule that says so, or rejects its row naming why;
 * they were cut to 32 bits or to whole numbers without a word, or stopped the run (exit 70).
 */
class OtherColumnTypesTest {
    @TempDir
    Path dir;

    @Test
    void everyValueLoadsExactlyOrByANamedRuleOrRejectsItsRowNamingWhy() throws Exception {
        try (SliceBench bench = SliceBench.open(dir)) {
            bench.row("STORE", "STORE_NO", 1, "STORE_NAME", "Main", "ACTIVE", "Y")
                    .row("EMPLOYEE", "EMP_ID", 7L, "STORE_NO", 1, "FIRST_NAME", "Ann", "ACTIVE", "N ")
                    .row("EMPLOYEE", "EMP_ID", 3_000_000_000L, "STORE_NO", 1, "FIRST_NAME", "Bob", "ACTIVE", true)
                    .row("EMPLOYEE", "EMP_ID", new BigDecimal("100000000000000000000"), "STORE_NO", 1, "FIRST_NAME", "Cy")
                    .row("TAXRATE", "TAX_CODE", "TX1", "RATE", 8.25d)
                    .row("TAXRATE", "TAX_CODE", "TX5", "RATE", new BigDecimal("8.250050"));
            bench.run(new Slice01Reference());
            // A BIGINT key keeps its value: ids are the key itself below 2^52.
            assertEquals(List.of("7|0", "3000000000|1"), bench.query("SELECT id, is_active FROM staff ORDER BY id"));
            assertEquals(List.of("integer_out_of_range 100000000000000000000"), bench.rejected("EMPLOYEE"));
            assertEquals(List.of("TX1|82500", "TX5|82501"), bench.query("SELECT code, rate_ppm FROM tax_rates ORDER BY code"));
            assertEquals(1, bench.account("TAXRATE").fixCount("RATE", "sub_ppm_rate"));

            bench.row("INVMAST", "ITEM_ID", 100L, "SKU", "A-1", "COST", 12.5d, "PRICE", 10)
                    .row("INVMAST", "ITEM_ID", new BigDecimal("101.5"), "SKU", "A-2")
                    .row("INVMAST", "ITEM_ID", 102, "SKU", "A-3", "PRICE", "n/a")
                    .row("INVMAST", "ITEM_ID", 105, "SKU", "A-6", "PRICE", "1e2") // no number to SQL Server's CAST either
                    .row("INVMAST", "ITEM_ID", 103, "SKU", "A-4", "CREATED", "2024-01-15 14:00:00.0000000 -05:00")
                    // A reference Helm cannot hold is left empty, named, and its row stays (a sale, with its revenue, would).
                    .row("INVMAST", "ITEM_ID", 104, "SKU", "A-5", "VENDOR_ID", new BigDecimal("100000000000000000000"))
                    .row("INVSTORE", "ITEM_ID", 100, "STORE_NO", 1, "ON_HAND", new BigDecimal("2.75"), "MIN_QTY", new BigDecimal("-1.5"));
            bench.run(new Slice03Inventory());
            assertEquals(List.of("100|125000|1000", "104|null|null"), bench.query("SELECT id, unit_cost_e4, price_cents FROM products ORDER BY id"));
            assertEquals(List.of("null"), bench.query("SELECT vendor_id FROM products WHERE id = 104"));
            assertEquals(1, bench.account("INVMAST").fixCount("VENDOR_ID", "integer_out_of_range"));
            assertEquals(List.of("not_a_local_time 103", "not_a_number 102", "not_a_number 105", "not_whole 101.5"),
                    bench.rejected("INVMAST").stream().sorted().toList());
            // Cut toward zero, as SQL Server's CAST to an integer cuts it on AIM's side of the stock figure.
            assertEquals(List.of("2|-1"), bench.query("SELECT on_hand, reorder_point FROM stock_levels"));
            var stock = bench.account("INVSTORE");
            assertEquals(List.of(1L, 1L), List.of(stock.fixCount("ON_HAND", "fraction_cut"), stock.fixCount("MIN_QTY", "fraction_cut")));
            assertEquals(Map.of(), stock.rejected);
        }
    }

    /**
     * A shop whose ticket numbers are BIGINTs past a 32-bit integer (date-style, 20240000100001): a whole run keeps them,
     * its figures reconcile, and the next ticket number Helm must start after is AIM's. They were cut to 32 bits, the run
     * said OK, and only signoff.md's last ticket number told. With stock in fractions, and tax as text, in the same run.
     */
    @Test
    @SuppressWarnings("unchecked")
    void ticketNumbersPastA32BitIntegerFractionsOfStockAndTaxAsTextReconcileInAWholeRun(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        long last;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String table : List.of("TICKET", "TKTLINE", "TKTPAY", "ARTRANS")) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN TICKET_NO BIGINT" + (table.equals("ARTRANS") ? "" : " NOT NULL"));
                st.executeUpdate("UPDATE " + table + " SET TICKET_NO = TICKET_NO + 20240000000000 WHERE STORE_NO = 1");
            }
            // Stock in a DECIMAL with fractions of either sign (cut toward zero on both sides of the stock figure, where
            // H2's CAST rounded), and a ticket's tax kept as text (cast as the number it is on AIM's side of the figures).
            st.execute("ALTER TABLE INVSTORE ALTER COLUMN ON_HAND DECIMAL(9, 2)");
            st.executeUpdate("UPDATE INVSTORE SET ON_HAND = ON_HAND + 0.75 WHERE MOD(ITEM_ID, 7) = 0");
            st.executeUpdate("UPDATE INVSTORE SET ON_HAND = -1.5 WHERE MOD(ITEM_ID, 11) = 0");
            st.execute("ALTER TABLE TICKET ALTER COLUMN TAX VARCHAR(20)");
            // Then the stock as text ('2.75'), and a product's soft delete as the CHAR 'Y'/'N' AIM keeps its other flags in.
            st.execute("ALTER TABLE INVSTORE ALTER COLUMN ON_HAND VARCHAR(12)");
            st.execute("ALTER TABLE INVMAST ALTER COLUMN DELETED VARCHAR(5)");
            st.executeUpdate("UPDATE INVMAST SET DELETED = CASE WHEN DELETED = 'TRUE' THEN 'Y' ELSE 'N' END");
            try (ResultSet rs = st.executeQuery("SELECT MAX(TICKET_NO) FROM TICKET WHERE STORE_NO = 1")) {
                rs.next();
                last = rs.getLong(1);
            }
        }
        assertTrue(last > Integer.MAX_VALUE, String.valueOf(last));
        Path out = tmp.resolve("out");
        TestSupport.Run run = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, run.exit(), run.all());
        Map<String, Object> report = SampleRun.report(out);
        assertEquals(Boolean.TRUE, ((Map<String, Object>) report.get("business")).get("ok"));
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"));
             Statement st = helm.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(ticket_no) FROM sales WHERE store_id = 1")) {
            rs.next();
            assertEquals(last, rs.getLong(1));
        }
        assertFalse(Files.readString(out.resolve("signoff.md")).contains("last ticket number differs"));
    }

    /** The last ticket number a store has on AIM is the largest number Helm can hold, whatever the column's type: as text '99999' came after '105000'. */
    @Test
    void theLastTicketNumberIsTheLargestNumberWhenAimKeepsItAsText() throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:lastticket;MODE=MSSQLServer");
             Statement st = aim.createStatement()) {
            st.execute("CREATE TABLE TICKET (STORE_NO SMALLINT NOT NULL, TICKET_NO VARCHAR(24) NOT NULL)");
            st.execute("INSERT INTO TICKET VALUES (3, '105000'), (3, '99999'), (3, ' 100001 ')");
            assertEquals(105000L, LastTickets.aimSide(aim).get("3")[1]);
            // A number past 64 bits is a rejected row, not the last ticket (a driver's getLong wrapped it to a made-up one).
            st.execute("INSERT INTO TICKET VALUES (3, '100000000000000000000')");
            assertEquals(105000L, LastTickets.aimSide(aim).get("3")[1]);
        }
    }

    /** Text that is no number where AIM's side of a figure reads an amount: one line and exit 1, the previous output kept, where it was exit 70. */
    @Test
    void anAmountAimsFiguresCannotReadIsOneLineAndTheCheckFails(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        Path out = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(out, "--slice", "1-4", "--source", url).exit(), "a previous output");
        byte[] previous = Files.readAllBytes(out.resolve("helm.sqlite"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE TKTPAY ALTER COLUMN AMOUNT VARCHAR(20)");
            st.executeUpdate("UPDATE TKTPAY SET AMOUNT = 'N/A' WHERE STORE_NO = 1 AND TICKET_NO = 100002 AND PAY_SEQ = 1");
        }
        TestSupport.Run run = SampleRun.migrate(out, "--slice", "1-4", "--source", url);
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.err().strip().startsWith("MigrateAim: AIM refused a statement of the business figures ("), run.err());
        assertArrayEquals(previous, Files.readAllBytes(out.resolve("helm.sqlite")), "nothing unproven is kept; the previous output is");
    }

    /** AIM's side of a figure takes a flag as set where the toolkit does, whatever its type: a BIT, a number 1, a 'Y'. */
    @Test
    void aFlagIsSetOnAimsSideWhereTheToolkitReadsItSoWhateverItsType() throws Exception {
        try (Connection aim = DriverManager.getConnection("jdbc:h2:mem:flags;MODE=MSSQLServer");
             Statement st = aim.createStatement()) {
            st.execute("CREATE TABLE F (B BIT, I INT, D DECIMAL(3, 1), M MONEY, C CHAR(3))");
            st.execute("INSERT INTO F VALUES (1, 1, 1.0, 1, 'Y'), (0, 0, 0.0, 0, 'N'), (1, 1, 1.0, 1.0, ' y '), (0, 0, 0, 0, 'no'), (1, 1, 1, 1, 'T')");
            for (String column : List.of("B", "I", "D", "M", "C")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM F WHERE " + AimFigures.isSet(column, false))) {
                    rs.next();
                    assertEquals(3, rs.getInt(1), column);
                }
            }
        }
    }
}
