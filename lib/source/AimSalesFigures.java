package lib.source;

import static lib.source.AimFigures.byDay;
import static lib.source.AimFigures.cents;
import static lib.source.AimFigures.code;
import static lib.source.AimFigures.flag;
import static lib.source.AimFigures.month;

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
     * as the toolkit's lookups do: lib.slices.References.codeId). Where TKTPAY.PAY_CODE has another collation, the
     * payments are grouped by their code in PAYTYPE.PAY_CODE's, with a COLLATE: in TKTPAY's own, a case-insensitive one
     * would make 'cash' and 'CASH' one group, under either spelling, where PAYTYPE's case-sensitive codes tell them apart.
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
     *
     * <p>AIM gives each payment's code as it is (the totals: each code the payments hold, one group each in that
     * collation, a handful), and the toolkit finds its method ({@link PaymentMethods}), in the totals and in a lookup of
     * rejected rows alike. Found on the server, each payment's code trimmed and upper-cased (nine REPLACEs, LTRIM, RTRIM,
     * UPPER) and joined to PAYTYPE's, it cost the TDS server 0.5-0.9 s at scale 1, then, for each code the payments hold
     * once, 0.6 s to plan the first time a session sent it, and a lookup's join per row 0.2 s more; grouped by the code
     * as it is, 0.05 s. On H2 each payment comes as it is, counted 1, and the days are summed as their months are worked
     * out (as byDay): H2 groups by code and day in a sorted tree (20,429 groups at scale 10: 1.1 s, against 0.45 s).
     */
    public static Query payments(CodeKey codes, String collate) {
        String code = "p.PAY_CODE" + (collate == null ? "" : " COLLATE " + collate);
        String from = "FROM TKTPAY p WHERE NOT " + ofVoidedTicket();
        String h2Totals = "SELECT " + code + ", " + month("p.PAID_AT") + ", 1, " + cents("p.AMOUNT") + " " + from;
        return new Query(from, List.of(code, month("p.PAID_AT")), cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"),
                Map.of("TKTPAY", "p"), null, null, h2Totals, new PaymentMethods("SELECT PAY_CODE FROM PAYTYPE", codes));
    }
}
