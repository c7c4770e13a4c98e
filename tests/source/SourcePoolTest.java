package tests.source;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import lib.core.MigrationException;
import lib.source.SourcePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's connections to AIM: reused instead of logging in again, never more than --jobs open, the first one its owner's. */
class SourcePoolTest {
    private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger logins = new AtomicInteger();
    private final Supplier<Connection> login = () -> {
        try {
            logins.incrementAndGet();
            Connection c = DriverManager.getConnection("jdbc:h2:mem:");
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    };

    @AfterEach
    void closeAll() throws SQLException {
        for (Connection c : opened) c.close();
    }

    @Test
    void aConnectionGivenBackIsTakenAgainWithoutALogin() {
        Connection first = login.get();
        try (SourcePool pool = new SourcePool(first, login, 4)) {
            assertSame(first, pool.take(), "the run's first connection is the first one lent");
            Connection second = pool.take();
            assertNotSame(first, second);
            pool.giveBack(second);
            assertSame(second, pool.take());
            pool.giveBack(first);
            pool.giveBack(second);
            assertSame(first, pool.take(first), "the connection asked for, when it is free");
        }
        assertEquals(2, logins.get(), "the first, and one more while the first was lent");
    }

    @Test
    void manyTakersNeverHoldMoreThanSizeOrTheSameConnectionAtOnce() throws Exception {
        Connection first = login.get();
        int size = 3;
        Set<Connection> held = Collections.newSetFromMap(new IdentityHashMap<>());
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (SourcePool pool = new SourcePool(first, login, size)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                done.add(threads.submit(() -> {
                    Connection c = pool.take();
                    synchronized (held) {
                        assertTrue(held.add(c), "a connection lent twice at once");
                        most.accumulateAndGet(held.size(), Math::max);
                    }
                    Thread.yield();
                    synchronized (held) {
                        held.remove(c);
                    }
                    pool.giveBack(c);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertTrue(most.get() <= size, "at most " + size + " lent at once, saw " + most.get());
        assertTrue(logins.get() <= size, "at most " + size + " logins, saw " + logins.get());
    }

    @Test
    void aSpareIsOnlyEverAConnectionAReaderGaveBack() throws Exception {
        Connection first = login.get();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (SourcePool pool = new SourcePool(first, login, 4)) {
            CountDownLatch asking = new CountDownLatch(1);
            Future<Connection> spare = threads.submit(() -> {
                asking.countDown();
                return pool.takeSpare();
            });
            asking.await();
            Connection reader = pool.take();
            assertSame(first, reader, "the first table's reader is not kept waiting by the figures");
            assertFalse(spare.isDone(), "no spare before a reader gives one back");
            pool.giveBack(reader);
            assertSame(first, spare.get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, logins.get(), "the figures waited for a connection instead of logging in");
    }

    @Test
    void aSpareIsANewLoginOnceEveryConnectionHasDropped() throws Exception {
        Connection first = login.get();
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (SourcePool pool = new SourcePool(first, login, 2)) {
            pool.drop(pool.take()); // the readers' only connection dropped: none will ever be given back
            Connection spare = threads.submit(pool::takeSpare).get(30, TimeUnit.SECONDS);
            assertNotSame(first, spare);
            assertFalse(spare.isClosed());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, logins.get());
    }

    @Test
    void aDroppedConnectionFreesItsPlaceAndIsClosed() throws Exception {
        Connection first = login.get();
        try (SourcePool pool = new SourcePool(first, login, 1)) {
            Connection c = pool.take();
            pool.drop(c);
            assertFalse(c.isClosed(), "the first connection is its owner's to close");
            Connection again = pool.take();
            assertNotSame(first, again, "a new login in the dropped one's place");
            pool.drop(again);
            assertTrue(again.isClosed());
            Connection closedOne = pool.take();
            closedOne.close();
            pool.giveBack(closedOne);
            assertNotSame(closedOne, pool.take(), "a closed connection given back is not lent again");
        }
    }

    @Test
    void closingThePoolClosesItsConnectionsButTheFirstAndStopsTheWaiting() throws Exception {
        Connection first = login.get();
        SourcePool pool = new SourcePool(first, login, 2);
        Connection a = pool.take();
        Connection b = pool.take();
        pool.giveBack(b);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            pool.take();
            Future<Connection> waiting = threads.submit(() -> pool.take());
            pool.close();
            Exception e = assertThrows(Exception.class, () -> waiting.get(30, TimeUnit.SECONDS));
            assertInstanceOf(MigrationException.class, e.getCause());
        } finally {
            threads.shutdownNow();
        }
        pool.giveBack(a);
        assertFalse(first.isClosed());
        assertTrue(opened.stream().filter(c -> c != first).allMatch(c -> {
            try {
                return c.isClosed() || c == b;
            } catch (SQLException e) {
                return false;
            }
        }));
        assertThrows(MigrationException.class, pool::take);
    }
}
