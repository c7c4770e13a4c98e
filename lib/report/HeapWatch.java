package lib.report;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap a run still held after a garbage collection: the live set, the
 * number that shows whether memory grows with the tables (unlike raw peak usage,
 * which only shows how lazily the collector ran).
 */
public final class HeapWatch {
    private static final AtomicLong PEAK_LIVE = new AtomicLong();
    private static volatile boolean installed;

    private HeapWatch() {}

    public static synchronized void install() {
        if (installed) return;
        installed = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) used += u.getUsed();
                PEAK_LIVE.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** Forgets the peaks so far (a warm JVM's training run is not the run it serves). */
    public static void reset() {
        PEAK_LIVE.set(0);
    }

    /** Bytes: the largest heap in use right after any collection so far (0 if none ran). */
    public static long peakLive() {
        return PEAK_LIVE.get();
    }
}
