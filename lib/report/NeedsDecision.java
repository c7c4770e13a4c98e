package lib.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.accounts.TableAccount;

/**
 * What a person has to decide on before sign-off: every reject class and every skip rule,
 * with its AIM table, rows and money, so a balanced run never hides money left behind.
 * Money is counted per AIM money column and table (not per rule): when one table has several
 * rules of one fate, their money is shown once, for the table.
 */
public final class NeedsDecision {
    private NeedsDecision() {}

    /**
     * One table's rows of one fate ("rejected" or "skipped"): rows per rule, the money of them all per AIM column, and per
     * rule those rejected alike in every value to another AIM row of their key.
     */
    public record Group(String table, String fate, Map<String, Long> rules, Map<String, BigDecimal> money, Map<String, Long> copies) {
        public long rows() {
            return rules.values().stream().mapToLong(Long::longValue).sum();
        }

        /** "AMOUNT $2,307.48, TAX $1.00", or "no money column" / "$0.00". */
        public String moneyText() {
            if (money.isEmpty()) return "no money column";
            List<String> parts = new ArrayList<>();
            money.forEach((col, c) -> {
                if (c.signum() != 0) parts.add(col + " " + Dollars.of(c));
            });
            return parts.isEmpty() ? "$0.00" : String.join(", ", parts);
        }
    }

    /** Every table's rejects, then every table's skips, in the order the slices ran. */
    public static List<Group> of(List<RunReport.SliceResult> slices) {
        List<Group> out = new ArrayList<>();
        for (String fate : List.of("rejected", "skipped")) {
            for (RunReport.SliceResult s : slices) {
                for (TableAccount t : s.tables()) {
                    Map<String, Long> rules = fate.equals("rejected") ? t.rejected : t.skipped;
                    if (rules.values().stream().allMatch(n -> n == 0)) continue;
                    Map<String, BigDecimal> money = new LinkedHashMap<>(); // dollars, exact: cents, or a unit cost's ten-thousandths
                    t.money.forEach((col, m) -> money.put(col, new BigDecimal((fate.equals("rejected") ? m.rejected : m.skipped).value(), m.decimals)));
                    out.add(new Group(t.source, fate, new LinkedHashMap<>(rules), money, fate.equals("rejected") ? t.rejectedCopies : Map.of()));
                }
            }
        }
        return out;
    }

    /** The rejected groups only. */
    public static List<Group> rejected(List<Group> groups) {
        return groups.stream().filter(g -> g.fate().equals("rejected")).toList();
    }

    /**
     * The clause the result line adds when rows were rejected, e.g. "25 rejected rows (TKTPAY.AMOUNT $2,307.48)
     * need a decision, see signoff.md"; empty when none were.
     */
    public static String headline(List<Group> groups) {
        return headline(groups, "see signoff.md");
    }

    /** As above, pointing to {@code where}. */
    static String headline(List<Group> groups, String where) {
        List<Group> rejected = rejected(groups);
        long rows = rejected.stream().mapToLong(Group::rows).sum();
        if (rows == 0) return "";
        List<String> money = new ArrayList<>();
        for (Group g : rejected) {
            g.money().forEach((col, c) -> {
                if (c.signum() != 0) money.add(g.table() + "." + col + " " + Dollars.of(c));
            });
        }
        String held = money.isEmpty() ? "" : " (" + String.join(", ", money.size() > 3 ? money.subList(0, 3) : money)
                + (money.size() > 3 ? ", ..." : "") + ")";
        return Plural.of(rows, "rejected row", "rejected rows") + held
                + (rows == 1 ? " needs" : " need") + " a decision, " + where;
    }
}
