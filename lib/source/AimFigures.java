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

    /** The control characters Java's strip() takes as whitespace (tab, LF, VT, FF, CR, and the file/group/record/unit separators a scanner may send). */
    private static final int[] WHITESPACE = {9, 10, 11, 12, 13, 28, 29, 30, 31};

    /**
     * One figure's AIM side. {@code from} is its FROM/WHERE; {@code keys} the grouping
     * expressions; {@code baseKey} the key columns of the rows counted (to count a row
     * explained once); {@code rejectsOf} the AIM tables whose rejects/TABLE.csv rows explain
     * differences, with their alias in {@code from}; {@code skippedWhen} a plain-SQL
     * condition for the rows a named rule ({@code skippedRule}) skips; {@code h2Totals} the totals' own statement on H2;
     * {@code methods}, when given, finds the method of the key "method", which AIM gives as a payment's code as it is;
     * {@code copiesOf} the tables of {@code rejectsOf} whose rejected rows explain the figure only where AIM holds their key
     * more than once ({@link #withCopiesOf}).
     */
    public record Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf,
                        String skippedWhen, String skippedRule, String h2Totals, PaymentMethods methods, java.util.Set<String> copiesOf) {
        Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf,
              String skippedWhen, String skippedRule, String h2Totals, PaymentMethods methods) {
            this(from, keys, amount, baseKey, rejectsOf, skippedWhen, skippedRule, h2Totals, methods, java.util.Set.of());
        }

        Query(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf,
              String skippedWhen, String skippedRule, String h2Totals) {
            this(from, keys, amount, baseKey, rejectsOf, skippedWhen, skippedRule, h2Totals, null);
        }

        /**
         * This figure with {@code table}'s rejected rows (alias {@code alias}) explaining it only where AIM holds their key
         * more than once: another copy of the key was loaded, and the rows of the figure went with it (a ticket's payments).
         * A key held once took its rows with it, rejected on their own (parent_rejected), which explain them.
         */
        Query withCopiesOf(String table, String alias) {
            Map<String, String> rejects = new java.util.HashMap<>(rejectsOf);
            rejects.put(table, alias);
            return new Query(from, keys, amount, baseKey, Map.copyOf(rejects), skippedWhen, skippedRule, h2Totals, methods, java.util.Set.of(table));
        }

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

    /**
     * A figure grouped by store and day. On H2 (the sample) each row comes as it is, counted 1, and the days are
     * summed as their months are worked out: H2 groups in a sorted tree, one node a store and day (65,749 at scale
     * 10), and took 1.0 s for the sales where the rows alone take 0.3 s. SQL Server groups them itself.
     */
    static Query byDay(String from, List<String> keys, String amount, List<String> baseKey, Map<String, String> rejectsOf) {
        return new Query(from, keys, amount, baseKey, rejectsOf, null, null, "SELECT " + String.join(", ", keys) + ", 1, " + amount + " " + from);
    }

    /** A code column compared as {@link CodeKey} compares it. */
    static String code(String column, CodeKey codes) {
        return codes.caseSensitive() ? "LTRIM(RTRIM(" + column + "))" : "UPPER(LTRIM(RTRIM(" + column + ")))";
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
     * The product's DELETED is read as its type needs ({@link #flag}): the whole {@link #isSet} cost the TDS server
     * 0.7-1.0 s to plan the first time a session sent the skipped rows' statement, in the critical path of every run.
     */
    public static Query stock() {
        return new Query("FROM INVSTORE s LEFT JOIN INVMAST m ON m.ITEM_ID = s.ITEM_ID WHERE 1 = 1",
                List.of("s.STORE_NO"), units("s.ON_HAND"), List.of("s.ITEM_ID", "s.STORE_NO"),
                Map.of("INVSTORE", "s", "INVMAST", "m"), flag("m", "INVMAST", "DELETED", false), "soft_deleted product",
                "SELECT s.STORE_NO, COUNT(*), SUM(" + units("s.ON_HAND") + ") FROM INVSTORE s GROUP BY s.STORE_NO");
    }

    /**
     * A flag that is set, whatever its type, as the toolkit reads it (Row.bit): Y, T, YES, TRUE in any case and padding,
     * or a number other than 0, as SQL Server's CAST to BIT (a BIT, TRUE on H2; an INT's 2 or -1, where only 1 was set
     * and the stock figure failed; '1.0' as text); NULL or blank is {@code whenNull}, the column's default (Flag.bit). The
     * condition is never UNKNOWN, so NOT of it is the rows it leaves. A CASE, taken in order, so a row pays only for the
     * test its value needs: the usual 'Y', 'N', 1 or 0 the first two (nine nested REPLACEs a row cost the TDS server
     * 0.37 s for TICKET's 15,000 rows at scale 1, against 0.04 s); a number is not 0 when its text without zeros,
     * point, sign and exponent is digits, not empty (plain SQL on H2 too). A blank taken as set is trimmed as the toolkit
     * trims it ({@link #spaced}): a tab alone is blank to the toolkit. LTRIM/RTRIM alone take spaces, which for a flag
     * whose blank is not set changes nothing: a flag of tabs alone is set on neither side, and one beside a letter ('Y'
     * and a tab) does not fit AIM's CHAR(1) flags.
     */
    public static String isSet(String flag, boolean whenNull) {
        String text = "UPPER(LTRIM(RTRIM(CAST(" + flag + " AS VARCHAR(40)))))", nonZero = text, digits;
        for (String c : List.of("0", ".", "+", "-", "E")) nonZero = "REPLACE(" + nonZero + ", '" + c + "', '')";
        digits = nonZero;
        for (char c = '1'; c <= '9'; c++) digits = "REPLACE(" + digits + ", '" + c + "', '')";
        String blank = whenNull ? " WHEN COALESCE(LTRIM(RTRIM(" + spaced("CAST(" + flag + " AS VARCHAR(40))") + ")), '') = '' THEN 1"
                : " WHEN " + flag + " IS NULL THEN 0";
        return "(CASE WHEN " + text + " IN ('1', 'Y', 'T', 'YES', 'TRUE') THEN 1" + blank + " WHEN " + text
                + " IN ('0', 'N', 'F', 'NO', 'FALSE', '') THEN 0 WHEN " + nonZero + " <> '' AND " + digits + " = '' THEN 1 ELSE 0 END = 1)";
    }

    /**
     * As {@link #isSet}, for a flag AIM keeps as text (AIM v12's CHAR 'Y'/'N'), in few words: Y, T, YES, TRUE or 1 (1.0 ...)
     * is set; NULL or blank is {@code whenNull} (a flag of one tab or line break alone is blank to the toolkit too, as
     * AIM's CHAR(1) can hold it; the nine REPLACEs of {@link #spaced} cost the TDS server 0.15 s to plan). The whole of
     * {@link #isSet} costs the TDS server 0.6 s to plan the first time in a session, in each of the seven statements that
     * read a ticket's VOIDED (--slice 4 took 5.8 s, against 4.2): {@link #flag} picks this form for a text column only.
     */
    public static String isSetAsText(String flag, boolean whenNull) {
        String set = "'1', '1.0', '1.00', '1.000', '1.0000', 'Y', 'T', 'YES', 'TRUE'";
        StringBuilder blank = new StringBuilder("''"); // a one-character flag of a tab or a line break is blank to the toolkit too
        for (int c : WHITESPACE) blank.append(", CHAR(").append(c).append(")");
        return "COALESCE(UPPER(LTRIM(RTRIM(CAST(" + flag + " AS VARCHAR(40))))), '') IN (" + (whenNull ? blank + ", " : "") + set + ")";
    }

    /**
     * The flag {@code alias.column} of {@code table} as the toolkit reads it, in the few words its column's type needs
     * ({@link FlagTypes}, read when the run starts), each cheap to plan: a number or a BIT by its value, any but 0 set as
     * SQL Server's CAST to BIT and Row.bit read it (an INT's 2 or -1), NULL being {@code whenNull}; text by
     * {@link #isSetAsText}; a column whose type the run does not know (a server that will not show its catalogue) by the
     * whole {@link #isSet}. Never UNKNOWN, so NOT of it is the rows it leaves.
     */
    static String flag(String alias, String table, String column, boolean whenNull) {
        String c = alias + "." + column;
        FlagTypes.Kind kind = FlagTypes.of(table, column);
        if (kind == FlagTypes.Kind.NUMBER) return whenNull ? "(" + c + " IS NULL OR " + c + " <> 0)" : "(" + c + " IS NOT NULL AND " + c + " <> 0)";
        return kind == FlagTypes.Kind.TEXT ? isSetAsText(c, whenNull) : isSet(c, whenNull);
    }

    /**
     * A text with the control characters of {@link #WHITESPACE} made spaces, for LTRIM/RTRIM to take off at either end as
     * the toolkit's strip() does (TRIM's list of characters needs SQL Server 2017). One in the middle, or a Unicode space
     * (U+3000) at an end, never seen in a code or a flag, would differ.
     */
    static String spaced(String column) {
        String out = column;
        for (int c : WHITESPACE) out = "REPLACE(" + out + ", CHAR(" + c + "), ' ')";
        return out;
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

    /**
     * Every gift card's balance, what the shop owes on the cards it sold: the active cards and the inactive ones apart, ACTIVE
     * read as the toolkit reads it (a card whose flag AIM left blank or NULL is active: flag_blank, the column's default), by its
     * column's type ({@link #flag}).
     */
    public static Query giftCards() {
        return new Query("FROM GIFTCARD g WHERE 1 = 1", List.of("CASE WHEN " + flag("g", "GIFTCARD", "ACTIVE", true) + " THEN 'active' ELSE 'inactive' END"),
                cents("g.BALANCE"), List.of("g.CARD_NO"), Map.of("GIFTCARD", "g"));
    }

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

    /**
     * Repairs still in the shop: every one not picked up ('P'), per store and status with their estimates, the status
     * spelled as Helm holds it (lib.slices.Slice06Repairs.STATUS): open, waiting, complete (ready, not picked up yet), and
     * unknown for a letter AIM's codes do not name, blank or NULL, as the toolkit loads it (StatusCode).
     */
    public static Query openRepairs(CodeKey codes) {
        String status = code("r.STATUS", codes);
        return new Query("FROM REPAIR r WHERE COALESCE(" + status + ", '') <> 'P'", List.of("r.STORE_NO", "CASE " + status
                + " WHEN 'O' THEN 'open' WHEN 'W' THEN 'waiting' WHEN 'C' THEN 'complete' ELSE 'unknown' END"),
                cents("r.ESTIMATE"), List.of("r.RO_NO"), Map.of("REPAIR", "r"));
    }
}
