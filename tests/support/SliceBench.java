package tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.accounts.Fixes;
import lib.accounts.Progress;
import lib.accounts.Rejects;
import lib.accounts.TableAccount;
import lib.slices.Slice;
import lib.slices.Slice01Reference;
import lib.slices.Slice02Customers;
import lib.slices.Slice03Inventory;
import lib.slices.SliceContext;
import lib.source.RowSource;
import lib.source.RowStream;
import lib.source.SourceTable;
import lib.target.HelmDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A slice's test bench: AIM rows given in memory by column name, a fresh Helm
 * database with the project's migrations, and the slice run through the
 * {@link RowSource} seam. Values are typed as the reader types them: Integer for
 * INT/SMALLINT, BigDecimal for MONEY/DECIMAL, LocalDateTime for dates, Boolean for BIT,
 * String for text.
 */
public final class SliceBench implements AutoCloseable {
    /** The shop's zone in these tests: Central time, -06:00 in winter and -05:00 in summer. */
    public static final ZoneId SHOP = ZoneId.of("America/Chicago");

    private final Path dir;
    private final HelmDatabase helm;
    private final Map<String, List<Map<String, Object>>> given = new HashMap<>();
    private final Map<String, TableAccount> accounts = new LinkedHashMap<>();
    private int runs;

    private SliceBench(Path dir, HelmDatabase helm) {
        this.dir = dir;
        this.helm = helm;
    }

    /**
     * The rows slices 4 to 7 refer to, loaded by running slices 1 to 3 on them: store 1
     * ("Main"), staff 10 at store 1, tax code STATE (8.25 %), payment code CASH, customer 1
     * (account A1), vendor 5, product 100 (SKU GTR-1, $100.00) and instrument 500 of product 100.
     */
    public SliceBench basics() throws SQLException, IOException {
        row("STORE", "STORE_NO", 1, "STORE_NAME", "Main", "ACTIVE", "Y");
        row("EMPLOYEE", "EMP_ID", 10, "STORE_NO", 1, "ACTIVE", true, "IS_MGR", "N");
        row("TAXRATE", "TAX_CODE", "STATE ", "RATE", new BigDecimal("8.2500"));
        row("PAYTYPE", "PAY_CODE", "CASH", "IS_CASH", "Y", "OPENS_DRAWER", true);
        run(new Slice01Reference());
        row("CUST", "CUST_ID", 1, "ACCT_NO", "A1", "DELETED", "N", "TAX_EXEMPT", "N");
        run(new Slice02Customers());
        row("VENDOR", "VENDOR_ID", 5, "NAME", "Fender", "ACTIVE", "Y");
        row("INVMAST", "ITEM_ID", 100, "SKU", "GTR-1", "PRICE", new BigDecimal("100.00"), "TAXABLE", "Y", "ACTIVE", "Y",
                "SERIALIZED", true, "DELETED", false);
        row("SERIAL", "SERIAL_ID", 500, "ITEM_ID", 100, "STORE_NO", 1, "STATUS", "S");
        run(new Slice03Inventory());
        return this;
    }

    /** A fresh Helm database in {@code dir}, its schema from the project's migrations/. */
    public static SliceBench open(Path dir) throws SQLException {
        HelmDatabase helm = HelmDatabase.open(dir.resolve("helm.sqlite"));
        helm.applyMigrations(TestSupport.repo().resolve("migrations"));
        return new SliceBench(dir, helm);
    }

