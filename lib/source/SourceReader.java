package lib.source;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.accounts.Fixes;
import lib.accounts.Progress;
import lib.accounts.Rejects;
import lib.accounts.TableAccount;
import lib.rules.CodeKey;
import lib.rules.MoneyToCents;
import lib.rules.RuleException;
import lib.rules.Tally;

/**
 * Streams one source table (forward-only, read-only, fetch size) and gives every
 * row exactly one fate: loaded, skipped by a named rule, or rejected with a reason.
 * Money columns are summed per row as read and again per fate, for reconciliation.
 */
public final class SourceReader implements AutoCloseable {
    private final SourceTable table;
    private final TableAccount account;
    private final Rejects rejects;
    private final Progress.Tracker progress;
    private final long started = System.nanoTime();
    private final KeyTies stream;
    private boolean copy; // the current row is an exact copy of another AIM row of its key
    private final Row row;
    private final Map<String, Integer> index;
    private final String[] moneyColumns;
    private final long[] rowCents;
    private final java.math.BigInteger[] rowHuge; // an amount past a long (a DECIMAL column, not MONEY): null almost always
    private final boolean[] tenThousandths; // a unit cost's column (Helm *_e4), counted in ten-thousandths, not cents
    private boolean decided = true;
    private final Map<String, Tally> tallies = new HashMap<>();
    private Fixes fixes;

