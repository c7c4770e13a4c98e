package lib.source;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import lib.report.Progress;
import lib.report.Rejects;
import lib.report.TableAccount;
import lib.rules.MoneyToCents;
import lib.rules.RuleException;
import lib.rules.Tally;

/**
 * Streams one source table (forward-only, read-only, fetch size) and gives every
 * row exactly one fate: loaded, skipped by a named rule, or rejected with a reason.
 * Money columns are summed per row as read and again per fate, for reconciliation.
 */
public final class SourceReader implements AutoCloseable {
    public static final int FETCH_SIZE = 2_000;

    private final SourceTable table;
    private final TableAccount account;
    private final Rejects rejects;
    private final Progress.Tracker progress;
    private final long started = System.nanoTime();
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final Row row;
    private final String[] moneyColumns;
    private final long[] rowCents;
    private boolean decided = true;

    public SourceReader(Connection db, SourceTable table, TableAccount account, Rejects rejects, Progress.Tracker progress)
            throws SQLException {
        this.table = table;
        this.account = account;
        this.rejects = rejects;
        this.progress = progress;
        this.statement = db.prepareStatement(table.selectSql(0), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        this.rs = statement.executeQuery();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) index.put(table.columns().get(i), i + 1);
        this.row = new Row(rs, index, table);
        this.moneyColumns = table.money().keySet().toArray(new String[0]);
        this.rowCents = new long[moneyColumns.length];
    }

    /** Advances to the next row; false at the end. */
    public boolean next() throws SQLException {
        if (!decided) throw new IllegalStateException(table.name() + " row " + row.key() + " was neither loaded, skipped nor rejected");
        if (!rs.next()) return false;
        decided = false;
        account.read++;
        if ((account.read & 0x3FF) == 0) progress.accept(account.read);
        for (int i = 0; i < moneyColumns.length; i++) {
            BigDecimal v = row.decimal(moneyColumns[i]);
            rowCents[i] = v == null ? 0 : MoneyToCents.cents(v, Tally.NONE);
            account.money.get(moneyColumns[i]).read += rowCents[i];
        }
        return true;
    }

    public Row row() {
        return row;
    }

    public Tally tally(String column) {
        return account.tally(column);
    }

    public void loaded() {
        decide();
        account.loaded++;
        for (int i = 0; i < moneyColumns.length; i++) account.money.get(moneyColumns[i]).loaded += rowCents[i];
    }

    public void skip(String rule) {
        decide();
        account.skipped.merge(rule, 1L, Long::sum);
        for (int i = 0; i < moneyColumns.length; i++) account.money.get(moneyColumns[i]).skipped += rowCents[i];
    }

    public void reject(RuleException e) throws SQLException {
        reject(e.rule(), e.getMessage());
    }

    public void reject(String rule, String detail) throws SQLException {
        decide();
        account.rejected.merge(rule, 1L, Long::sum);
        for (int i = 0; i < moneyColumns.length; i++) account.money.get(moneyColumns[i]).rejected += rowCents[i];
        rejects.add(table, row.key(), rule, detail, row.values());
    }

    private void decide() {
        if (decided) throw new IllegalStateException(table.name() + ": a row was given two fates");
        decided = true;
    }

    @Override
    public void close() throws SQLException {
        progress.accept(account.read);
        progress.close();
        account.seconds = (System.nanoTime() - started) / 1e9;
        rs.close();
        statement.close();
    }
}
