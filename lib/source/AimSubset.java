package lib.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --limit N as a consistent subset of AIM: the first N rows by key of each table that starts
 * a chain (sales tickets, rental contracts, repair orders, house accounts, gift cards, layaways,
 * special orders; customers, vendors, products, instruments, schools), each with its children
 * (lines, payments, entries, contacts, stock rows) and every row those rows refer to, so a
 * limited run finds no orphan the full data does not have. The reference tables of slice 1 are
 * small and everything refers to them: they are read whole.
 *
 * <p>Each table gets one WHERE condition over its own key columns, built of
 * {@code k IN (SELECT TOP (N) k FROM T ORDER BY k)} and {@code k IN (SELECT k FROM T WHERE ...)}:
 * plain T-SQL that SQL Server 2005 and later (and H2 in MSSQLServer mode) run, every subquery
 * uncorrelated. A child names its parent's key as the parent does (TKTLINE.STORE_NO and
 * TICKET_NO, INVSTORE.ITEM_ID), so a parent's condition is also its children's.
 */
public final class AimSubset {
    /** A ticket's two-part key as one BIGINT (T-SQL has no row-value IN); store * 2^32 + ticket is unique for INT tickets. */
    static final String TICKET_KEY = "CAST(STORE_NO AS BIGINT) * 65536 * 65536 + TICKET_NO";

    private final int n;
    private final Map<String, String> where = new LinkedHashMap<>();

    /** The subset of the first {@code n} rows of each root table; {@code n} at least 1. */
    public AimSubset(int n) {
        if (n < 1) throw new IllegalArgumentException("a subset needs at least one row per table, not " + n);
        this.n = n;
        for (String t : List.of("STORE", "EMPLOYEE", "TAXRATE", "PAYTYPE", "CATEGORY")) where.put(t, null);
        String accounts = first("ARACCT", "AR_ID", "AR_ID");
        where.put("ARACCT", accounts);
        where.put("ARTRANS", accounts);
        // A house-account entry may name a ticket beyond the first N: that ticket comes along.
        String tickets = or(first("TICKET", TICKET_KEY, "STORE_NO, TICKET_NO"),
                TICKET_KEY + " IN (SELECT " + TICKET_KEY + " FROM ARTRANS WHERE " + accounts + ")");
        for (String t : List.of("TICKET", "TKTLINE", "TKTPAY")) where.put(t, tickets);
        String rentals = first("RENTCONT", "CONTRACT_NO", "CONTRACT_NO");
        where.put("RENTCONT", rentals);
        where.put("RENTPAY", rentals);
        String repairs = first("REPAIR", "RO_NO", "RO_NO");
        where.put("REPAIR", repairs);
        where.put("REPLINE", repairs);
        String cards = first("GIFTCARD", "CARD_NO", "CARD_NO");
        where.put("GIFTCARD", cards);
        String layaways = first("LAYAWAY", "LAYAWAY_NO", "LAYAWAY_NO");
        where.put("LAYAWAY", layaways);
        where.put("LAYPAY", layaways);
        String orders = first("SPECORD", "SO_NO", "SO_NO");
        where.put("SPECORD", orders);
        String instruments = or(first("SERIAL", "SERIAL_ID", "SERIAL_ID"),
                referenced("SERIAL_ID", "TKTLINE", tickets), referenced("SERIAL_ID", "RENTCONT", rentals));
        where.put("SERIAL", instruments);
        String products = or(first("INVMAST", "ITEM_ID", "ITEM_ID"), referenced("ITEM_ID", "TKTLINE", tickets),
                referenced("ITEM_ID", "RENTCONT", rentals), referenced("ITEM_ID", "REPLINE", repairs),
                referenced("ITEM_ID", "LAYAWAY", layaways), referenced("ITEM_ID", "SERIAL", instruments));
        where.put("INVMAST", products);
        where.put("INVSTORE", products);
        where.put("VENDOR", or(first("VENDOR", "VENDOR_ID", "VENDOR_ID"), referenced("VENDOR_ID", "INVMAST", products),
                referenced("VENDOR_ID", "SPECORD", orders)));
        where.put("SCHOOL", or(first("SCHOOL", "SCHOOL_ID", "SCHOOL_ID"), referenced("SCHOOL_ID", "RENTCONT", rentals)));
        String customers = or(first("CUST", "CUST_ID", "CUST_ID"), referenced("CUST_ID", "TICKET", tickets),
                referenced("CUST_ID", "RENTCONT", rentals), referenced("CUST_ID", "REPAIR", repairs),
                referenced("CUST_ID", "ARACCT", accounts), referenced("CUST_ID", "GIFTCARD", cards),
                referenced("CUST_ID", "LAYAWAY", layaways), referenced("CUST_ID", "SPECORD", orders));
        where.put("CUST", customers);
        where.put("CUSTCONT", customers);
    }

    /** The rows of each root table read (N). */
    public int rows() {
        return n;
    }

    /** Whether the subset knows {@code table} (every table a slice reads). */
    public boolean covers(String table) {
        return where.containsKey(table);
    }

    /** The condition on {@code table}'s rows; null when the table is read whole. */
    public String where(String table) {
        if (!where.containsKey(table)) throw new IllegalArgumentException("--limit does not know the AIM table " + table);
        return where.get(table);
    }

    /** The extraction SQL of {@code t} within the subset. */
    public String selectSql(SourceTable t) {
        return t.selectSql(where(t.name()));
    }

    /** The extraction SQL of {@code t} from a given key on (a read carrying on after a dropped connection), within the subset. */
    public String selectFromSql(SourceTable t) {
        return t.selectFromSql(where(t.name()));
    }

    /** The rows of {@code t} within the subset. */
    public String countSql(SourceTable t) {
        return t.countSql(where(t.name()));
    }

    private String first(String table, String key, String order) {
        return key + " IN (SELECT TOP (" + n + ") " + key + " FROM " + table + " ORDER BY " + order + ")";
    }

    private static String referenced(String column, String from, String condition) {
        return column + " IN (SELECT " + column + " FROM " + from + " WHERE " + condition + ")";
    }

    private static String or(String... conditions) {
        return "(" + String.join(" OR ", conditions) + ")";
    }
}
