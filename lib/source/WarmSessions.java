package lib.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Sessions to a SQL Server that a warm JVM opens for the run it will serve (lib.cli.WarmEntry): logged in as the
 * previous run was, and each sent that run's statements with TOP 0 (they read nothing). A server that pays for a
 * statement's first use in each session (the TDS server of ../shared/tds: 1.3-1.6 s of its CPU for the statements
 * of a run's first session at scale 1, against 0.2 s in a session that sent them before) then answers the run's own
 * statements at the second use's cost, and the run skips its logins. The run takes them ({@link SourceLogin#open})
 * only for the same URL, login and password, and only while they answer; the warm JVM closes the rest when the run ends.
 */
public final class WarmSessions {
    private static final ArrayDeque<Connection> HELD = new ArrayDeque<>();
    private static String heldFor;
    private static int taken;

    private WarmSessions() {}

    /**
     * Opens {@code sessions} sessions as {@code login} and warms them: the first with {@code first} (what a run sends
     * on its first connection), each with {@code reads} (the tables' reads, as prepared statements like the readers'),
     * all with TOP 0. A statement the server refuses is passed over (the run says what is wrong). Returns how many
     * sessions it holds; none when the login fails.
     */
    public static int open(SourceLogin login, int sessions, List<String> first, List<String> reads) {
        return open(login, sessions, first, c -> List.of(), reads);
    }

    /**
     * As above, the first session then sent what {@code then} makes of it, after {@code first}: the business figures'
     * statements, built as the run will build them once it has read the source's collations and types on that session
     * (lib.cli.WarmLogins), so the run sends the very statements warmed.
     */
    public static int open(SourceLogin login, int sessions, List<String> first, Function<Connection, List<String>> then, List<String> reads) {
        release();
        ArrayDeque<Connection> opened = new ArrayDeque<>();
        try {
            for (int i = 0; i < sessions; i++) {
                Connection c = SourceConnection.open(login.url(), login.user(), login.password(), login.loginTimeoutSeconds());
                opened.add(c);
                if (i == 0) {
                    for (String sql : first) warm(c, sql, false);
                    for (String sql : then.apply(c)) warm(c, sql, false);
                }
                for (String sql : reads) warm(c, sql, true);
            }
        } catch (RuntimeException loginFailed) {
            opened.forEach(WarmSessions::close);
            return 0;
        }
        synchronized (WarmSessions.class) {
            HELD.addAll(opened);
            heldFor = key(login);
            taken = 0;
        }
        return opened.size();
    }

    /** {@code sql} as a statement that reads nothing: SELECT TOP 0. */
    public static String topZero(String sql) {
        return sql.startsWith("SELECT ") && !sql.startsWith("SELECT TOP ") ? "SELECT TOP 0 " + sql.substring("SELECT ".length()) : sql;
    }

    /** Seconds a warming statement may take: TOP 0 reads nothing, but a server can be slow to plan or to answer. */
    private static final int WARM_SECONDS = 10;

    private static void warm(Connection c, String sql, boolean prepared) {
        try {
            if (prepared) {
                try (PreparedStatement st = c.prepareStatement(topZero(sql))) {
                    st.setQueryTimeout(WARM_SECONDS);
                    st.executeQuery().close();
                }
            } else {
                try (Statement st = c.createStatement()) {
                    st.setQueryTimeout(WARM_SECONDS);
                    st.executeQuery(topZero(sql)).close();
                }
            }
        } catch (SQLException refused) {
            // a table or column the source lacks: the run itself says so
        }
    }

    /**
     * A held session for {@code login} that still answers, the first opened first; null when there is none. Whether
     * one answers is asked without the class's lock held (up to 2 s a session that is gone): a login of another
     * source meanwhile goes on at once.
     */
    static Connection take(SourceLogin login) {
        String key = null;
        while (true) {
            Connection c;
            synchronized (WarmSessions.class) {
                if (HELD.isEmpty()) return null;
                if (key == null) key = key(login);
                if (!key.equals(heldFor)) return null;
                c = HELD.poll();
            }
            boolean answers;
            try {
                answers = c.isValid(2);
            } catch (SQLException gone) {
                answers = false;
            }
            if (answers) {
                synchronized (WarmSessions.class) {
                    taken++;
                }
                return c;
            }
            close(c);
        }
    }

    /** Closes the sessions no run took (without the class's lock held); returns how many a run took since they were opened. */
    public static int release() {
        List<Connection> closing;
        int n;
        synchronized (WarmSessions.class) {
            closing = new ArrayList<>(HELD);
            HELD.clear();
            heldFor = null;
            n = taken;
            taken = 0;
        }
        closing.forEach(WarmSessions::close);
        return n;
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a session that is gone already
        }
    }

    /** The URL, login and password as one digest: the password is compared, not kept a second time. */
    private static String key(SourceLogin login) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {login.url(), login.user(), login.password()}) {
                d.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
