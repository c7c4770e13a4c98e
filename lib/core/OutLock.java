package lib.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS lock on OUT/.lock that keeps a run writing OUT apart from the --d1-* actions reading it: a run that publishes
 * holds it exclusively (one at a time), --d1-apply, --d1-verify and --d1-rollback hold it shared (any number of them,
 * but no run replacing the files they load and compare meanwhile). An OS lock, not a marker file: it goes with the
 * process that held it, so a kill -9 or a power cut never leaves a lock behind that blocks the next run.
 */
public final class OutLock implements AutoCloseable {
    /** The holder refused: who holds the lock (pids, where the OS says), and whether as a writer. */
    public record Holder(List<Long> pids, boolean writing) {
        /** " (pid 123)", " (pids 1, 2)" or "" when the OS does not say. */
        public String pidNote() {
            if (pids.isEmpty()) return "";
            return " (pid" + (pids.size() > 1 ? "s " : " ") + String.join(", ", pids.stream().map(String::valueOf).toList()) + ")";
        }

        /** The --d1-* action the holders' command lines name ("--d1-apply"), or null when none can be read. */
        public String d1Action() {
            for (long pid : pids) {
                String[] args = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).orElse(new String[0]);
                for (String a : args) if (a.matches("--d1-(apply|verify|rollback)")) return a;
            }
            return null;
        }
    }

    /** The locks held in this JVM: a second channel on the file, once closed, would drop the process's lock on it. */
    private static final Map<Path, OutLock> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean shared;
    private int users = 1;

    private OutLock(Path file, FileChannel channel, FileLock lock, boolean shared) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.shared = shared;
    }

    /**
     * Takes {@code dir}/.lock, shared or exclusive, or returns null with {@code refused[0]} set to who holds it. The
     * folder must exist; a shared lock in a folder this user may not write is taken through a read-only channel.
     */
    public static synchronized OutLock tryTake(Path dir, boolean shared, Holder[] refused) throws IOException {
        Path file = dir.resolve(".lock").toAbsolutePath().normalize();
        OutLock here = HELD.get(file);
        if (here != null) {
            if (shared && here.shared) {
                here.users++;
                return here;
            }
            refused[0] = new Holder(List.of(ProcessHandle.current().pid()), !here.shared);
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileSystemException notWritable) {
            if (!shared) throw notWritable;
            // A folder this user may not write (a read-only copy, a USB stick): a shared lock needs only reading, and
            // where there is no lock file to read, no run writes the folder either: nothing to keep apart.
            if (!Files.exists(file)) return new OutLock(file, null, null, true);
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException | IOException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
        if (lock == null) {
            channel.close();
            refused[0] = holder(file);
            return null;
        }
        OutLock taken = new OutLock(file, channel, lock, shared);
        HELD.put(file, taken);
        return taken;
    }

    /**
     * Who holds a lock on {@code file}, as Linux's /proc/locks lists it (pid and READ or WRITE per lock on the file's
     * inode); no pids where there is no /proc/locks.
     */
    static Holder holder(Path file) {
        List<Long> pids = new ArrayList<>();
        boolean writing = false;
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.replace(" -> ", " ").trim().split("\\s+");
                if (f.length < 6 || !f[5].endsWith(inode) || f[5].indexOf(':') == f[5].lastIndexOf(':')) continue;
                long pid = Long.parseLong(f[4]);
                if (pid == ProcessHandle.current().pid() || pids.contains(pid)) continue;
                if (pid > 0) pids.add(pid);
                writing |= f[3].equals("WRITE");
            }
        } catch (IOException | RuntimeException unknown) {
            // Not Linux, or no /proc: the refusal names no pid.
        }
        return new Holder(pids, writing);
    }

    @Override
    public void close() throws IOException {
        if (channel == null) return; // nothing was locked (see tryTake)
        synchronized (OutLock.class) {
            if (--users > 0) return;
            HELD.remove(file);
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
