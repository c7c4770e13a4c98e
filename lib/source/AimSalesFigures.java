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
     * A payment (alias p) with each copy of its ticket (alias v) AIM holds, those of a voided copy (given back with the void,
     * so no drawer or deposit holds them) in the voided tickets' payments, the others in the payments figures. Where TICKET
     * keeps its primary key that is one copy, and a payment whose ticket AIM does not hold is no voided ticket's (rejected,
     * it explains the payments figures).
     *
     * <p>A TICKET whose key was dropped can hold a ticket twice, once voided and once not, and nothing in AIM says which is
     * the ticket. AIM's own reports join the payments to the tickets, so each copy's VOIDED counts, for its own copy: a
     * payment is counted once with each, in the figure that copy puts it in. The toolkit loads one copy (the one whose
     * values sort first, lib.source.KeyTies), its payments with it, and rejects the others (id_collision); each rejected
     * copy, told apart by its values in rejects/TICKET.csv, explains the payments it put in a figure, which Helm holds with
     * the loaded copy only ({@link Query#withCopiesOf}): the figures balance whichever copy was loaded, with no rule of the
     * toolkit's on this side. An EXISTS of a voided copy took them as a voided ticket's whichever copy was loaded, and where
     * it was the copy not voided, Helm's payments and AIM's voided payments differed by them and the run failed (exit 1).
     */
    private static final String WITH_TICKET = "FROM TKTPAY p LEFT JOIN TICKET v ON v.STORE_NO = p.STORE_NO AND v.TICKET_NO = p.TICKET_NO WHERE ";

    /** The payments figures' query, TICKET's rejected copies explaining it where AIM holds their ticket more than once. */
    private static Query withCopies(Query q) {
        return q.withCopiesOf("TICKET", "v");
    }

    /** Sales per store and local month: every ticket not voided, its TOTAL. */
    public static Query sales() {
        return byDay("FROM TICKET t WHERE NOT (" + voided("t") + ")", List.of("t.STORE_NO", month("t.TICKET_DATE")),
                cents("t.TOTAL"), List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
    }

    /** Payments per store and local month (the payment's own store and time, as AIM holds them), those of voided tickets left out. */
    public static Query paymentsByStore() {
        return withCopies(byDay(WITH_TICKET + "NOT (" + voided("v") + ")", List.of("p.STORE_NO", month("p.PAID_AT")),
                cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p")));
    }

    /** The voided tickets per store: their TOTAL ({@code amount} "TOTAL") or their TAX. */
    public static Query voidedTickets(String amount) {
        return new Query("FROM TICKET t WHERE " + voided("t"), List.of("t.STORE_NO"), cents("t." + amount),
                List.of("t.STORE_NO", "t.TICKET_NO"), Map.of("TICKET", "t"));
    }

    /** The payments of voided tickets per store (the payment's own store). */
    public static Query voidedPayments() {
        return withCopies(new Query(WITH_TICKET + voided("v"), List.of("p.STORE_NO"), cents("p.AMOUNT"),
                List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"), Map.of("TKTPAY", "p")));
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
        String from = WITH_TICKET + "NOT (" + voided("v") + ")";
        String h2Totals = "SELECT " + code + ", " + month("p.PAID_AT") + ", 1, " + cents("p.AMOUNT") + " " + from;
        return withCopies(new Query(from, List.of(code, month("p.PAID_AT")), cents("p.AMOUNT"), List.of("p.STORE_NO", "p.TICKET_NO", "p.PAY_SEQ"),
                Map.of("TKTPAY", "p"), null, null, h2Totals, new PaymentMethods("SELECT PAY_CODE FROM PAYTYPE", codes)));
    }
}
