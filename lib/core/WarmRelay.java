package lib.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/**
 * The launching process's side of a run served by a warm JVM ({@link WarmJvm}): what the warm JVM prints goes to
 * this process's standard output and error, its questions to this terminal, and a Ctrl-C or kill of this process
 * to the warm JVM, which then stops the run as a Ctrl-C or kill of its own would (the previous output stays).
 */
final class WarmRelay {
    private final SocketChannel ch;
    private final DataInputStream from;
    private final DataOutputStream to;
    private volatile int stoppedBy; // the exit code of the signal relayed, 0 for none
    private boolean killed; // the warm JVM was stopped by a signal of its own

    WarmRelay(SocketChannel ch, DataInputStream from, DataOutputStream to) {
        this.ch = ch;
        this.from = from;
        this.to = to;
    }

    /** Relays until the run's exit code comes, and returns it. */
    int relay() {
        relaySignal("INT", WarmJvm.INT, ExitCode.INTERRUPTED.code);
        relaySignal("TERM", WarmJvm.TERM, 143);
        relaySignal("HUP", WarmJvm.TERM, 129); // the terminal closed
        OutputStream out = WarmJvm.stdout(), err = WarmJvm.stderr();
        boolean[] closed = {false, false};
        try {
            while (true) {
                byte type = from.readByte();
                if (type == WarmJvm.OUT || type == WarmJvm.ERR) {
                    byte[] bytes = new byte[from.readInt()];
                    from.readFully(bytes);
                    int stream = type == WarmJvm.OUT ? 0 : 1;
                    if (!closed[stream]) {
                        try {
                            (stream == 0 ? out : err).write(bytes);
                        } catch (IOException gone) {
                            // As System.out does: a reader gone (| head) loses what follows, and the run goes on.
                            closed[stream] = true;
                        }
                    }
                } else if (type == WarmJvm.ASK) {
                    boolean password = from.readBoolean();
                    String prompt = from.readUTF();
                    Thread ask = new Thread(() -> answer(password, prompt), "warm-question");
                    ask.setDaemon(true); // a Ctrl-C while it waits for the answer ends the run all the same
                    ask.start();
                } else if (type == WarmJvm.KILLED) {
                    killed = true; // its shutdown hooks' lines come next, then the end
                } else if (type == WarmJvm.EXIT) {
                    int code = from.readInt();
                    ch.close();
                    return stoppedBy != 0 ? stoppedBy : code;
                } else {
                    throw new IOException("unexpected message " + type);
                }
            }
        } catch (EOFException | java.nio.channels.ClosedChannelException ended) {
            if (stoppedBy != 0) return stoppedBy; // the warm JVM stopped the run, as asked, and its last lines came above
            if (killed) return 143; // it was killed, and said so above as a killed run does
            return lost("it stopped without an exit code (killed?)");
        } catch (IOException e) {
            if (stoppedBy != 0) return stoppedBy;
            return lost(e.getMessage());
        }
    }

    private static int lost(String why) {
        System.err.println("MigrateAim: the warm JVM running this lost touch with it: " + why
                + "; run again without AIM_WARM=1 to run it in this process");
        System.err.flush();
        return ExitCode.INTERNAL.code;
    }

    /** A signal to this process goes to the warm JVM, which stops the run and says so; this process exits with its code. */
    private void relaySignal(String name, byte message, int exitCode) {
        // sun.misc.Signal by reflection: named in the source, it makes javac warn at every build.
        try {
            Class<?> signal = Class.forName("sun.misc.Signal"), handler = Class.forName("sun.misc.SignalHandler");
            Object relay = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, method, args) -> {
                if (!method.getName().equals("handle")) return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null;
                stoppedBy = exitCode;
                send(message);
                return null;
            });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), relay);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            // That signal cannot be caught here: it ends this process, and the warm JVM sees the socket close.
        }
    }

    private void answer(boolean password, String prompt) {
        Terminal.Asker asker = Terminal.asker();
        String typed = null;
        if (asker != null) {
            if (password) {
                char[] p = asker.readPassword("%s", prompt);
                typed = p == null ? null : new String(p);
            } else {
                typed = asker.readLine("%s", prompt);
            }
        }
        synchronized (this) {
            try {
                to.writeByte(WarmJvm.ANSWER);
                to.writeBoolean(typed != null);
                if (typed != null) to.writeUTF(typed);
                to.flush();
            } catch (IOException gone) {
                // The warm JVM is over; the relay sees it.
            }
        }
    }

    private synchronized void send(byte message) {
        try {
            to.writeByte(message);
            to.flush();
        } catch (IOException gone) {
            // The warm JVM is over; the relay sees it.
        }
    }
}
