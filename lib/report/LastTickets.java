package lib.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import lib.source.AimSalesFigures;
import lib.target.HelmFigures;

/**
 * The last ticket number per store, on AIM and in Helm: where Helm's next ticket number
 * must start, and a figure the owner can check against the till's last receipt. Not a
 * balance (a maximum is not a sum): a store whose numbers differ is listed as needing a decision.
 */
public final class LastTickets {
    private LastTickets() {}

    /** One store: its tickets and highest ticket number on each side (null when the side has none). */
    public record Store(String store, long aimTickets, Long aimLast, long helmTickets, Long helmLast) {
        public boolean same() {
            return aimTickets == helmTickets && java.util.Objects.equals(aimLast, helmLast);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store", store);
            m.put("aim_tickets", aimTickets);
            m.put("aim_last_ticket", aimLast);
            m.put("helm_tickets", helmTickets);
            m.put("helm_last_ticket", helmLast);
            return m;
        }
    }

    public static List<Store> compute(Connection aim, Connection helm) throws SQLException {
        return compute(aimSide(aim), helm);
    }

    /** AIM's tickets and highest ticket number per store: plain SQL that needs nothing of the run, so it can be read early. */
    public static Map<String, long[]> aimSide(Connection aim) throws SQLException {
        return read(aim, AimSalesFigures.LAST_TICKET);
    }

    /** As above, with AIM's side already read. */
    public static List<Store> compute(Map<String, long[]> a, Connection helm) throws SQLException {
        Map<String, long[]> h = read(helm, HelmFigures.LAST_TICKET);
        TreeMap<String, Store> out = new TreeMap<>(LastTickets::byStore);
        for (String s : a.keySet()) out.put(s, null);
        for (String s : h.keySet()) out.put(s, null);
        out.replaceAll((s, x) -> new Store(s, a.containsKey(s) ? a.get(s)[0] : 0, a.containsKey(s) ? a.get(s)[1] : null,
                h.containsKey(s) ? h.get(s)[0] : 0, h.containsKey(s) ? h.get(s)[1] : null));
        return new ArrayList<>(out.values());
    }

    public static List<Object> json(List<Store> stores) {
        List<Object> out = new ArrayList<>();
        stores.forEach(s -> out.add(s.toJson()));
        return out;
    }

    /** A store code that is a number (a long, whatever its digits). */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");

    /** Numeric store codes in numeric order, then the others as text (a comparator: the pattern compiled once, not twice a comparison). */
    static int byStore(String a, String b) {
        boolean na = NUMBER.matcher(a).matches(), nb = NUMBER.matcher(b).matches();
        if (na && nb) return Long.compare(Long.parseLong(a), Long.parseLong(b));
        return na ? -1 : nb ? 1 : a.compareTo(b);
    }

    private static Map<String, long[]> read(Connection db, String sql) throws SQLException {
        Map<String, long[]> out = new TreeMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object store = rs.getObject(1);
                out.put(store == null ? "(none)" : store.toString().strip(), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }
}
