package lib.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator made: rows per table and, per planted defect, the table,
 * column and legacy keys of every row that carries it. Written as manifest.json
 * next to the sample database; tests check the ETL against it.
 */
public final class Manifest {
    public record Entry(String defect, String table, String column, List<String> keys) {
        public int count() {
            return keys.size();
        }
    }

    /** A row a named scenario planted: its hazard, where it is, and the fate the toolkit owes it. */
    public record Planted(String hazard, String table, String column, String key, String fate, String expected) {}

    private final Map<String, Long> rowCounts = new TreeMap<>();
    private final Map<String, List<String>> planted = new TreeMap<>();
    private String scenario;
    private final List<Planted> scenarioRows = new ArrayList<>();

    /** A row of the named scenario (e.g. adversarial), with its key parts. */
    public void plant(String scenarioName, Hazard hazard, String table, String column, Object... keyParts) {
        scenario = scenarioName;
        StringBuilder key = new StringBuilder();
        for (Object part : keyParts) {
            if (key.length() > 0) key.append('/');
            key.append(part);
        }
        scenarioRows.add(new Planted(hazard.ruleName(), table, column, key.toString(), hazard.fate.name().toLowerCase(java.util.Locale.ROOT),
                hazard.expected));
    }

    /** The scenario on top of the plain sample, or null for the plain sample. */
    public String scenario() {
        return scenario;
    }

    public List<Planted> scenarioRows() {
        return List.copyOf(scenarioRows);
    }

    public void rows(String table, long count) {
        rowCounts.put(table, count);
    }

    public void plant(Defect defect, String table, String column, Object... keyParts) {
        StringBuilder key = new StringBuilder();
        for (Object part : keyParts) {
            if (key.length() > 0) key.append('/');
            key.append(part);
        }
        planted.computeIfAbsent(defect.ruleName() + "|" + table + "|" + column, k -> new ArrayList<>())
                .add(key.toString());
    }

    public Map<String, Long> rowCounts() {
        return rowCounts;
    }

    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        planted.forEach((k, keys) -> {
            String[] p = k.split("\\|");
            out.add(new Entry(p[0], p[1], p[2], List.copyOf(keys)));
        });
        return out;
    }

    public int count(Defect defect, String table, String column) {
        List<String> keys = planted.get(defect.ruleName() + "|" + table + "|" + column);
        return keys == null ? 0 : keys.size();
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Object> toJson(int scale, String generatorVersion, String shopZone) {
        Map<String, Object> json = new TreeMap<>();
        json.put("generator_version", generatorVersion);
        json.put("scale", scale);
        json.put("shop_time_zone", shopZone);
        json.put("tables", rowCounts);
        json.put("total_rows", totalRows());
        List<Map<String, Object>> defects = new ArrayList<>();
        for (Entry e : entries()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("defect", e.defect());
            m.put("table", e.table());
            m.put("column", e.column());
            m.put("count", e.count());
            m.put("keys", e.keys());
            defects.add(m);
        }
        json.put("defects", defects);
        if (scenario != null) {
            // Only a scenario's manifest has these keys: the plain sample's manifest.json stays as it was.
            json.put("scenario", scenario);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Planted p : scenarioRows) {
                Map<String, Object> m = new TreeMap<>();
                m.put("hazard", p.hazard());
                m.put("table", p.table());
                m.put("column", p.column());
                m.put("key", p.key());
                m.put("fate", p.fate());
                m.put("expected", p.expected());
                rows.add(m);
            }
            json.put("scenario_rows", rows);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    public static Manifest fromJson(Map<String, Object> json) {
        Manifest m = new Manifest();
        ((Map<String, Object>) json.get("tables")).forEach((t, n) -> m.rows(t, ((Number) n).longValue()));
        for (Map<String, Object> d : (List<Map<String, Object>>) json.get("defects")) {
            m.planted.put(d.get("defect") + "|" + d.get("table") + "|" + d.get("column"),
                    new ArrayList<>((List<String>) d.get("keys")));
        }
        if (json.get("scenario") != null) {
            m.scenario = (String) json.get("scenario");
            for (Map<String, Object> p : (List<Map<String, Object>>) json.get("scenario_rows")) {
                m.scenarioRows.add(new Planted((String) p.get("hazard"), (String) p.get("table"), (String) p.get("column"),
                        (String) p.get("key"), (String) p.get("fate"), (String) p.get("expected")));
            }
        }
        return m;
    }
}
