package lib.report;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import lib.accounts.Rejects;
import lib.rules.CodeKey;
import lib.slices.Slices;
import lib.source.AimFigures;
import lib.source.SourceCollation;
import lib.source.SourceConnection;
import lib.target.HelmFigures;

/**
 * Business figures a shop owner recognises, computed twice and independently:
 * with plain SQL on AIM (the source as it is, no toolkit rule applied) and with
 * SQL on helm.sqlite. Each line shows AIM, Helm and the difference; a difference
 * must be explained exactly by rows listed in rejects/ (or skipped by a named rule,
 * found again with plain SQL on AIM), or the run fails.
 *
 * Months are the shop's local calendar months: on AIM the local time as stored,
 * on Helm the UTC instant shifted back by the shop zone's offset at that instant
 * (a table of the zone's transitions, not the toolkit's date rule).
 */
public final class BusinessReconciliation {
    /** One figure: what it is, the slices it needs, its key parts, and how each side computes it. */
    record Metric(String name, String unit, List<Integer> slices, List<String> keyNames, AimFigures.Query aim, String helmSql) {}

    /** The names of the figures signoff.md shows. */
    public static final String SALES = "Sales per store per month";
    public static final String PAYMENTS_BY_STORE = "Payments per store per month";
    public static final String OPEN_ACCOUNTS = "Open house-account balances (all customers)";
    public static final String STOCK = "Stock on hand per store";
    public static final String ACTIVE_RENTALS = "Active rental contracts per store (monthly rates)";
    public static final String RENTAL_PAID = "Paid to date on active rental contracts, per store";
    public static final String TAX = "Tax collected per store";
    public static final String GIFT_CARDS = "Gift-card balances (every card, active or not)";
    public static final String LAYAWAY_PAID = "Paid on layaways still open or cancelled";
    public static final String ORDER_DEPOSITS = "Deposits on special orders open or received, per store";
    public static final String OPEN_REPAIRS = "Repairs in the shop (open or waiting), per store";

    /** The figures, with codes compared as the AIM database being read compares them: each as its column's collation says ({@link CodeKey#column}). */
    static List<Metric> metrics() {
        return List.of(
                new Metric(SALES, "cents", List.of(1, 4), List.of("store", "month"), AimFigures.SALES, HelmFigures.SALES),
                new Metric(PAYMENTS_BY_STORE, "cents", List.of(1, 4), List.of("store", "month"), AimFigures.PAYMENTS_BY_STORE,
                        HelmFigures.PAYMENTS_BY_STORE),
                new Metric("Payments per method per month", "cents", List.of(1, 4), List.of("method", "month"),
                        AimFigures.payments(), HelmFigures.PAYMENTS),
                new Metric(OPEN_ACCOUNTS, "cents", List.of(7), List.of("accounts"), AimFigures.openAccounts(CodeKey.column("ARACCT", "STATUS")),
                        HelmFigures.OPEN_ACCOUNTS),
                new Metric(STOCK, "units", List.of(1, 3), List.of("store"), AimFigures.STOCK, HelmFigures.STOCK),
                new Metric(ACTIVE_RENTALS, "cents", List.of(1, 5), List.of("store"),
                        AimFigures.activeRentals(CodeKey.column("RENTCONT", "STATUS")), HelmFigures.ACTIVE_RENTALS),
                new Metric(RENTAL_PAID, "cents", List.of(1, 5), List.of("store"),
                        AimFigures.rentalPaid(CodeKey.column("RENTCONT", "STATUS")), HelmFigures.RENTAL_PAID),
                new Metric(TAX, "cents", List.of(1, 4), List.of("store"), AimFigures.TAX, HelmFigures.TAX),
                new Metric(GIFT_CARDS, "cents", List.of(7), List.of("cards"), AimFigures.GIFT_CARDS, HelmFigures.GIFT_CARDS),
                new Metric(LAYAWAY_PAID, "cents", List.of(7), List.of("layaways"), AimFigures.layawayPaid(CodeKey.column("LAYAWAY", "STATUS")),
                        HelmFigures.LAYAWAY_PAID),
                new Metric(ORDER_DEPOSITS, "cents", List.of(1, 7), List.of("store"), AimFigures.orderDeposits(CodeKey.column("SPECORD", "STATUS")),
                        HelmFigures.ORDER_DEPOSITS),
                new Metric(OPEN_REPAIRS, "cents", List.of(1, 6), List.of("store"), AimFigures.openRepairs(CodeKey.column("REPAIR", "STATUS")),
                        HelmFigures.OPEN_REPAIRS));
    }

    /** Rows and an amount: one side of one line. The amount is exact at any size ({@link FigureSums}). */
    public record Figure(long rows, BigInteger amount) {
        public Figure(long rows, long amount) {
            this(rows, BigInteger.valueOf(amount));
        }

        Figure plus(long r, BigInteger a) {
            return new Figure(Math.addExact(rows, r), amount.add(a));
        }
    }

    /** One line: AIM, Helm, explained by rejects/skips, and whether it balances. */
    public record Line(String key, Figure aim, Figure helm, Figure explained) {
        public boolean balances() {
            return aim.rows() - helm.rows() == explained.rows() && aim.amount().subtract(helm.amount()).equals(explained.amount());
        }
    }

