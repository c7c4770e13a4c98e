package lib.source;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A look at the source before any mapping (--profile): for every table the slices
 * read, its rows and, per column, NULLs, blanks, padded text, sentinel and
 * implausible dates, and text that looks like mis-decoded UTF-8; then the
 * would-be keys that repeat and the references that point nowhere. Plain SQL and
 * one streamed read per table; nothing is written to the source.
 */
public final class SourceProfile {
    /** A would-be unique key in Helm: the AIM column, normalised as the slice will (trimmed, upper case). */
    record KeyCheck(String table, String column, String becomes) {}

    /** A reference AIM does not enforce. */
    record OrphanCheck(String child, List<String> columns, String parent, List<String> parentColumns) {}

    static final List<KeyCheck> KEYS = List.of(
            new KeyCheck("INVMAST", "SKU", "products.sku"),
            new KeyCheck("CUST", "ACCT_NO", "customers.account_no"),
            new KeyCheck("PAYTYPE", "PAY_CODE", "payment_methods.code"));

    static final List<OrphanCheck> ORPHANS = List.of(
            new OrphanCheck("TICKET", List.of("CUST_ID"), "CUST", List.of("CUST_ID")),
            new OrphanCheck("TKTLINE", List.of("STORE_NO", "TICKET_NO"), "TICKET", List.of("STORE_NO", "TICKET_NO")),
            new OrphanCheck("TKTLINE", List.of("ITEM_ID"), "INVMAST", List.of("ITEM_ID")),
            new OrphanCheck("TKTPAY", List.of("STORE_NO", "TICKET_NO"), "TICKET", List.of("STORE_NO", "TICKET_NO")),
            new OrphanCheck("INVSTORE", List.of("ITEM_ID"), "INVMAST", List.of("ITEM_ID")),
            new OrphanCheck("RENTCONT", List.of("CUST_ID"), "CUST", List.of("CUST_ID")),
            new OrphanCheck("RENTPAY", List.of("CONTRACT_NO"), "RENTCONT", List.of("CONTRACT_NO")),
            new OrphanCheck("REPLINE", List.of("RO_NO"), "REPAIR", List.of("RO_NO")),
            new OrphanCheck("ARACCT", List.of("CUST_ID"), "CUST", List.of("CUST_ID")),
            new OrphanCheck("ARTRANS", List.of("AR_ID"), "ARACCT", List.of("AR_ID")));

    private SourceProfile() {}

    /** Column counts for one table. */
    static final class ColumnStats {
        final String name, type;
        long nulls, blank, padded, sentinel, implausible, mojibake;
        Object min, max;
        String mojibakeExample;

