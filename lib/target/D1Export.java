package lib.target;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Helm rows as a D1 import file: data only, tables in the order given
 * (foreign-key order), rows in id order, PRAGMA defer_foreign_keys, no
 * BEGIN/COMMIT, multi-row INSERTs kept under D1's 100 KB statement limit. A
 * string holding a control character (a newline in a note, say), or a word wrangler
 * deletes from a file wherever it stands (see {@link #quote}), is written as
 * CAST(X'hex' AS TEXT): its exact UTF-8 bytes, one line, one expression (D1
 * refuses expressions deeper than 100, so no chains of char() || '...').
 * A value too large for one statement is inserted in part and completed with
 * UPDATE ... SET col = col || '...' statements, each guarded by the length the
 * value has before it, so applying a file twice never appends a piece twice.
 */
public final class D1Export {
    /**
     * D1 rejects statements over 100 KB. Statements of about 10 KB also load much
     * faster than larger ones: wrangler 4.86.0's local D1 loads the scale-1 sample
     * (16 MB) in 30 s with 5-10 KB statements, 34 s with 3 KB, 56 s with 30 KB and
     * 345 s with 90 KB; so 10 KB is the budget.
     */
    public static final int STATEMENT_BUDGET = 10_000;
    /** The largest piece of one value that goes into one statement, in UTF-8 bytes. */
    static final int PIECE_BYTES = 8_000;

    private long maxStatementBytes;
    private long statements;
    private final java.util.Map<String, TableContent> content = new java.util.LinkedHashMap<>();

    /** Control totals of each table written, from the rows as read back from the database. */
    public java.util.Map<String, TableContent> content() {
        return content;
    }

    public long maxStatementBytes() {
        return maxStatementBytes;
    }

    public long statements() {
        return statements;
    }

    public void write(Connection helm, String title, List<String> tables, Path file) throws SQLException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(helm, title, tables, out);
        }
    }

    /** As above, to a stream the caller opened (and closes): one that hashes, or also writes elsewhere, as it goes. */
    public void write(Connection helm, String title, List<String> tables, OutputStream out) throws SQLException, IOException {
        header(title, out);
        tables(helm, tables, out);
    }

    /**
     * Column {@code i} of the current row into the totals, the D1 measure and the row's literal: an integer of a STRICT
     * table without a Long on the way, a text measured as it is encoded, anything else as its object.
     */
    private static void value(TypedColumns typed, ResultSet rs, int i, TableContent totals, D1RowSizes sizes, SqlBytes row) throws SQLException {
        int kind = typed.kinds[i];
        if (kind == TypedColumns.INTEGER || kind == TypedColumns.INTEGER_OR_NULL) {
            long v = rs.getLong(i + 1);
            if (v == 0 && kind == TypedColumns.INTEGER_OR_NULL && rs.wasNull()) {
                totals.nullValue(i);
                row.ascii("NULL");
                return;
            }
            totals.integer(i, v);
            sizes.integer(i, v);
            row.decimal(v);
            return;
        }
        if (kind == TypedColumns.TEXT) {
            // The text's bytes as SQLite holds them (UTF-8, SQLite's default, which helm.sqlite never changes): an ASCII
            // text written to the D1 file and totalled from its bytes, any other decoded as getString would, and so.
            byte[] utf8 = rs.getBytes(i + 1);
            if (utf8 == null) {
                totals.nullValue(i);
                row.ascii("NULL");
                return;
            }
            long bytes = row.literalAscii(utf8);
            if (bytes >= 0) {
                totals.textAscii(i, utf8, row.asciiHash()); // as its String would be totalled, without one
                sizes.text(i, bytes);
                return;
            }
            String s = new String(utf8, StandardCharsets.UTF_8);
            totals.text(i, s);
            sizes.text(i, row.literal(s));
            return;
        }
        Object v = typed.value(rs, i);
        if (v instanceof String s) {
            totals.text(i, s);
            sizes.text(i, row.literal(s));
            return;
        }
        totals.value(i, v);
        sizes.value(i, v);
        if (v instanceof byte[]) throw new IllegalStateException(totals.table() + " holds a BLOB; not supported");
        if (v == null) row.ascii("NULL");
        else if (v instanceof Long l) row.decimal(l);
        else if (v instanceof Integer k) row.decimal(k);
        else row.ascii(v.toString());
    }

    /** A file's first lines: its title, what it holds, and the deferred foreign keys. */
    public void header(String title, OutputStream out) throws IOException {
        SqlBytes text = new SqlBytes();
        text.ascii("-- ").utf8(title).ascii("\n");
        text.ascii("-- Generated by MigrateAim.java. Data only: apply migrations/ first (wrangler d1 migrations apply).\n");
        text.ascii("PRAGMA defer_foreign_keys = true;\n");
        text.writeTo(out);
    }

    /** The rows of {@code tables}, after the {@link #header} (or the tables written before them): one file may be written in parts. */
    public void tables(Connection helm, List<String> tables, OutputStream out) throws SQLException, IOException {
        for (String table : tables) table(helm, table, out);
    }

    private void table(Connection helm, String table, OutputStream w) throws SQLException, IOException {
        TypedColumns typed = TypedColumns.of(helm, table);
        List<String> columns = typed.names;
        TableContent totals = new TableContent(table, columns);
        D1RowSizes sizes = totals.measuredForD1(new D1RowSizes(typed));
        content.put(table, totals);
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        byte[] headUtf8 = head.getBytes(StandardCharsets.UTF_8);
        int headBytes = headUtf8.length;
        SqlBytes stmt = new SqlBytes(), row = new SqlBytes();
        int stmtBytes = 0;
        try (Statement st = helm.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY id")) {
            int n = columns.size();
            while (rs.next()) {
                boolean oversized = false;
                totals.beginRow();
                sizes.beginRow();
                row.reset();
                row.put('(');
                for (int i = 0; i < n; i++) {
                    if (i > 0) row.put(',').put(' ');
                    int before = row.length();
                    value(typed, rs, i, totals, sizes, row);
                    if (row.length() - before > PIECE_BYTES) oversized = true;
                }
                row.put(')');
                // The row as counted for the budget: its values, ", " after each, and "(", ")" and the "," before it.
                int rowBytes = row.length() + 3;
                totals.endRow();
                sizes.endRow();
                if (oversized || headBytes + rowBytes + 2 > STATEMENT_BUDGET) {
                    stmtBytes = flush(w, stmt, stmtBytes);
                    writeOversized(w, table, columns, rs, head);
                    continue;
                }
                if (stmtBytes > 0 && stmtBytes + rowBytes + 2 > STATEMENT_BUDGET) stmtBytes = flush(w, stmt, stmtBytes);
                if (stmtBytes == 0) {
                    stmt.put(headUtf8);
                    stmtBytes = headBytes;
                } else {
                    stmt.put(',');
                    stmtBytes++;
                }
                stmt.put(row);
                stmtBytes += rowBytes;
            }
        }
        flush(w, stmt, stmtBytes);
    }

    private int flush(OutputStream w, SqlBytes stmt, int stmtBytes) throws IOException {
        if (stmtBytes == 0) return 0;
        stmt.put(';').put('\n');
        stmt.writeTo(w);
        maxStatementBytes = Math.max(maxStatementBytes, stmtBytes + 2);
        statements++;
        stmt.reset();
        return 0;
    }

    /** One row alone: its large strings start in the INSERT and are completed piece by piece. */
    private void writeOversized(OutputStream w, String table, List<String> columns, ResultSet rs, String head)
            throws SQLException, IOException {
        StringBuilder insert = new StringBuilder(head).append('(');
        List<String> updates = new ArrayList<>();
        long id = rs.getLong("id");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) insert.append(", ");
            Object v = rs.getObject(i + 1);
            if (!(v instanceof String s)) {
                insert.append(v == null ? "NULL" : v.toString());
                continue;
            }
            List<String> pieces = pieces(s);
            insert.append(quote(pieces.get(0)));
            long before = pieces.get(0).codePointCount(0, pieces.get(0).length());
            for (int p = 1; p < pieces.size(); p++) {
                // The length guard makes each piece apply once, even if a load is re-run after a failure.
                updates.add("UPDATE " + table + " SET " + columns.get(i) + " = " + columns.get(i) + " || " + quote(pieces.get(p))
                        + " WHERE id = " + id + " AND length(" + columns.get(i) + ") = " + before + ";\n");
                before += pieces.get(p).codePointCount(0, pieces.get(p).length());
            }
        }
        insert.append(");\n");
        emit(w, insert.toString());
        for (String u : updates) emit(w, u);
    }

    private void emit(OutputStream w, String statement) throws IOException {
        byte[] utf8 = statement.getBytes(StandardCharsets.UTF_8);
        int b = utf8.length;
        if (b > 2 * STATEMENT_BUDGET) throw new IllegalStateException("statement of " + b + " bytes exceeds the D1 budget");
        maxStatementBytes = Math.max(maxStatementBytes, b);
        statements++;
        w.write(utf8);
    }

    /** Splits text into pieces of at most PIECE_BYTES literal bytes (hex at worst), never inside a surrogate pair. */
    static List<String> pieces(String s) {
        List<String> out = new ArrayList<>();
        int start = 0, bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = 2 * (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
            if (bytes + len > PIECE_BYTES && i > start) {
                out.add(s.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * A SQL literal for any text: '...' with quotes doubled, or CAST(X'...' AS TEXT) when the text
     * holds a control character or anything wrangler alters inside a string literal. wrangler
     * (3.78.12 to 4.86.0, src/d1/trimmer.ts) deletes the first "BEGIN TRANSACTION;" and the first
     * "COMMIT;" anywhere in a file, literals included, and refuses a file in which "BEGIN TRANSACTION"
     * remains. Its statement splitter (src/d1/splitter.ts) reads a '...' literal to its closing
     * quote, so ';', '--', '/*' and '$' inside one are safe as they are. Hex digits are none of these.
     */
    public static String quote(String s) {
        if (needsHex(s)) return "CAST(X'" + java.util.HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_8)) + "' AS TEXT)";
        return "'" + s.replace("'", "''") + "'";
    }

    /** The bytes a D1 file holds for a text: {@link #quote}'s literal, in UTF-8. */
    public static byte[] literalUtf8(String s) {
        SqlBytes b = new SqlBytes();
        b.literal(s);
        return b.toByteArray();
    }

    /**
     * Control characters (one line per statement), and the words of wrangler's transaction
     * trimming, "transaction" and "commit", in any case: wrangler matches them case-sensitively
     * today, and a text holding them is rare enough to write as hex whatever their case.
     */
    static boolean needsHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || wordAt(s, i, c)) return true;
        }
        return false;
    }

    /** Whether "transaction" or "commit", in any case, starts at {@code i} (where {@code c} is). */
    static boolean wordAt(String s, int i, char c) {
        // The second letter first: no char but r and R (o and O) matches r (o) in any case, and most t's and c's of a text
        // are not followed by one, so the case-blind comparison of the whole word is seldom made.
        int rest = s.length() - i;
        return (c | 0x20) == 't' && rest >= 11 && (s.charAt(i + 1) | 0x20) == 'r' && s.regionMatches(true, i, "transaction", 0, 11)
                || (c | 0x20) == 'c' && rest >= 6 && (s.charAt(i + 1) | 0x20) == 'o' && s.regionMatches(true, i, "commit", 0, 6);
    }
}
