package lib.report;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lib.accounts.Rejects;
import lib.accounts.StepCounts;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Metric;
import lib.slices.Slices;
import lib.source.AimRejectedRows;
import lib.source.PaymentMethods;
import lib.source.SourceConnection;

/**
 * What the listed rejects and the named skips account for, on AIM: the same AIM rows and amounts, found with the
 * figure's own AIM query restricted to those rows. A row that matches several reasons counts once. A rejected row is
 * found by its key, and where AIM holds that key more than once (a table whose primary key was dropped: one of its rows
 * loaded, the others rejected) by its values as the rejects file lists them: the first row of its key may be the
 * loaded one, whose amount Helm holds. Each row AIM holds is a row of the figure, as AIM's own totals count it.
 */
final class Explained {
    private Explained() {}

    /**
     * Rejected rows looked up by one statement on SQL Server (each of their key columns is one of its 2,100
     * parameters), where it seeks each; H2 (the sample) scans the table for an OR of keys, so it gets one a statement.
     * 200 a statement cost the TDS server more (25,025 rejected payments: 4.4 s of CPU against 2.4 s).
     */
    static final int LOOKUP_ROWS = 50;

    /** One row of the figure found: its line's key parts, its amount, and its base key ("1/100003/"). */
    record Found(List<Object> parts, BigInteger amount, String id) {}