    /** One figure's lines. */
    public record Result(String name, String unit, List<String> keyNames, String explainedBy, List<Line> lines) {
        public boolean ok() {
            return lines.stream().allMatch(Line::balances);
        }

        Figure total(Function<Line, Figure> side) {
            Figure f = new Figure(0, 0);
            for (Line l : lines) f = f.plus(side.apply(l).rows(), side.apply(l).amount());
            return f;
        }
    }

    /**
     * Rejected rows looked up by one statement on SQL Server (each of their key columns is one of its 2,100
     * parameters), where it seeks each; H2 (the sample) scans the table for an OR of keys, so it gets one a statement.
     */
    static final int LOOKUP_ROWS = 50;

    private BusinessReconciliation() {}

    /** Computes every figure whose slices are all in the output. */
    public static List<Result> compute(Connection aim, Connection helm, ZoneId shopZone, Path rejectsDir, Set<Integer> slicesInOutput)
            throws SQLException, IOException {
        return compute(aimTotals(aim, slicesInOutput), Map.of(), null, aim, helm, shopZone, rejectsDir, slicesInOutput);
    }

    /**
     * The AIM side of every figure whose slices are all in {@code slices}, by figure name. It needs
     * nothing from the run, so it can be read on its own connection while the slices load.
     */
    public static Map<String, Map<String, Figure>> aimTotals(Connection aim, Set<Integer> slices) throws SQLException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (Metric m : metrics()) if (slices.containsAll(m.slices())) out.put(m.name(), aimTotals(aim, m));
        return out;
    }

    /**
     * The Helm side of every figure whose slices are all in {@code slices}, by figure name: SQL on helm.sqlite
     * alone, so it can run on a connection of its own beside the checks that need the run's.
     */
    public static Map<String, Map<String, Figure>> helmTotals(Connection helm, ZoneId shopZone, Set<Integer> slices) throws SQLException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        HelmFigures.shopOffsets(helm, shopZone);
        for (Metric m : metrics()) if (slices.containsAll(m.slices())) out.put(m.name(), FigureSums.helm(helm, m));
        HelmFigures.dropShopOffsets(helm);
        return out;
    }

    /**
     * What the rejects and skips of this output explain, on AIM, for every figure whose slices are all in
     * {@code slices}, by figure name: plain SQL on AIM once the rejects files are written, so it can be read
     * on its own connection while the D1 files are written.
     */
    public static Map<String, Map<String, Figure>> explainedAll(Connection aim, Path rejectsDir, Set<Integer> slices) throws SQLException, IOException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (Metric m : metrics()) if (slices.containsAll(m.slices())) out.put(m.name(), explained(aim, m, rejectsDir));
        return out;
    }

    /**
     * As above, with the AIM totals, (for the figures it holds) what the rejects explain, and the Helm side
     * ({@link #helmTotals(Connection, ZoneId, Set)}; null: read here) already read.
     */
    public static List<Result> compute(Map<String, Map<String, Figure>> aimTotals, Map<String, Map<String, Figure>> aimExplained,
                                       Map<String, Map<String, Figure>> helmTotals, Connection aim, Connection helm, ZoneId shopZone,
                                       Path rejectsDir, Set<Integer> slicesInOutput) throws SQLException, IOException {
        Map<String, Map<String, Figure>> helmSides = helmTotals != null ? helmTotals : helmTotals(helm, shopZone, slicesInOutput);
        List<Result> out = new ArrayList<>();
        for (Metric m : metrics()) {
            if (!slicesInOutput.containsAll(m.slices())) continue;
            Map<String, Figure> aimSide = aimTotals.containsKey(m.name()) ? aimTotals.get(m.name()) : aimTotals(aim, m);
            Map<String, Figure> helmSide = helmSides.get(m.name());
            Map<String, Figure> explained = aimExplained.containsKey(m.name()) ? aimExplained.get(m.name()) : explained(aim, m, rejectsDir);
            TreeMap<String, Line> lines = new TreeMap<>();
            Set<String> keys = new TreeSet<>(aimSide.keySet());
            keys.addAll(helmSide.keySet());
            keys.addAll(explained.keySet());
            Figure zero = new Figure(0, 0);
            for (String k : keys) lines.put(k, new Line(k, aimSide.getOrDefault(k, zero), helmSide.getOrDefault(k, zero), explained.getOrDefault(k, zero)));
            List<String> by = new ArrayList<>();
            // Only the rejects files this run has: a table with no rejected row has none to point at.
            m.aim().rejectsOf().keySet().stream().sorted().filter(t -> Files.exists(rejectsDir.resolve(t + ".csv")))
                    .forEach(t -> by.add("rejects/" + t + ".csv"));
            if (m.aim().skippedWhen() != null) by.add("skipped: " + m.aim().skippedRule());
            out.add(new Result(m.name(), m.unit(), m.keyNames(), String.join(", ", by), new ArrayList<>(lines.values())));
        }
        return out;
    }

    static Map<String, Figure> aimTotals(Connection aim, Metric m) throws SQLException {
        if (SourceConnection.isH2(aim) && m.aim().h2Totals() != null) {
            try {
                return FigureSums.read(aim, m, m.aim().h2TotalsAsBigint());
            } catch (SQLException e) {
                if (!"22003".equals(e.getSQLState())) throw e; // a row's cents past a BIGINT: read whole below
            }
        }
        return FigureSums.read(aim, m, m.aim().totalsSql(SourceConnection.isH2(aim)));
    }

    /**
     * Every statement the business figures can send to AIM, in each of its forms (lookups with
     * their parameters unbound), so a test can run them all on a real SQL Server.
     */
    public static List<String> aimStatements() {
        List<String> out = new ArrayList<>(List.of(SourceCollation.SQL, SourceCollation.columnsSql(Slices.tableNames()), AimFigures.LAST_TICKET));
        for (Metric m : metrics()) {
            out.add(m.aim().totalsSql());
            if (m.aim().h2Totals() != null) out.add(m.aim().h2Totals());
            for (Map.Entry<String, String> t : new TreeMap<>(m.aim().rejectsOf()).entrySet()) {
                List<String> keyColumns = Slices.keyOf(t.getKey());
                out.add(m.aim().lookupSql(t.getValue(), keyColumns));
                out.add(m.aim().lookupSql(t.getValue(), keyColumns, LOOKUP_ROWS));
                String[] key = keyColumns.stream().map(c -> "1").toArray(String[]::new);
                out.add(m.aim().rowsSql(AimFigures.keysCondition(t.getValue(), keyColumns, List.of(key, key))));
            }
            if (m.aim().skippedWhen() != null) out.add(m.aim().rowsSql("(" + m.aim().skippedWhen() + ")"));
        }
        return out;
    }

    /**
     * What the listed rejects and the named skips account for: the same AIM rows and
     * amounts, found with the metric's own AIM query restricted to those rows; a row
     * that matches several reasons counts once.
     */
    static Map<String, Figure> explained(Connection aim, Metric m, Path rejectsDir) throws SQLException, IOException {
        Map<String, Figure> out = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        List<String> conditions = new ArrayList<>();
        int k = m.aim().keys().size();
        for (Map.Entry<String, String> t : new TreeMap<>(m.aim().rejectsOf()).entrySet()) {
            List<String> keyColumns = Slices.keyOf(t.getKey());
            List<String[]> rejected = Rejects.keys(rejectsDir.resolve(t.getKey() + ".csv"), keyColumns.size());
            if (rejected.size() <= 20_000) {
                // Primary-key lookups, LOOKUP_ROWS rows a statement: one round trip for a few rejects, an index seek per
                // row on any server, where a long OR of literals can be a full scan; the keys are bound, as the driver sends text.
                List<String[]> keys = rejected.stream().filter(key -> key.length == keyColumns.size()).toList();
                int perStatement = SourceConnection.isH2(aim) ? 1 : LOOKUP_ROWS;
                Map<Integer, PreparedStatement> bySize = new HashMap<>(); // the full size, and the last chunk's
                try {
                    for (int from = 0; from < keys.size(); from += perStatement) {
                        List<String[]> chunk = keys.subList(from, Math.min(keys.size(), from + perStatement));
                        PreparedStatement st = bySize.get(chunk.size());
                        if (st == null) bySize.put(chunk.size(), st = aim.prepareStatement(m.aim().lookupSql(t.getValue(), keyColumns, chunk.size())));
                        int p = 1;
                        for (String[] key : chunk) {
                            // As text, whatever it looks like: SQL Server makes it a number for a numeric key column, and a text
                            // key of digits (a gift card number) stays text, where a number would make it convert every CARD_NO.
                            for (String part : key) st.setString(p++, part);
                        }
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) add(m, rs, k, counted, out);
                        }
                    }
                } finally {
                    for (PreparedStatement st : bySize.values()) st.close();
                }
                continue;
            }
            for (int from = 0; from < rejected.size(); from += 200) {
                conditions.add(AimFigures.keysCondition(t.getValue(), keyColumns, rejected.subList(from, Math.min(rejected.size(), from + 200))));
            }
        }
        if (m.aim().skippedWhen() != null) conditions.add("(" + m.aim().skippedWhen() + ")");
        for (String condition : conditions) {
            try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(m.aim().rowsSql(condition))) {
                while (rs.next()) add(m, rs, k, counted, out);
            }
        }
        return out;
    }

    /** Counts one explaining row once (by the key of the rows the figure counts). */
    private static void add(Metric m, ResultSet rs, int k, Set<String> counted, Map<String, Figure> out) throws SQLException {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < m.aim().baseKey().size(); i++) id.append(rs.getObject(k + 2 + i)).append('/');
        if (!counted.add(id.toString())) return;
        List<Object> parts = new ArrayList<>();
        for (int i = 1; i <= k; i++) parts.add(rs.getObject(i));
        out.merge(FigureSums.key(m, parts), new Figure(1, FigureSums.whole(rs.getObject(k + 1))), (a, b) -> a.plus(b.rows(), b.amount()));
    }
}
