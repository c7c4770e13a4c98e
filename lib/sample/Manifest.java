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

    private final Map<String, Long> rowCounts = new TreeMap<>();
    private final Map<String, List<String>> planted = new TreeMap<>();

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
        return m;
    }
}
