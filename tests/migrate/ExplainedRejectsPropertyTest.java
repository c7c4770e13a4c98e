package tests.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import lib.accounts.Rejects;
import lib.report.BusinessReconciliation.Figure;
import lib.report.BusinessReconciliation;
import lib.sample.SampleDatabase;
import lib.slices.Slices;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tests.support.CountingConnection;
import tests.support.TestSupport;

/**
 * What the rejects explain (BusinessReconciliation.explainedAll), against a model of the rule in plain Java: small
 * TICKET / TKTPAY / PAYTYPE contents, each table with its primary key or without (a key then held once, twice or three
 * times), and the rejected rows as a load lists them (every copy but one of a key held more than once as id_collision,
 * and others: a ticket's store rejected with its payments, orphan payments). A figure's row is explained when its own
 * row of the table is rejected, or (the payments) when its ticket's copy is rejected and AIM holds that ticket more than
 * once: AIM counts a payment once with each copy of its ticket, Helm once with the copy loaded. Large tries (more than
 * 50 rejected keys) of a table without its key take ExplainedScan's one pass, the others the lookups by key.
 */
@Tag("slow")
public class ExplainedRejectsPropertyTest {
    /** A copy of a ticket: its day (from 2024-01-01), VOIDED, and TAX and TOTAL in ten-thousandths of a dollar (MONEY). */
    record Copy(int day, String voided, int tax, int total) {}

    /** A ticket key of {@code store}: its copies, the one loaded ({@code loaded} modulo their number), and whether that one is rejected too. */
    record Ticket(int store, List<Copy> copies, int loaded, boolean storeRejected) {}

    /** A copy of a payment: its code (PAYTYPE holds CASH and VISA), its day or null, its AMOUNT in ten-thousandths or null. */
    record Pay(String code, Integer day, Integer amount) {}

    /** A payment key of ticket {@code ticket} (an index; past the last: an orphan), its copies, the one loaded, and whether it is rejected too. */
    record Payment(int ticket, List<Pay> copies, int loaded, boolean rejected) {}

    record Shop(boolean ticketKeyed, boolean payKeyed, List<Ticket> tickets, List<Payment> payments) {
        Ticket ticketOf(Payment p) {
            return p.ticket() < tickets.size() ? tickets.get(p.ticket()) : null;
        }

        /** Payment {@code i}'s key: its ticket's, or an orphan's of store 1, and PAY_SEQ i + 1. */
        int[] key(int i) {
            Payment p = payments.get(i);
            Ticket t = ticketOf(p);
            return t == null ? new int[] {1, 9000 + i, i + 1} : new int[] {t.store(), 100 + p.ticket(), i + 1};
        }

        boolean ticketRejected(Ticket t, int copy) {
            return t.storeRejected() || copy != t.loaded() % t.copies().size();
        }

        boolean payRejected(Payment p, int copy) {
            Ticket t = ticketOf(p);
            return p.rejected() || t == null || t.storeRejected() || copy != p.loaded() % p.copies().size();
        }
    }

    static final List<String> FIGURES = List.of(BusinessReconciliation.SALES, BusinessReconciliation.TAX, BusinessReconciliation.VOIDED_SALES,
            BusinessReconciliation.VOIDED_TAX, BusinessReconciliation.PAYMENTS_BY_STORE, BusinessReconciliation.PAYMENTS_BY_METHOD,
            BusinessReconciliation.VOIDED_PAYMENTS);
    static final DateTimeFormatter LISTED = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    static final AtomicInteger TRY = new AtomicInteger();

