package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.core.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.Wrangler;

/**
 * --d1-verify has wrangler export the D1 database a few tables at a time (--d1-export-rows), so wrangler's local D1 holds
 * one part of it in memory at once, not all of it: every table is still exported once and compared, and a changed row
 * is still caught. A recording wrangler logs each command line and passes it to the real pinned one.
 */
@Tag("slow")
class D1VerifyExportRowsTest {
    /** Rows per export: several exports for the inventory slices of the scale-1 sample (about 22,000 rows). */
    static final int ROWS = 5_000;

    @Test
    void eachExportHoldsAFewTablesEveryTableOnceAndAChangedRowIsCaught(@TempDir Path tmp) throws Exception {
        Path out = D1ApplyTest.slices(tmp, "1,3");
        Path project = Wrangler.migrated(tmp.resolve("helm"));
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--file", out.resolve("d1/all.sql").toString());
        Path log = tmp.resolve("calls.log");
        Path fake = tmp.resolve("wrangler");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$*" >> '%1$s'
                exec '%2$s' "$@"
                """.formatted(log, Wrangler.ensureInstalled()));
        assertTrue(fake.toFile().setExecutable(true));
        String[] d1 = {"--d1-verify", "helm", "--wrangler-dir", project.toString(), "--wrangler", fake.toString(),
            "--d1-export-rows", String.valueOf(ROWS)};

        TestSupport.Run verify = SampleRun.migrate(out, d1);
        assertEquals(0, verify.exit(), verify.all());
        assertTrue(verify.out().contains("content checksums all agree"), verify.out());

        // The tables' rows as the manifest has them, in its order.
        Map<String, Long> rows = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) Json.read(Files.readString(out.resolve("manifest.json"))).get("tables");
        tables.forEach((t, totals) -> rows.put(t, ((Number) totals.get("rows")).longValue()));
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total > 3 * ROWS, "the slices hold enough rows for several exports: " + rows);

        List<String> calls = Files.readAllLines(log);
        List<String> exported = new ArrayList<>();
        for (String call : calls) {
            assertTrue(call.startsWith("d1 export helm --local --output "), call);
            String[] words = call.split(" ");
            List<String> group = new ArrayList<>();
            for (int i = 0; i < words.length; i++) if (words[i].equals("--table")) group.add(words[++i]);
            assertFalse(group.isEmpty(), "an export names its tables: " + call);
            long groupRows = group.stream().mapToLong(t -> rows.getOrDefault(t, -1L)).sum();
            assertTrue(group.size() == 1 || groupRows <= ROWS, "several tables go together only within " + ROWS + " rows: " + call);
            exported.addAll(group);
        }
        assertTrue(calls.size() > 2 && calls.size() < rows.size(), "a few exports, not one, nor one a table: " + calls);
        assertEquals(new ArrayList<>(rows.keySet()), exported, "every table exported once, in the manifest's order");

        // One value changed in D1 afterwards: the check still fails and names the table.
        Wrangler.run(project, "d1", "execute", "helm", "--local", "--command",
                "UPDATE products SET price_cents = price_cents + 1 WHERE id = (SELECT MAX(id) FROM products WHERE price_cents IS NOT NULL)");
        TestSupport.Run changed = SampleRun.migrate(out, d1);
        assertEquals(1, changed.exit(), changed.all());
        assertTrue(changed.out().contains("table products in D1 helm: checksum"), changed.out());
        assertFalse(changed.out().contains("table stock_levels "), "only the changed table is named: " + changed.out());
    }

    @Test
    void tooFewRowsPerExportAreRefused(@TempDir Path tmp) {
        TestSupport.Run run = SampleRun.migrate(tmp.resolve("out"), "--d1-verify", "helm", "--wrangler-dir", tmp.toString(), "--d1-export-rows", "0");
        assertEquals(2, run.exit(), run.all());
        assertTrue(run.err().contains("--d1-export-rows must be at least 1"), run.err());
    }
}