    /** One AIM row of {@code table}: column, value, column, value...; columns not named are NULL. */
    public SliceBench row(String table, Object... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) throw new IllegalArgumentException("column without a value in " + table);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        given.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
        return this;
    }

    /** Runs a slice over the rows given so far (each given row is read once), commits, and keeps its accounts. */
    public SliceContext run(Slice slice) throws SQLException, IOException {
        return run(slice, table -> {});
    }

    /** As {@link #run(Slice)}, telling {@code finished} of each table the slice has finished, as a run's load is told. */
    public SliceContext run(Slice slice, SliceContext.Finished finished) throws SQLException, IOException {
        RowSource source = table -> stream(table, given.remove(table.name()));
        Files.createDirectories(dir.resolve("fixes")); // a run's fixes go into a folder of its own there (Folders.createIn)
        try (Rejects rejects = new Rejects(dir.resolve("rejects")); Fixes fixes = new Fixes(dir.resolve("fixes").resolve(String.format("run%03d", ++runs)))) {
            lib.slices.Slices.rememberParents(rejects, java.util.Set.of(slice.number())); // the slices run before are kept ones here
            SliceContext ctx = new SliceContext(source, helm.connection(), SHOP, "US", rejects, t -> QUIET).fixes(fixes).whenFinished(finished);
            slice.run(ctx);
            helm.commit();
            accounts.putAll(ctx.accounts());
            return ctx;
        }
    }

    private static RowStream stream(SourceTable table, List<Map<String, Object>> rows) {
        Deque<Object[]> out = new ArrayDeque<>();
        for (Map<String, Object> row : rows == null ? List.<Map<String, Object>>of() : rows) {
            for (String c : row.keySet()) {
                if (!table.columns().contains(c)) throw new IllegalArgumentException(table.name() + " is not read with column " + c);
            }
            Object[] values = new Object[table.columns().size()];
            for (int i = 0; i < values.length; i++) values[i] = row.get(table.columns().get(i));
            out.add(values);
        }
        return out::poll;
    }

    private static final Progress.Tracker QUIET = new Progress.Tracker() {
        public void accept(long rows) {}

        public void close() {}
    };

    /** The account of a source table read by a slice run on this bench. */
    public TableAccount account(String sourceTable) {
        TableAccount a = accounts.get(sourceTable);
        if (a == null) throw new AssertionError(sourceTable + " was not read");
        return a;
    }

    /** Each result row as its values joined with '|' (NULL as "null"). */
    public List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = helm.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** The rows of rejects/TABLE.csv (no header), each as rule, reason, AIM key, then the values read; empty when none. */
    public List<List<String>> rejects(String sourceTable) throws IOException {
        Path f = dir.resolve("rejects").resolve(sourceTable + ".csv");
        if (!Files.exists(f)) return List.of();
        List<List<String>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) out.add(rec.toList());
        }
        return out;
    }

    /**
     * Every line of fixes/TABLE.csv the slice runs on this bench wrote for an AIM table, each as
     * "KEY COLUMN rule: before -> after" (NULL as null), in file order.
     */
    public List<String> fixes(String sourceTable) throws IOException {
        List<String> out = new ArrayList<>();
        Path root = dir.resolve("fixes");
        if (!Files.isDirectory(root)) return out;
        try (var slices = Files.list(root)) {
            for (Path d : slices.sorted().toList()) {
                for (Fixes.Fix f : Fixes.read(d.resolve(sourceTable + ".csv"))) {
                    assertEquals(sourceTable, f.table(), "the table column of fixes/" + sourceTable + ".csv");
                    out.add(f.key() + " " + f.column() + " " + f.rule() + ": " + f.before() + " -> " + f.after());
                }
            }
        }
        return out;
    }

    /** "rule AIM-key" of every rejected row of a table, in file order. */
    public List<String> rejected(String sourceTable) throws IOException {
        return rejects(sourceTable).stream().map(r -> r.get(0) + " " + r.get(2)).toList();
    }

    /**
     * The table's balance: read = loaded + skipped + rejected and the Helm table holds the
     * loaded rows; per money column, read = loaded + skipped + rejected cents, and the Helm
     * column sums to the loaded cents.
     */
    public void assertBalanced(String sourceTable) throws SQLException {
        TableAccount a = account(sourceTable);
        assertEquals(a.read, a.loaded + a.skippedTotal() + a.rejectedTotal(), sourceTable + ": read = loaded + skipped + rejected");
        assertEquals(a.loaded, helm.count("SELECT COUNT(*) FROM " + a.target), sourceTable + ": loaded = rows in " + a.target);
        a.money.forEach((column, m) -> {
            assertEquals(m.read.value(), m.loaded.value().add(m.skipped.value()).add(m.rejected.value()),
                    sourceTable + "." + column + ": read = loaded + skipped + rejected cents");
            try {
                assertEquals(m.loaded.value(), helm.exactSum(a.target, m.targetColumn),
                        sourceTable + "." + column + ": loaded cents = SUM(" + a.target + "." + m.targetColumn + ")");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The Helm database the slices write (for checks the bench does not wrap). */
    public java.sql.Connection connection() {
        return helm.connection();
    }

    /** Cents of one money column of a table's account: read, loaded, skipped, rejected. */
    public List<Long> money(String sourceTable, String column) {
        TableAccount.Money m = account(sourceTable).money.get(column);
        return List.of(m.read.value().longValueExact(), m.loaded.value().longValueExact(), m.skipped.value().longValueExact(),
                m.rejected.value().longValueExact());
    }

    @Override
    public void close() throws SQLException {
        helm.close();
    }
}
