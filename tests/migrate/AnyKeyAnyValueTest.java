package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.rules.LegacyId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * The whole run on the sample plus rows no shop should have but AIM's columns allow:
 * tax rates the schema refuses, a code that collides after trimming, stores 9008,
 * 9999 and -1, a ticket number of 10^9, negative keys. The run ends 0, the refused
 * rows are rejects naming the constraint, everything else loads and balances.
 */
@Tag("slow")
class AnyKeyAnyValueTest {
    @Test
    void oddKeysLoadAndRefusedRowsAreRejectsOfANormalRun(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO STORE (STORE_NO, STORE_NAME, ACTIVE) VALUES (9008, 'Edge', 'Y'), (9999, 'Big', 'Y'), (-1, 'Minus', 'Y')");
            st.executeUpdate("INSERT INTO TAXRATE (TAX_CODE, DESCRIPTION, RATE) VALUES ('X150', 'too high', 150.0), ('NEG', 'negative', -1.0)");
            st.executeUpdate("INSERT INTO INVSTORE (ITEM_ID, STORE_NO, ON_HAND) SELECT MIN(ITEM_ID), 9999, 3 FROM INVMAST WHERE DELETED = 0");
            st.executeUpdate("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, SUBTOTAL, TAX, TOTAL, VOIDED) VALUES "
                    + "(9008, 1, '2024-01-15 10:00:00', 5.00, 0, 5.00, 'N'), (9999, 1000000000, '2024-01-15 11:00:00', 7.00, 0, 7.00, 'N'), "
                    + "(-1, -5, '2024-01-15 12:00:00', 9.00, 0, 9.00, 'N')");
            st.executeUpdate("INSERT INTO TKTLINE (STORE_NO, TICKET_NO, LINE_NO, SKU, QTY, UNIT_PRICE, DISCOUNT, EXT_PRICE) VALUES "
                    + "(9008, 1, 1, 'X', 1, 5, 0, 5), (-1, -5, -1, 'Z', 1, 9, 0, 9)");
            st.executeUpdate("INSERT INTO ARTRANS (AR_ID, TRANS_SEQ, TRANS_DATE, TRANS_TYPE, AMOUNT, STORE_NO, TICKET_NO) "
                    + "SELECT MIN(AR_ID), 999999, '2024-01-15 11:00:00', 'C', 7.00, 9999, 1000000000 FROM ARACCT");
        }
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(out, "--all", "--source", url);
        assertEquals(0, r.exit(), r.all());

        List<String> taxRejects = Files.readAllLines(out.resolve("rejects/TAXRATE.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("rule,reason,aim_key,TAX_CODE,DESCRIPTION,RATE",
                "constraint,CHECK constraint failed: rate_ppm BETWEEN 0 AND 1000000 (rate_ppm = -10000),NEG,\"NEG   \",negative,-1.0000",
                "constraint,CHECK constraint failed: rate_ppm BETWEEN 0 AND 1000000 (rate_ppm = 1500000),X150,\"X150  \",too high,150.0000"),
                taxRejects, "CHAR(6) codes in AIM's key order");
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite")); Statement st = helm.createStatement()) {
            long sale9008 = 9_008_000_000_001L, saleBig = LegacyId.child(9999, 1_000_000_000, 1_000_000_000L);
            long saleMinus = LegacyId.child(-1, -5, 1_000_000_000L);
            assertEquals(List.of(sale9008 + "|" + LegacyId.child(sale9008, 1, 1000), saleMinus + "|" + LegacyId.child(saleMinus, -1, 1000)),
                    rows(st, "SELECT sale_id, id FROM sale_lines WHERE sale_id IN (" + sale9008 + ", " + saleMinus + ") ORDER BY sale_id"));
            assertEquals(List.of(saleMinus + "|" + LegacyId.of(-1)), rows(st, "SELECT id, store_id FROM sales WHERE ticket_no = -5"));
            assertEquals(List.of(saleBig + "|700"), rows(st, "SELECT sale_id, amount_cents FROM house_account_entries WHERE seq = 999999"));
            assertEquals(List.of("1"), rows(st, "SELECT COUNT(*) FROM stock_levels WHERE store_id = 9999"));
        }
        Map<String, Object> report = SampleRun.report(out);
        assertEquals(true, report.get("ok"), "rows, money, foreign keys, D1 limits and the business figures all hold");
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }
}
