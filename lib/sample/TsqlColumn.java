package lib.sample;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of the sample's T-SQL DDL and the values Microsoft SQL Server can store
 * in it: DATETIME from 1753-01-01 in 1/300 s steps, SMALLDATETIME 1900-01-01 to
 * 2079-06-06 in whole minutes, MONEY/SMALLMONEY with four decimals in their ranges,
 * integer ranges, CHAR/VARCHAR lengths and the CP1252 code page of a VARCHAR; NVARCHAR holds
 * any UTF-16 code unit, a lone surrogate too.
 */
public record TsqlColumn(String table, String name, String type, int length, int scale, boolean nullable) {
    private static final Pattern COLUMN = Pattern.compile(
            "^\\s+(\\w+)\\s+(\\w+)(?:\\((\\w+)(?:,\\s*(\\d+))?\\))?\\s+(NOT NULL|NULL)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("^CREATE TABLE (\\w+)", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal MONEY_MIN = new BigDecimal("-922337203685477.5808"), MONEY_MAX = new BigDecimal("922337203685477.5807");
    private static final BigDecimal SMALLMONEY_MIN = new BigDecimal("-214748.3648"), SMALLMONEY_MAX = new BigDecimal("214748.3647");
    private static final LocalDateTime DATETIME_MIN = LocalDateTime.of(1753, 1, 1, 0, 0);
    private static final LocalDateTime DATETIME_MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 997_000_000);
    private static final LocalDateTime SMALLDATETIME_MIN = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime SMALLDATETIME_MAX = LocalDateTime.of(2079, 6, 6, 23, 59);
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** Every column of the sample DDL, table by table in DDL order. */
    public static List<TsqlColumn> ofSampleDdl() {
        List<TsqlColumn> out = new ArrayList<>();
        for (String statement : SampleDatabase.ddlStatements()) {
            Matcher t = TABLE.matcher(statement);
            if (!t.find()) continue;
            for (String line : statement.split("\n")) {
                Matcher c = COLUMN.matcher(line);
                if (!c.find() || c.group(1).equalsIgnoreCase("PRIMARY")) continue;
                String size = c.group(3);
                int length = size == null ? 0 : size.equalsIgnoreCase("MAX") ? Integer.MAX_VALUE : Integer.parseInt(size);
                int scale = c.group(4) == null ? 0 : Integer.parseInt(c.group(4));
                out.add(new TsqlColumn(t.group(1), c.group(1), c.group(2).toUpperCase(Locale.ROOT), length, scale,
                        c.group(5).equalsIgnoreCase("NULL")));
            }
        }
        return out;
    }

    /** Why SQL Server could not store {@code value} in this column unchanged, or null when it can. */
    public String problem(Object value) {
        if (value == null) return nullable ? null : "NULL in a NOT NULL column";
        return switch (type) {
            case "TINYINT" -> range(((Number) value).longValue(), 0, 255);
            case "SMALLINT" -> range(((Number) value).longValue(), Short.MIN_VALUE, Short.MAX_VALUE);
            case "INT" -> range(((Number) value).longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "BIT" -> value instanceof Boolean ? null : "not a BIT: " + value;
            case "MONEY" -> money((BigDecimal) value, MONEY_MIN, MONEY_MAX);
            case "SMALLMONEY" -> money((BigDecimal) value, SMALLMONEY_MIN, SMALLMONEY_MAX);
            case "DECIMAL", "NUMERIC" -> decimal((BigDecimal) value);
            case "DATETIME" -> datetime((LocalDateTime) value);
            case "SMALLDATETIME" -> smalldatetime((LocalDateTime) value);
            case "CHAR", "VARCHAR" -> text(value.toString(), true);
            case "NCHAR", "NVARCHAR" -> text(value.toString(), false);
            case "UNIQUEIDENTIFIER" -> value.toString().matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    ? null : "not a UNIQUEIDENTIFIER: " + value;
            default -> "no range known for type " + type;
        };
    }

    private static String range(long v, long min, long max) {
        return v < min || v > max ? v + " is outside " + min + ".." + max : null;
    }

    private static String money(BigDecimal v, BigDecimal min, BigDecimal max) {
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) return v + " is outside " + min + ".." + max;
        return v.stripTrailingZeros().scale() > 4 ? v + " has more than four decimals" : null;
    }

    private String decimal(BigDecimal v) {
        if (v.stripTrailingZeros().scale() > scale) return v + " has more than " + scale + " decimals";
        return v.setScale(scale, java.math.RoundingMode.UNNECESSARY).precision() > length ? v + " has more than " + length + " digits" : null;
    }

    private static String datetime(LocalDateTime v) {
        if (v.isBefore(DATETIME_MIN) || v.isAfter(DATETIME_MAX)) return v + " is outside DATETIME's 1753-01-01..9999-12-31";
        long nanos = v.get(ChronoField.NANO_OF_SECOND);
        // DATETIME keeps 1/300 s: .000, .003, .007, .010, ... (milliseconds rounded to those steps).
        long millis = nanos / 1_000_000;
        boolean onStep = nanos % 1_000_000 == 0 && Math.round(Math.round(millis * 0.3) / 0.3) == millis;
        return onStep ? null : v + " is not on DATETIME's 1/300 s steps";
    }

    private static String smalldatetime(LocalDateTime v) {
        if (v.isBefore(SMALLDATETIME_MIN) || v.isAfter(SMALLDATETIME_MAX)) return v + " is outside SMALLDATETIME's 1900-01-01..2079-06-06";
        return v.getSecond() != 0 || v.getNano() != 0 ? v + " is not a whole minute (SMALLDATETIME)" : null;
    }

    private String text(String s, boolean codePage) {
        // NVARCHAR(n) counts UTF-16 code units; VARCHAR(n) counts CP1252 bytes, one per character it can hold.
        if (length != Integer.MAX_VALUE && s.length() > length) return "length " + s.length() + " is over " + type + "(" + length + ")";
        if (codePage && !CP1252.newEncoder().canEncode(s)) return "'" + s + "' holds characters a VARCHAR (code page 1252) turns into '?'";
        // NVARCHAR stores UTF-16 code units as they come (UCS-2 under the usual non-_SC collations), a lone
        // surrogate included: legacy clients wrote them, so the adversarial scenario plants one.
        return null;
    }
}
