package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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

    /**
     * A login lent for work beside the first connection (the collations) goes to the next take when the work is done;
     * a take that comes while it is lent waits for it rather than logging in again (a login more the server pays for).
     */
    @Test
    void aLentLoginDoesItsWorkAndThenGoesToATakeThatWaitedForIt() throws Exception {
        SourceLogin login = new SourceLogin(URL, "h2", "sa", "", 5);
        try (LoginsAhead ahead = LoginsAhead.start(login, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Connection> lentOn = new CompletableFuture<>();
            CompletableFuture<String> lent = ahead.lend(c -> {
                lentOn.complete(c);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return "worked";
            });
            assertNotNull(lent);
            Connection onIt = lentOn.get(); // the work has the login now
            CompletableFuture<Connection> taken = new CompletableFuture<>();
            Thread taker = new Thread(() -> taken.complete(ahead.take(Isolation.READ_UNCOMMITTED)));
            taker.start();
            while (taker.getState() != Thread.State.WAITING && taker.getState() != Thread.State.TERMINATED) Thread.onSpinWait();
            release.countDown();
            assertEquals("worked", lent.get());
            assertSame(onIt, taken.get(), "the take waited for the lent login, and got it");
            assertEquals(Connection.TRANSACTION_READ_UNCOMMITTED, onIt.getTransactionIsolation());
            assertNull(ahead.take(Isolation.READ_UNCOMMITTED), "one login ahead, taken once");
            onIt.close();
        }
    }

    @Test
    void aLentLoginThatFailedGivesNoResultAndIsNotTaken() throws Exception {
        try (LoginsAhead ahead = LoginsAhead.start(new SourceLogin("jdbc:h2:mem:x;IFEXISTS=TRUE;UNKNOWN_SETTING=1", "h2", "sa", "", 5), 1)) {
            CompletableFuture<String> lent = ahead.lend(c -> "worked");
            assertNull(lent.get(), "the caller does the work itself");
            assertNull(ahead.take(Isolation.READ_UNCOMMITTED));
            assertNull(ahead.lend(c -> "again"), "none left to lend");
        }
    }

    @Test
    void noneTakesNothing() {
        try (LoginsAhead none = LoginsAhead.none()) {
            assertNull(none.take(Isolation.READ_UNCOMMITTED));
            assertNull(none.lend(c -> "worked"));
        }
    }
}
