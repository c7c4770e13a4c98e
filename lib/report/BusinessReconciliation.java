package lib.report;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import lib.accounts.StepCounts;
import lib.rules.CodeKey;
import lib.slices.Slices;
import lib.source.AimFigures;
import lib.source.AimRejectedRows;
import lib.source.AimSalesFigures;
import lib.source.KeyIndexes;
import lib.source.PaymentMethods;
import lib.source.SourceCollation;
import lib.source.SourceConnection;
import lib.source.SourceTable;
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
    public static final String PAYMENTS_BY_METHOD = "Payments per method per month";
    public static final String OPEN_ACCOUNTS = "Open house-account balances (all customers)";
    public static final String STOCK = "Stock on hand per store";
    public static final String ACTIVE_RENTALS = "Active rental contracts per store (monthly rates)";
    public static final String RENTAL_PAID = "Paid to date on active rental contracts, per store";
    public static final String TAX = "Tax collected per store";
    public static final String VOIDED_SALES = "Voided tickets per store (sales)";
    public static final String VOIDED_TAX = "Voided tickets per store (tax)";
    public static final String VOIDED_PAYMENTS = "Payments of voided tickets per store";
    public static final String GIFT_CARDS = "Gift-card balances, active and inactive cards";
    public static final String LAYAWAY_PAID = "Paid on layaways still open or cancelled";
    public static final String ORDER_DEPOSITS = "Deposits on special orders open or received, per store";
    public static final String OPEN_REPAIRS = "Repairs in the shop (not picked up), per store and status";

    /** The figures, with codes compared as the AIM database being read compares them: each as its column's collation says ({@link CodeKey#column}). */
    static List<Metric> metrics() {
        return List.of(
                new Metric(SALES, "cents", List.of(1, 4), List.of("store", "month"), AimSalesFigures.sales(), HelmFigures.SALES),
                new Metric(PAYMENTS_BY_STORE, "cents", List.of(1, 4), List.of("store", "month"), AimSalesFigures.paymentsByStore(),
                        HelmFigures.PAYMENTS_BY_STORE),
                new Metric(PAYMENTS_BY_METHOD, "cents", List.of(1, 4), List.of("method", "month"),
                        AimSalesFigures.payments(), HelmFigures.PAYMENTS),
                new Metric(OPEN_ACCOUNTS, "cents", List.of(7), List.of("accounts"), AimFigures.openAccounts(CodeKey.column("ARACCT", "STATUS")),
                        HelmFigures.OPEN_ACCOUNTS),
                new Metric(STOCK, "units", List.of(1, 3), List.of("store"), AimFigures.stock(), HelmFigures.STOCK),
                new Metric(ACTIVE_RENTALS, "cents", List.of(1, 5), List.of("store"),
                        AimFigures.activeRentals(CodeKey.column("RENTCONT", "STATUS")), HelmFigures.ACTIVE_RENTALS),
                new Metric(RENTAL_PAID, "cents", List.of(1, 5), List.of("store"),
                        AimFigures.rentalPaid(CodeKey.column("RENTCONT", "STATUS")), HelmFigures.RENTAL_PAID),
                new Metric(TAX, "cents", List.of(1, 4), List.of("store"), AimSalesFigures.tax(), HelmFigures.TAX),
                new Metric(VOIDED_SALES, "cents", List.of(1, 4), List.of("store"), AimSalesFigures.voidedTickets("TOTAL"), HelmFigures.voided("total_cents")),
                new Metric(VOIDED_TAX, "cents", List.of(1, 4), List.of("store"), AimSalesFigures.voidedTickets("TAX"), HelmFigures.voided("tax_cents")),
                new Metric(VOIDED_PAYMENTS, "cents", List.of(1, 4), List.of("store"), AimSalesFigures.voidedPayments(), HelmFigures.VOIDED_PAYMENTS),
                new Metric(GIFT_CARDS, "cents", List.of(7), List.of("cards"), AimFigures.giftCards(), HelmFigures.GIFT_CARDS),
                new Metric(LAYAWAY_PAID, "cents", List.of(7), List.of("layaways"), AimFigures.layawayPaid(CodeKey.column("LAYAWAY", "STATUS")),
                        HelmFigures.LAYAWAY_PAID),
                new Metric(ORDER_DEPOSITS, "cents", List.of(1, 7), List.of("store"), AimFigures.orderDeposits(CodeKey.column("SPECORD", "STATUS")),
                        HelmFigures.ORDER_DEPOSITS),
                new Metric(OPEN_REPAIRS, "cents", List.of(1, 6), List.of("store", "status"), AimFigures.openRepairs(CodeKey.column("REPAIR", "STATUS")),
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
        return aimTotals(aim, slices, new StepCounts());
    }

    /** As above, each figure read counted in {@code counts} as it is (the live line of a run's figures). */
    public static Map<String, Map<String, Figure>> aimTotals(Connection aim, Set<Integer> slices, StepCounts counts) throws SQLException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        List<Metric> read = metrics().stream().filter(m -> slices.containsAll(m.slices())).toList();
        counts.add(AIM_TOTALS, 0, read.size());
        for (Metric m : read) {
            out.put(m.name(), aimTotals(aim, m));
            counts.add(AIM_TOTALS, 1, 0);
        }
        return out;
    }

    /** The counts of a run's figures on its live line. */
    static final String AIM_TOTALS = "totals", EXPLAINED = "explained", LOOKED_UP = "lookups";

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
     * on its own connection while the D1 files are written. The figures whose rejected tickets explain them only where AIM
     * holds a ticket more than once (the payments: lib.source.AimSalesFigures) come after those that find those tickets.
     */
    public static Map<String, Map<String, Figure>> explainedAll(Connection aim, Path rejectsDir, Set<Integer> slices) throws SQLException, IOException {
        return explainedAll(aim, rejectsDir, slices, new StepCounts());
    }

    /** As above, each rejected row looked up counted in {@code counts} as it is (the live line of a run's figures). */
    public static Map<String, Map<String, Figure>> explainedAll(Connection aim, Path rejectsDir, Set<Integer> slices, StepCounts counts)
            throws SQLException, IOException {
        return explainedAll(aim, rejectsDir, slices, counts, Map.of());
    }

    /**
     * As above, with the AIM totals read already ({@code totals}, by figure name; those it lacks are not known): a figure
     * with many rejects for its rows is read in one pass, not looked up by key (ExplainedScan).
     */
    public static Map<String, Map<String, Figure>> explainedAll(Connection aim, Path rejectsDir, Set<Integer> slices, StepCounts counts,
                                                                Map<String, Map<String, Figure>> totals) throws SQLException, IOException {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        ExplainedScan.Seen seen = new ExplainedScan.Seen(totals);
        List<Metric> ordered = new ArrayList<>(metrics());
        ordered.sort(java.util.Comparator.comparing(m -> !m.aim().copiesOf().isEmpty()));
        ordered.removeIf(m -> !slices.containsAll(m.slices()));
        // Each figure's rejects are counted as it starts (the lookups' total grows): how many figures are left says the rest.
        counts.add(EXPLAINED, 0, ordered.size());
        for (Metric m : ordered) {
            out.put(m.name(), Explained.of(aim, m, rejectsDir, seen, counts));
            counts.add(EXPLAINED, 1, 0);
        }
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
        Map<String, Map<String, Figure>> explainedSides = aimExplained;
        for (Metric m : metrics()) {
            if (!slicesInOutput.containsAll(m.slices())) continue;
            Map<String, Figure> aimSide = aimTotals.containsKey(m.name()) ? aimTotals.get(m.name()) : aimTotals(aim, m);
            Map<String, Figure> helmSide = helmSides.get(m.name());
            if (!explainedSides.containsKey(m.name())) explainedSides = explainedAll(aim, rejectsDir, slicesInOutput);
            Map<String, Figure> explained = explainedSides.get(m.name());
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
        PaymentMethods.Finder method = m.aim().methods() == null ? null : m.aim().methods().finder(aim);
        // The sample's stock totals leave the product out, its INVMAST keyed (AimFigures.stock): not where it lost its key.
        boolean h2 = SourceConnection.isH2(aim) && m.aim().h2Totals() != null
                && !(m.name().equals(STOCK) && !java.util.Objects.equals(KeyIndexes.missing(aim, Map.of("INVMAST", Slices.keyOf("INVMAST"))), Set.of()));
        if (h2) {
            try {
                return FigureSums.read(aim, m, m.aim().h2TotalsAsBigint(), method);
            } catch (SQLException e) {
                if (!"22003".equals(e.getSQLState())) throw e; // a row's cents past a BIGINT: read whole below
            }
        }
        return FigureSums.read(aim, m, m.aim().totalsSql(h2), method);
    }

    /**
     * Every statement the business figures can send to AIM, in each of its forms (lookups with
     * their parameters unbound), so a test can run them all on a real SQL Server.
     */
    public static List<String> aimStatements() {
        List<String> out = new ArrayList<>(List.of(SourceCollation.SQL, SourceCollation.columnsSql(Slices.tableNames()), AimSalesFigures.LAST_TICKET));
        for (Metric m : metrics()) {
            out.add(m.aim().totalsSql());
            if (m.aim().methods() != null) out.add(m.aim().methods().definedSql());
            if (m.aim().h2Totals() != null) out.add(m.aim().h2Totals());
            for (Map.Entry<String, String> t : new TreeMap<>(m.aim().rejectsOf()).entrySet()) {
                SourceTable table = Slices.table(t.getKey());
                List<String> copies = List.of(AimRejectedRows.copies(table.name(), t.getValue(), table.key()));
                if (!m.aim().copiesOf().contains(t.getKey())) {
                    out.add(m.aim().lookupSql(t.getValue(), table.key(), 1, copies));
                    out.add(m.aim().lookupSql(t.getValue(), table.key(), Explained.LOOKUP_ROWS, copies));
                }
                out.add(AimRejectedRows.heldMoreThanOnce(table.name(), table.key(), table.columns(), false));
            }
            Map<String, List<String>> keys = new LinkedHashMap<>(), valued = new LinkedHashMap<>();
            for (Map.Entry<String, String> t : new TreeMap<>(m.aim().rejectsOf()).entrySet()) {
                keys.put(t.getValue(), Slices.table(t.getKey()).key());
                valued.put(t.getValue(), Slices.table(t.getKey()).columns());
            }
            out.add(ExplainedScan.sql(m, keys, valued));
            if (m.aim().skippedWhen() != null) out.add(m.aim().rowsSql("(" + m.aim().skippedWhen() + ")"));
        }
        return out;
    }
}
