package lib.target;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * The Helm side of the business figures: SQL on helm.sqlite, each giving its key
 * parts, a row count and an amount. Months are the shop's local months: the local
 * month starting last at or before the UTC instant, or the instant shifted by the shop
 * zone's offset at that instant, from tables the zone's rules give (not the toolkit's date rule).
 */
public final class HelmFigures {
    private HelmFigures() {}

    /**
     * The local month as YYYYMM of a UTC instant column, 0 for NULL; needs {@link #shopOffsets}. From 1900 to 2099, the
     * month whose first local instant is the last at or before it (one index lookup a row); before and after, the
     * instant shifted by the zone's offset then and formatted (a lookup, a date parse and a format a row: at scale 10
     * the sales and payments figures took 0.53 s so, 0.21-0.40 s with the months).
     */
    public static String month(String column) {
        return "COALESCE((SELECT m.month FROM temp.shop_months m WHERE m.from_utc <= " + column + " ORDER BY m.from_utc DESC LIMIT 1), "
                + "CAST(strftime('%Y%m', datetime(" + column + ", (SELECT o.offset_seconds FROM temp.shop_offsets o WHERE o.from_utc <= "
                + column + " ORDER BY o.from_utc DESC LIMIT 1) || ' seconds')) AS INTEGER), 0)";
    }

    /** AIM's key as written in legacy_key ("TABLE:key"). */
    static String legacy(String column) {
        return "substr(" + column + ", instr(" + column + ", ':') + 1)";
    }

    /** Sales, tax and payments leave voided sales out (is_void), as AIM's own reports do; the voided ones are figures of their own. */
    public static final String SALES = "SELECT " + legacy("st.legacy_key") + ", " + month("s.sold_at") + ", COUNT(*), SUM(s.total_cents)"
            + " FROM sales s JOIN stores st ON st.id = s.store_id WHERE s.is_void = 0 GROUP BY 1, 2";
    public static final String PAYMENTS = "SELECT COALESCE(" + legacy("m.legacy_key") + ", ''), " + month("p.paid_at")
            + ", COUNT(*), SUM(p.amount_cents) FROM sale_payments p JOIN sales s ON s.id = p.sale_id"
            + " LEFT JOIN payment_methods m ON m.id = p.payment_method_id WHERE s.is_void = 0 GROUP BY 1, 2";
    /** Each payment of the "(none)" method in {@link #PAYMENTS} (no method, ticket not voided): its legacy key and amount. */
    public static final String NO_METHOD_PAYMENTS = "SELECT p.legacy_key, p.amount_cents FROM sale_payments p JOIN sales s ON s.id = p.sale_id"
            + " WHERE s.is_void = 0 AND p.payment_method_id IS NULL";
    public static final String PAYMENTS_BY_STORE = "SELECT " + legacy("st.legacy_key") + ", " + month("p.paid_at") + ", COUNT(*), SUM(p.amount_cents)"
            + " FROM sale_payments p JOIN sales s ON s.id = p.sale_id JOIN stores st ON st.id = s.store_id WHERE s.is_void = 0 GROUP BY 1, 2";
    /** The voided sales per store: their total ({@code column} total_cents) or their tax (tax_cents). */
    public static String voided(String column) {
        return "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(s." + column + ") FROM sales s JOIN stores st ON st.id = s.store_id"
                + " WHERE s.is_void = 1 GROUP BY 1";
    }

    public static final String VOIDED_PAYMENTS = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(p.amount_cents) FROM sale_payments p"
            + " JOIN sales s ON s.id = p.sale_id JOIN stores st ON st.id = s.store_id WHERE s.is_void = 1 GROUP BY 1";
    /** Tickets and the highest ticket number per store, as {@code AimSalesFigures.LAST_TICKET} on AIM. */
    public static final String LAST_TICKET = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), MAX(s.ticket_no) FROM sales s"
            + " JOIN stores st ON st.id = s.store_id GROUP BY 1";
    public static final String OPEN_ACCOUNTS = "SELECT 'open', COUNT(*), SUM(balance_cents) FROM house_accounts WHERE status = 'open' GROUP BY 1";
    public static final String STOCK = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(l.on_hand) FROM stock_levels l"
            + " JOIN stores st ON st.id = l.store_id GROUP BY 1";
    public static final String ACTIVE_RENTALS = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(c.monthly_rate_cents) FROM rental_contracts c"
            + " JOIN stores st ON st.id = c.store_id WHERE c.status = 'active' GROUP BY 1";
    public static final String RENTAL_PAID = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(p.amount_cents) FROM rental_payments p"
            + " JOIN rental_contracts c ON c.id = p.contract_id JOIN stores st ON st.id = c.store_id WHERE c.status = 'active' GROUP BY 1";

    public static final String TAX = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(s.tax_cents) FROM sales s"
            + " JOIN stores st ON st.id = s.store_id WHERE s.is_void = 0 GROUP BY 1";
    public static final String GIFT_CARDS = "SELECT CASE WHEN is_active = 1 THEN 'active' ELSE 'inactive' END, COUNT(*), SUM(balance_cents)"
            + " FROM gift_cards GROUP BY 1";
    public static final String LAYAWAY_PAID = "SELECT l.status, COUNT(*), SUM(p.amount_cents) FROM layaway_payments p"
            + " JOIN layaways l ON l.id = p.layaway_id WHERE l.status IN ('open', 'cancelled') GROUP BY 1";
    public static final String ORDER_DEPOSITS = "SELECT " + legacy("st.legacy_key") + ", COUNT(*), SUM(o.deposit_cents) FROM special_orders o"
            + " JOIN stores st ON st.id = o.store_id WHERE o.status IN ('open', 'received') GROUP BY 1";
    /** Every repair not picked up, per store and status. */
    public static final String OPEN_REPAIRS = "SELECT " + legacy("st.legacy_key") + ", r.status, COUNT(*), SUM(r.estimate_cents) FROM repair_orders r"
            + " JOIN stores st ON st.id = r.store_id WHERE r.status <> 'picked_up' GROUP BY 1, 2";
    /**
     * A figure's statement with its SUM as two that no shop's rows can overflow ({@link HelmDatabase#sumInHalves}),
     * for when SQLite stops the plain one past a long ({@link HelmDatabase#overflowed}).
     */
    public static String inHalves(String sql) {
        java.util.regex.Matcher sum = java.util.regex.Pattern.compile("SUM\\(([^()]+)\\)").matcher(sql);
        if (!sum.find()) throw new IllegalArgumentException("no SUM to split: " + sql);
        return sql.substring(0, sum.start()) + HelmDatabase.sumInHalves(sum.group(1)) + sql.substring(sum.end());
    }

    /** The shop zone's UTC offsets from each transition on, for the local months; {@link #dropShopOffsets} when done. */
    public static void shopOffsets(Connection helm, ZoneId zone) throws SQLException {
        try (Statement st = helm.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_offsets");
            st.executeUpdate("CREATE TEMP TABLE shop_offsets (from_utc TEXT PRIMARY KEY, offset_seconds INTEGER NOT NULL)");
        }
        try (PreparedStatement ins = helm.prepareStatement("INSERT INTO temp.shop_offsets VALUES (?, ?)")) {
            Instant from = Instant.parse("1900-01-01T00:00:00Z");
            ins.setString(1, "0000-01-01T00:00:00Z");
            ins.setLong(2, zone.getRules().getOffset(from).getTotalSeconds());
            ins.addBatch();
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(from); t != null && t.getInstant().isBefore(Instant.parse("2100-01-01T00:00:00Z"));
                 t = zone.getRules().nextTransition(t.getInstant())) {
                ins.setString(1, t.getInstant().toString());
                ins.setLong(2, t.getOffsetAfter().getTotalSeconds());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (Statement st = helm.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_months");
            st.executeUpdate("CREATE TEMP TABLE shop_months (from_utc TEXT PRIMARY KEY, month INTEGER)");
        }
        // Each local month's first instant (its first day's start, where a clock change may skip midnight), 1900-01 to
        // 2099-12; from 2100-01 on, no month (NULL): the offsets decide, as they do before 1900.
        try (PreparedStatement ins = helm.prepareStatement("INSERT INTO temp.shop_months VALUES (?, ?)")) {
            for (YearMonth m = YearMonth.of(1900, 1); !m.isAfter(YearMonth.of(2100, 1)); m = m.plusMonths(1)) {
                ins.setString(1, m.atDay(1).atStartOfDay(zone).toInstant().toString());
                if (m.getYear() < 2100) ins.setLong(2, m.getYear() * 100L + m.getMonthValue());
                else ins.setNull(2, java.sql.Types.INTEGER);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    public static void dropShopOffsets(Connection helm) throws SQLException {
        try (Statement st = helm.createStatement()) {
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_offsets");
            st.executeUpdate("DROP TABLE IF EXISTS temp.shop_months");
        }
    }
}
