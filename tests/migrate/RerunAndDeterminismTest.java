package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.TreeMap;
import lib.slices.Slice;
import lib.slices.Slices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** Same input, same bytes; re-running one slice touches nothing else; bad requests are refused up front. */
class RerunAndDeterminismTest {
    static Map<String, String> tableHashes(Path out) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            for (Slice s : Slices.ALL) for (String t : s.writes()) hashes.put(t, TestSupport.tableHash(db, t, "id"));
        }
        return hashes;
    }

    @Test
    void twoFullRunsGiveTheSameD1BytesAndASliceRerunChangesNothingElse(@TempDir Path tmp) throws Exception {
        Path first = SampleRun.full(), second = tmp.resolve("out");
        assertEquals(0, SampleRun.migrate(second, "--all", "--sample").exit());
        assertEquals(SampleRun.sha256(first.resolve("d1/all.sql")), SampleRun.sha256(second.resolve("d1/all.sql")));
        Map<String, String> before = tableHashes(second);
        String slice3 = SampleRun.sha256(second.resolve("d1/0003_inventory.sql"));
        Run rerun = SampleRun.migrate(second, "--slice", "4", "--sample");
        assertEquals(0, rerun.exit(), rerun.all());
        assertEquals(java.util.List.of(4), SampleRun.report(second).get("slices_run"));
        assertEquals(before, tableHashes(second), "every table, slice 4's included, is identical after re-running slice 4");
        assertEquals(slice3, SampleRun.sha256(second.resolve("d1/0003_inventory.sql")));
        assertEquals(SampleRun.sha256(first.resolve("d1/all.sql")), SampleRun.sha256(second.resolve("d1/all.sql")));
        assertTrue(Files.isRegularFile(second.resolve("rejects/TKTPAY.csv")), "slice 4's rejects are written again");
    }

    @Test
    void aSliceWithoutItsPrerequisitesIsRefusedNamingThem(@TempDir Path tmp) {
        Run r = SampleRun.migrate(tmp.resolve("out"), "--slice", "4", "--sample");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("slice 4 needs slices 1,2,3 in "), r.err());
        assertTrue(r.err().contains("run --slice 1,2,3,4 or --all"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }

    @Test
    void unknownSlicesAndConflictingOptionsAreRefusedBeforeAnyWork(@TempDir Path tmp) {
        Run r = SampleRun.migrate(tmp.resolve("out"), "--slice", "99", "--sample");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no slice 99; the slices are: 1 reference, 2 customers"), r.err());
        Run both = SampleRun.migrate(tmp.resolve("out"), "--all", "--slice", "2", "--sample");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Run two = SampleRun.migrate(tmp.resolve("out"), "--all", "--sample", "--source", "jdbc:h2:mem:x");
        assertEquals(2, two.exit());
        assertTrue(two.err().contains("--sample and --source exclude each other"), two.err());
        Run zone = SampleRun.migrate(tmp.resolve("out"), "--all", "--sample", "--shop-tz", "Mars/Olympus");
        assertEquals(2, zone.exit());
        assertTrue(zone.err().contains("--shop-tz Mars/Olympus is not a time zone"), zone.err());
        assertFalse(Files.exists(tmp.resolve("out/helm.sqlite")));
    }
}
