package tests.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.cli.MigrateAimCommand;
import lib.core.Json;
import lib.sample.Manifest;
import lib.sample.SampleDatabase;
import lib.slices.Slice;
import lib.slices.Slices;
import lib.source.SourceTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;

/**
 * The whole run on the adversarial scenario (--sample=1:adversarial): every planted row meets the
 * fate the generator's manifest records for it, the run ends 0 with every row and cent accounted
 * for, and nothing a tool on the way to D1 treats specially is left in the D1 files as plain text.
 */
@Tag("slow")
class AdversarialScenarioTest {
    @TempDir
    Path tmp;

    @Test
    void everyPlantedHazardMeetsItsFateAndTheRunBalances() throws Exception {
        Path out = tmp.resolve("out");
        TestSupport.Run run = TestSupport.run(new MigrateAimCommand(), "--all", "--sample=1:adversarial", "--out", out.toString(), "--quiet");
        assertEquals(0, run.exit(), run.out() + run.err());
        Manifest manifest = SampleDatabase.ensure(1, "adversarial", m -> {}).manifest();
        List<Manifest.Planted> planted = manifest.scenarioRows();
        assertFalse(planted.isEmpty());

        Map<String, String> helmTable = new HashMap<>();
        for (Slice s : Slices.ALL) for (SourceTable t : s.reads()) helmTable.put(t.name(), t.target());
        Map<String, Object> report = Json.read(Files.readString(out.resolve("report.json")));
        List<String> wrong = new ArrayList<>();
        try (Connection helm = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("helm.sqlite"))) {
            Map<String, long[]> pairs = new java.util.TreeMap<>(); // one_rejected: by table and code once trimmed, {loaded, rejected}
            for (Manifest.Planted p : planted) {
                String key = p.key().replaceAll(" +$", ""); // an AIM key as SQL Server compares it: trailing spaces alone do not count
                long loaded = count(helm, helmTable.get(p.table()), p.table() + ":" + key);
                long rejected = rejectedKeys(out, p.table()).stream().filter(key::equals).count();
                String where = p.hazard() + " " + p.table() + " " + p.key() + " (" + p.fate() + ")";
                switch (p.fate()) {
                    case "loaded" -> { if (loaded != 1 || rejected != 0) wrong.add(where + ": loaded " + loaded + ", rejected " + rejected); }
                    case "rejected" -> { if (loaded != 0 || rejected != 1) wrong.add(where + ": loaded " + loaded + ", rejected " + rejected); }
                    // Two rows that are one code once trimmed: one of them in Helm, the other rejected.
                    case "one_rejected" -> {
                        if (loaded + rejected != 1) wrong.add(where + ": loaded " + loaded + ", rejected " + rejected);
                        // The code as SQL Server's = matches it, as AIM's lines name it, is the one loaded.
                        if ((loaded == 1) != key.equals(key.strip())) wrong.add(where + ": loaded " + loaded + ", though written " + (key.equals(key.strip()) ? "exactly" : "with a leading space"));
                        long[] pair = pairs.computeIfAbsent(p.table() + " " + key.strip(), k -> new long[2]);
                        pair[0] += loaded;
                        pair[1] += rejected;
                    }
                    case "loaded_by_rule" -> {
                        if (loaded != 1 || rejected != 0) wrong.add(where + ": loaded " + loaded + ", rejected " + rejected);
                        else if (fixes(report, p.table(), p.column()).isEmpty()) {
                            // U+0000 in a name is no error: it arrives exactly (written as hex in the D1 files).
                            if (!p.hazard().equals("nul_in_text")) wrong.add(where + ": no rule counted on " + p.column());
                        }
                    }
                    default -> wrong.add(where + ": unknown fate");
                }
            }
            pairs.forEach((code, n) -> { if (n[0] != 1 || n[1] != 1) wrong.add(code + " (one_rejected): loaded " + n[0] + ", rejected " + n[1]); });
        }
        assertEquals(List.of(), wrong);
        assertTrue(run.out().isEmpty() || !run.out().contains("DIFFER"), run.out());
        String all = Files.readString(out.resolve("d1/all.sql"), StandardCharsets.UTF_8);
        assertFalse(all.toUpperCase(java.util.Locale.ROOT).contains("BEGIN TRANSACTION"), "wrangler would cut a BEGIN TRANSACTION out of the file");
        assertFalse(all.toUpperCase(java.util.Locale.ROOT).contains("COMMIT;"), "wrangler would cut a COMMIT; out of the file");
        String limits = Files.readString(out.resolve("report.md"));
        String d1 = limits.lines().filter(l -> l.contains("amounts beyond 2^53")).findFirst().orElse("");
        assertTrue(d1.contains("sales.subtotal_cents: 2 rows") && d1.contains("sales.total_cents: 2 rows"),
                "the two tickets at MONEY's limits are flagged for D1: " + limits.lines().filter(l -> l.contains("D1 limits")).toList());
        String decide = Files.readString(out.resolve("signoff.md"));
        decide = decide.substring(decide.indexOf("## Needs a decision"), decide.indexOf("## Last ticket number"));
        assertTrue(decide.contains("almost surely typed wrong in AIM: sales.subtotal_cents: 2 rows, sales.total_cents: 2 rows"),
                "the owner sees them too, not only a month of ordinary sales where the two cancel out: " + decide);
    }

    private static long count(Connection helm, String table, String legacyKey) throws Exception {
        try (PreparedStatement st = helm.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE legacy_key = ?")) {
            st.setString(1, legacyKey);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> rejectedKeys(Path out, String table) throws Exception {
        Path csv = out.resolve("rejects").resolve(table + ".csv");
        List<String> keys = new ArrayList<>();
        if (!Files.isRegularFile(csv)) return keys;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) keys.add(rec.get("aim_key"));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixes(Map<String, Object> report, String table, String column) {
        for (Object s : (List<Object>) report.get("slices")) {
            for (Object t : (List<Object>) ((Map<String, Object>) s).get("tables")) {
                Map<String, Object> account = (Map<String, Object>) t;
                if (table.equals(account.get("source"))) {
                    Object f = ((Map<String, Object>) account.get("fixes")).get(column);
                    return f == null ? Map.of() : (Map<String, Object>) f;
                }
            }
        }
        return Map.of();
    }
}
