package lib.source;

import static lib.source.AimFigures.byDay;
import static lib.source.AimFigures.cents;
import static lib.source.AimFigures.code;
import static lib.source.AimFigures.flag;
import static lib.source.AimFigures.month;
import static lib.source.AimFigures.spaced;

import java.util.List;
import java.util.Map;
import lib.rules.CodeKey;
import lib.source.AimFigures.Query;

/**
 * The AIM side of the figures of slice 4 (tickets and their payments), and of the last ticket number per store: plain
 * T-SQL on AIM as it is, as {@link AimFigures}. A voided ticket is no sale: AIM's own sales, tax and payment reports
 * leave it out, so these figures do, and the voided tickets and their payments are figures of their own.
 */
public final class AimSalesFigures {
    private AimSalesFigures() {}

    /**
     * A ticket voided in AIM, its VOIDED read as the toolkit reads it (blank: not voided), by its column's type
     * ({@link AimFigures#flag}). AIM's own sales and tax reports leave voided tickets out, and so do the sales, tax and
     * payments figures; the voided ones have figures of their own. The figures are built when a run has read the types.
     */
    static String voided(String ticket) {
        return flag(ticket, "TICKET", "VOIDED", false);
    }

    /**
     * A payment (alias p) of a voided ticket: given back with the void, so no drawer or deposit holds it. A payment whose
     * ticket AIM does not hold is no voided ticket's (it is rejected, and explains the payments figures). EXISTS, not a
     * join: a TICKET without its key declared could hold a ticket twice, and a join would count its payments twice.
     */
    static String ofVoidedTicket() {
        return "EXISTS (SELECT 1 FROM TICKET v WHERE v.STORE_NO = p.STORE_NO AND v.TICKET_NO = p.TICKET_NO AND " + voided("v") + ")";
    }

    /** Sales per store and local month: every ticket not voided, its TOTAL. */
    public static Query sales() {
        return byDay("FROM TICKET t WHERE NOT (" + voided("t") + ")", List.of("t.STORE_NO", month("t.TICKET_DATE")),
                cents("t.TOTAL"), List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
    }

    /** Payments per store and local month (the payment's own store and time, as AIM holds them), those of voided tickets left out. */
    public static Query paymentsByStore() {
        return byDay("FROM TKTPAY p WHERE NOT " + ofVoidedTicket(), List.of("p.STORE_NO", month("p.PAID_AT")),
                cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"));
    }

    /** The voided tickets per store: their TOTAL ({@code amount} "TOTAL") or their TAX. */
    public static Query voidedTickets(String amount) {
        return new Query("FROM TICKET t WHERE " + voided("t"), List.of("t.STORE_NO"), cents("t." + amount),
                List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
    }

    /** The payments of voided tickets per store (the payment's own store). */
    public static Query voidedPayments() {
        return new Query("FROM TKTPAY p WHERE " + ofVoidedTicket(), List.of("p.STORE_NO"), cents("p.AMOUNT"),
                List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"));
    }

    /** Tax collected per store: the TAX of every ticket not voided, as the sales figure counts them. */
    public static Query tax() {
        return new Query("FROM TICKET t WHERE NOT (" + voided("t") + ")", List.of("t.STORE_NO"), cents("t.TAX"),
                List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
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
        String codesDefined = "(SELECT DISTINCT " + paytype + " AS CODE FROM PAYTYPE)", methods = codesDefined + " m";
        // On H2 each payment comes as it is, counted 1, its method the code when PAYTYPE holds it (an IN that H2 reads
        // once), and the days are summed as their months are worked out (as byDay): the same rows and sums as the join
        // per payment, which H2 runs as a new DISTINCT for every payment (6-10 s at scale 10), and as grouping by code and
        // day, which H2 does in a sorted tree (20,429 groups at scale 10: 1.1 s, against 0.45 s). On the TDS server the
        // join is the faster (its first run in a session 0.9 s less), so SQL Server keeps it.
        String h2Totals = "SELECT CASE WHEN " + payment + " IN (SELECT " + paytype + " FROM PAYTYPE) THEN " + payment + " ELSE '' END, "
                + month("p.PAID_AT") + ", 1, " + cents("p.AMOUNT") + " FROM TKTPAY p WHERE NOT " + ofVoidedTicket();
        // The totals find the method of each code the payments hold, once (a handful), and join the payments to it by that
        // code as it is: the trimming and upper-casing of every payment's code cost the TDS server 0.5-0.9 s at scale 1
        // (25,000 payments), the whole statement 0.06-0.1 s this way. A lookup of a few rejected rows keeps the join per row.
        String raw = "PAY_CODE" + (collate == null ? "" : " COLLATE " + collate);
        String methodOfCode = "(SELECT r.RAW, k.CODE FROM (SELECT DISTINCT " + raw + " AS RAW FROM TKTPAY) r JOIN "
                + codesDefined + " k ON k.CODE = " + lookedUp("r.RAW", codes) + ") m";
        return new Query("FROM TKTPAY p LEFT JOIN " + methods + " ON m.CODE = " + payment
                + " WHERE NOT " + ofVoidedTicket(), List.of("COALESCE(m.CODE, '')", month("p.PAID_AT")),
                cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p"), null, null, h2Totals,
                "FROM TKTPAY p LEFT JOIN " + methodOfCode + " ON m.RAW = p." + raw + " WHERE NOT " + ofVoidedTicket());
    }

    /**
     * A code the toolkit looks up (a payment's PAY_CODE), compared as it compares it: trimmed as Java's strip() trims it
     * ({@link AimFigures#spaced}), and as its collation says.
     */
    static String lookedUp(String column, CodeKey codes) {
        return code(spaced(column), codes);
    }
}
