package lib.report;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Metric;
import lib.slices.Slices;
import lib.source.AimRejectedRows;
import lib.source.KeyIndexes;
import lib.source.SourceConnection;

/**
 * Rejected rows found in one pass over a figure's rows on AIM, matched by their key here, where a search by key would
 * cost a scan of the table each: a table AIM keeps without its primary key (a lookup of 50 keys, and the count of a key's
 * copies beside each row it finds, each read the whole table: 21,392 rejected payments of a TKTPAY without its key took
 * the figures 164 s, against 4 s with it), and the rows of a key AIM holds more than once, told apart by their values.
 *
 * <p>Two statements: the rows of the keys AIM holds more than once, each with its key as the server groups it (under the
 * column's collation, as a lookup compares), then the figure's rows with the table's key, and its columns where a
 * rejected key is held more than once. A row alone on its key is the rejected row when its key is one the file lists, as
 * the file writes keys (lib.source.Row#key: a NULL part is no key, as no lookup finds it); of rows of a key held more
 * than once, those alike in their values to the rows the file lists of that key, as many as it lists (Explained).
 */
final class ExplainedScan {
    private ExplainedScan() {}

    /**
     * Rows of a figure per rejected key up to which one pass over them costs less than looking the keys up, where each
     * lookup seeks: a pass reads a row in about 1.5 microseconds of the TDS server's, a lookup takes 90 a key. At scale 1
     * plus 25,025 rejected payments (the payments figures' 41,000 rows, 1.6 a key), --slice 1-4's business figures took
     * 2.7-3.2 s with lookups and 1.5-1.7 s with a pass each; scale 10's 250 rejected payments of 160,000 stay 5 lookups.
     */
    static final int SHARE = 20;

    /** What the figures explained so far learnt of AIM's tables, for those that follow, in one run's figures. */
    static final class Seen {
        /** By table, the rejected keys AIM holds more than once (Explained.of). */
        final Map<String, Set<String>> heldTwice = new HashMap<>();
        private final Map<String, Boolean> unkeyed = new HashMap<>();
        private final Map<String, Map<String, String>> groups = new HashMap<>();
        private final Map<String, Map<String, Figure>> totals;

        Seen() {
            this(Map.of());
        }

        /** With the AIM totals read already, by figure name (those it lacks are not known). */
        Seen(Map<String, Map<String, Figure>> totals) {
            this.totals = totals;
        }

        /**
         * Whether {@code keys} rejected keys of a table are better found in one pass over the rows of figure {@code m}:
         * more than one lookup takes, and either the figure has at most {@link #SHARE} rows for each (its AIM totals
         * say), or the table has neither a primary key nor a unique index, where each lookup is a scan of it.
         */
        boolean onePass(Connection aim, Metric m, String table, int keys) {
            if (keys <= Explained.LOOKUP_ROWS) return false;
            Map<String, Figure> lines = totals.get(m.name());
            if (lines != null && lines.values().stream().mapToLong(Figure::rows).sum() <= (long) keys * SHARE) return true;
            return unkeyed(aim, table);
        }

        /** Whether AIM's {@code table} has neither a primary key nor a unique index: asked once a run, of a table with many rejects. */
        private boolean unkeyed(Connection aim, String table) {
            return unkeyed.computeIfAbsent(table, t -> KeyIndexes.missing(aim, List.of(t)).contains(t));
        }

        /** Each row's key of {@code table} whose key AIM holds more than once, with that key as the server groups it. */
        Map<String, String> groups(Connection aim, String table) throws SQLException {
            Map<String, String> out = groups.get(table);
            if (out != null) return out;
            List<String> key = Slices.keyOf(table);
            out = new HashMap<>();
            try (Statement st = aim.createStatement();
                 ResultSet rs = st.executeQuery(AimRejectedRows.heldMoreThanOnce(table, key, SourceConnection.isH2(aim)))) {
                int[] kinds = AimRejectedRows.kinds(rs);
                while (rs.next()) {
                    String row = AimRejectedRows.key(rs, kinds, 1, key.size()), group = AimRejectedRows.key(rs, kinds, key.size() + 1, key.size());
                    if (row != null && group != null) out.put(row, group);
                }
            }
            groups.put(table, out);
            return out;
        }
    }

    /** The statement of the pass: the figure's rows, with {@code alias}'s key columns and then its {@code columns}. */
    static String sql(Metric m, String alias, List<String> keyColumns, List<String> columns) {
        List<String> more = new ArrayList<>(AimRejectedRows.columns(alias, keyColumns));
        more.addAll(AimRejectedRows.columns(alias, columns));
        return m.aim().rowsSql("1 = 1", more);
    }

    /**
     * The rows of figure {@code m} that the rejected rows of {@code table} (alias {@code alias}) with keys {@code keys}
     * account for: with {@code alone}, those alone on their key too (else only those of keys held more than once: a
     * ticket's other copies, Explained.of). Returns the keys of {@code keys} AIM holds more than once.
     */
    static Set<String> find(Connection aim, Metric m, String table, String alias, Path csv, Set<String> keys, boolean alone,
                            Explained.Reason out, Seen seen) throws SQLException, IOException {
        List<String> keyColumns = Slices.keyOf(table);
        Map<String, String> groups = seen.groups(aim, table);
        Set<String> shared = new LinkedHashSet<>();
        for (String k : keys) if (groups.containsKey(k)) shared.add(k);
        if (!alone && shared.isEmpty()) return shared;
        Rejects.Listed listed = shared.isEmpty() ? new Rejects.Listed(List.of(), Map.of()) : Rejects.listed(csv, shared);
        List<String> columns = listed.columns();
        Map<String, Map<String, Integer>> listedAlike = new HashMap<>(); // group -> a listed row's values -> rows listed so
        for (String k : shared) {
            for (String[] values : listed.byKey().getOrDefault(k, List.of())) {
                listedAlike.computeIfAbsent(groups.get(k), g -> new HashMap<>()).merge(AimRejectedRows.sameness(columns, values), 1, Integer::sum);
            }
        }
        int at = m.aim().keys().size() + 2 + m.aim().baseKey().size();
        Map<String, Integer> taken = new HashMap<>();
        try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(sql(m, alias, keyColumns, columns))) {
            int[] kinds = AimRejectedRows.kinds(rs);
            while (rs.next()) {
                String key = AimRejectedRows.key(rs, kinds, at, keyColumns.size());
                if (key == null) continue;
                String group = groups.get(key);
                if (group == null) {
                    if (alone && keys.contains(key)) out.add(Explained.found(m, rs));
                    continue;
                }
                Map<String, Integer> alike = listedAlike.get(group);
                if (alike == null) continue;
                String same = AimRejectedRows.sameness(columns, AimRejectedRows.asListed(rs, kinds, at + keyColumns.size(), columns.size()));
                Explained.Found f = Explained.found(m, rs);
                if (taken.merge(group + "\u0000" + f.id() + "\u0000" + same, 1, Integer::sum) <= alike.getOrDefault(same, 0)) out.add(f);
            }
        }
        return shared;
    }
}
