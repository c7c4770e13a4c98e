package lib.slices;

import java.util.Map;
import java.util.Set;
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
    static Long ref(IdSet loaded, Integer key, String rule, Tally tally) {
        if (key == null) return null;
        long id = LegacyId.of(key);
        if (loaded.contains(id)) return id;
        tally.add(rule, null);
        return null;
    }

    /**
     * The Helm id of an AIM tax, payment or category code: codes that are the same code
     * under AIM's collation ({@link CodeKey}: 'cash ' and 'CASH') get the same id.
     */
    public static long codeId(String aimTable, String code) {
        String key = CodeKey.source().of(code);
        if (key == null) return LegacyId.ofText(aimTable, null);
        // A code is on many rows (every line's tax code, every payment's method): its id is a hash worked out once.
        Map<String, Long> ids = CODE_IDS.computeIfAbsent(aimTable, t -> new ConcurrentHashMap<>());
        Long id = ids.get(key);
        if (id != null) return id;
        id = LegacyId.ofText(aimTable, key);
        if (ids.size() < CODES_KEPT) ids.put(key, id);
        return id;
    }

    /**
     * Takes the code a row is known by (a tax, payment or category code, a gift card number), which its Helm id is made from:
     * a code that is the same code as an earlier row's under the toolkit's comparison ({@link CodeKey}: trimmed, and
     * without case unless AIM's collation has it; ' ZP' and 'ZP' are two keys to SQL Server, one code to AIM's
     * LTRIM/RTRIM'd lookups and figures) would be the same Helm row, so the later row is rejected with the reason.
     */
    static void uniqueCode(String code, String raw, String column, Set<String> seen) throws RuleException {
        if (!seen.add(CodeKey.source().of(code))) {
            throw new RuleException("duplicate_code", column + " '" + raw + "' is the same code as an earlier row's once trimmed"
                    + (CodeKey.source().caseSensitive() ? "" : " and compared without case") + " (AIM's collation)");
        }
    }

    /** The ids of the codes met so far, by AIM table: a pure function's answers, so never stale. */
    private static final Map<String, Map<String, Long>> CODE_IDS = new ConcurrentHashMap<>();
    /** Codes are few; a table of free text used as codes stops being remembered here. */
    private static final int CODES_KEPT = 10_000;

    /** The Helm id of an AIM ticket (store, ticket number). */
    public static long saleId(int store, int ticket) {
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
