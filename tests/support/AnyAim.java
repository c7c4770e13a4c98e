package tests.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.sample.SampleDatabase;
import lib.sample.TsqlColumn;

/**
 * Arbitrary AIM v12 databases for the property tests, generated from the sample DDL's own
 * column types (lib/sample/aim-v12.sql through TsqlColumn): every value a SQL Server column of
 * that type can hold, a few rows per table, keys that collide after trimming or case folding,
 * and references that point at parents that exist and at parents that do not. The generators are
 * {@link Gen}s: the same seed gives the same database.
 */
public final class AnyAim {
    private AnyAim() {}

    /** One generated AIM database: per table (DDL order), its rows as column -> value. */
    public record Db(Map<String, List<Map<String, Object>>> tables) {
        public long rows() {
            return tables.values().stream().mapToLong(List::size).sum();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            tables.forEach((t, rows) -> {
                if (!rows.isEmpty()) sb.append(t).append(": ").append(rows.stream().map(AnyAim::show).toList()).append('\n');
            });
            return sb.toString();
        }
    }

    /** Kinds of values a generator can be told to leave out (the property test says why, per kind). */
    public enum Exclude {
        /** NVARCHAR code units D800-DFFF without their partner. */
        LONE_SURROGATES,
        /** U+0000 in any text. */
        NUL,
        /** NVARCHAR(MAX) values over 100 KB (up to 3 MB). */
        HUGE_TEXT,
        /** MONEY beyond +-1,000,000,000 (the type holds +-922,337,203,685,477). */
        MONEY_BEYOND_A_BILLION,
        /** Code keys (PAY_CODE, TAX_CODE, CAT_CODE, ...) that are empty or only spaces. */
        BLANK_CODES,
        /** TAXRATE.RATE outside 0..100 (the DECIMAL(7,4) holds -999.9999..999.9999). */
        TAX_RATE_OUTSIDE_PERCENT,
        /** Text keys that differ only in leading spaces (" A" beside "A"); trailing ones SQL Server itself counts as one key. */
        KEYS_EQUAL_AFTER_TRIM,
        /** Text with control characters (other than tab, LF, CR) in VARCHAR/NVARCHAR(n) columns. */
        CONTROL_CHARS_IN_SHORT_TEXT
    }

    /** Which kinds of values a generator leaves out. */
    public record Options(java.util.Set<Exclude> excluded) {
        public static final Options ALL = new Options(java.util.Set.of());

        public static Options excluding(Exclude... kinds) {
            return new Options(kinds.length == 0 ? java.util.Set.of() : java.util.EnumSet.copyOf(List.of(kinds)));
        }

        boolean loneSurrogates() {
            return !excluded.contains(Exclude.LONE_SURROGATES);
        }

        boolean nul() {
            return !excluded.contains(Exclude.NUL);
        }

        boolean hugeText() {
            return !excluded.contains(Exclude.HUGE_TEXT);
        }

        boolean fullMoneyRange() {
            return !excluded.contains(Exclude.MONEY_BEYOND_A_BILLION);
        }

        boolean has(Exclude e) {
            return excluded.contains(e);
        }
    }

    /** AIM columns that name a row of another AIM table (AIM declares no foreign keys: by convention of the column name). */
    static final Map<String, String> PARENT = Map.ofEntries(Map.entry("STORE_NO", "STORE"), Map.entry("EMP_ID", "EMPLOYEE"),
            Map.entry("TECH_ID", "EMPLOYEE"), Map.entry("CUST_ID", "CUST"), Map.entry("ITEM_ID", "INVMAST"), Map.entry("VENDOR_ID", "VENDOR"),
            Map.entry("SERIAL_ID", "SERIAL"), Map.entry("SCHOOL_ID", "SCHOOL"), Map.entry("CONTRACT_NO", "RENTCONT"),
            Map.entry("RO_NO", "REPAIR"), Map.entry("AR_ID", "ARACCT"), Map.entry("LAYAWAY_NO", "LAYAWAY"), Map.entry("TICKET_NO", "TICKET"),
            Map.entry("PAY_CODE", "PAYTYPE"), Map.entry("TAX_CODE", "TAXRATE"), Map.entry("CAT_CODE", "CATEGORY"), Map.entry("PARENT_CODE", "CATEGORY"));