    @Property(tries = 1000, seed = "20261127")
    void theRejectsExplainWhatTheModelSays(@ForAll("shops") Shop shop) throws Exception {
        Path dir = Files.createTempDirectory("explained-property");
        try (Connection aim = aim(shop)) {
            Path rejects = rejects(shop, dir.resolve("rejects"));
            CountingConnection counting = new CountingConnection(aim);
            TestSupport.asARunSees(aim); // the comparisons and flag types a run of this AIM sets
            Map<String, Map<String, Figure>> explained = new LinkedHashMap<>(BusinessReconciliation.explainedAll(counting.connection(), rejects, Set.of(1, 4)));
            explained.keySet().retainAll(FIGURES);
            assertEquals(model(shop), explained, shop.toString());
            // The way each table's rejects were found, from the statements sent: lookups by key, or one pass alone.
            path("TICKET", shop.ticketKeyed(), counting.sent, "t.TICKET_NO = ?", s -> s.contains("FROM TICKET t"));
            path("TKTPAY", shop.payKeyed(), counting.sent, "p.PAY_SEQ = ?", s -> s.contains("FROM TKTPAY p"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Counts how {@code table}'s rejects were found, and checks that the tries took both ways for a table without its key. */
    static void path(String table, boolean keyed, List<String> sent, String lookup, java.util.function.Predicate<String> pass) {
        boolean looked = sent.stream().anyMatch(s -> s.contains(lookup)), passed = sent.stream().anyMatch(s -> pass.test(s) && s.endsWith(" AND 1 = 1"));
        Statistics.label(table).collect((keyed ? "keyed, " : "unkeyed, ") + (looked ? "lookups" : passed ? "one pass" : "none"));
        Statistics.label(table).coverage(c -> {
            c.check("unkeyed, one pass").count(n -> n >= 5);
            c.check("unkeyed, lookups").count(n -> n >= 5);
        });
    }

    /** The model: each figure's rows that the rejected rows are, summed per line as the figure shows it. */
    static Map<String, Map<String, Figure>> model(Shop s) {
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (String f : FIGURES) out.put(f, new TreeMap<>());
        for (int i = 0; i < s.tickets().size(); i++) {
            Ticket t = s.tickets().get(i);
            for (int c = 0; c < t.copies().size(); c++) {
                if (!s.ticketRejected(t, c)) continue;
                Copy copy = t.copies().get(c);
                boolean voided = voided(copy);
                add(out, voided ? BusinessReconciliation.VOIDED_SALES : BusinessReconciliation.SALES,
                        "store " + t.store() + (voided ? "" : ", month " + month(copy.day())), copy.total());
                add(out, voided ? BusinessReconciliation.VOIDED_TAX : BusinessReconciliation.TAX, "store " + t.store(), copy.tax());
            }
        }
        for (int i = 0; i < s.payments().size(); i++) {
            Payment p = s.payments().get(i);
            Ticket t = s.ticketOf(p);
            int store = s.key(i)[0];
            for (int c = 0; c < p.copies().size(); c++) {
                Pay pay = p.copies().get(c);
                // Joined to each copy of its ticket, or to none (an orphan, no voided ticket's).
                for (int tc = 0; tc < (t == null ? 1 : t.copies().size()); tc++) {
                    boolean byTicket = t != null && t.copies().size() > 1 && s.ticketRejected(t, tc);
                    if (!s.payRejected(p, c) && !byTicket) continue;
                    int amount = pay.amount() == null ? 0 : pay.amount();
                    String month = ", month " + (pay.day() == null ? "no date" : month(pay.day()));
                    if (t != null && voided(t.copies().get(tc))) {
                        add(out, BusinessReconciliation.VOIDED_PAYMENTS, "store " + store, amount);
                    } else {
                        add(out, BusinessReconciliation.PAYMENTS_BY_STORE, "store " + store + month, amount);
                        boolean known = "CASH".equals(pay.code()) || "VISA".equals(pay.code());
                        add(out, BusinessReconciliation.PAYMENTS_BY_METHOD, "method " + (known ? pay.code() : "(none)") + month, amount);
                    }
                }
            }
        }
        return out;
    }

    /** VOIDED set as the toolkit reads a CHAR(1) flag: Y in either case or 1; NULL is not voided. */
    static boolean voided(Copy c) {
        return c.voided() != null && List.of("Y", "1").contains(c.voided().toUpperCase(java.util.Locale.ROOT));
    }

    private static void add(Map<String, Map<String, Figure>> out, String figure, String line, int tenThousandths) {
        BigInteger cents = BigDecimal.valueOf(tenThousandths, 2).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        out.get(figure).merge(line, new Figure(1, cents), (a, b) -> new Figure(a.rows() + 1, a.amount().add(b.amount())));
    }

    static LocalDateTime at(int day) {
        return LocalDateTime.of(2024, 1, 1, 10, 0).plusDays(day);
    }

    static String month(int day) {
        return at(day).toString().substring(0, 7);
    }

    static BigDecimal money(Integer tenThousandths) {
        return tenThousandths == null ? null : BigDecimal.valueOf(tenThousandths, 4);
    }

    /** AIM in H2 as the sample's DDL makes it, TICKET and TKTPAY with their primary keys or without. */
    static Connection aim(Shop s) throws Exception {
        Connection aim = DriverManager.getConnection("jdbc:h2:mem:explained" + TRY.incrementAndGet() + ";MODE=MSSQLServer");
        try (Statement st = aim.createStatement()) {
            for (String ddl : SampleDatabase.ddlStatements()) {
                boolean ticket = ddl.contains("CREATE TABLE TICKET "), pay = ddl.contains("CREATE TABLE TKTPAY ");
                if (ticket && !s.ticketKeyed() || pay && !s.payKeyed()) st.execute(ddl.replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", ""));
                else if (ticket || pay || ddl.contains("CREATE TABLE PAYTYPE ")) st.execute(ddl);
            }
            st.execute("INSERT INTO PAYTYPE (PAY_CODE, DESCRIPTION) VALUES ('CASH', 'Cash'), ('VISA', 'Visa')");
        }
        try (PreparedStatement t = aim.prepareStatement("INSERT INTO TICKET (STORE_NO, TICKET_NO, TICKET_DATE, VOIDED, TAX, TOTAL) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement p = aim.prepareStatement("INSERT INTO TKTPAY (STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, AMOUNT) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < s.tickets().size(); i++) {
                for (Copy c : s.tickets().get(i).copies()) {
                    t.setInt(1, s.tickets().get(i).store());
                    t.setInt(2, 100 + i);
                    t.setObject(3, at(c.day()));
                    t.setString(4, c.voided());
                    t.setBigDecimal(5, money(c.tax()));
                    t.setBigDecimal(6, money(c.total()));
                    t.executeUpdate();
                }
            }
            for (int i = 0; i < s.payments().size(); i++) {
                for (Pay c : s.payments().get(i).copies()) {
                    int[] key = s.key(i);
                    for (int k = 0; k < 3; k++) p.setInt(k + 1, key[k]);
                    p.setString(4, c.code());
                    p.setObject(5, c.day() == null ? null : at(c.day()));
                    p.setBigDecimal(6, money(c.amount()));
                    p.executeUpdate();
                }
            }
        }
        return aim;
    }

    /** rejects/TICKET.csv and rejects/TKTPAY.csv: each rejected row's key, rule and values as a load lists them (VoidedTwiceTest). */
    static Path rejects(Shop s, Path dir) throws Exception {
        try (Rejects rejects = new Rejects(dir)) {
            List<String> ticket = Slices.table("TICKET").columns(), payment = Slices.table("TKTPAY").columns();
            assertEquals(List.of("STORE_NO", "TICKET_NO", "PAY_SEQ", "PAY_CODE", "PAID_AT", "REF_NO", "AMOUNT"), payment);
            for (int i = 0; i < s.tickets().size(); i++) {
                Ticket t = s.tickets().get(i);
                for (int c = 0; c < t.copies().size(); c++) {
                    if (!s.ticketRejected(t, c)) continue;
                    Copy copy = t.copies().get(c);
                    String key = t.store() + "/" + (100 + i), rule = c != t.loaded() % t.copies().size() ? "id_collision" : "parent_rejected";
                    rejects.add("TICKET", ticket, key, rule, "a reason", new String[] {"" + t.store(), "" + (100 + i), LISTED.format(at(copy.day())),
                            null, null, copy.voided(), null, null, money(copy.tax()).toString(), money(copy.total()).toString()});
                }
            }
            for (int i = 0; i < s.payments().size(); i++) {
                Payment p = s.payments().get(i);
                int[] k = s.key(i);
                for (int c = 0; c < p.copies().size(); c++) {
                    if (!s.payRejected(p, c)) continue;
                    Pay pay = p.copies().get(c);
                    String rule = s.ticketOf(p) == null ? "orphan_ticket" : c != p.loaded() % p.copies().size() ? "id_collision" : "parent_rejected";
                    rejects.add("TKTPAY", payment, k[0] + "/" + k[1] + "/" + k[2], rule, "a reason", new String[] {"" + k[0], "" + k[1], "" + k[2],
                            pay.code(), pay.day() == null ? null : LISTED.format(at(pay.day())), null, pay.amount() == null ? null : money(pay.amount()).toString()});
                }
            }
        }
        return dir;
    }

    /** Small shops (a few keys) and large ones (more than 50 rejected keys a table, most tickets' stores rejected). */
    @Provide
    Arbitrary<Shop> shops() {
        Arbitrary<Boolean> keyed = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
        return Combinators.combine(keyed, keyed, Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
                .flatAs((ticketKeyed, payKeyed, large) -> tickets(ticketKeyed, large).flatMap(tickets ->
                        payments(payKeyed, large, tickets.size()).map(payments -> new Shop(ticketKeyed, payKeyed, tickets, payments))));
    }


    static Arbitrary<List<Ticket>> tickets(boolean keyed, boolean large) {
        Arbitrary<Copy> copy = Combinators.combine(Arbitraries.of(0, 20, 45, 80), Arbitraries.of("Y", "N", "y", "1").injectNull(0.2),
                Arbitraries.of(0, 12500, 50, -50), Arbitraries.of(0, 100000, 123450, -55000, 1000050, 5)).as(Copy::new);
        Arbitrary<Boolean> storeRejected = large ? Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false))
                : Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
        return Combinators.combine(Arbitraries.of(1, 2), copy.list().ofMinSize(1).ofMaxSize(keyed ? 1 : 3), Arbitraries.integers().between(0, 2), storeRejected)
                .as(Ticket::new).list().ofMinSize(large ? 64 : 0).ofMaxSize(large ? 72 : 6);
    }

    static Arbitrary<List<Payment>> payments(boolean keyed, boolean large, int tickets) {
        Arbitrary<Pay> pay = Combinators.combine(Arbitraries.of("CASH", "VISA", "AMEX").injectNull(0.1), Arbitraries.of(0, 33, 70).injectNull(0.1),
                Arbitraries.of(100000, 123450, 50, -50, 0).injectNull(0.1)).as(Pay::new);
        return Combinators.combine(Arbitraries.integers().between(0, tickets), pay.list().ofMinSize(1).ofMaxSize(keyed ? 1 : 3),
                        Arbitraries.integers().between(0, 2), Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false)))
                .as(Payment::new).list().ofMinSize(large ? 60 : 0).ofMaxSize(large ? 72 : 8);
    }
}
