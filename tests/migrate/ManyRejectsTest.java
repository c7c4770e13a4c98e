package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.accounts.StepCounts;
import lib.report.BusinessReconciliation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.CountingConnection;
import tests.support.SampleRun;
import tests.support.TestSupport;

/**
 * More than 20,000 rejects of one table: each is still found by its key, a bound primary-key lookup, so the statements
 * grow with the rejects over the rows a lookup takes, and none runs the figure's query over a condition of literal keys
 * (200 a statement, once taken above 20,000: a scan of TKTPAY each, 25,025 rejected payments 86 s on H2 and 19 s of the
 * TDS server's CPU, against 7.5 and 2.4 s). The figures explained are what plain SQL on AIM sums for those rows. With
 * AIM's totals at hand, as a run has them, so many rejects for the figures' rows are found in one pass over each.
 */
@Tag("slow")
public class ManyRejectsTest {
    @Test
    void moreThanTwentyThousandRejectedPaymentsAreLookedUpByTheirKeys(@TempDir Path tmp) throws Exception {
        try (Connection aim = DriverManager.getConnection(SampleRun.writableCopy(tmp.resolve("aim")))) {
            assertManyRejectsAreLookedUp(aim, tmp, 1);
        }
    }

    /** The payments planted as orphans (their tickets absent): every payment again under ticket numbers 3,000,000 and 4,000,000 higher (the sample's own orphans are from 900,000). */
    public static final String PLANTED = " FROM TKTPAY p WHERE p.TICKET_NO >= 3000000";

    /**
     * Plants more than 20,000 orphan payments on {@code aim} (the caller removes them: {@link #PLANTED}), lists them as
     * rejected, and checks what the payments figures find of them and how: {@code perStatement} keys a lookup (1 on H2,
     * 50 on SQL Server).
     */
    public static void assertManyRejectsAreLookedUp(Connection aim, Path tmp, int perStatement) throws Exception {
        try (Statement st = aim.createStatement()) {
            String columns = "STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO";
            st.executeUpdate("INSERT INTO TKTPAY (" + columns + ") SELECT STORE_NO, TICKET_NO + 3000000, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO"
                    + " FROM TKTPAY WHERE TICKET_NO < 3000000");
            st.executeUpdate("INSERT INTO TKTPAY (" + columns + ") SELECT STORE_NO, TICKET_NO + 4000000, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO"
                    + " FROM TKTPAY WHERE TICKET_NO < 3000000 AND STORE_NO = 1");
        }
        List<String> keys = TestSupport.strings(aim, "SELECT CONCAT(p.STORE_NO, '/', p.TICKET_NO, '/', p.PAY_SEQ)" + PLANTED);
        assertTrue(keys.size() > 20_000, "more rejects than lookups were once used for: " + keys.size());
        assertEquals(0, TestSupport.count(aim, "SELECT COUNT(*)" + PLANTED
                + " AND EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO)"), "every one an orphan");
        long cents = TestSupport.count(aim, "SELECT SUM(CAST(ROUND(p.AMOUNT * 100, 0) AS BIGINT))" + PLANTED);
        Path rejects = Files.createDirectories(tmp.resolve("rejects"));
        StringBuilder csv = new StringBuilder("rule,reason,aim_key\n");
        for (String k : keys) csv.append("orphan_ticket,planted,").append(k.strip()).append('\n');
        Files.writeString(rejects.resolve("TKTPAY.csv"), csv);

        CountingConnection counting = new CountingConnection(aim);
        StepCounts counts = new StepCounts();
        TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
        Map<String, Map<String, BusinessReconciliation.Figure>> explained = BusinessReconciliation.explainedAll(counting.connection(), rejects, Set.of(1, 4), counts);
        // What a run's live line says meanwhile: each figure that reads TKTPAY's rejects looks each one up.
        assertEquals(String.format("explained %d/%d, lookups %,d/%,d", explained.size(), explained.size(), 3 * keys.size(), 3 * keys.size()), counts.text());

        for (String figure : List.of(BusinessReconciliation.PAYMENTS_BY_STORE, BusinessReconciliation.PAYMENTS_BY_METHOD)) {
            long rows = 0, amount = 0;
            for (BusinessReconciliation.Figure f : explained.get(figure).values()) {
                rows += f.rows();
                amount += f.amount().longValueExact();
            }
            assertEquals(keys.size(), rows, figure);
            assertEquals(cents, amount, figure);
        }
        long storeOne = TestSupport.count(aim, "SELECT COUNT(*)" + PLANTED + " AND p.STORE_NO = 1");
        long storeOneRows = explained.get(BusinessReconciliation.PAYMENTS_BY_STORE).entrySet().stream()
                .filter(e -> e.getKey().startsWith("store 1, ")).mapToLong(e -> e.getValue().rows()).sum();
        assertEquals(storeOne, storeOneRows, "store 1's lines");
        assertTrue(explained.get(BusinessReconciliation.VOIDED_PAYMENTS).isEmpty(), "an orphan payment has no voided ticket");

        List<String> payments = counting.sent.stream().filter(s -> s.contains("FROM TKTPAY p") && s.contains("dk.PAY_SEQ = p.PAY_SEQ")).toList();
        assertTrue(payments.stream().noneMatch(s -> s.contains("= N'")), "no condition of literal keys: "
                + payments.stream().filter(s -> s.contains("= N'")).findFirst().map(s -> s.substring(0, Math.min(300, s.length()))).orElse(""));
        long lookups = (keys.size() + perStatement - 1) / perStatement;
        assertEquals(3 * lookups, payments.size(), "three figures read the rejected payments, each " + lookups + " lookups of up to " + perStatement + " keys");

        // A run has AIM's totals by then: the payments figures hold fewer rows than 20 for each rejected payment, so each
        // is read in one pass instead, and finds the same rows.
        CountingConnection once = new CountingConnection(aim);
        Map<String, Map<String, BusinessReconciliation.Figure>> passed = BusinessReconciliation.explainedAll(once.connection(), rejects, Set.of(1, 4),
                new StepCounts(), BusinessReconciliation.aimTotals(aim, Set.of(1, 4)));
        assertEquals(explained, passed, "the same rows, found in one pass");
        List<String> read = once.sent.stream().filter(s -> s.contains("FROM TKTPAY p")).toList();
        assertEquals(0, read.stream().filter(s -> s.contains("dk.PAY_SEQ = p.PAY_SEQ")).count(), "no lookup by key");
        assertEquals(3, read.stream().filter(s -> s.endsWith(" AND 1 = 1")).count(), "one pass over each payments figure");
    }
}
