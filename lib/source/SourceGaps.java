package lib.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a login finds wanting of the tables and columns the slices read, in three kinds a DBA fixes
 * differently: missing ones (the wrong database, or a shop's AIM without them), tables it may not read
 * (a GRANT), and tables in another schema than the one the reads' unqualified names resolve to (the
 * user's default schema). Each kind is said as itself: a refused table is never "missing".
 */
public record SourceGaps(List<String> missing, List<String> denied, String deniedSchema, Map<String, List<String>> elsewhere,
        String user, String defaultSchema, int tablesRead) {
    public boolean isEmpty() {
        return missing.isEmpty() && denied.isEmpty() && elsewhere.isEmpty();
    }

    /** Every gap as a line of its own, the permissions and schemas first: each with the fix. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!denied.isEmpty()) out.add(SourceRefusals.deniedLine(user, deniedSchema, denied));
        elsewhere.forEach((schema, tables) -> out.add(elsewhereLine(schema, tables)));
        if (!missing.isEmpty()) out.add("the source lacks " + String.join(", ", missing));
        return out;
    }

    /** All of it on one line (a run's refusal), with where to see the list. */
    public String line() {
        return String.join("; ", lines()) + " (run --check-source for the full list)";
    }

    /** What --check-source shows on a table's row in place of its count, or null when the table has no gap. */
    public String rowNote(String table) {
        if (denied.contains(table)) return "not readable: no SELECT permission";
        for (Map.Entry<String, List<String>> e : elsewhere.entrySet()) {
            if (e.getValue().contains(table)) return "in schema " + e.getKey() + ", not " + defaultSchema;
        }
        return missing.contains("table " + table) || missing.stream().anyMatch(m -> m.startsWith("table " + table + " ")) ? "missing" : null;
    }

    private String elsewhereLine(String schema, List<String> tables) {
        return (tables.size() == tablesRead ? "AIM's tables are" : SourceRefusals.named(tables) + (tables.size() == 1 ? " is" : " are")) + " in schema " + schema
                + ", not in the login's default schema " + defaultSchema + ", where MigrateAim's reads (unqualified names, as AIM's own) look: "
                + "ask the DBA for ALTER USER " + user + " WITH DEFAULT_SCHEMA = " + schema + " (then SELECT on schema " + schema + " reads them)";
    }

    /** Gaps grouped by schema, in table order: a builder for {@link SourceConnection}. */
    static Map<String, List<String>> bySchema(Map<String, String> schemaOf) {
        Map<String, List<String>> out = new TreeMap<>();
        schemaOf.forEach((table, schema) -> out.computeIfAbsent(schema, k -> new ArrayList<>()).add(table));
        return out;
    }
}
