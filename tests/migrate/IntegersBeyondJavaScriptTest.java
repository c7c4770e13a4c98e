package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * A key, reference or count beyond +-(2^53 - 1), which a Worker reading D1 through JavaScript numbers cannot tell from
 * its neighbour (9007199254740993 reads as 9007199254740992): a shop whose BIGINT ticket numbers pass it. The D1
 * preflight flagged such values only in amount columns; a ticket number loaded without a word, and Helm would have read
 * two tickets as one.
 */
class IntegersBeyondJavaScriptTest {
    /** 2^53 - 1, written out here rather than taken from the toolkit. */
    static final long SAFE = 9_007_199_254_740_991L;

    @TempDir
    static Path shared;
    private static Path out;
    private static String url;

    /** The sample with store 1's BIGINT ticket numbers from 100001 on as 9007199254740001 on: about half pass 2^53 - 1; migrated once. */
    static synchronized Path migrated() throws Exception {
        if (out != null) return out;
        url = SampleRun.writableCopy(shared.resolve("aim"));
        try (Connection aim = DriverManager.getConnection(url); Statement st = aim.createStatement()) {
            for (String table : List.of("TICKET", "TKTLINE", "TKTPAY", "ARTRANS")) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN TICKET_NO BIGINT" + (table.equals("ARTRANS") ? "" : " NOT NULL"));
                st.executeUpdate("UPDATE " + table + " SET TICKET_NO = TICKET_NO + 9007199254640000 WHERE STORE_NO = 1");
            }
        }
        Path o = shared.resolve("out");
        TestSupport.Run run = SampleRun.migrate(o, "--all", "--source", url);
        assertEquals(0, run.exit(), "flagged for a person, not failed: " + run.all());
        out = o;
        return o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void ticketNumbersPastTwoToTheFiftyThreeAreNamedWhereAPersonDecidesAndTheRunStillPasses() throws Exception {
        Path out = migrated();
        long beyond, loaded;
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            beyond = TestSupport.count(helm, "SELECT count(*) FROM sales WHERE ticket_no > " + SAFE);
            loaded = TestSupport.count(helm, "SELECT count(*) FROM sales WHERE store_id = 1");
        }
        assertTrue(beyond > 0 && beyond < loaded, beyond + " of " + loaded);
        String named = String.format("sales.ticket_no: %d rows", beyond);

        Map<String, Object> report = SampleRun.report(out);
        Map<String, Object> checks = (Map<String, Object>) report.get("checks");
        assertEquals(List.of(), checks.get("d1_problems"), "D1 holds them; a Worker reads them otherwise");
        Map<String, Object> limits = (Map<String, Object>) checks.get("d1_limits");
        assertEquals(List.of(named), limits.get("integers_beyond_2^53"));
        assertNull(limits.get("cents_beyond_2^53"), "no amount is beyond 2^53");
        Map<String, Object> sales = ((Map<String, Map<String, Object>>) limits.get("tables")).get("sales");
        Map<String, Object> perColumn = (Map<String, Object>) sales.get("integers_beyond_2^53");
        assertEquals(List.of("ticket_no"), List.copyOf(perColumn.keySet()), String.valueOf(sales));
        assertEquals(beyond, ((Number) perColumn.get("ticket_no")).longValue());

        String d1 = Files.readString(out.resolve("report.md")).lines().filter(l -> l.startsWith("- D1 limits")).findFirst().orElse("");
        assertTrue(d1.contains("integers beyond 2^53") && d1.contains(named), d1);
        String signoff = Files.readString(out.resolve("signoff.md"));
        String decide = signoff.substring(signoff.indexOf("## Needs a decision"), signoff.indexOf("\n## ", signoff.indexOf("## Needs a decision") + 1));
        assertTrue(decide.contains(named), decide);
        assertFalse(decide.contains("Amounts too large"), "a ticket number is no amount: " + decide);

        // A run of slice 1 alone keeps slice 4's tables as the previous run measured them: still named.
        TestSupport.Run again = SampleRun.migrate(out, "--slice", "1", "--source", url);
        assertEquals(0, again.exit(), again.all());
        Map<String, Object> kept = (Map<String, Object>) ((Map<String, Object>) SampleRun.report(out).get("checks")).get("d1_limits");
        assertEquals(List.of(named), kept.get("integers_beyond_2^53"));
        assertTrue(Files.readString(out.resolve("signoff.md")).contains("(a ticket number, a reference, a count): " + named));
    }

    /**
     * D1 holds them exactly, and --d1-verify says so: wrangler's export prints each as the nearest double, so two tickets
     * of a store print as one, and the copy the export is read into must not refuse that as a duplicate.
     */
    @Test
    @Tag("slow")
    void d1HoldsThemAndD1VerifyAgrees() throws Exception {
        Path out = migrated();
        Path project = Wrangler.migrated(shared.resolve("d1"));
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", out.resolve("d1/all.sql").toString());
        long beyond;
        try (Connection d1 = DriverManager.getConnection("jdbc:sqlite:" + Wrangler.localDatabase(project));
             Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            String sql = "SELECT group_concat(ticket_no) FROM (SELECT ticket_no FROM sales WHERE ticket_no > " + SAFE + " ORDER BY ticket_no)";
            assertEquals(TestSupport.strings(helm, sql), TestSupport.strings(d1, sql), "D1 holds every ticket number exactly");
            // 2^53 itself prints as it is: the export changes the ticket numbers past it.
            beyond = TestSupport.count(helm, "SELECT count(*) FROM sales WHERE ticket_no > 9007199254740992");
        }
        TestSupport.Run verify = TestSupport.run(new MigrateAimCommand(Map.of()), "--d1-verify", "helm", "--wrangler-dir", project.toString(),
                "--out", out.toString());
        assertEquals(0, verify.exit(), verify.all());
        assertTrue(verify.out().contains(String.format("table sales: %,d integers beyond 2^53 read back as JavaScript holds them", beyond)),
                verify.out());
    }
}
