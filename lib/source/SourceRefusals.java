package lib.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server means when it refuses a read: this login lacks a permission (SQL Server's Msg 229, "The SELECT
 * permission was denied on the object 'TKTPAY', database 'AIM', schema 'dbo'."; the TDS test server's "permission
 * denied for table tktpay"), or no such object where the unqualified name looks (Msg 208, "Invalid object name").
 * A DBA who reads "the source lacks table TKTPAY" looks for a missing table; the fix is a GRANT.
 */
public final class SourceRefusals {
    /** SQL Server's Msg 229 (SELECT denied on an object), Msg 230 (on a column of it) and Msg 208 (invalid object name). */
    static final int PERMISSION_DENIED = 229, COLUMN_DENIED = 230, INVALID_OBJECT = 208;

    /** Msg 229, or Msg 230: "The SELECT permission was denied on the column 'EMAIL' of the object 'CUST', database 'AIM', schema 'dbo'." */
    private static final Pattern SQLSERVER_DENIED = Pattern.compile(
            "(?i)permission was denied on the (?:column '[^']*' of the )?object '([^']*)'(?:, database '[^']*')?(?:, schema '([^']*)')?");
    private static final Pattern TDS_DENIED = Pattern.compile("(?i)permission denied for (?:table|view|relation) \"?([\\w.]+)\"?");

    private SourceRefusals() {}

    /** An object the login may not read: its name as the server gave it (upper case), and its schema when the server said. */
    public record Denied(String object, String schema) {}

    /** The object a permission refusal names, or null when {@code e} is no refusal of a permission. */
    public static Denied denied(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            Matcher sql = SQLSERVER_DENIED.matcher(m);
            if (sql.find()) return new Denied(sql.group(1).toUpperCase(Locale.ROOT), sql.group(2));
            Matcher tds = TDS_DENIED.matcher(m);
            if (tds.find()) {
                String name = tds.group(1);
                return new Denied(name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT), null);
            }
            if (t instanceof SQLException s && (s.getErrorCode() == PERMISSION_DENIED || s.getErrorCode() == COLUMN_DENIED)
                    || m.toLowerCase(Locale.ROOT).contains("permission denied")) {
                return new Denied("?", null);
            }
        }
        return null;
    }

    /** The name this login has in the database (USER_NAME(), what a GRANT names), else {@code fallback}. */
    public static String user(Connection db, String fallback) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT USER_NAME()")) {
            if (rs.next() && rs.getString(1) != null) return rs.getString(1);
        } catch (SQLException notAnswered) {
            // the name the operator gave is the next best
        }
        return fallback == null ? "(this login)" : fallback;
    }

    /** The schema unqualified names resolve to first for this login (SCHEMA_NAME()); "dbo" when the server does not say. */
    public static String defaultSchema(Connection db) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME()")) {
            if (rs.next() && rs.getString(1) != null) return rs.getString(1);
        } catch (SQLException notAnswered) {
            // SQL Server falls back to dbo too
        }
        return "dbo";
    }

    /** "TKTPAY", or "3 tables (A, B, C)", or "25 tables (A, B, C, D, E, F and 19 more)". */
    static String named(List<String> tables) {
        return tables.size() == 1 ? tables.get(0) : tables.size() + " tables (" + String.join(", ", tables.subList(0, Math.min(6, tables.size())))
                + (tables.size() > 6 ? " and " + (tables.size() - 6) + " more" : "") + ")";
    }

    /**
     * The one line for a statement {@code db} refused for want of a permission (the table it names, the login, the fix), or
     * null when {@code e} is no refusal of a permission.
     */
    public static String deniedLine(SQLException e, Connection db) {
        Denied denied = denied(e);
        if (denied == null) return null;
        String user = user(db, null);
        if (denied.object().equals("?")) {
            return "the login " + user + " may not read a table (" + SourceErrors.firstLine(e.getMessage()) + "): ask the DBA for ALTER ROLE db_datareader ADD MEMBER " + user;
        }
        return deniedLine(user, denied.schema() != null ? denied.schema() : defaultSchema(db), List.of(denied.object()));
    }

    /**
     * The one line for tables {@code user} may not read: the tables and the fix, a GRANT for a few, the
     * db_datareader role (SELECT on every table) for many.
     */
    public static String deniedLine(String user, String schema, List<String> tables) {
        String s = schema == null ? "dbo" : schema;
        String which = named(tables);
        String grant = tables.size() <= 3
                ? String.join("; ", tables.stream().map(t -> "GRANT SELECT ON " + s + "." + t + " TO " + user).toList())
                  + " (or ALTER ROLE db_datareader ADD MEMBER " + user + ", SELECT on every table)"
                : "ALTER ROLE db_datareader ADD MEMBER " + user + " (SELECT on every table; or GRANT SELECT ON " + s + ".<table> TO " + user + " for each)";
        return "the login " + user + " may not read " + which + ": the table" + (tables.size() == 1 ? " is" : "s are")
                + " there, but the login lacks SELECT permission on " + (tables.size() == 1 ? "it" : "them") + "; ask the DBA for " + grant;
    }
}
