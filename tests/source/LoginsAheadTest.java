package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import lib.source.Isolation;
import lib.source.LoginsAhead;
import lib.source.SourceLogin;
import org.junit.jupiter.api.Test;

/** Readers' logins started ahead of the run: taken with the run's isolation, the rest closed, a failed one left to the caller. */
class LoginsAheadTest {
    static final String URL = "jdbc:h2:mem:logins_ahead;DB_CLOSE_DELAY=-1";

    static long sessions(Connection watch) throws Exception {
        try (Statement st = watch.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eachLoginIsTakenOnceWithTheRunsIsolationAndThoseNotTakenAreClosed() throws Exception {
        SourceLogin login = new SourceLogin(URL, "h2", "sa", "", 5);
        try (Connection watch = DriverManager.getConnection(URL, "sa", "")) {
            long before = sessions(watch);
            LoginsAhead ahead = LoginsAhead.start(login, 3);
            Connection a = ahead.take(Isolation.READ_UNCOMMITTED), b = ahead.take(Isolation.READ_UNCOMMITTED);
            assertNotNull(a);
            assertNotNull(b);
            assertNotSame(a, b);
            assertEquals(Connection.TRANSACTION_READ_UNCOMMITTED, a.getTransactionIsolation());
            ahead.close();
            assertNull(ahead.take(Isolation.READ_UNCOMMITTED), "nothing is taken after close");
            // The third login, never taken, is closed by close() (or closes itself when it comes in after it): once
            // the login threads have ended (however long a busy machine holds a login up), it is closed either way.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("aim-login")) t.join(120_000);
            }
            assertEquals(before + 2, sessions(watch), "the two taken stay open, the one not taken is closed");
            a.close();
            b.close();
        }
    }

    @Test
    void aLoginThatFailedIsNotTakenSoTheCallerLogsInItselfAndSaysWhatFailed() {
        LoginsAhead ahead = LoginsAhead.start(new SourceLogin("jdbc:h2:mem:x;IFEXISTS=TRUE;UNKNOWN_SETTING=1", "h2", "sa", "", 5), 2);
        assertNull(ahead.take(Isolation.READ_UNCOMMITTED));
        assertNull(ahead.take(Isolation.READ_UNCOMMITTED));
        assertNull(ahead.take(Isolation.READ_UNCOMMITTED), "two logins started, none more");
        ahead.close();
    }

    @Test
    void noneTakesNothing() {
        try (LoginsAhead none = LoginsAhead.none()) {
            assertNull(none.take(Isolation.READ_UNCOMMITTED));
        }
    }
}
