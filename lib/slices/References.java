package lib.slices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import lib.rules.CodeKey;
import lib.rules.LegacyId;
import lib.rules.RuleException;
import lib.rules.Tally;
import lib.rules.Text;

/**
 * How a slice points at rows another slice loaded: the Helm ids of AIM codes and
 * tickets, and references that become NULL (with the rule counted) when the row
 * they name was never loaded.
 */
public final class References {
    private References() {}

    /** A reference to an earlier row: its id when loaded, else NULL with the rule counted. */
    static Long ref(IdSet loaded, Long key, String rule, Tally tally) {
        if (key == null) return null;
        long id = LegacyId.of(key);
        if (loaded.contains(id)) return id;
        tally.add(rule, null);
        return null;
    }

    /**
     * The Helm id of an AIM tax, payment or category code: codes that are the same code under the collation of the
     * column that defines them ({@link #definedIn}; {@link CodeKey}: 'cash ' and 'CASH' unless it has case) get the
     * same id, wherever the code is named (a payment's PAY_CODE compares as PAYTYPE.PAY_CODE says).
     */
    public static long codeId(String aimTable, String code) {
        String key = CodeKey.column(aimTable, definedIn(aimTable)).of(code);
        if (key == null) return LegacyId.ofText(aimTable, null);
        // A code is on many rows (every line's tax code, every payment's method): its id is a hash worked out once.
        Map<String, Long> ids = CODE_IDS.computeIfAbsent(aimTable, t -> new ConcurrentHashMap<>());
        Long id = ids.get(key);
        if (id != null) return id;
        id = LegacyId.ofText(aimTable, key);
        if (ids.size() < CODES_KEPT) ids.put(key, id);
        return id;
    }

    /** The column of an AIM code table that holds its codes, whose collation decides which codes are one. */
    public static String definedIn(String aimTable) {
        return switch (aimTable) {
            case "PAYTYPE" -> "PAY_CODE";
            case "TAXRATE" -> "TAX_CODE";
            case "CATEGORY" -> "CAT_CODE";
            default -> throw new IllegalArgumentException("no code table " + aimTable);
        };
    }

    /**
     * Which rows of a table keep the code they are known by (a tax, payment or category code, a gift card number), which
     * their Helm id is made from: codes that are the same under the toolkit's comparison ({@link CodeKey}: trimmed, and
     * without case unless AIM's collation has it) would be one Helm row. ' TX1' and 'TX1' are two keys to SQL Server, whose
     * = ignores trailing spaces only: a line's TAX_CODE 'TX1' means the row written 'TX1'. So a code written as SQL
     * Server's = matches it (nothing before it, only spaces after) keeps it, wherever its row sorts; among rows alike the
     * first. {@code raw}: each row's code as read; {@code takes}: false for a row that holds none (the target refuses it
     * anyway). Returns the rows that lose, by index, with the reason; {@code held} gets the codes kept.
     */
    static Map<Integer, String> codeContest(List<String> raw, List<Boolean> takes, CodeKey codes, String column, Set<String> held) {
        Map<Integer, String> lost = new TreeMap<>();
        Map<String, String> holder = new HashMap<>();
        for (boolean exactPass : new boolean[] {true, false}) {
            for (int i = 0; i < raw.size(); i++) {
                if (!takes.get(i) || exact(raw.get(i)) != exactPass) continue;
                String reason = take(holder, raw.get(i), codes, column);
                if (reason != null) lost.put(i, reason);
            }
        }
        held.addAll(holder.keySet());
        return lost;
    }

    /**
     * Takes {@code raw}'s code for its row, or says why not: the code {@code holder} already gives another row (by the
     * code as compared, the code as that row wrote it), compared as {@code codes}, {@code column}'s collation, says.
     * Rows written exactly take theirs first ({@link #codeContest}).
     */
    static String take(Map<String, String> holder, String raw, CodeKey codes, String column) {
        String first = holder.putIfAbsent(codes.of(raw), raw);
        if (first == null) return null;
        return column + " '" + raw + "' is the same code as '" + first + "' once trimmed"
                + (codes.caseSensitive() ? "" : " and compared without case") + " (" + codes.whose(column) + "); '" + first
                + "' keeps it" + (exact(raw) ? "" : ", written as SQL Server's = matches it");
    }

    /** A code written as SQL Server's = matches it: nothing before it, nothing after it but spaces. */
    static boolean exact(String raw) {
        int end = raw.length();
        while (end > 0 && raw.charAt(end - 1) == ' ') end--;
        String kept = raw.substring(0, end);
        return kept.equals(kept.strip());
    }

    /** The ids of the codes met so far, by AIM table: a pure function's answers, so never stale. */
    private static final Map<String, Map<String, Long>> CODE_IDS = new ConcurrentHashMap<>();
    /** Codes are few; a table of free text used as codes stops being remembered here. */
    private static final int CODES_KEPT = 10_000;

    /** The Helm id of an AIM ticket (store, ticket number). */
    public static long saleId(long store, long ticket) {
        return LegacyId.child(store, ticket, 1_000_000_000L);
    }

    /** The Helm id of a payment method code, if it was loaded; else NULL with orphan_payment_method counted. */
    static Long method(IdSet methods, String payCode, Tally tally) {
        String code = Text.padded(payCode, tally);
        if (code == null) return null;
        long id = codeId("PAYTYPE", code);
        if (methods.contains(id)) return id;
        tally.add("orphan_payment_method", null);
        return null;
    }
}
