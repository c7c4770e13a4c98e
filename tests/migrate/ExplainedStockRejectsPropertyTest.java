package tests.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation;
import lib.sample.SampleDatabase;
import lib.slices.Slices;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import tests.support.CountingConnection;
import tests.support.TestSupport;

/**
 * What the rejects explain of the stock figure (FROM INVSTORE s LEFT JOIN INVMAST m), against a model in plain Java:
 * small INVSTORE / INVMAST contents, each table with its primary key or without (a key then held 1-3 times, its copies
 * alike or not), the copy a load keeps chosen as lib.source.KeyTies chooses it (the copy whose values sort first, column
 * by column as read: a product's DELETED, NULL first, before its PRICE; a stock row's ON_HAND before its ON_ORDER), and
 * the rejected rows listed as the load lists them. The model is the documented rule's outcome: what the rejects and the
 * soft-deleted products explain is AIM's rows of the figure (each stock copy once with each copy of its product, or
 * once alone) less the rows Helm holds (the loaded stock copy, where its product's loaded copy is loaded). Large tries
 * (more than 50 rejected keys a table) of a table without its key take ExplainedScan's one pass.
 */
@Tag("slow")
public class ExplainedStockRejectsPropertyTest {
    /** A copy of a product: DELETED (a BIT, NULL not deleted) and PRICE in cents or NULL. */
    record Mast(Boolean deleted, Integer price) {}

    /** A product (ITEM_ID 1000 + its index): its copies, and whether every copy not soft-deleted is rejected (a blank SKU). */
    record Product(List<Mast> copies, boolean bad) {}

    /** A copy of a stock row: ON_HAND and ON_ORDER, or NULL. */
    record Inv(Integer onHand, Integer onOrder) {}

    /** A stock row of product {@code product} (past the last: an orphan, item 9000 + it) and store {@code store}: its copies, and whether its store is rejected. */
    record Stock(int product, int store, List<Inv> copies, boolean storeRejected) {}

    record Shop(boolean stockKeyed, boolean mastKeyed, List<Product> products, List<Stock> stocks) {
        Product productOf(Stock s) {
            return s.product() < products.size() ? products.get(s.product()) : null;
        }

        int item(Stock s) {
            return (s.product() < products.size() ? 1000 : 9000) + s.product();
        }
    }

    static final Comparator<Integer> NULL_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    /** The load's order of a key's copies (KeyTies.BY_VALUES over the columns as read, all others alike here). */
    static final Comparator<Mast> MAST_ORDER = Comparator.comparing(Mast::deleted, Comparator.nullsFirst(Comparator.<Boolean>naturalOrder()))
            .thenComparing(Mast::price, NULL_FIRST);
    static final Comparator<Inv> INV_ORDER = Comparator.comparing(Inv::onHand, NULL_FIRST).thenComparing(Inv::onOrder, NULL_FIRST);
    static final AtomicInteger TRY = new AtomicInteger();

