package lib.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.accounts.Cents;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation.Metric;
import lib.rules.CodeKey;
import lib.source.PaymentMethods;
import lib.target.HelmDatabase;
import lib.target.HelmFigures;

/**
 * A figure's statement read into lines: rows and amounts summed per key as they are read (a store and month: AIM's
 * days, or on H2 its rows, as their months), then per key as shown. Exact at any size: MONEY's largest amount is
 * 9.2e16 cents, so a hundred of them sum beyond a long; a sum goes on as a BigInteger there, never wrapping.
 */
final class FigureSums {
    private FigureSums() {}

    /** One key's running sums. */
    private static final class Sum {
        long rows;
        final Cents amount = new Cents();
    }

    /** AIM's side of a figure, or Helm's ({@link #helm}), from a statement giving key parts, a row count and an amount. */
    static Map<String, Figure> read(Connection db, Metric m, String sql) throws SQLException {
        return read(db, m, sql, null, false);
    }

    /** As above, with the method key (a payment's code as AIM wrote it) made the method the toolkit finds for it. */
    static Map<String, Figure> read(Connection db, Metric m, String sql, PaymentMethods.Finder method) throws SQLException {
        return read(db, m, sql, method, false);
    }

    /**
     * Helm's side. SQLite sums integers as a long and stops past it ("integer overflow"); the figure is then read
     * again with its amount summed in two halves ({@link HelmFigures#inHalves}), which no shop's rows can overflow.
     */
    static Map<String, Figure> helm(Connection helm, Metric m) throws SQLException {
        try {
            return read(helm, m, m.helmSql(), null, false);
        } catch (SQLException e) {
            if (!HelmDatabase.overflowed(e)) throw e;
            return read(helm, m, HelmFigures.inHalves(m.helmSql()), null, true);
        }
    }

    private static Map<String, Figure> read(Connection db, Metric m, String sql, PaymentMethods.Finder method, boolean halves) throws SQLException {
        Map<List<Object>, Sum> raw = new HashMap<>();
        int k = m.keyNames().size();
        boolean[] month = new boolean[k], isMethod = new boolean[k];
        for (int i = 0; i < k; i++) {
            month[i] = m.keyNames().get(i).equals("month");
            isMethod[i] = method != null && m.keyNames().get(i).equals("method");
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] parts = new Object[k];
                for (int i = 0; i < k; i++) {
                    parts[i] = month[i] ? Months.of(rs.getObject(i + 1)) : isMethod[i] ? method.of(rs.getObject(i + 1)) : rs.getObject(i + 1);
                }
                Sum sum = raw.computeIfAbsent(Arrays.asList(parts), p -> new Sum());
                sum.rows += rs.getLong(k + 1);
                if (halves) {
                    sum.amount.add(HelmDatabase.joined(rs.getLong(k + 2), rs.getLong(k + 3)));
                } else {
                    sum.amount.add(whole(rs.getObject(k + 2))); // a long, or a SUM (or a row's) DECIMAL cents; NULL sums no row
                }
            }
        }
        Map<String, Figure> out = new TreeMap<>();
        raw.forEach((parts, sum) -> out.merge(key(m, parts), new Figure(sum.rows, sum.amount.value()), (a, b) -> a.plus(b.rows(), b.amount())));
        return out;
    }

    /** {@code parts} with the key "method" (a payment's code as AIM wrote it) made the method {@code method} finds; as they are when null. */
    static List<Object> withMethod(Metric m, List<Object> parts, PaymentMethods.Finder method) throws SQLException {
        if (method == null) return parts;
        List<Object> out = new ArrayList<>(parts);
        for (int i = 0; i < out.size(); i++) if (m.keyNames().get(i).equals("method")) out.set(i, method.of(out.get(i)));
        return out;
    }

    /** An amount as read: a long, or DECIMAL cents (whole, whatever their scale); 0 for NULL. */
    static java.math.BigInteger whole(Object v) {
        if (v instanceof BigDecimal d) return d.toBigIntegerExact();
        return v == null ? java.math.BigInteger.ZERO : java.math.BigInteger.valueOf(((Number) v).longValue());
    }

    /** A line's key as shown: "store 1, month 2024-01". */
    static String key(Metric m, List<Object> parts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Object v = parts.get(i);
            String s = v == null ? "" : v.toString().strip();
            // A method is a code: the same code on both sides however AIM spelled it ('cash ', 'CASH' unless PAY_CODE has case).
            if (m.keyNames().get(i).equals("method") && !s.isEmpty()) s = CodeKey.column("PAYTYPE", "PAY_CODE").of(s);
            if (m.keyNames().get(i).equals("month")) s = Months.label(v);
            out.add(m.keyNames().get(i) + " " + (s.isEmpty() ? "(none)" : s));
        }
        return String.join(", ", out);
    }
}
