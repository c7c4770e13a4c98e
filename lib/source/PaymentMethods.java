package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lib.rules.CodeKey;

/**
 * The method of a payment, found by the toolkit from the code AIM wrote on it: the PAYTYPE code ({@code definedSql}
 * lists them) that is the same code under {@code codes}, as Helm's payment_method_id is found (CodeKey), else none
 * (""). AIM's side of the payments per method gives each payment's code as it is, and the method is found here
 * (lib.source.AimSalesFigures#payments): found on the server, it cost the TDS server 0.6-0.9 s on every run.
 */
public record PaymentMethods(String definedSql, CodeKey codes) {
    /** The codes PAYTYPE defines, as {@code codes} reads them. */
    public Set<String> defined(Connection aim) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = aim.createStatement(); ResultSet rs = st.executeQuery(definedSql)) {
            while (rs.next()) {
                String c = codes.of(rs.getString(1));
                if (c != null) out.add(c);
            }
        }
        return out;
    }

    /** The methods of the codes {@code aim} gives, PAYTYPE's codes read when the first is asked for (none for a lookup that finds no row). */
    public Finder finder(Connection aim) {
        return new Finder(this, aim);
    }

    /** Finds the method of each code one connection gives, each code once. */
    public static final class Finder {
        private final PaymentMethods methods;
        private final Connection aim;
        private final Map<Object, String> found = new HashMap<>();
        private Set<String> defined;

        private Finder(PaymentMethods methods, Connection aim) {
            this.methods = methods;
            this.aim = aim;
        }

        /** The method of a payment's code as AIM gave it: "" for none, or a code PAYTYPE does not define. */
        public String of(Object code) throws SQLException {
            if (code == null) return "";
            String method = found.get(code);
            if (method != null) return method;
            if (defined == null) defined = methods.defined(aim);
            method = methods.of(code, defined);
            found.put(code, method);
            return method;
        }
    }

    /** A payment's method: its code as {@code codes} reads it when PAYTYPE defines that code, else "" (none, or an unknown one). */
    public String of(Object code, Set<String> defined) {
        String c = code == null ? null : codes.of(code.toString());
        return c != null && defined.contains(c) ? c : "";
    }
}
