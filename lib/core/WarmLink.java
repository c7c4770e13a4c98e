package lib.core;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The socket's writing end, written by one thread of its own: a run's thread that is interrupted while it
 * prints would otherwise close the socket for every thread. A sender still waits until its bytes are written.
 */
final class WarmLink {
    private final DataOutputStream out;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warm-writer");
        t.setDaemon(true);
        return t;
    });

    WarmLink(DataOutputStream out) {
        this.out = out;
    }

    interface Message {
        void write(DataOutputStream o) throws IOException;
    }

    /** Writes {@code m} and flushes; false when the launching process is gone. */
    boolean send(Message m) {
        Future<Boolean> sent = writer.submit(() -> {
            try {
                m.write(out);
                out.flush();
                return true;
            } catch (IOException gone) {
                return false;
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return sent.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the bytes go out all the same, and then the interrupt is the caller's again
                } catch (ExecutionException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** One stream of the run's output, in frames on the socket. */
    static final class Frames extends OutputStream {
        private final WarmLink to;
        private final byte type;

        Frames(WarmLink to, byte type) {
            this.to = to;
            this.type = type;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len == 0) return;
            byte[] bytes = java.util.Arrays.copyOfRange(b, off, off + len);
            // The launching process gone: the control thread stops the run.
            to.send(o -> {
                o.writeByte(type);
                o.writeInt(bytes.length);
                o.write(bytes);
            });
        }
    }

    /** The run's questions, asked at the launching process's terminal. */
    record Asking(WarmLink to, LinkedBlockingQueue<Optional<String>> answers) implements Terminal.Asker {
        @Override
        public String readLine(String format, Object... args) {
            return ask(false, String.format(format, args));
        }

        @Override
        public char[] readPassword(String format, Object... args) {
            String p = ask(true, String.format(format, args));
            return p == null ? null : p.toCharArray();
        }

        private synchronized String ask(boolean password, String prompt) {
            boolean asked = to.send(o -> {
                o.writeByte(WarmJvm.ASK);
                o.writeBoolean(password);
                o.writeUTF(prompt);
            });
            if (!asked) return null;
            try {
                return answers.take().orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