    public SourceReader(RowStream stream, SourceTable table, TableAccount account, Rejects rejects, Progress.Tracker progress) {
        this.stream = new KeyTies(stream, table); // rows sharing a key (a table whose primary key was dropped) in one order
        this.table = table;
        this.account = account;
        this.rejects = rejects;
        this.progress = progress;
        index = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) index.put(table.columns().get(i), i);
        this.row = new Row(index, table);
        this.moneyColumns = table.money().keySet().toArray(new String[0]);
        this.rowCents = new long[moneyColumns.length];
        this.rowHuge = new java.math.BigInteger[moneyColumns.length];
        this.tenThousandths = new boolean[moneyColumns.length];
        for (int i = 0; i < moneyColumns.length; i++) tenThousandths[i] = account.money.get(moneyColumns[i]).decimals == 4;
    }

    /** Each value a rule changes is listed in {@code fixes} from here on (fixes/TABLE.csv). */
    public SourceReader fixes(Fixes fixes) {
        this.fixes = fixes;
        tallies.clear();
        return this;
    }

    /** Advances to the next row; false at the end. */
    public boolean next() throws SQLException {
        if (!decided) throw new IllegalStateException(table.name() + " row " + row.key() + " was neither loaded, skipped nor rejected");
        Object[] values = stream.next();
        if (values == null) return false;
        copy = stream.copy();
        row.set(values);
        decided = false;
        account.read++;
        if ((account.read & 0x3FF) == 0) progress.accept(account.read);
        for (int i = 0; i < moneyColumns.length; i++) {
            BigDecimal v;
            try {
                v = row.decimal(moneyColumns[i]);
            } catch (RuleException notANumber) { // its row is rejected, naming it, when the slice reads the column
                v = null;
            }
            rowHuge[i] = null;
            try {
                // MONEY's four decimals, whole: its range is a long's in ten-thousandths.
                rowCents[i] = v == null ? 0 : tenThousandths[i] ? v.movePointRight(4).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()
                        : MoneyToCents.centsOf(v, Tally.NONE);
            } catch (ArithmeticException | RuleException pastALong) { // counted exactly all the same; the slice rejects the row
                rowCents[i] = 0;
                rowHuge[i] = v.movePointRight(tenThousandths[i] ? 4 : 2).setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
            }
            add(account.money.get(moneyColumns[i]).read, i);
        }
        return true;
    }

    public Row row() {
        return row;
    }

    /** How the codes of a column of this table compare: as its collation says ({@link CodeKey#column}). */
    public CodeKey codes(String column) {
        return codeKeys.computeIfAbsent(column, c -> CodeKey.column(table.name(), c)); // asked for every row: looked up once
    }

    private final Map<String, CodeKey> codeKeys = new HashMap<>();

    /** The tally of a column of the current row (rules call it for every value, so it is made once per column). */
    public Tally tally(String column) {
        Tally t = tallies.get(column);
        if (t == null) {
            t = tally(column, null);
            tallies.put(column, t);
        }
        return t;
    }

    /**
     * The tally of a column of an earlier row, for a rule that can only fire once the table is
     * read (a category whose parent comes later); null: of the current row. Counted in the account; with fixes on, each
     * firing is also a line of fixes/TABLE.csv: the row's key and the column's value as read.
     * Nothing more is done for a value no rule changes. The current row's firings wait for its fate: counted and listed
     * when it is loaded (or skipped, by the values that decided it), dropped when it is rejected, so a row is loaded with
     * its fixes or rejected with its reason, never counted as both (a TICKET_DATE of 9999-12-31 is no typo_date fix).
     */
    public Tally tally(String column, Loaded earlier) {
        Tally count = account.tally(column);
        Integer at = index.get(column);
        return new Tally() {
            @Override
            public void add(String rule) {
                add(rule, null);
            }

            @Override
            public void add(String rule, Object after) {
                if (earlier == null) {
                    Fired f = new Fired(count, column, rule, at == null ? null : row.raw()[at], after);
                    if (decided) list(f, row); // after the row's fate (none of today's rules): as it comes
                    else pending.add(f);
                    return;
                }
                Row of = new Row(index, table);
                of.set(earlier.values());
                list(new Fired(count, column, rule, at == null ? null : of.raw()[at], after), of);
            }
        };
    }

    /** A rule fired on the current row, waiting for the row's fate. */
    record Fired(Tally count, String column, String rule, Object before, Object after) {}

    private final List<Fired> pending = new ArrayList<>();

    private void list(Fired f, Row of) {
        f.count().add(f.rule());
        if (fixes != null && !f.rule().equals(COUNTED_ONLY)) fixes.add(table.name(), of.key(), f.column(), f.rule(), f.before(), f.after());
    }

    /** The current row's fixes count: it is loaded or skipped. */
    private void commit() {
        for (Fired f : pending) list(f, row);
        pending.clear();
    }

    /**
     * The current row is loaded. What comes back names it for {@link #refused}, should the
     * target refuse its Helm row later (when the batch holding it is written).
     */
    public Loaded loaded() {
        decide();
        List<Fired> fired = pending.isEmpty() ? List.of() : List.copyOf(pending);
        commit();
        account.loaded++;
        boolean huge = false;
        for (int i = 0; i < moneyColumns.length; i++) {
            add(account.money.get(moneyColumns[i]).loaded, i);
            huge |= rowHuge[i] != null;
        }
        return new Loaded(row.raw(), moneyColumns.length == 0 ? NO_CENTS : rowCents.clone(), huge ? rowHuge.clone() : null, fired, copy);
    }

    private static final long[] NO_CENTS = {};

    /**
     * The one rule counted but not listed in fixes/: sub_second (a fraction of a second dropped), which on a till's
     * times fires for nearly every row (GETDATE() stamps 299 times in 300 with one) and would bury the fixes a person checks.
     */
    static final String COUNTED_ONLY = "sub_second";

    /**
     * A loaded row as read (the source gives every row its own array), its cents per money column, the rules that fixed its
     * values, and whether it is an exact copy of another AIM row of its key (a table that lost its primary key).
     */
    public record Loaded(Object[] values, long[] cents, java.math.BigInteger[] huge, List<Fired> fixed, boolean copy) {}

    /** The current row's amount of money column {@code i}, into {@code sum}. */
    private void add(lib.accounts.Cents sum, int i) {
        if (rowHuge[i] != null) sum.add(rowHuge[i]);
        else sum.add(rowCents[i]);
    }

    /**
     * A row counted as loaded whose Helm row the target refused (a constraint, a D1 limit):
     * it moves, with its money, from loaded to rejected, into rejects/TABLE.csv under {@code rule}.
     */
    public void refused(Object loaded, String rule, String reason) {
        Loaded l = (Loaded) loaded;
        account.loaded--;
        account.rejected.merge(rule, 1L, Long::sum);
        for (int i = 0; i < moneyColumns.length; i++) {
            TableAccount.Money m = account.money.get(moneyColumns[i]);
            if (l.huge() != null && l.huge()[i] != null) {
                m.loaded.add(l.huge()[i].negate());
                m.rejected.add(l.huge()[i]);
                continue;
            }
            m.loaded.subtract(l.cents()[i]);
            m.rejected.add(l.cents()[i]);
        }
        Row was = new Row(index, table);
        was.set(l.values());
        // Rejected, not loaded: its values were not fixed (an id_collision copy held the fixes of the row loaded before it).
        for (Fired f : l.fixed()) {
            account.unfix(f.column(), f.rule());
            if (fixes != null && !f.rule().equals(COUNTED_ONLY)) fixes.retract(table.name(), was.key(), f.column(), f.rule(), f.before(), f.after());
        }
        // What a shop signs: a second copy alike in every value loses nothing, one that differs is a decision.
        if (l.copy()) account.rejectedCopies.merge(rule, 1L, Long::sum);
        rejects.add(table.name(), table.columns(), was.key(), rule, l.copy() ? reason + "; " + EXACT_COPY : reason,
                was.values());
    }

    public void skip(String rule) {
        decide();
        commit();
        account.skipped.merge(rule, 1L, Long::sum);
        for (int i = 0; i < moneyColumns.length; i++) add(account.money.get(moneyColumns[i]).skipped, i);
    }

    public void reject(RuleException e) throws SQLException {
        reject(e.rule(), e.getMessage());
    }

    public void reject(String rule, String detail) throws SQLException {
        decide();
        pending.clear(); // not loaded: its values were not fixed
        account.rejected.merge(rule, 1L, Long::sum);
        for (int i = 0; i < moneyColumns.length; i++) add(account.money.get(moneyColumns[i]).rejected, i);
        boolean second = copy && rule.equals("duplicate_code"); // a code's second copy, as refused() says of a key's
        if (second) account.rejectedCopies.merge(rule, 1L, Long::sum);
        rejects.add(table.name(), table.columns(), row.key(), rule, second ? detail + "; " + EXACT_COPY : detail, row.values());
    }

    /** What a rejected row alike in every value to another AIM row of its key adds to its reason. */
    static final String EXACT_COPY = "an exact copy of another AIM row of this key";

    private void decide() {
        if (decided) throw new IllegalStateException(table.name() + ": a row was given two fates");
        decided = true;
    }

    @Override
    public void close() throws SQLException {
        progress.accept(account.read);
        progress.close();
        account.seconds = (System.nanoTime() - started) / 1e9;
    }
}
