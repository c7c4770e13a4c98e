package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lib.report.BusinessReconciliation;
import lib.report.BusinessReconciliation.Figure;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.CountingConnection;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/**
 * A TKTPAY that lost its primary key, with many rejected payments: orphans, and payments AIM holds twice (one copy
 * changed, one copy alike). Each search of such a table by key is a scan of it, and so is the count of a key's copies
 * beside each row found: the figures looked each rejected payment up so (21,392 rejected payments: 164 s against 4 s with
 * the key). Now they find them in one pass over each figure's rows, and the run still reconciles every figure.
 */
@Tag("slow")
public class UnkeyedRejectsTest {
    @Test
    void rejectsOfATableWithoutItsPrimaryKeyAreFoundInOnePassAndReconcile(@TempDir Path tmp) throws Exception {
        String url = SampleRun.writableCopy(tmp.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url)) {
            try (Statement st = aim.createStatement()) {
                st.execute("ALTER TABLE TKTPAY DROP PRIMARY KEY");
            }
            assertFoundInOnePass(aim, out -> SampleRun.migrate(out, "--slice", "1-4", "--source", url), tmp);
        }
    }

    /** Orphans of every payment of a ticket numbered 1 in 20 (the sample's own orphans are from 900,000). */
    public static final String ORPHANS = " FROM TKTPAY p WHERE p.TICKET_NO >= 3000000";

    /**
     * Plants on {@code aim}, whose TKTPAY lost its key, orphan payments ({@link #ORPHANS}) and, for tickets not voided,
     * payments held twice: a copy for a dollar more (1 ticket number in 20 ending 3; the smaller, sorting first, is loaded)
     * and a copy alike (ending 7). Then {@code migrate} runs slices 1-4 into an output, which must reconcile every figure,
     * and the payments figures' rejects are found again on {@code aim} with no lookup of a rejected payment.
     */
    public static void assertFoundInOnePass(Connection aim, Function<Path, Run> migrate, Path tmp) throws Exception {
        String columns = "STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO";
        String notVoided = " AND EXISTS (SELECT 1 FROM TICKET t WHERE t.STORE_NO = p.STORE_NO AND t.TICKET_NO = p.TICKET_NO AND t.VOIDED = 'N')";
        String changed = " FROM TKTPAY p WHERE p.TICKET_NO % 20 = 3 AND p.TICKET_NO < 900000" + notVoided;
        String alike = " FROM TKTPAY p WHERE p.TICKET_NO % 20 = 7 AND p.TICKET_NO < 900000" + notVoided;
        long copies = TestSupport.count(aim, "SELECT COUNT(*)" + alike), twice = TestSupport.count(aim, "SELECT COUNT(*)" + changed) + copies;
        long twiceCents = TestSupport.count(aim, "SELECT SUM(CAST(ROUND((p.AMOUNT + 1) * 100, 0) AS BIGINT))" + changed)
                + TestSupport.count(aim, "SELECT SUM(CAST(ROUND(p.AMOUNT * 100, 0) AS BIGINT))" + alike);
        try (Statement st = aim.createStatement()) {
            st.executeUpdate("INSERT INTO TKTPAY (" + columns + ") SELECT STORE_NO, TICKET_NO + 3000000, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO"
                    + " FROM TKTPAY WHERE TICKET_NO % 20 = 1 AND TICKET_NO < 900000");
            st.executeUpdate("INSERT INTO TKTPAY (" + columns + ") SELECT STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT + 1, PAID_AT, REF_NO" + changed);
            st.executeUpdate("INSERT INTO TKTPAY (" + columns + ") SELECT STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, AMOUNT, PAID_AT, REF_NO" + alike);
        }
        long orphans = TestSupport.count(aim, "SELECT COUNT(*)" + ORPHANS);
        long orphanCents = TestSupport.count(aim, "SELECT SUM(CAST(ROUND(p.AMOUNT * 100, 0) AS BIGINT))" + ORPHANS);
        assertTrue(orphans > 500 && twice > 100, "more rejects than one lookup takes: " + orphans + " orphans, " + twice + " held twice");

        Path out = tmp.resolve("out");
        Run r = migrate.apply(out);
        assertEquals(0, r.exit(), "every figure reconciles: " + r.all());
        Path rejects = out.resolve("rejects");
        // The sign-off tells the copies alike in every value (nothing lost by accepting them) from those that differ.
        assertTrue(java.nio.file.Files.readString(out.resolve("signoff.md")).contains(String.format("id_collision: %,d (%,d exact copies of another AIM row"
                + " of their key, alike in every value)", twice, copies)), "signoff.md counts the planted copies alike: " + copies);
        Path none = tmp.resolve("no-rejects"); // the sample's own rejects alone: what the planted ones add to them

        CountingConnection counting = new CountingConnection(aim);
        TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
        Map<String, Map<String, Figure>> explained = BusinessReconciliation.explainedAll(counting.connection(), rejects, Set.of(1, 4));
        List<String> payments = counting.sent.stream().filter(s -> s.contains("FROM TKTPAY p")).toList();
        assertEquals(0, payments.stream().filter(s -> s.contains("dk.PAY_SEQ = p.PAY_SEQ")).count(), "no lookup of a rejected payment by its key");
        assertEquals(3, payments.stream().filter(s -> s.endsWith(" AND 1 = 1")).count(), "one pass over each payments figure");
        assertEquals(1, counting.sent.stream().filter(s -> s.contains("FROM TKTPAY") && s.contains("HAVING COUNT(*) > 1")).count(),
                "the payments AIM holds more than once, read once");
        for (String figure : List.of(BusinessReconciliation.PAYMENTS_BY_STORE, BusinessReconciliation.PAYMENTS_BY_METHOD)) {
            Figure sum = total(explained.get(figure));
            assertTrue(sum.rows() >= orphans + twice, figure + ": " + sum);
        }
        assertEquals(new Figure(orphans + twice, orphanCents + twiceCents), minus(total(explained.get(BusinessReconciliation.PAYMENTS_BY_STORE)),
                sampleOwn(aim, rejects, none)), "the planted orphans and rejected copies, by plain SQL");
    }

    private static Figure total(Map<String, Figure> lines) {
        long rows = 0, cents = 0;
        for (Figure f : lines.values()) {
            rows += f.rows();
            cents += f.amount().longValueExact();
        }
        return new Figure(rows, cents);
    }

    private static Figure minus(Figure a, Figure b) {
        return new Figure(a.rows() - b.rows(), a.amount().longValueExact() - b.amount().longValueExact());
    }

    /**
     * What the rejected payments other than the planted ones explain: the sample's own (its orphans), listed alone in a
     * rejects file of {@code dir}. The planted ones are the orphans from ticket 3,000,000 and the copies (id_collision).
     */
    private static Figure sampleOwn(Connection aim, Path rejects, Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser in = format.parse(java.nio.file.Files.newBufferedReader(rejects.resolve("TKTPAY.csv")));
             CSVPrinter kept = new CSVPrinter(java.nio.file.Files.newBufferedWriter(dir.resolve("TKTPAY.csv")),
                     CSVFormat.RFC4180.builder().setHeader(in.getHeaderNames().toArray(new String[0])).get())) {
            for (CSVRecord rec : in) {
                long ticket = Long.parseLong(rec.get("aim_key").split("/")[1]);
                if (ticket < 3000000 && !rec.get("rule").equals("id_collision")) kept.printRecord(rec.toList());
            }
        }
        return total(BusinessReconciliation.explainedAll(aim, dir, Set.of(1, 4)).get(BusinessReconciliation.PAYMENTS_BY_STORE));
    }
}
