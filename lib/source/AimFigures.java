package lib.source;

import java.util.List;
import java.util.Map;
import lib.rules.CodeKey;

/**
 * The AIM side of the business figures: plain T-SQL on AIM as it is, no toolkit
 * rule applied, so a figure computed here is an independent witness of the
 * Helm side. Months are the shop's local months as AIM stores them.
 */
public final class AimFigures {
    private AimFigures() {}

    /**
     * One figure's AIM side. {@code from} is its FROM/WHERE; {@code keys} the grouping
     * expressions; {@code baseKey} the key columns of the rows counted (to count a row
     * explained once); {@code rejectsOf} the AIM tables whose rejects/TABLE.csv rows explain
     * differences, with their alias in {@code from}; {@code skippedWhen} a plain-SQL
     * condition for the rows a named rule ({@code skippedRule}) skips.
     */
    public record Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf,
                        String skippedWhen, String skippedRule, String h2Totals) {
        Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf) {
            this(from, keys, amount, baseKey, rejectsOf, null, null, null);
        }

        Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf,
              String skippedWhen, String skippedRule) {
            this(from, keys, amount, baseKey, rejectsOf, skippedWhen, skippedRule, null);
        }

        /**
         * The totals on {@code h2} (the sample) or SQL Server: the same rows and columns, in a statement of the
         * figure's own for H2 when it has one ({@code h2Totals}: for a join H2's optimizer runs row by row, or many groups, which H2 keeps in a sorted tree).
         */
        public String totalsSql(boolean h2) {
            return h2 && h2Totals != null ? h2Totals : totalsSql();
        }

        /**
         * The H2 statement with each row's cents read as a BIGINT, which H2 hands over faster than a DECIMAL (the sample's
         * rows: about 0.05 s of CPU); it fails (SQLState 22003) only for cents past a BIGINT, a column wider than MONEY,
         * and then {@link #totalsSql(boolean)} reads them whole.
         */
        public String h2TotalsAsBigint() {
            return h2Totals == null ? null : h2Totals.replaceAll("ROUND\\(COALESCE\\(CAST\\([^()]+ AS DECIMAL\\(38, 8\\)\\), 0\\) \\* 100, 0\\)", "CAST($0 AS BIGINT)");
        }

        /** Rows and amount per key. T-SQL refuses a constant in GROUP BY (Msg 164), so constant keys are only selected. */
        public String totalsSql() {
            List<String> grouped = keys.stream().filter(k -> !k.startsWith("'")).toList();
            return "SELECT " + String.join(", ", keys) + ", COUNT(*), " + sum(amount) + " " + from
                    + (grouped.isEmpty() ? "" : " GROUP BY " + String.join(", ", grouped));
        }

        /** The rows a condition picks: their keys, amount and base key. */
        public String rowsSql(String condition) {
            return rowsSql(condition, List.of());
        }

        /** As above, with {@code more} columns after the base key ({@link AimRejectedRows}). */
        public String rowsSql(String condition, List<String> more) {
            return "SELECT " + String.join(", ", keys) + ", " + amount + ", " + String.join(", ", baseKey)
                    + (more.isEmpty() ? "" : ", " + String.join(", ", more)) + " " + from + " AND " + condition;
        }

        /**
         * A primary-key lookup of {@code rows} rows at once of the table with alias {@code alias}: an OR of key matches, one
         * parameter per key column of each; {@code more} columns after the base key.
         */
        public String lookupSql(String alias, List<String> keyColumns, int rows, List<String> more) {
            String one = "(" + String.join(" AND ", keyColumns.stream().map(c -> alias + "." + c + " = ?").toList()) + ")";
            return rowsSql(rows == 1 ? one.substring(1, one.length() - 1) : "(" + String.join(" OR ", java.util.Collections.nCopies(rows, one)) + ")", more);
        }
    }

    /**
     * AIM money to cents the way the reconciliation of sums does it: round each row once, half away from zero. As
     * DECIMAL(38, 8), which holds MONEY's four decimals exactly, and the six of a DECIMAL(19, 6) column: cast to MONEY's
     * four, 1.234951 was rounded twice, to 1.2350 and then 124 cents, where the toolkit loads 123. Times 100 that is a
     * DECIMAL(38, 6) on SQL Server (a product's scale drops to 6, never below), exact for up to eight decimals. It does
     * not overflow where MONEY * 100 would (beyond $9.2 trillion), nor where a row's cents pass a BIGINT (a wider DECIMAL
     * column than MONEY: a CAST to BIGINT failed the run, Msg 8115); it holds amounts below $10^30. (ROUND in the
     * column's own type first fails on the TDS server: Babelfish types ROUND of MONEY as NUMERIC(38, 8), and overflows
     * on the cast that follows.) A row's cents are read as the whole DECIMAL they are (lib.report.FigureSums).
     */
    public static String cents(String column) {
        // The CAST comes before the COALESCE: an amount a shop keeps as text ('232.6600') is cast as the number it is,
        // where COALESCE(text, 0) took INT's type and failed the run on it (T-SQL's type precedence).
        return "ROUND(COALESCE(CAST(" + column + " AS DECIMAL(38, 8)), 0) * 100, 0)";
    }

    /**
     * The SUM of a figure's amount: of {@link #cents}, the rows' rounded cents summed as DECIMAL, exact far beyond a
     * BIGINT. A cast on every row took the TDS server three times as long (the sales of scale 10: 0.9 against 0.29 s),
     * and a cast of each group's sum to BIGINT a third more again, and fails beyond a BIGINT.
     */
    public static String sum(String amount) {
        return "SUM(" + amount + ")";
    }

    /**
     * A local day, of which the figure's month is worked out as its rows are read (lib.report.Months,
     * with no date for NULL, a sentinel date or a year outside 1900-2099): the server groups by a plain cast rather
     * than run two date functions on every row (a calendar's worth of days a store, at any size of AIM).
     */
    static String month(String column) {
        return "CAST(" + column + " AS DATE)";
    }

    public static final Query SALES = byDay("FROM TICKET t WHERE 1 = 1", List.of("t.STORE_NO", month("t.TICKET_DATE")),
            cents("t.TOTAL"), List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
    /** Payments per store and local month (the payment's own store and time, as AIM holds them). */
    public static final Query PAYMENTS_BY_STORE = byDay("FROM TKTPAY p WHERE 1 = 1", List.of("p.STORE_NO", month("p.PAID_AT")),
            cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"));

    /**
     * A figure grouped by store and day. On H2 (the sample) each row comes as it is, counted 1, and the days are
     * summed as their months are worked out: H2 groups in a sorted tree, one node a store and day (65,749 at scale
     * 10), and took 1.0 s for the sales where the rows alone take 0.3 s. SQL Server groups them itself.
     */
    private static Query byDay(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf) {
        return new Query(from, keys, amount, baseKey, rejectsOf, null, null, "SELECT " + String.join(", ", keys) + ", 1, " + amount + " " + from);
    }

    /**
     * The number of tickets and the highest ticket number per store: where the next ticket number must start. As a
     * number, whatever the column's type: MAX of a ticket number kept as text compared text ('99999' above '105000').
     * Of the numbers Helm holds: one past 64 bits is a rejected row, and read as a long it wrapped to a made-up number.
     */
    public static final String LAST_TICKET = "SELECT t.STORE_NO, COUNT(*), MAX(CASE WHEN " + ticket("t.TICKET_NO") + " BETWEEN -9223372036854775808"
            + " AND 9223372036854775807 THEN " + ticket("t.TICKET_NO") + " END) FROM TICKET t GROUP BY t.STORE_NO";

    /** A ticket number as a number, whatever the column's type. */
    private static String ticket(String column) {
        return "CAST(" + column + " AS DECIMAL(38, 0))";
    }

    /**
     * Payments per method, compared as PAYTYPE.PAY_CODE's collation says (the column that defines the codes decides,
     * as the toolkit's lookups do: lib.slices.References.codeId). Where TKTPAY.PAY_CODE has another collation, SQL
     * Server's rules of collation precedence would refuse the join (Msg 468, two columns' implicit collations), so the
     * payment's code is given PAYTYPE.PAY_CODE's with a COLLATE.
     */
    public static Query payments() {
        String defined = CodeKey.collationOf("PAYTYPE", "PAY_CODE"), named = CodeKey.collationOf("TKTPAY", "PAY_CODE");
        boolean differ = defined != null && defined.matches("[A-Za-z0-9_]+") && !defined.equalsIgnoreCase(named);
        return payments(CodeKey.column("PAYTYPE", "PAY_CODE"), differ ? defined : null);
    }

    /** Payments per method, as {@link #payments(CodeKey, String)} with both columns of one collation. */
    public static Query payments(CodeKey codes) {
        return payments(codes, null);
    }

    /**
     * Payments per method: a payment's method is the PAYTYPE code that is the same code as its PAY_CODE under
     * PAYTYPE.PAY_CODE's collation ({@code codes}, {@link CodeKey}: trimmed, and compared in upper case unless the
     * collation is case-sensitive, so the case-sensitive H2 sample compares as SQL Server's default does; {@code
     * collate}: the collation the payment's code is compared in when TKTPAY's is another, else null); a code PAYTYPE
     * does not hold, or none, is method "(none)", as on Helm.
     */
    public static Query payments(CodeKey codes, String collate) {
        String paytype = lookedUp("PAY_CODE", codes);
        String payment = lookedUp("p.PAY_CODE", codes) + (collate == null ? "" : " COLLATE " + collate);
        String methods = "(SELECT DISTINCT " + paytype + " AS CODE FROM PAYTYPE) m";
        // On H2 each payment comes as it is, counted 1, its method the code when PAYTYPE holds it (an IN that H2 reads
        // once), and the days are summed as their months are worked out (as byDay): the same rows and sums as the join
        // per payment, which H2 runs as a new DISTINCT for every payment (6-10 s at scale 10), and as grouping by code and
        // day, which H2 does in a sorted tree (20,429 groups at scale 10: 1.1 s, against 0.45 s). On the TDS server the
        // join is the faster (its first run in a session 0.9 s less), so SQL Server keeps it.
        String h2Totals = "SELECT CASE WHEN " + payment + " IN (SELECT " + paytype + " FROM PAYTYPE) THEN " + payment + " ELSE '' END, "
                + month("p.PAID_AT") + ", 1, " + cents("p.AMOUNT") + " FROM TKTPAY p";
        return new Query("FROM TKTPAY p LEFT JOIN " + methods + " ON m.CODE = " + payment
                + " WHERE 1 = 1", List.of("COALESCE(m.CODE, '')", month("p.PAID_AT")),
                cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"), null, null, h2Totals);
    }

    /** A code column compared as {@link CodeKey} compares it. */
    static String code(String column, CodeKey codes) {
        return codes.caseSensitive() ? "LTRIM(RTRIM(" + column + "))" : "UPPER(LTRIM(RTRIM(" + column + ")))";
    }

    /**
     * A code the toolkit looks up (a payment's PAY_CODE), compared as it compares it: its stray-space rule takes tabs,
     * line breaks and the separators a scanner sends at either end off too, which LTRIM/RTRIM leave (TRIM's list of
     * characters needs SQL Server 2017), so they become spaces first. One in the middle of a code, or a Unicode space
     * (U+3000) at its end, never seen in a pay code, would differ.
     */
    /** The control characters Java's strip() takes as whitespace (tab, LF, VT, FF, CR, and the file/group/record/unit separators a scanner may send). */
    private static final int[] WHITESPACE = {9, 10, 11, 12, 13, 28, 29, 30, 31};

    static String lookedUp(String column, CodeKey codes) {
        String spaced = column;
        for (int c : WHITESPACE) spaced = "REPLACE(" + spaced + ", CHAR(" + c + "), ' ')";
        return code(spaced, codes);
    }

    /** Open house accounts: a status that is the same code as 'O' under its column's collation ({@code codes}), as the toolkit reads it. */
    public static Query openAccounts(CodeKey codes) {
        return new Query("FROM ARACCT a WHERE " + code("a.STATUS", codes) + " = 'O'", List.of("'open'"),
                cents("a.BALANCE"), List.of("a.AR_ID"), Map.of("ARACCT", "a"));
    }

    /**
     * Stock per store; the product is joined for the rows a soft-deleted product skips. The sample's totals leave the
     * join out: its INVMAST is keyed by ITEM_ID, so a LEFT JOIN changes no row, and H2 looks the product up for every
     * row anyway (0.30 against 0.11 s at scale 10). A shop's AIM may not declare that key, so SQL Server keeps the join.
     */
    public static final Query STOCK = new Query("FROM INVSTORE s LEFT JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID WHERE 1 = 1",
            List.of("s.STORE_NO"), units("s.ON_HAND"), List.of("s.ITEM_ID", "s.STORE_NO"),
            Map.of("INVSTORE", "s", "INVMAST", "m"), isSet("m.DELETED", false), "soft_deleted product",
            "SELECT s.STORE_NO, COUNT(*), SUM(" + units("s.ON_HAND") + ") FROM INVSTORE s GROUP BY s.STORE_NO");

    /**
     * A flag that is set, whatever its type, as the toolkit reads it (Row.bit): a number other than 0, as SQL Server's
     * CAST to BIT (a BIT, TRUE on H2; an INT's 2 or -1, where only 1 was set and the stock figure failed; '1.0' as text),
     * or Y, T, YES, TRUE in any case and padding; NULL or blank is {@code whenNull}, the column's default (Flag.bit).
     * A number is not 0 when its text without zeros, point, sign and exponent is digits, not empty: plain SQL on H2 too.
     */
    public static String isSet(String flag, boolean whenNull) {
        String text = "UPPER(LTRIM(RTRIM(CAST(" + flag + " AS VARCHAR(40)))))", nonZero = text, digits;
        for (String c : List.of("0", ".", "+", "-", "E")) nonZero = "REPLACE(" + nonZero + ", '" + c + "', '')";
        digits = nonZero;
        for (char c = '1'; c <= '9'; c++) digits = "REPLACE(" + digits + ", '" + c + "', '')";
        String set = "(" + text + " IN ('Y', 'T', 'YES', 'TRUE') OR (" + nonZero + " <> '' AND " + digits + " = ''))";
        return whenNull ? "(" + flag + " IS NULL OR " + text + " = '' OR " + set + ")" : set;
    }

    /**
     * Whole units of a quantity, a fraction cut toward zero as SQL Server's CAST to an integer cuts it (and the toolkit's
     * fraction_cut): H2's CAST rounds instead (2.75 to 3), so the cut is spelled out, alike on both.
     */
    static String units(String column) {
        String n = "CAST(" + column + " AS DECIMAL(38, 8))"; // first: a quantity kept as text ('2.5') is the number it is
        return "CAST(CASE WHEN " + n + " < 0 THEN CEILING(" + n + ") ELSE FLOOR(COALESCE(" + n + ", 0)) END AS BIGINT)";
    }

    /** Active rental contracts: a status that is the same code as 'A' under its column's collation. */
    public static Query activeRentals(CodeKey codes) {
        return new Query("FROM RENTCONT c WHERE " + code("c.STATUS", codes) + " = 'A'", List.of("c.STORE_NO"),
                cents("c.MONTHLY_RATE"), List.of("c.CONTRACT_NO"), Map.of("RENTCONT", "c"));
    }

    /** What was paid on the active rental contracts. */
    public static Query rentalPaid(CodeKey codes) {
        return new Query("FROM RENTPAY p JOIN RENTCONT c ON c.CONTRACT_NO = p.CONTRACT_NO WHERE " + code("c.STATUS", codes) + " = 'A'",
                List.of("c.STORE_NO"), cents("p.AMOUNT"), List.of("p.CONTRACT_NO", "p.PAY_SEQ"), Map.of("RENTPAY", "p", "RENTCONT", "c"));
    }

    /** Tax collected per store: every ticket's TAX, voided ones included, as the sales figure counts them. */
    public static final Query TAX = new Query("FROM TICKET t WHERE 1 = 1", List.of("t.STORE_NO"), cents("t.TAX"),
            List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));

    /** Every gift card's balance, active or not: what the shop owes on the cards it sold. */
    public static final Query GIFT_CARDS = new Query("FROM GIFTCARD g WHERE 1 = 1", List.of("'active or not'"), cents("g.BALANCE"),
            List.of("g.CARD_NO"), Map.of("GIFTCARD", "g"));

    /** What customers paid on layaways still open or cancelled (money held, or to refund), by that status. */
    public static Query layawayPaid(CodeKey codes) {
        String status = code("l.STATUS", codes);
        return new Query("FROM LAYPAY p JOIN LAYAWAY l ON l.LAYAWAY_NO = p.LAYAWAY_NO WHERE " + status + " IN ('O', 'X')",
                List.of("CASE WHEN " + status + " = 'O' THEN 'open' ELSE 'cancelled' END"), cents("p.AMOUNT"),
                List.of("p.LAYAWAY_NO", "p.PAY_SEQ"), Map.of("LAYPAY", "p", "LAYAWAY", "l"));
    }

    /** Deposits held on special orders not yet completed or cancelled (open or received), per store. */
    public static Query orderDeposits(CodeKey codes) {
        return new Query("FROM SPECORD o WHERE " + code("o.STATUS", codes) + " IN ('O', 'R')", List.of("o.STORE_NO"),
                cents("o.DEPOSIT"), List.of("o.SO_NO"), Map.of("SPECORD", "o"));
    }

    /** Repairs still in the shop (open or waiting), per store, with their estimates. */
    public static Query openRepairs(CodeKey codes) {
        return new Query("FROM REPAIR r WHERE " + code("r.STATUS", codes) + " IN ('O', 'W')", List.of("r.STORE_NO"),
                cents("r.ESTIMATE"), List.of("r.RO_NO"), Map.of("REPAIR", "r"));
    }
}
