package lib.core;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A SHA-256 computed on a thread of its own: what is written is copied and hashed there, in
 * order, beside the writer's own work (a file written once and hashed twice, as itself and as
 * part of another, takes the time of one hash on two cores). At most 64 writes wait at a time.
 */
public final class HashThread extends OutputStream {
    private final MessageDigest md = Hashes.digest();
    private final ExecutorService thread;
    private final Semaphore room = new Semaphore(64);
    private Future<?> last;

    public HashThread(String name) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len == 0) return;
        byte[] part = Arrays.copyOfRange(b, off, off + len);
        room.acquireUninterruptibly();
        last = thread.submit(() -> {
            try {
                md.update(part);
            } finally {
                room.release();
            }
        });
    }

    /** The hash of everything written, as lower-case hex, once the thread has caught up; the thread ends. */
    public String hex() throws InterruptedException {
        try {
            if (last != null) last.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        } finally {
            thread.shutdown();
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
