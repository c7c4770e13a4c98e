package lib.report;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * What the rejects explain of a figure, in one pass over its rows on AIM, matched by their keys here: where a search by
 * key would cost a scan of the table each (a table AIM keeps without its primary key: a lookup of 50 keys, and the count
 * of a key's copies beside each row it finds, each read the whole table; 21,392 rejected payments of a TKTPAY without its
 * key took the figures 164 s, against 4 s with it), where the rejects are many for the figure's rows, and where AIM holds
 * a rejected row's key more than once.
 *
 * <p>A row of the figure is one row of each table of it (a payment and a copy of its ticket; a stock row and a copy of its
 * product). Rows of a key AIM holds more than once are told apart by their values: of c copies alike, the rejects file
 * lists L, and the load kept the others. The figure's rows made of the same copies (alike) are c1 x c2 ... rows, of which
 * AIM's rows kept are (c1 - L1) x (c2 - L2) ...: the others are the rejected rows' (a rejected payment with each copy of
 * its ticket, and the kept payment with the rejected copy). A row alone on its key counts 1 copy, rejected when its key is
 * one the file lists (keys as the file writes them, lib.source.Row#key, a NULL part empty; a key of NULLs alone is no row). A
 * row a named rule skips keeps none: all of its c1 x c2 ... rows are explained (a product whose loaded copy is soft-deleted
 * takes its stock with it, each stock row with each product copy).
 *
 * <p>Two statements of a table whose copies it reads (once a run): the rows of the keys AIM holds more than once, each
 * with its key as the server groups it (under the column's collation, as a lookup compares) and its values; then one
 * statement a figure: its rows, with each table's key, and the values of those whose copies it reads.
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

    /**
     * A table's rows of keys AIM holds more than once: each row's key with its key as the server groups it; per group, its
     * rows alike in the columns {@code telling} (those whose values differ among the copies of some key).
     */
    record Copies(Map<String, String> group, Map<String, Map<String, Integer>> alike, List<String> telling) {
        static final Copies NONE = new Copies(Map.of(), Map.of(), List.of());
    }

    /** What the figures explained so far learnt of AIM's tables, for those that follow, in one run's figures. */
    static final class Seen {
        /** By table, the rejected keys AIM holds more than once (Explained.of). */
        final Map<String, Set<String>> heldTwice = new HashMap<>();
        private final Map<String, Boolean> unkeyed = new HashMap<>();
        private final Map<String, Copies> copies = new HashMap<>();
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
         * say), or the table has no index that keeps its key unique, where each lookup is a scan of it.
         */
        boolean onePass(Connection aim, Metric m, String table, int keys) {
            if (keys <= Explained.LOOKUP_ROWS) return false;
            Map<String, Figure> lines = totals.get(m.name());
            if (lines != null && lines.values().stream().mapToLong(Figure::rows).sum() <= (long) keys * SHARE) return true;
            return unkeyed(aim, List.of(table)).contains(table);
        }

        /**
         * Those of {@code tables} with no index that keeps their key unique (or whose indexes the login may not read), one
         * statement for those not asked about before: only they can hold a key more than once.
         */
        Set<String> unkeyed(Connection aim, List<String> tables) {
            Map<String, List<String>> ask = new LinkedHashMap<>();
            for (String t : tables) if (!unkeyed.containsKey(t)) ask.put(t, Slices.keyOf(t));
            if (!ask.isEmpty()) {
                Set<String> missing = KeyIndexes.missing(aim, ask);
                for (String t : ask.keySet()) unkeyed.put(t, missing == null || missing.contains(t));
            }
            Set<String> out = new HashSet<>();
            for (String t : tables) if (unkeyed.get(t)) out.add(t);
            return out;
        }

        /**
         * {@code table}'s rows of keys AIM holds more than once, read once a run, told apart by the columns whose values
         * differ among the copies of some key: copies alike in those are alike in all (a restore run twice holds copies
         * alike in every column, told apart by none, where reading and comparing them all cost the figures seconds).
         */
        Copies copies(Connection aim, String table) throws SQLException {
            Copies out = copies.get(table);
            if (out != null) return out;
            List<String> key = Slices.keyOf(table), columns = Slices.table(table).columns();
            Map<String, String> group = new HashMap<>();
            Map<String, Map<String, String[]>> kinds = new HashMap<>(); // group -> a row's values as listed -> those values
            Map<String, Map<String, Integer>> alike = new HashMap<>();
            BitSet differ = new BitSet();
            try (Statement st = aim.createStatement();
                 ResultSet rs = st.executeQuery(AimRejectedRows.heldMoreThanOnce(table, key, columns, SourceConnection.isH2(aim)))) {
                int[] read = AimRejectedRows.kinds(rs);
                while (rs.next()) {
                    String row = AimRejectedRows.key(rs, read, 1, key.size()), as = AimRejectedRows.key(rs, read, key.size() + 1, key.size());
                    if (row == null || as == null) continue;
                    group.put(row, as);
                    String[] values = AimRejectedRows.asListed(rs, read, 2 * key.size() + 1, columns.size());
                    String same = AimRejectedRows.sameness(columns, values);
                    Map<String, String[]> ofGroup = kinds.computeIfAbsent(as, g -> new LinkedHashMap<>());
                    if (!ofGroup.isEmpty() && !ofGroup.containsKey(same)) {
                        String[] first = ofGroup.values().iterator().next();
                        for (int i = 0; i < values.length; i++) if (!java.util.Objects.equals(first[i], values[i])) differ.set(i);
                    }
                    ofGroup.putIfAbsent(same, values);
                    alike.computeIfAbsent(as, g -> new HashMap<>()).merge(same, 1, Integer::sum);
                }
            }
            List<String> telling = new ArrayList<>();
            differ.stream().forEach(i -> telling.add(columns.get(i)));
            Map<String, Map<String, Integer>> byTelling = new HashMap<>();
            for (Map.Entry<String, Map<String, String[]>> g : kinds.entrySet()) {
                for (Map.Entry<String, String[]> k : g.getValue().entrySet()) {
                    byTelling.computeIfAbsent(g.getKey(), x -> new HashMap<>())
                            .merge(sameness(columns, k.getValue(), telling), alike.get(g.getKey()).get(k.getKey()), Integer::sum);
                }
            }
            out = new Copies(group, byTelling, telling);
            copies.put(table, out);
            return out;
        }
    }

    /** A row's values ({@code values}, of {@code columns}) as compared with another's: those of the columns {@code telling} only. */
    static String sameness(List<String> columns, String[] values, List<String> telling) {
        String[] only = new String[telling.size()];
        for (int i = 0; i < only.length; i++) {
            int at = columns.indexOf(telling.get(i));
            only[i] = at < 0 || at >= values.length ? null : values[at];
        }
        return AimRejectedRows.sameness(telling, only);
    }

    /**
     * One table of a figure: its alias in the figure's query, its key and, where its copies are read, its columns; the keys
     * its rejects file lists of rows alone on their key, and per group of copies, the rows it lists alike.
     */
    private record Part(String alias, List<String> key, List<String> columns, Copies copies, Set<String> alone,
                        Map<String, Map<String, Integer>> listed) {}

    /**
     * The statement of the pass: the figure's rows, with each table's key (by alias, in order), then the columns of {@code
     * valued}, then, for a figure with rows a named rule skips, whether the row is one (1 or 0).
     */
    static String sql(Metric m, Map<String, List<String>> keys, Map<String, List<String>> valued) {
        List<String> more = new ArrayList<>();
        keys.forEach((alias, key) -> more.addAll(AimRejectedRows.columns(alias, key)));
        valued.forEach((alias, columns) -> more.addAll(AimRejectedRows.columns(alias, columns)));
        if (m.aim().skippedWhen() != null) more.add("CASE WHEN (" + m.aim().skippedWhen() + ") THEN 1 ELSE 0 END");
        return m.aim().rowsSql("1 = 1", more);
    }

    /**
     * The rows of figure {@code m} its tables' rejects account for, into {@code out}: every table of the figure, those of
     * {@code copied} with their copies read (the others hold no rejected key more than once). Returns, by table of {@code
     * copied}, the keys its rejects file lists that AIM holds more than once.
     */
    static Map<String, Set<String>> figure(Connection aim, Metric m, Path rejectsDir, Set<String> copied, Explained.Reason out, Seen seen)
            throws SQLException, IOException {
        Map<String, Part> parts = new LinkedHashMap<>();
        Map<String, Set<String>> shared = new HashMap<>();
        for (Map.Entry<String, String> t : new java.util.TreeMap<>(m.aim().rejectsOf()).entrySet()) {
            Path csv = rejectsDir.resolve(t.getKey() + ".csv");
            List<String> key = Slices.keyOf(t.getKey());
            Set<String> listedKeys = new HashSet<>();
            for (String[] k : Rejects.keys(csv, key.size())) if (k.length == key.size()) listedKeys.add(String.join("/", k));
            Copies copies = copied.contains(t.getKey()) ? seen.copies(aim, t.getKey()) : Copies.NONE;
            Set<String> held = new HashSet<>(), alone = new HashSet<>();
            for (String k : listedKeys) (copies.group().containsKey(k) ? held : alone).add(k);
            // A ticket alone on its key took its payments with it (parent_rejected), which explain them: only its copies count.
            if (m.aim().copiesOf().contains(t.getKey())) alone.clear();
            List<String> columns = copies.telling();
            Map<String, Map<String, Integer>> listed = new HashMap<>();
            if (!held.isEmpty()) {
                Rejects.Listed rows = Rejects.listed(csv, held);
                for (Map.Entry<String, List<String[]>> k : rows.byKey().entrySet()) {
                    for (String[] values : k.getValue()) {
                        listed.computeIfAbsent(copies.group().get(k.getKey()), g -> new HashMap<>())
                                .merge(sameness(rows.columns(), values, columns), 1, Integer::sum);
                    }
                }
            }
            if (copied.contains(t.getKey())) shared.put(t.getKey(), held);
            parts.put(t.getKey(), new Part(t.getValue(), key, columns, copies, alone, listed));
        }
        Map<String, List<String>> keys = new LinkedHashMap<>(), valued = new LinkedHashMap<>();
        for (Part p : parts.values()) {
            keys.put(p.alias(), p.key());
            if (!p.columns().isEmpty()) valued.put(p.alias(), p.columns());
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(sql(m, keys, valued))) {
            int[] kinds = AimRejectedRows.kinds(rs);
            while (rs.next()) row(m, rs, kinds, parts.values(), cells);
        }
        for (Cell c : cells.values()) for (long i = Math.min(c.seen, c.explained); i > 0; i--) out.add(c.found);
        return shared;
    }

    /** Rows of the figure made of the same copies: one of them, how many the pass saw, and how many the rejects explain. */
    private static final class Cell {
        final Explained.Found found;
        final long explained;
        long seen;

        Cell(Explained.Found found, long explained) {
            this.found = found;
            this.explained = explained;
        }
    }

    /** One row of the pass: its cell, when a rejected row is one of its tables' rows. */
    private static void row(Metric m, ResultSet rs, int[] kinds, Iterable<Part> parts, Map<String, Cell> cells) throws SQLException {
        int at = m.aim().keys().size() + 2 + m.aim().baseKey().size(), valuesAt = at;
        for (Part p : parts) valuesAt += p.key().size();
        long ways = 1, kept = 1;
        StringBuilder cell = new StringBuilder();
        for (Part p : parts) {
            String key = AimRejectedRows.key(rs, kinds, at, p.key().size());
            at += p.key().size();
            int copies = 1, rejected = 0;
            String group = key == null ? null : p.copies().group().get(key);
            if (group != null) {
                String same = AimRejectedRows.sameness(p.columns(), AimRejectedRows.asListed(rs, kinds, valuesAt, p.columns().size()));
                copies = Math.max(1, p.copies().alike().getOrDefault(group, Map.of()).getOrDefault(same, 1));
                rejected = Math.min(copies, p.listed().getOrDefault(group, Map.of()).getOrDefault(same, 0));
                cell.append('\u0000').append(group).append('\u0001').append(same);
            } else {
                if (key != null && p.alone().contains(key)) rejected = 1;
                cell.append('\u0000').append(key);
            }
            valuesAt += p.columns().size();
            ways *= copies;
            kept *= copies - rejected;
        }
        // A row a named rule skips (a stock row of a product soft-deleted in this copy) is none of the rows loaded either.
        if (m.aim().skippedWhen() != null && rs.getInt(valuesAt) == 1) kept = 0;
        if (ways == kept) return; // no rejected or skipped row of it
        long explained = ways - kept;
        Explained.Found f = Explained.found(m, rs);
        cells.computeIfAbsent(f.id() + cell, k -> new Cell(f, explained)).seen++;
    }
}