    /**
     * What the rejects and skips explain of figure {@code m}. Each table's rejected rows are looked up by key; where AIM
     * holds one of their keys more than once (a table that lost its primary key), or their rows are better read in one pass
     * ({@link ExplainedScan.Seen#onePass}), the figure is read again in one pass ({@link ExplainedScan#figure}), which tells
     * copies apart and counts each row of the figure made of a rejected copy once, as AIM's join counts it.
     *
     * <p>{@code seen}: what the figures explained before learnt of AIM's tables, to which this one's adds: by table, the
     * rejected keys AIM holds more than once (each key of a table's rejects is looked up by the figures of that table's own
     * rows: every rejected ticket by the sales or the voided tickets). A table of {@link
     * lib.source.AimFigures.Query#copiesOf} (TICKET for the payments figures) is not looked up: a ticket alone on its key
     * took its payments with it (parent_rejected, in rejects/TKTPAY.csv), so only its keys held more than once send the
     * figure to the pass, and a run whose AIM holds every ticket once sends no statement for it.
     */
    static Map<String, Figure> of(Connection aim, Metric m, Path rejectsDir, ExplainedScan.Seen seen, StepCounts counts)
            throws SQLException, IOException {
        Map<String, Figure> out = new TreeMap<>();
        Map<String, Integer> counted = new HashMap<>(); // base key -> rows of it counted so far, by any reason
        PaymentMethods.Finder method = m.aim().methods() == null ? null : m.aim().methods().finder(aim);
        Set<String> copied = new TreeSet<>(); // tables whose copies the pass tells apart
        boolean pass = false;
        for (Map.Entry<String, String> t : new TreeMap<>(m.aim().rejectsOf()).entrySet()) {
            Path csv = rejectsDir.resolve(t.getKey() + ".csv");
            Set<String> heldTwice = seen.heldTwice.computeIfAbsent(t.getKey(), k -> new HashSet<>());
            Map<String, String[]> keys = new LinkedHashMap<>(); // each key once: a key listed twice is looked up once
            for (String[] key : Rejects.keys(csv, Slices.keyOf(t.getKey()).size())) {
                if (key.length == Slices.keyOf(t.getKey()).size()) keys.putIfAbsent(String.join("/", key), key);
            }
            if (m.aim().copiesOf().contains(t.getKey())) {
                keys.keySet().retainAll(heldTwice);
                if (!keys.isEmpty()) copied.add(t.getKey());
                pass |= !keys.isEmpty();
                continue;
            }
            counts.add(BusinessReconciliation.LOOKED_UP, 0, keys.size());
            // A key with an empty part (a NULL of a table without its key: "1/100003/") no lookup finds: = NULL is never true.
            boolean nullPart = keys.values().stream().anyMatch(k -> java.util.Arrays.asList(k).contains(""));
            if (pass || nullPart || seen.onePass(aim, m, t.getKey(), keys.size())) {
                pass = true; // its copies are told apart if no index keeps its key unique (below)
                counts.add(BusinessReconciliation.LOOKED_UP, keys.size(), 0);
                continue;
            }
            if (!rejected(aim, m, t.getValue(), keys, t.getKey(), new Reason(m, method, counted, out), counts)) continue;
            copied.add(t.getKey());
            pass = true;
        }
        if (pass) {
            out.clear();
            counted.clear();
            // Every table of the figure that can hold a key more than once has its copies told apart, those no rejects
            // file lists too (a product's soft-deleted copy, skipped), or its rows of a key would be taken for one.
            copied.addAll(seen.unkeyed(aim, new ArrayList<>(new TreeMap<>(m.aim().rejectsOf()).keySet())));
            ExplainedScan.figure(aim, m, rejectsDir, copied, new Reason(m, method, counted, out), seen)
                    .forEach((table, held) -> seen.heldTwice.get(table).addAll(held));
        }
        if (m.aim().skippedWhen() != null) {
            Reason skipped = new Reason(m, method, counted, out);
            try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(m.aim().rowsSql("(" + m.aim().skippedWhen() + ")"))) {
                while (rs.next()) skipped.add(found(m, rs));
            }
        }
        return out;
    }

    /**
     * The rows of the figure that the rejects of {@code table} (alias {@code alias} in the figure's query, keys {@code
     * keys}) account for, looked up by key. Beside each row found, AIM says how many rows share its key ({@link
     * AimRejectedRows#copies}): a row alone is the row rejected. Returns whether a row found was not alone: then the figure
     * is read in one pass instead, which tells the copies apart.
     */
    private static boolean rejected(Connection aim, Metric m, String alias, Map<String, String[]> keys, String table, Reason out,
                                    StepCounts counts) throws SQLException {
        List<String> keyColumns = Slices.keyOf(table);
        List<String> copies = List.of(AimRejectedRows.copies(table, alias, keyColumns));
        int at = m.aim().keys().size() + 2 + m.aim().baseKey().size();
        List<String> names = new ArrayList<>(keys.keySet());
        // Primary-key lookups, LOOKUP_ROWS rows a statement, however many rejects: one round trip for a few, an index seek
        // per row on any server, so the cost grows with the rejects alone. Conditions of 200 literal keys run through the
        // figure's query, once taken above 20,000 rejects, were a scan of the table each: 25,025 rejected payments of the
        // scale-1 sample took the TDS server 19 s of CPU (lookups 2.4 s) and H2 86 s (lookups 7.5 s). The keys are bound,
        // as the driver sends text.
        int perStatement = SourceConnection.isH2(aim) ? 1 : LOOKUP_ROWS;
        Map<Integer, PreparedStatement> bySize = new HashMap<>(); // the full size, and the last chunk's
        try {
            for (int from = 0; from < names.size(); from += perStatement) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + perStatement));
                PreparedStatement st = bySize.get(chunk.size());
                if (st == null) bySize.put(chunk.size(), st = aim.prepareStatement(m.aim().lookupSql(alias, keyColumns, chunk.size(), copies)));
                int p = 1;
                // As text, whatever it looks like: SQL Server makes it a number for a numeric key column, and a text
                // key of digits (a gift card number) stays text, where a number would make it convert every CARD_NO.
                for (String key : chunk) for (String part : keys.get(key)) st.setString(p++, part);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(at) <= 1) {
                            out.add(found(m, rs));
                            continue;
                        }
                        counts.add(BusinessReconciliation.LOOKED_UP, names.size() - from, 0); // the pass takes the rest
                        return true;
                    }
                }
                counts.add(BusinessReconciliation.LOOKED_UP, chunk.size(), 0);
            }
        } finally {
            for (PreparedStatement st : bySize.values()) st.close();
        }
        return false;
    }

    static Found found(Metric m, ResultSet rs) throws SQLException {
        int k = m.aim().keys().size();
        List<Object> parts = new ArrayList<>();
        for (int i = 1; i <= k; i++) parts.add(rs.getObject(i));
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < m.aim().baseKey().size(); i++) id.append(rs.getObject(k + 2 + i)).append('/');
        return new Found(parts, FigureSums.whole(rs.getObject(k + 1)), id.toString());
    }

    /**
     * One reason's rows counted as they are found: a base key it finds n times is n rows of the figure (AIM holds its key
     * n times), and a row another reason counted already is not counted again. {@code method} (or null) finds the method
     * of a payment's code, as the totals do (lib.source.PaymentMethods).
     */
    record Reason(Metric m, PaymentMethods.Finder method, Map<String, Integer> counted, Map<String, Figure> out, Map<String, Integer> here) {
        Reason(Metric m, PaymentMethods.Finder method, Map<String, Integer> counted, Map<String, Figure> out) {
            this(m, method, counted, out, new HashMap<>());
        }

        void add(Found f) throws SQLException {
            int n = here.merge(f.id(), 1, Integer::sum);
            if (n <= counted.getOrDefault(f.id(), 0)) return;
            counted.put(f.id(), n);
            out.merge(FigureSums.key(m, FigureSums.withMethod(m, f.parts(), method)), new Figure(1, f.amount()), (a, b) -> a.plus(b.rows(), b.amount()));
        }
    }
}
