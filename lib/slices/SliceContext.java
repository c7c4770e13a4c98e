package lib.slices;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import lib.accounts.Fixes;
import lib.accounts.Progress;
import lib.accounts.Rejects;
import lib.accounts.TableAccount;
import lib.rules.CodeKey;
import lib.rules.Pseudonym;
import lib.rules.RuleException;
import lib.source.Row;
import lib.source.RowSource;
import lib.source.SourceReader;
import lib.source.SourceTable;
import lib.target.RowWriter;
import lib.target.TableContent;

/** What a slice works with: the source, the Helm database being built, the shop's settings, the accounts. */
public final class SliceContext {
    private final RowSource source;
    private final Connection helm;
    private final ZoneId shopZone;
    private final String phoneRegion;
    private final Rejects rejects;
    private final Function<SourceTable, Progress.Tracker> progress;
    private final Map<String, TableAccount> accounts = new LinkedHashMap<>();
    private final List<RowWriter<?>> writers = new ArrayList<>();

    public SliceContext(RowSource source, Connection helm, ZoneId shopZone, String phoneRegion, Rejects rejects,
                        Function<SourceTable, Progress.Tracker> progress) {
        this.source = source;
        this.helm = helm;
        this.shopZone = shopZone;
        this.phoneRegion = phoneRegion;
        this.rejects = rejects;
        this.progress = progress;
    }

    private Pseudonym pseudonym;
    private Fixes fixes;
    private Finished finished = table -> {};
    private final Set<String> done = new HashSet<>();

    /** Told of each Helm table a slice has finished: no row of it is written after (a writer for it is refused). */
    @FunctionalInterface
    public interface Finished {
        void table(String table) throws SQLException;
    }

    /** Each table {@link #load} has filled is told to {@code f} as soon as it is full (the D1 file starts with it). */
    public SliceContext whenFinished(Finished f) {
        this.finished = f;
        return this;
    }

    /** Each value a rule changes is listed in {@code fixes} from here on (fixes/TABLE.csv). */
    public SliceContext fixes(Fixes fixes) {
        this.fixes = fixes;
        return this;
    }

    /** Personal data written as pseudonyms from here on (--redact). */
    public SliceContext redact(Pseudonym p) {
        this.pseudonym = p;
        return this;
    }

    public ZoneId shopZone() {
        return shopZone;
    }

    public String phoneRegion() {
        return phoneRegion;
    }

    /** Starts streaming a source table; its account appears in the report. */
    public SourceReader read(SourceTable table) throws SQLException {
        TableAccount account = new TableAccount(table.name(), table.target(), table.money());
        accounts.put(table.name(), account);
        return new SourceReader(source.take(table), table, account, rejects, progress.apply(table)).fixes(fixes);
    }

    public <R extends Record> RowWriter<R> writer(String table, Class<R> type) throws SQLException {
        if (done.contains(table)) throw new IllegalStateException(table + " is written after its load finished it");
        RowWriter<R> w = new RowWriter<>(helm, table, type).redact(pseudonym);
        writers.add(w);
        return w;
    }

    /**
     * A writer whose refused rows (a constraint, a D1 limit) are rejected as rows of {@code in}:
     * add each Helm row with what {@link SourceReader#loaded()} returned for its source row.
     */
    public <R extends Record> RowWriter<R> writer(String table, Class<R> type, SourceReader in) throws SQLException {
        return writer(table, type).refusals(in::refused);
    }

    /** Turns one source row into its Helm row; returns null only after skipping the row by a named rule. */
    @FunctionalInterface
    public interface RowRule<R> {
        R apply(Row row, SourceReader in) throws SQLException;
    }

    /**
     * Streams a source table into its Helm table: every row becomes a Helm row
     * (loaded), is skipped by the rule, or is rejected when a RuleException says why
     * or when the target refuses its Helm row (see {@link RowWriter}).
     */
    public <R extends Record> void load(SourceTable table, Class<R> type, RowRule<R> rule) throws SQLException {
        try (SourceReader in = read(table); RowWriter<R> out = writer(table.target(), type, in)) {
            while (in.next()) {
                try {
                    R row = rule.apply(in.row(), in);
                    if (row != null) out.add(row, in.loaded());
                } catch (RuleException e) {
                    in.reject(e);
                }
            }
        }
        done.add(table.target());
        finished.table(table.target());
    }