    /** Text columns that are codes or would-be unique keys: drawn from a small pool whose values collide after trim or case folding. */
    static final List<String> CODE_COLUMNS = List.of("PAY_CODE", "TAX_CODE", "CAT_CODE", "PARENT_CODE", "SKU", "ACCT_NO", "CARD_NO", "VENDOR_CODE");
    static final List<String> CODES = List.of("A", "a", " A", "A  ", "B", "b ", "VISA", "visa", "Visa ", "", " ");

    private static final Pattern PRIMARY = Pattern.compile("PRIMARY KEY \\(([^)]+)\\)");

    /** The DDL: table -> its columns, in order. */
    public static Map<String, List<TsqlColumn>> ddl() {
        Map<String, List<TsqlColumn>> out = new LinkedHashMap<>();
        for (TsqlColumn c : TsqlColumn.ofSampleDdl()) out.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
        return out;
    }

    /** The DDL's primary key columns of every table. */
    public static Map<String, List<String>> primaryKeys() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String sql : SampleDatabase.ddlStatements()) {
            Matcher t = Pattern.compile("^CREATE TABLE (\\w+)").matcher(sql);
            if (!t.find()) continue;
            List<String> key = new ArrayList<>();
            Matcher m = PRIMARY.matcher(sql);
            if (m.find()) for (String k : m.group(1).split(",")) key.add(k.strip());
            for (String line : sql.split("\n")) {
                if (line.contains("PRIMARY KEY") && !line.strip().startsWith("PRIMARY")) key.add(line.strip().split("\\s+")[0]);
            }
            out.put(t.group(1), key);
        }
        return out;
    }

    /** A database of 0..maxRows rows per AIM table. */
    public static Gen<Db> databases(int maxRows, Options o) {
        Map<String, List<TsqlColumn>> ddl = ddl();
        List<String> names = new ArrayList<>(ddl.keySet());
        List<Gen<List<Map<String, Object>>>> tables = new ArrayList<>();
        for (String t : names) tables.add(rows(ddl.get(t), o).list(maxRows));
        return Gen.all(tables).map(all -> {
            Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) m.put(names.get(i), all.get(i));
            return new Db(m);
        });
    }

    static Gen<Map<String, Object>> rows(List<TsqlColumn> columns, Options o) {
        List<Gen<Object>> values = new ArrayList<>();
        for (TsqlColumn c : columns) values.add(value(c, o));
        return Gen.all(values).map(vs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) row.put(columns.get(i).name(), vs.get(i));
            return row;
        });
    }

    /** Any value SQL Server can hold in this column (NULL too when it is nullable). */
    @SuppressWarnings("unchecked")
    public static Gen<Object> value(TsqlColumn c, Options o) {
        Gen<?> a = switch (c.type()) {
            case "INT" -> integers(c, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "SMALLINT" -> integers(c, Short.MIN_VALUE, Short.MAX_VALUE);
            case "TINYINT" -> integers(c, 0, 255);
            case "BIT" -> Gen.of(true, false);
            case "MONEY" -> money(new BigDecimal("922337203685477.5807"), o.fullMoneyRange());
            case "SMALLMONEY" -> money(new BigDecimal("214748.3647"), true);
            case "DECIMAL", "NUMERIC" -> o.has(Exclude.TAX_RATE_OUTSIDE_PERCENT) && c.name().equals("RATE")
                    ? Gen.decimals(BigDecimal.ZERO, new BigDecimal("100"), c.scale()) : decimals(c);
            case "DATETIME" -> datetimes();
            case "SMALLDATETIME" -> smalldatetimes();
            case "UNIQUEIDENTIFIER" -> (Gen<String>) r -> new UUID(r.nextLong(), r.nextLong()).toString().toUpperCase();
            case "CHAR", "VARCHAR", "NCHAR", "NVARCHAR" -> AnyText.text(c, o);
            default -> throw new IllegalArgumentException("no generator for T-SQL type " + c.type() + " of " + c.table() + "." + c.name());
        };
        Gen<Object> any = (Gen<Object>) a;
        return c.nullable() ? any.orNull(0.15) : any;
    }

    private static Gen<Integer> integers(TsqlColumn c, int min, int max) {
        // Keys and references mostly from 1..4, so children find their parents (and sometimes do not).
        Gen<Integer> pool = Gen.ints(Math.max(min, 1), Math.min(max, 4));
        Gen<Integer> any = Gen.ints(min, max);
        Gen<Integer> edges = Gen.of(min, max, 0, -1, Math.max(min, 0)).map(v -> Math.max(min, Math.min(max, v)));
        boolean keyish = PARENT.containsKey(c.name()) || c.name().endsWith("_ID") || c.name().endsWith("_NO") || c.name().endsWith("SEQ");
        return Gen.frequency(Gen.weighted(keyish ? 8 : 3, pool), Gen.weighted(2, any), Gen.weighted(1, edges));
    }

    /** MONEY/SMALLMONEY: four decimals, everyday amounts, the whole range, and the half-cent edges of the rounding rule. */
    static Gen<BigDecimal> money(BigDecimal max, boolean fullRange) {
        BigDecimal min = max.negate().subtract(new BigDecimal("0.0001"));
        Gen<BigDecimal> everyday = Gen.decimals(new BigDecimal("-10000"), new BigDecimal("10000"), 4);
        Gen<BigDecimal> any = Gen.decimals(min, max, 4);
        Gen<BigDecimal> edges = Gen.of(min, max, BigDecimal.ZERO.setScale(4), new BigDecimal("0.0050"), new BigDecimal("-0.0050"),
                new BigDecimal("0.0049"), new BigDecimal("-0.0051"), new BigDecimal("0.9999"));
        if (!fullRange) {
            // Amounts a till can ring up: up to a billion dollars.
            return Gen.frequency(Gen.weighted(6, everyday), Gen.weighted(1,
                    Gen.decimals(new BigDecimal("-1000000000"), new BigDecimal("1000000000"), 4)),
                    Gen.weighted(1, edges.filter(v -> v.abs().compareTo(new BigDecimal("1000000000")) <= 0)));
        }
        return Gen.frequency(Gen.weighted(6, everyday), Gen.weighted(1, any), Gen.weighted(1, edges));
    }

    /** DECIMAL(p,s): the whole range; its ends, zero and one step either side of it in one value of ten. */
    static Gen<BigDecimal> decimals(TsqlColumn c) {
        BigDecimal max = BigDecimal.TEN.pow(c.length() - c.scale()).subtract(BigDecimal.ONE.movePointLeft(c.scale()));
        BigDecimal step = BigDecimal.ONE.movePointLeft(c.scale());
        return Gen.decimals(max.negate(), max, c.scale())
                .withEdges(0.1, max.negate(), max, BigDecimal.ZERO.setScale(c.scale()), step, step.negate());
    }

    private static final LocalDateTime DATETIME_MIN = LocalDateTime.of(1753, 1, 1, 0, 0);

    /** DATETIME: 1753-01-01 to 9999-12-31 23:59:59.997 in 1/300 s steps; the sentinels, shop years and DST edges more often. */
    static Gen<LocalDateTime> datetimes() {
        long days = java.time.temporal.ChronoUnit.DAYS.between(DATETIME_MIN.toLocalDate(), LocalDateTime.of(9999, 12, 31, 0, 0).toLocalDate());
        Gen<Long> anyDay = Gen.longs(0, days), recentDay = Gen.longs(0, 366 * 12);
        Gen<Integer> anyTick = Gen.ints(0, 300 * 86_400 - 1), recentSecond = Gen.ints(0, 86_400 - 1);
        Gen<LocalDateTime> any = r -> DATETIME_MIN.plusDays(anyDay.next(r)).plusNanos(Math.round(anyTick.next(r) * 10 / 3.0) * 1_000_000L);
        Gen<LocalDateTime> recent = r -> LocalDateTime.of(2015, 1, 1, 0, 0).plusDays(recentDay.next(r)).plusSeconds(recentSecond.next(r));
        Gen<LocalDateTime> edges = Gen.of(DATETIME_MIN, LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000),
                LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(1899, 12, 30, 0, 0), LocalDateTime.of(2021, 3, 14, 2, 30),
                LocalDateTime.of(2021, 11, 7, 1, 30), LocalDateTime.of(2099, 12, 31, 23, 59, 59, 997_000_000), LocalDateTime.of(2100, 1, 1, 0, 0));
        return Gen.frequency(Gen.weighted(4, recent), Gen.weighted(3, any), Gen.weighted(2, edges));
    }

    /** SMALLDATETIME: 1900-01-01 to 2079-06-06 23:59, whole minutes; the two ends in one value of ten. */
    static Gen<LocalDateTime> smalldatetimes() {
        LocalDateTime min = LocalDateTime.of(1900, 1, 1, 0, 0);
        long minutes = java.time.Duration.between(min, LocalDateTime.of(2079, 6, 6, 23, 59)).toMinutes();
        return Gen.longs(0, minutes).withEdges(0.1, 0L, minutes).map(min::plusMinutes);
    }

    /**
     * Creates the database as an H2 in-memory database in SQL Server mode (as SampleDatabase does, from
     * the same DDL) and inserts the rows. A row whose primary key another row already holds, compared
     * as SQL Server compares it (trailing spaces do not count, in CHAR and VARCHAR alike), is left
     * out, as SQL Server would refuse it too; the rows inserted are returned. The comparison is
     * case-sensitive, as on a server with a _CS_ collation (H2 compares CHAR case-sensitively).
     */
    public static Db create(String url, Db db) throws SQLException {
        Map<String, List<Map<String, Object>>> inserted = new LinkedHashMap<>();
        Map<String, List<String>> keys = primaryKeys();
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement st = c.createStatement()) {
                for (String sql : SampleDatabase.ddlStatements()) st.execute(sql);
            }
            for (Map.Entry<String, List<Map<String, Object>>> t : db.tables().entrySet()) {
                List<Map<String, Object>> kept = new ArrayList<>();
                java.util.Set<List<Object>> seen = new java.util.HashSet<>();
                for (Map<String, Object> row : t.getValue()) {
                    List<Object> key = new ArrayList<>();
                    for (String k : keys.get(t.getKey())) key.add(row.get(k) instanceof String v ? v.stripTrailing() : row.get(k));
                    if (!seen.add(key)) continue;
                    List<String> cols = new ArrayList<>(row.keySet());
                    String sql = "INSERT INTO " + t.getKey() + " (" + String.join(", ", cols) + ") VALUES ("
                            + String.join(", ", cols.stream().map(x -> "?").toList()) + ")";
                    try (PreparedStatement ins = c.prepareStatement(sql)) {
                        for (int i = 0; i < cols.size(); i++) ins.setObject(i + 1, row.get(cols.get(i)));
                        ins.executeUpdate();
                        kept.add(row);
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) throw e;
                    }
                }
                inserted.put(t.getKey(), kept);
            }
        }
        return new Db(inserted);
    }

    /** A value's cents by the documented rule: per row, half away from zero. */
    public static long cents(BigDecimal v) {
        return v.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static String show(Map<String, Object> row) {
        StringBuilder sb = new StringBuilder("{");
        row.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(k).append('=');
            if (v instanceof String s) {
                String shown = s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + " chars)" : s;
                StringBuilder esc = new StringBuilder("\"");
                for (char ch : shown.toCharArray()) esc.append(ch < 0x20 || ch == 0x7F || ch > 0x7E ? String.format("\\u%04X", (int) ch) : String.valueOf(ch));
                sb.append(esc).append('"');
            } else {
                sb.append(v);
            }
        });
        return sb.append('}').toString();
    }
}