        ColumnStats(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    /** Profiles {@code tables} and returns the markdown of profile.md. */
    public static String run(Connection db, List<SourceTable> tables, String label, java.util.function.Consumer<String> progress) throws SQLException {
        StringBuilder md = new StringBuilder();
        md.append("# AIM source profile\n\n- Source: ").append(label).append("\n");
        md.append("- Tables: the ").append(tables.size()).append(" the selected slices read; only the columns they read\n");
        md.append("- Blank: empty or only spaces. Padded: leading or trailing spaces (CHAR padding). Sentinel: 1900-01-01 or 1899-12-30. ");
        md.append("Implausible: a year before 1900 or after 2099. Mojibake: UTF-8 read as Latin-1 (Ã©, â€™) or U+FFFD.\n");
        for (SourceTable t : tables) {
            progress.accept("profiling " + t.name());
            table(db, t, md);
        }
        md.append("\n## Would-be keys that repeat\n\n| AIM column | becomes | values | repeated values | rows involved |\n|---|---|---:|---:|---:|\n");
        for (KeyCheck k : KEYS) {
            if (tables.stream().noneMatch(t -> t.name().equals(k.table()))) continue;
            List<String> sql = keySql(k);
            md.append(String.format("| %s.%s | %s | %,d | %,d | %,d |%n", k.table(), k.column(), k.becomes(), count(db, sql.get(0)),
                    count(db, sql.get(1)), count(db, sql.get(2))));
        }
        md.append("\n## References that point nowhere (orphans)\n\n| AIM rows | refer to | rows with a value | orphans |\n|---|---|---:|---:|\n");
        for (OrphanCheck o : ORPHANS) {
            if (tables.stream().noneMatch(t -> t.name().equals(o.child()))) continue;
            List<String> sql = orphanSql(o);
            md.append(String.format("| %s.%s | %s | %,d | %,d |%n", o.child(), String.join("+", o.columns()), o.parent(),
                    count(db, sql.get(0)), count(db, sql.get(1))));
        }
        return md.toString();
    }

    /** Every statement --profile sends to AIM for these tables, so a test can run them all on a real SQL Server. */
    public static List<String> statements(List<SourceTable> tables) {
        List<String> out = new ArrayList<>();
        for (SourceTable t : tables) out.add(scanSql(t));
        for (KeyCheck k : KEYS) if (tables.stream().anyMatch(t -> t.name().equals(k.table()))) out.addAll(keySql(k));
        for (OrphanCheck o : ORPHANS) if (tables.stream().anyMatch(t -> t.name().equals(o.child()))) out.addAll(orphanSql(o));
        return out;
    }

    private static String scanSql(SourceTable t) {
        return "SELECT " + String.join(", ", t.columns()) + " FROM " + t.name();
    }

    /** Distinct values, repeated values and rows involved, of a would-be key normalised as the slice will. */
    private static List<String> keySql(KeyCheck k) {
        String norm = "UPPER(LTRIM(RTRIM(" + k.column() + ")))";
        return List.of("SELECT COUNT(DISTINCT " + norm + ") FROM " + k.table(),
                "SELECT COUNT(*) FROM (SELECT " + norm + " AS k FROM " + k.table() + " GROUP BY " + norm + " HAVING COUNT(*) > 1) d",
                "SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM " + k.table() + " GROUP BY " + norm + " HAVING COUNT(*) > 1) d");
    }

    /** Rows with a reference, and those whose reference points nowhere. */
    private static List<String> orphanSql(OrphanCheck o) {
        String present = String.join(" AND ", o.columns().stream().map(c -> "c." + c + " IS NOT NULL").toList());
        List<String> join = new ArrayList<>();
        for (int i = 0; i < o.columns().size(); i++) join.add("p." + o.parentColumns().get(i) + " = c." + o.columns().get(i));
        return List.of("SELECT COUNT(*) FROM " + o.child() + " c WHERE " + present,
                "SELECT COUNT(*) FROM " + o.child() + " c WHERE " + present + " AND NOT EXISTS (SELECT 1 FROM "
                        + o.parent() + " p WHERE " + String.join(" AND ", join) + ")");
    }

    private static void table(Connection db, SourceTable t, StringBuilder md) throws SQLException {
        List<ColumnStats> cols = new ArrayList<>();
        long rows = 0;
        try (Statement st = db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(scanSql(t))) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                int[] types = new int[n];
                for (int i = 0; i < n; i++) {
                    types[i] = meta.getColumnType(i + 1);
                    cols.add(new ColumnStats(meta.getColumnLabel(i + 1), meta.getColumnTypeName(i + 1)));
                }
                while (rs.next()) {
                    rows++;
                    for (int i = 0; i < n; i++) {
                        ColumnStats c = cols.get(i);
                        switch (types[i]) {
                            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> text(c, rs.getString(i + 1));
                            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> date(c, rs.getTimestamp(i + 1));
                            default -> {
                                Object v = rs.getObject(i + 1);
                                if (v == null) c.nulls++;
                                else if (v instanceof Comparable<?>) minMax(c, v);
                            }
                        }
                    }
                }
            }
        }
        md.append(String.format("%n## %s (%,d rows) -> %s%n%n", t.name(), rows, t.target()));
        md.append("| column | type | NULL | blank | padded | sentinel date | implausible date | mojibake | min | max |\n|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (ColumnStats c : cols) {
            md.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", c.name, c.type, pct(c.nulls, rows), pct(c.blank, rows),
                    pct(c.padded, rows), pct(c.sentinel, rows), pct(c.implausible, rows),
                    c.mojibake == 0 ? "-" : pct(c.mojibake, rows) + " e.g. `" + c.mojibakeExample + "`",
                    c.min == null ? "" : shown(c.min), c.max == null ? "" : shown(c.max)));
        }
    }

    private static void text(ColumnStats c, String s) {
        if (s == null) {
            c.nulls++;
            return;
        }
        if (s.isBlank()) c.blank++;
        else if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') c.padded++;
        if (looksMisdecoded(s)) {
            c.mojibake++;
            if (c.mojibakeExample == null) c.mojibakeExample = s.strip().length() > 30 ? s.strip().substring(0, 30) + "..." : s.strip();
        }
    }

    /** UTF-8 bytes shown as Latin-1/Windows-1252 ("Ã©" for "é", "â€™" for "’"), or the replacement character. */
    static boolean looksMisdecoded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\uFFFD') return true;
            if ((ch == 'Ã' || ch == 'Â') && i + 1 < s.length() && s.charAt(i + 1) >= 0x80 && s.charAt(i + 1) <= 0xBF) return true;
            if (ch == 'â' && i + 1 < s.length() && s.charAt(i + 1) == '€') return true;
        }
        return false;
    }

    private static void date(ColumnStats c, Timestamp ts) {
        if (ts == null) {
            c.nulls++;
            return;
        }
        java.time.LocalDateTime t = ts.toLocalDateTime();
        LocalDate d = t.toLocalDate();
        if (d.equals(LocalDate.of(1900, 1, 1)) || d.equals(LocalDate.of(1899, 12, 30))) c.sentinel++;
        else if (d.getYear() < 1900 || d.getYear() > 2099) c.implausible++;
        else minMax(c, t);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void minMax(ColumnStats c, Object v) {
        Comparable x = (Comparable) v;
        if (c.min == null || x.compareTo(c.min) < 0) c.min = v;
        if (c.max == null || x.compareTo(c.max) > 0) c.max = v;
    }

    private static String shown(Object v) {
        String s = v.toString();
        return s.length() > 25 ? s.substring(0, 25) + "..." : s;
    }

    private static String pct(long n, long of) {
        if (n == 0) return "-";
        return String.format("%,d (%.1f%%)", n, 100.0 * n / Math.max(1, of));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Writes profile.md into {@code out} (atomically) and prints where. */
    public static void write(java.nio.file.Path out, String markdown, PrintWriter stdout) throws java.io.IOException {
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(out, ".profile", ".md");
        java.nio.file.Files.writeString(tmp, markdown, java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.move(tmp, out.resolve("profile.md"), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        stdout.println("Wrote " + out.resolve("profile.md"));
    }
}