    /**
     * As {@link #load}, for a table whose rows are known by a code ({@code codeColumn}): of rows sharing a code, the one
     * written as AIM's lookups match it keeps it ({@link References#codeContest}), the others are rejected as
     * duplicate_code. Rows written so stream as they come; one with a code not so written (a leading space: rare) waits
     * for the end of the table, when every such row has had its turn. {@code takesCode}: false for a row the target
     * will refuse anyway (a rate its CHECK refuses), which holds no code.
     */
    public <R extends Record> void loadCoded(SourceTable table, Class<R> type, String codeColumn, Predicate<R> takesCode, RowRule<R> rule)
            throws SQLException {
        try (SourceReader in = read(table); RowWriter<R> out = writer(table.target(), type, in)) {
            Map<String, String> holder = new HashMap<>();
            CodeKey codes = CodeKey.column(table.name(), codeColumn);
            List<R> waiting = new ArrayList<>();
            List<String> waitingRaw = new ArrayList<>();
            List<SourceReader.Loaded> waitingLoaded = new ArrayList<>();
            while (in.next()) {
                try {
                    R row = rule.apply(in.row(), in);
                    if (row == null) continue;
                    String raw = in.row().str(codeColumn);
                    if (!takesCode.test(row)) {
                        out.add(row, in.loaded());
                    } else if (!References.exact(raw)) {
                        waiting.add(row);
                        waitingRaw.add(raw);
                        waitingLoaded.add(in.loaded());
                    } else {
                        String lost = References.take(holder, raw, codes, codeColumn);
                        if (lost != null) throw new RuleException("duplicate_code", lost);
                        out.add(row, in.loaded());
                    }
                } catch (RuleException e) {
                    in.reject(e);
                }
            }
            for (int i = 0; i < waiting.size(); i++) {
                String lost = References.take(holder, waitingRaw.get(i), codes, codeColumn);
                if (lost != null) in.refused(waitingLoaded.get(i), "duplicate_code", lost);
                else out.add(waiting.get(i), waitingLoaded.get(i));
            }
        }
        done.add(table.target());
        finished.table(table.target());
    }

    /**
     * A row whose parent is not in Helm because this run rejected the parent is rejected as parent_rejected, naming
     * the parent's reject; otherwise this returns, and the row's own rule (an orphan: the parent does not exist) follows.
     */
    public void parentRejected(String noun, SourceTable parent, Object... key) {
        String k = keyOf(key);
        if (rejects.has(parent.name(), k)) throw new RuleException("parent_rejected", noun + " " + k + " was rejected (see rejects/" + parent.name() + ".csv)");
    }

    /** The rejection of a row whose parent is not in Helm: parent_rejected ({@link #parentRejected}), or {@code rule}: "store 9 does not exist". */
    public RuleException orphan(String rule, String noun, SourceTable parent, Object... key) {
        parentRejected(noun, parent, key);
        return new RuleException(rule, noun + " " + keyOf(key) + " does not exist");
    }

    private static String keyOf(Object... parts) {
        StringBuilder k = new StringBuilder();
        for (Object part : parts) k.append(k.length() == 0 ? "" : "/").append(part);
        return k.toString();
    }

    /**
     * Whether a Helm table holds this value in a column once both are in upper case (SQLite's upper(): ASCII letters
     * only): a scan, for the rare key that is an earlier one's in another case.
     */
    public boolean existsInAnyCase(String table, String column, String value) throws SQLException {
        return any("SELECT 1 FROM " + table + " WHERE upper(" + column + ") = upper(?) LIMIT 1", value);
    }

    /** Whether a Helm table already holds this value in a column (rows written so far included). */
    public boolean exists(String table, String column, String value) throws SQLException {
        return any("SELECT 1 FROM " + table + " WHERE " + column + " = ?", value);
    }

    private boolean any(String sql, String value) throws SQLException {
        for (RowWriter<?> w : writers) w.flush();
        try (java.sql.PreparedStatement st = helm.prepareStatement(sql)) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The ids now in a Helm table (rows written by this slice so far included). */
    public IdSet ids(String table) throws SQLException {
        for (RowWriter<?> w : writers) w.flush();
        long n;
        try (Statement st = helm.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            n = rs.getLong(1);
        }
        long[] ids = new long[(int) n];
        int i = 0;
        try (Statement st = helm.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next() && i < ids.length) ids[i++] = rs.getLong(1);
        }
        return new IdSet(i == ids.length ? ids : java.util.Arrays.copyOf(ids, i));
    }

    /** Control totals per Helm table of the rows this slice wrote, as the rules made them. */
    public Map<String, TableContent> content() {
        Map<String, TableContent> out = new LinkedHashMap<>();
        for (RowWriter<?> w : writers) {
            out.computeIfAbsent(w.content().table(), t -> w.content().emptyCopy()).merge(w.content());
        }
        return out;
    }

    public Map<String, TableAccount> accounts() {
        return accounts;
    }
}