    @Property(tries = 600, seed = "20261127")
    void theRejectsExplainAimsStockRowsHelmLacks(@ForAll("shops") Shop shop) throws Exception {
        Path dir = Files.createTempDirectory("explained-stock-property");
        try (Connection aim = aim(shop)) {
            Path rejects = rejects(shop, dir.resolve("rejects"));
            CountingConnection counting = new CountingConnection(aim);
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            Map<String, Figure> explained = BusinessReconciliation.explainedAll(counting.connection(), rejects, Set.of(1, 3))
                    .get(BusinessReconciliation.STOCK);
            assertEquals(model(shop), explained, shop.toString());
            ExplainedRejectsPropertyTest.path("INVSTORE", shop.stockKeyed(), counting.sent, "s.ITEM_ID = ?", s -> s.contains("FROM INVSTORE s"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The copy of a product the load keeps, by index into its copies, or -1: every copy soft-deleted (skipped) or rejected. */
    static int loadedMast(Product p) {
        int first = sorted(p.copies(), MAST_ORDER).get(0);
        return deleted(p.copies().get(first)) || p.bad() ? -1 : first;
    }

    static boolean deleted(Mast m) {
        return Boolean.TRUE.equals(m.deleted());
    }

    /** Whether copy {@code c} of product {@code p} is in rejects/INVMAST.csv: a copy not soft-deleted and not the one loaded. */
    static boolean mastRejected(Product p, int c) {
        return !deleted(p.copies().get(c)) && c != loadedMast(p);
    }

    /** Whether stock row {@code s} loads (its first copy), is skipped with its soft-deleted product, or is rejected (all copies but one). */
    static String stockFate(Shop shop, Stock s) {
        Product p = shop.productOf(s);
        if (p == null) return "orphan_product";
        if (loadedMast(p) < 0) return p.copies().stream().anyMatch(ExplainedStockRejectsPropertyTest::deleted) ? "skipped" : "orphan_product";
        return s.storeRejected() ? "orphan_store" : "loaded";
    }

    static <T> List<Integer> sorted(List<T> copies, Comparator<T> order) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) out.add(i);
        out.sort(Comparator.comparing(copies::get, order)); // stable: copies alike keep their order, and are alike
        return out;
    }

    /** The model: AIM's rows of the figure, less the row Helm holds of each stock row loaded, per store. */
    static Map<String, Figure> model(Shop shop) {
        Map<String, long[]> lines = new TreeMap<>();
        for (Stock s : shop.stocks()) {
            Product p = shop.productOf(s);
            long[] line = lines.computeIfAbsent("store " + s.store(), k -> new long[2]);
            for (Inv copy : s.copies()) {
                line[0] += p == null ? 1 : p.copies().size();
                line[1] += (long) units(copy) * (p == null ? 1 : p.copies().size());
            }
            if (stockFate(shop, s).equals("loaded")) {
                line[0]--;
                line[1] -= units(s.copies().get(sorted(s.copies(), INV_ORDER).get(0)));
            }
        }
        Map<String, Figure> out = new TreeMap<>();
        lines.forEach((k, v) -> {
            if (v[0] != 0) out.put(k, new Figure(v[0], v[1]));
        });
        return out;
    }

    static int units(Inv c) {
        return c.onHand() == null ? 0 : c.onHand();
    }

    static BigDecimal money(Integer cents) {
        return cents == null ? null : BigDecimal.valueOf(cents, 2).setScale(4);
    }

    /** AIM in H2 as the sample's DDL makes it, INVSTORE and INVMAST with their primary keys or without. */
    static Connection aim(Shop s) throws Exception {
        Connection aim = DriverManager.getConnection("jdbc:h2:mem:explained-stock" + TRY.incrementAndGet() + ";MODE=MSSQLServer");
        try (Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                if (ddl.contains("CREATE TABLE INVSTORE ")) st.execute(s.stockKeyed() ? ddl : ddl.replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                if (ddl.contains("CREATE TABLE INVMAST ")) st.execute(s.mastKeyed() ? ddl : ddl.replace("NOT NULL PRIMARY KEY", "NOT NULL"));
            }
        }
        try (PreparedStatement m = aim.prepareStatement("INSERT INTO INVMAST (ITEM_ID, SKU, DELETED, PRICE) VALUES (?, ?, ?, ?)");
             PreparedStatement i = aim.prepareStatement("INSERT INTO INVSTORE (ITEM_ID, STORE_NO, ON_HAND, ON_ORDER) VALUES (?, ?, ?, ?)")) {
            for (int p = 0; p < s.products().size(); p++) {
                for (Mast c : s.products().get(p).copies()) {
                    m.setInt(1, 1000 + p);
                    m.setString(2, s.products().get(p).bad() ? " " : "SKU" + p);
                    m.setObject(3, c.deleted());
                    m.setBigDecimal(4, money(c.price()));
                    m.executeUpdate();
                }
            }
            for (Stock st : s.stocks()) {
                for (Inv c : st.copies()) {
                    i.setInt(1, s.item(st));
                    i.setInt(2, st.store());
                    i.setObject(3, c.onHand());
                    i.setObject(4, c.onOrder());
                    i.executeUpdate();
                }
            }
        }
        return aim;
    }

    /** rejects/INVMAST.csv and rejects/INVSTORE.csv: each rejected row's key, rule and values as a load lists them. */
    static Path rejects(Shop s, Path dir) throws Exception {
        try (Rejects rejects = new Rejects(dir)) {
            List<String> mast = Slices.table("INVMAST").columns(), stock = Slices.table("INVSTORE").columns();
            assertEquals(List.of("ITEM_ID", "SKU", "DESCRIPTION", "CAT_CODE", "VENDOR_ID", "TAXABLE", "SERIALIZED", "ACTIVE", "DELETED", "CREATED",
                    "COST", "PRICE"), mast);
            assertEquals(List.of("ITEM_ID", "STORE_NO", "ON_HAND", "ON_ORDER", "MIN_QTY", "BIN_LOC"), stock);
            for (int p = 0; p < s.products().size(); p++) {
                Product product = s.products().get(p);
                for (int c = 0; c < product.copies().size(); c++) {
                    if (!mastRejected(product, c)) continue;
                    Mast copy = product.copies().get(c);
                    rejects.add("INVMAST", mast, "" + (1000 + p), product.bad() ? "constraint" : "id_collision", "a reason",
                            new String[] {"" + (1000 + p), product.bad() ? " " : "SKU" + p, null, null, null, null, null, null,
                                    copy.deleted() == null ? null : copy.deleted().toString(), null, null, copy.price() == null ? null : money(copy.price()).toString()});
                }
            }
            for (Stock st : s.stocks()) {
                String fate = stockFate(s, st);
                if (fate.equals("skipped")) continue;
                int loaded = sorted(st.copies(), INV_ORDER).get(0);
                for (int c = 0; c < st.copies().size(); c++) {
                    if (fate.equals("loaded") && c == loaded) continue;
                    Inv copy = st.copies().get(c);
                    rejects.add("INVSTORE", stock, s.item(st) + "/" + st.store(), fate.equals("loaded") ? "id_collision" : fate, "a reason",
                            new String[] {"" + s.item(st), "" + st.store(), copy.onHand() == null ? null : "" + copy.onHand(),
                                    copy.onOrder() == null ? null : "" + copy.onOrder(), null, null});
                }
            }
        }
        return dir;
    }

    /** Small shops (a few keys) and large ones (more than 50 rejected keys a table, most stores and products rejected). */
    @Provide
    Arbitrary<Shop> shops() {
        Arbitrary<Boolean> keyed = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
        return Combinators.combine(keyed, keyed, Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
                .flatAs((stockKeyed, mastKeyed, large) -> products(mastKeyed, large).flatMap(products ->
                        stocks(stockKeyed, large, products.size()).map(stocks -> new Shop(stockKeyed, mastKeyed, products, stocks))));
    }

    static Arbitrary<List<Product>> products(boolean keyed, boolean large) {
        Arbitrary<Mast> copy = Combinators.combine(Arbitraries.of(true, false).injectNull(0.3), Arbitraries.of(0, 1500, 999, 250000).injectNull(0.1))
                .as(Mast::new);
        Arbitrary<Boolean> bad = large ? Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)) : Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false));
        return Combinators.combine(copy.list().ofMinSize(1).ofMaxSize(keyed ? 1 : 3), bad).as(Product::new)
                .list().ofMinSize(large ? 64 : 0).ofMaxSize(large ? 72 : 6);
    }

    static Arbitrary<List<Stock>> stocks(boolean keyed, boolean large, int products) {
        Arbitrary<Inv> copy = Combinators.combine(Arbitraries.of(0, 5, 12, -2, 1000).injectNull(0.1), Arbitraries.of(0, 3).injectNull(0.2)).as(Inv::new);
        Arbitrary<Boolean> storeRejected = large ? Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false))
                : Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
        return Combinators.combine(Arbitraries.integers().between(0, products), Arbitraries.of(1, 2), copy.list().ofMinSize(1).ofMaxSize(keyed ? 1 : 3),
                        storeRejected).as(Stock::new)
                .list().uniqueElements(st -> List.of(st.product(), st.store()))
                .ofMinSize(large ? 60 : 0).ofMaxSize(large ? 72 : Math.min(8, 2 * (products + 1)));
    }
}
