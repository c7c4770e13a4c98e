package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.slices.Slices;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import lib.source.AimSubset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.SampleRun;
import tests.support.TestSupport;

/** --limit N reads a consistent subset of AIM: the first N tickets (and so on) whole, with everything they refer to, no orphan made up. */
@Tag("slow")
class LimitSubsetTest {
    static final int N = 300;

    @Test
    void everyTableASliceReadsHasItsPlaceInTheSubset() {
        AimSubset subset = new AimSubset(N);
        Slices.ALL.forEach(s -> s.reads().forEach(t -> assertTrue(subset.covers(t.name()), t.name())));
        String sql = subset.selectSql(Slices.ALL.get(3).reads().get(1));
        assertTrue(sql.startsWith("SELECT STORE_NO, TICKET_NO, LINE_NO") && sql.contains("SELECT TOP (" + N + ") "), sql);
        assertFalse(sql.toUpperCase().contains(" LIMIT "), "T-SQL has no LIMIT: " + sql);
    }

    @Test
    void aLimitedRunLeavesNoReferenceUnresolvedThatTheFullDataResolves(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run r = SampleRun.migrate(out, "--all", "--sample", "--limit", "" + N);
        assertEquals(0, r.exit(), r.all());
        try (Connection limited = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"));
             Connection full = DriverManager.getConnection("jdbc:sqlite:" + SampleRun.full().resolve("helm.sqlite"));
             Connection aim = TestSupport.h2(SampleRun.sample().jdbcUrl())) {
            // The first N tickets of AIM, by key, are there; and no more than the tickets the first N house accounts name besides.
            List<String> firstTickets = new ArrayList<>();
            for (String k : TestSupport.strings(aim, "SELECT TOP (" + N + ") CAST(STORE_NO AS VARCHAR(6)) || '/' || CAST(TICKET_NO AS VARCHAR(12)) "
                    + "FROM TICKET ORDER BY STORE_NO, TICKET_NO")) firstTickets.add("TICKET:" + k);
            assertEquals(N, firstTickets.size());
            List<String> loadedTickets = TestSupport.strings(limited, "SELECT legacy_key FROM sales");
            assertTrue(loadedTickets.containsAll(firstTickets), "the first " + N + " tickets are loaded");
            long named = TestSupport.count(aim, "SELECT COUNT(DISTINCT CAST(STORE_NO AS BIGINT) * 65536 * 65536 + TICKET_NO) FROM ARTRANS "
                    + "WHERE TICKET_NO IS NOT NULL AND AR_ID IN (SELECT TOP (" + N + ") AR_ID FROM ARACCT ORDER BY AR_ID)");
            assertTrue(loadedTickets.size() <= N + named, loadedTickets.size() + " tickets");

            // Each loaded ticket has all its lines and payments: as many as the full run loaded for it.
            for (String[] child : new String[][] {{"sale_lines", "sale_id"}, {"sale_payments", "sale_id"}}) {
                Map<String, Long> l = perParent(limited, child[0], child[1]), f = perParent(full, child[0], child[1]);
                for (String t : loadedTickets) assertEquals(f.getOrDefault(t, 0L), l.getOrDefault(t, 0L), child[0] + " of " + t);
            }

            // Every reference the limited run left NULL (an orphan_* fix) the full run left NULL too: none is made up.
            List<String> madeUp = new ArrayList<>();
            int references = 0;
            for (String table : TestSupport.strings(limited, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND name NOT LIKE 'd1_%' AND name NOT LIKE '_cf_%' ORDER BY name")) {
                for (String column : TestSupport.strings(limited, "SELECT \"from\" FROM pragma_foreign_key_list('" + table + "')")) {
                    references++;
                    Map<String, Boolean> inFull = nulls(full, table, column);
                    for (Map.Entry<String, Boolean> e : nulls(limited, table, column).entrySet()) {
                        if (e.getValue() && !Boolean.TRUE.equals(inFull.get(e.getKey()))) madeUp.add(table + "." + column + " of " + e.getKey());
                    }
                }
            }
            java.util.Collections.sort(madeUp);
            assertTrue(references > 20, references + " references checked");
            assertEquals(List.of(), madeUp.subList(0, Math.min(20, madeUp.size())), madeUp.size() + " references made orphans by the cut");
            assertEquals(0, TestSupport.count(limited, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        }
        // Every row the limited run rejected as an orphan the full run rejected too (by AIM key and rule).
        List<String> rejectedOrphans = orphanRejects(out), fullOrphans = orphanRejects(SampleRun.full());
        assertTrue(fullOrphans.size() > 0, "the full run rejects orphans (the check is not blind)");
        for (String o : rejectedOrphans) assertTrue(fullOrphans.contains(o), o + " is an orphan only in the limited run");
    }

    /** "TABLE rule aim_key" of every orphan_* row in an output's rejects/. */
    static List<String> orphanRejects(Path out) throws Exception {
        List<String> found = new ArrayList<>();
        Path dir = out.resolve("rejects");
        if (!Files.isDirectory(dir)) return found;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (CSVParser csv = CSVParser.parse(f, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().get())) {
                    for (CSVRecord row : csv) {
                        if (row.get("rule").startsWith("orphan_")) found.add(f.getFileName() + " " + row.get("rule") + " " + row.get("aim_key"));
                    }
                }
            }
        }
        return found;
    }

    /** Rows of a child table per parent's legacy key. */
    static Map<String, Long> perParent(Connection db, String table, String fk) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT s.legacy_key, COUNT(*) FROM " + table
                + " c JOIN sales s ON s.id = c." + fk + " GROUP BY s.legacy_key")) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    /** Per row (legacy key) of {@code table}: whether {@code column} is NULL. */
    static Map<String, Boolean> nulls(Connection db, String table, String column) throws SQLException {
        Map<String, Boolean> out = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT legacy_key, \"" + column + "\" IS NULL FROM \"" + table + "\"")) {
            while (rs.next()) out.put(rs.getString(1), rs.getBoolean(2));
        }
        return out;
    }
}
