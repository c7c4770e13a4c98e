package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The remote D1 path, which cannot reach Cloudflare here: a recording wrangler stands in for
 * it. It logs every command line, answers Time Travel with fixed bookmarks, and sends the rest
 * (migrations, each chunk, the export) to the real pinned wrangler's local D1, so the load and
 * its verification are real.
 */
@Tag("slow")
class D1RemoteTest {
    static final String BEFORE = "00000001-00000000-00004f7d-before";

    @Test
    void aRemoteLoadRecordsTheBookmarkBeforeItAndTheRollbackRestoresIt(@TempDir Path tmp) throws Exception {
        // Reference data and inventory (1.8 MB of D1 files): three chunks, at a tenth of the whole sample's load time.
        Path out = D1ApplyTest.slices(tmp, "1,3");
        Path project = Wrangler.project(tmp.resolve("helm"), TestSupport.repo().resolve("migrations"));
        Path log = tmp.resolve("calls.log");
        Path fake = tmp.resolve("wrangler");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$*" >> '%1$s'
                case "$*" in
                  *"time-travel info"*) echo 'Looking up...'; echo '{ "bookmark": "%2$s", "timestamp": "2026-11-26T20:00:00Z" }'; exit 0;;
                  *"time-travel restore"*) for a; do case "$a" in --bookmark=*) b="${a#--bookmark=}";; esac; done
                    echo "{ \\"bookmark\\": \\"$b\\", \\"previous_bookmark\\": \\"00000009-undo\\" }"; exit 0;;
                esac
                chunk=""
                for a; do shift; case "$a" in --remote) a=--local;; *chunk-*) chunk=$(basename "$a" .sql);; esac; set -- "$@" "$a"; done
                '%3$s' "$@"; rc=$?
                [ -n "$chunk" ] && [ $rc -eq 0 ] && echo "Database is currently at bookmark 0000000${chunk#chunk-000}-after-$chunk."
                exit $rc
                """.formatted(log, BEFORE, Wrangler.ensureInstalled()));
        assertTrue(fake.toFile().setExecutable(true));
        String[] d1 = {"--remote", "--wrangler-dir", project.toString(), "--wrangler", fake.toString()};

        TestSupport.Run migrate = SampleRun.migrate(out, with(d1, "--d1-migrate", "helm"));
        assertEquals(0, migrate.exit(), migrate.all());
        assertEquals(1, migrate.out().split("0004_sales.sql", -1).length - 1, "each migration named once: " + migrate.out());
        TestSupport.Run load = SampleRun.migrate(out, with(d1, "--d1-apply", "helm", "--d1-chunk-bytes", "600000"));
        assertEquals(0, load.exit(), load.all());
        assertTrue(load.out().contains("content checksums all agree"), load.out());

        List<String> calls = Files.readAllLines(log);
        assertEquals("d1 migrations apply helm --remote", calls.get(0));
        assertTrue(calls.get(1).startsWith("d1 execute helm --remote --json --command SELECT EXISTS (SELECT 1 FROM \"stores\")"),
                "whether its Helm tables are empty, first: " + calls.get(1));
        assertEquals("d1 time-travel info helm --json", calls.get(2), "the bookmark is read before the first chunk");
        List<String> chunks = calls.subList(3, calls.size() - 1);
        assertEquals(3, chunks.size(), "600 kB chunks of slices 1 and 3: " + calls);
        for (int i = 0; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).matches("d1 execute helm --remote --yes --file .*chunk-000" + (i + 1) + "\\.sql"), chunks.get(i));
        }
        assertTrue(calls.get(calls.size() - 1).startsWith("d1 export helm --remote --output "), calls.get(calls.size() - 1));

        List<String> checkpoint = Files.readAllLines(out.resolve("d1-apply/helm.remote.checkpoint"));
        assertTrue(checkpoint.contains("chunk-bytes 600000"), "the chunk size, for a resume: " + checkpoint);
        assertTrue(checkpoint.stream().anyMatch(l -> l.startsWith("bookmark-before " + BEFORE + " ")), checkpoint.toString());
        for (int n = 1; n <= 3; n++) {
            String tail = " 0000000" + n + "-after-chunk-000" + n;
            assertTrue(checkpoint.stream().anyMatch(l -> l.startsWith("chunk ") && l.endsWith(tail)), "each chunk's final bookmark: " + checkpoint);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) ((Map<String, Object>) Json.read(Files.readString(out.resolve("manifest.json")))
                .get("d1_loads")).get("helm (remote)");
        assertEquals(BEFORE, recorded.get("bookmark_before"));
        assertEquals("00000003-after-chunk-0003", recorded.get("bookmark_after"));
        assertEquals(3, ((Number) recorded.get("chunks")).intValue());
        TestSupport.Run manifest = SampleRun.migrate(out, "--verify-manifest");
        assertEquals(0, manifest.exit(), "the recorded load leaves the manifest's checks intact: " + manifest.all());

        TestSupport.Run unconfirmed = SampleRun.migrate(out, with(d1, "--d1-rollback", "helm"));
        assertEquals(2, unconfirmed.exit(), unconfirmed.all());
        assertTrue(unconfirmed.err().contains("add --yes"), unconfirmed.err());
        assertEquals(calls.size(), Files.readAllLines(log).size(), "nothing was restored without a confirmation");

        TestSupport.Run rollback = SampleRun.migrate(out, with(d1, "--d1-rollback", "helm", "--yes")); // --quiet, as SampleRun runs it
        assertEquals(0, rollback.exit(), rollback.all());
        assertFalse(rollback.out().contains("Restoring"), "--quiet: what was restored, not that it is under way: " + rollback.out());
        assertTrue(rollback.out().startsWith("Restored: D1 database helm is as it was at "), rollback.out());
        List<String> after = Files.readAllLines(log);
        assertEquals("d1 time-travel restore helm --bookmark=" + BEFORE + " --json", after.get(after.size() - 1));
        assertTrue(rollback.out().contains("--bookmark=00000009-undo"), "how to undo the restore: " + rollback.out());
        assertFalse(Files.exists(out.resolve("d1-apply/helm.remote.checkpoint")), "a new load starts from chunk 1");
        @SuppressWarnings("unchecked")
        Map<String, Object> rolledBack = (Map<String, Object>) ((Map<String, Object>) Json.read(Files.readString(out.resolve("manifest.json")))
                .get("d1_loads")).get("helm (remote)");
        assertNotNull(rolledBack.get("rolled_back_at"), "the manifest says the load was rolled back: " + rolledBack);
        assertEquals("00000009-undo", rolledBack.get("undo_bookmark"));

        TestSupport.Run local = SampleRun.migrate(out, "--d1-rollback", "helm", "--wrangler-dir", project.toString());
        assertEquals(2, local.exit(), "Time Travel is remote only: " + local.all());
    }

    private static String[] with(String[] d1, String... more) {
        String[] all = new String[more.length + d1.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(d1, 0, all, more.length, d1.length);
        return all;
    }
}
