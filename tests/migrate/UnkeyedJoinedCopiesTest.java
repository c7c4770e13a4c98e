package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * An AIM whose INVSTORE and INVMAST both lost their primary keys (a restore that kept no constraint), holding one stock
 * row twice and that row's product twice too (helper-66's trial). AIM's stock figure joins the two, so it counts the
 * stock row four times (each copy with each product copy); Helm loads it once, and every row of the difference is a row
 * of a rejected copy: the figure must reconcile. It did not, before or after ef5cc07: the row of the rejected stock copy
 * with the rejected product copy was explained by neither reason. Two more items with their product's copy soft-deleted:
 * the rejected copy (its rows explained as the rejected copy's), and both (the product skipped, its stock with it).
 */
@Tag("slow")
class UnkeyedJoinedCopiesTest {
    @Test
    void stockRowAndItsProductBothHeldTwiceReconcile(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        long item;
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            st.execute("ALTER TABLE INVSTORE DROP PRIMARY KEY");
            st.execute("ALTER TABLE INVMAST DROP PRIMARY KEY");
            // Indexes that keep nothing unique (the tables still hold no key): H2 seeks through them, where it would read
            // the whole of INVMAST for each stock row of the figure's join (12,000 x 6,000 rows).
            st.execute("CREATE INDEX INVSTORE_KEY ON INVSTORE (ITEM_ID, STORE_NO)");
            st.execute("CREATE INDEX INVMAST_KEY ON INVMAST (ITEM_ID)");
            List<String> items = TestSupport.strings(aim, "SELECT DISTINCT s.ITEM_ID FROM INVSTORE s JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID"
                    + " WHERE s.ON_HAND > 0 AND m.DELETED = FALSE ORDER BY s.ITEM_ID").subList(0, 3);
            item = Long.parseLong(items.get(0));
            String stock = "MIN_QTY, ITEM_ID, STORE_NO, ON_HAND, ON_ORDER, BIN_LOC";
            String product = "SERIALIZED, TAXABLE, PRICE, SKU, CAT_CODE, DESCRIPTION, VENDOR_ID, ITEM_ID, COST, CREATED, DELETED, ACTIVE";
            for (int i = 0; i < items.size(); i++) {
                st.executeUpdate("INSERT INTO INVSTORE (" + stock + ") SELECT MIN_QTY, ITEM_ID, STORE_NO, ON_HAND + 2, ON_ORDER, BIN_LOC"
                        + " FROM INVSTORE WHERE ITEM_ID = " + items.get(i));
                // The product's copy for a dollar more: alive (the first item); soft-deleted, the copy rejected (the second);
                // and both copies soft-deleted, the loaded one skipped with its stock (the third).
                st.executeUpdate("INSERT INTO INVMAST (" + product + ") SELECT " + product.replace("PRICE", "PRICE + 1")
                        .replace("DELETED", i == 0 ? "DELETED" : "TRUE") + " FROM INVMAST WHERE ITEM_ID = " + items.get(i));
                if (i == 2) st.executeUpdate("UPDATE INVMAST SET DELETED = TRUE WHERE ITEM_ID = " + items.get(i));
                assertEquals(2, TestSupport.count(aim, "SELECT COUNT(*) FROM INVMAST WHERE ITEM_ID = " + items.get(i)));
                assertTrue(TestSupport.count(aim, "SELECT COUNT(*) FROM INVSTORE WHERE ITEM_ID = " + items.get(i)) >= 2);
            }
        }
        Run r = SampleRun.migrate(tmp.resolve("out"), "--slice", "1-3", "--source", url);
        assertEquals(0, r.exit(), "the stock figure reconciles: each row of the difference is a rejected copy's (item " + item + "): " + r.all());
    }
}
