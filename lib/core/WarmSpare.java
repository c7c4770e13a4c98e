package lib.core;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.ToIntFunction;

/**
 * The warm JVM's side ({@link WarmJvm}): started in the background after a run, it does a training run on the
 * sample (nothing printed, a scratch folder), forgets what that run set, then waits for one run of the same build,
 * folder and environment. It serves that run as the launching process's stand-in: the run's output, questions and
 * exit code go back over the socket; a Ctrl-C, a kill or the launching process's end stops the run here as a
 * Ctrl-C or kill would (shutdown hooks: the previous output stays). Then it exits: every run after is new.
 */
public final class WarmSpare {
    private WarmSpare() {}

    /** A warm JVM nobody came for exits after this long. */
    public static final int IDLE_MINUTES = 10;

    public static boolean asked(String... args) {
        return args.length == 1 && args[0].equals(WarmJvm.SPARE_ARG);
    }

    private static final Object STATE = new Object();
    private static boolean accepted, closing;
    private static volatile boolean finished;
    /** Held open to the end: its lock says this key's warm JVM is there (a channel no longer referenced may be closed). */
    private static FileChannel lockFile;

    /**
     * Trains on {@code training} (OUT: a scratch folder), runs {@code reset}, then serves one run with
     * {@code execute}; returns its exit code (0 when none came).
     */
    public static int serve(List<String> training, Runnable reset, ToIntFunction<String[]> execute) throws IOException {
        Path dir = WarmJvm.dir();
        if (dir == null || !WarmJvm.wanted()) return 0;
        String key = WarmJvm.key();
        Path socket = dir.resolve(key + ".sock"), pid = dir.resolve(key + ".pid");
        lockFile = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockFile.tryLock() == null) return 0; // another warm JVM of this key is there
        forgetOldLocks(dir);
        Files.writeString(pid, Long.toString(ProcessHandle.current().pid()));
        PrintStream console = System.out;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(none);
        System.setErr(none);
        Path scratch = Files.createTempDirectory("aim-warm-training-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Folders.deleteTree(scratch);
                Files.deleteIfExists(pid);
                synchronized (STATE) {
                    if (!accepted) Files.deleteIfExists(socket);
                }
            } catch (IOException ignored) {
                // a temporary folder left
            }
        }, "warm-clean-up"));
        List<String> args = new ArrayList<>();
        for (String a : training) args.add(a.equals("OUT") ? scratch.resolve("out").toString() : a);
        PausePoint.off = true;
        try {
            execute.applyAsInt(args.toArray(String[]::new));
        } catch (RuntimeException | Error failed) {
            // Then the run it serves compiles its code itself.
        } finally {
            PausePoint.off = false;
            Folders.deleteTree(scratch);
        }
        reset.run();
        System.gc();

        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Files.deleteIfExists(socket); // a warm JVM gone without cleaning up (it held the lock)
        server.bind(UnixDomainSocketAddress.of(socket));
        console.println("ready " + socket);
        console.flush();
        Thread idle = new Thread(() -> {
            try {
                Thread.sleep(IDLE_MINUTES * 60_000L);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (STATE) {
                if (accepted) return;
                closing = true;
            }
            System.exit(0);
        }, "warm-idle");
        idle.setDaemon(true);
        idle.start();
        SocketChannel ch = server.accept();
        synchronized (STATE) {
            if (closing) return 0;
            accepted = true;
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(pid); // serving now: a run that finds no socket must not stop this one as if it trained
        server.close();
        return serveOne(ch, key, execute);
    }

    private static int serveOne(SocketChannel ch, String key, ToIntFunction<String[]> execute) throws IOException {
        DataInputStream from = new DataInputStream(new BufferedInputStream(WarmJvm.input(ch)));
        DataOutputStream to = new DataOutputStream(WarmJvm.output(ch));
        if (from.readInt() != WarmJvm.PROTOCOL | !from.readUTF().equals(key)) {
            to.writeByte(WarmJvm.NO);
            to.flush();
            return 0;
        }
        boolean interactive = from.readBoolean();
        String[] args = new String[from.readInt()];
        for (int i = 0; i < args.length; i++) args[i] = from.readUTF();
        to.writeByte(WarmJvm.YES);
        to.flush();

        System.setOut(new PrintStream(new Frames(to, WarmJvm.OUT), true));
        System.setErr(new PrintStream(new Frames(to, WarmJvm.ERR), true));
        LinkedBlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
        Terminal.serve(interactive, new Asking(to, answers));
        Thread control = new Thread(() -> control(from, answers), "warm-control");
        control.setDaemon(true);
        control.start();
        int code = execute.applyAsInt(args);
        System.out.flush();
        System.err.flush();
        finished = true;
        synchronized (to) {
            to.writeByte(WarmJvm.EXIT);
            to.writeInt(code);
            to.flush();
        }
        return code;
    }

    /** What the launching process sends while the run goes: Ctrl-C, kill, answers; its end is a kill. */
    private static void control(DataInputStream from, LinkedBlockingQueue<Optional<String>> answers) {
        try {
            while (true) {
                byte m = from.readByte();
                if (m == WarmJvm.INT) System.exit(ExitCode.INTERRUPTED.code);
                if (m == WarmJvm.TERM) System.exit(143);
                if (m == WarmJvm.ANSWER) answers.add(from.readBoolean() ? Optional.of(from.readUTF()) : Optional.empty());
            }
        } catch (IOException gone) {
            if (!finished) System.exit(143); // the launching process was killed, or its terminal closed
        }
    }

    /** The lock files of keys no warm JVM has held for a day (each build, folder and environment leaves one). */
    private static void forgetOldLocks(Path dir) {
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() > dayAgo) continue;
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE); FileLock l = c.tryLock()) {
                    if (l != null) Files.delete(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // tidying only
        }
    }

    /** Stops a warm JVM of this key still training (it would take the cores the run about to start needs). */
    static void stopTraining(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) return;
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).filter(p -> p.info().arguments().map(a -> List.of(a).contains(WarmJvm.SPARE_ARG)).orElse(false))
                    .ifPresent(ProcessHandle::destroy);
            Files.deleteIfExists(pidFile);
        } catch (IOException | RuntimeException ignored) {
            // gone already
        }
    }

    /** One stream of the run's output, in frames on the socket. */
    private static final class Frames extends OutputStream {
        private final DataOutputStream to;
        private final byte type;

        Frames(DataOutputStream to, byte type) {
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
            synchronized (to) {
                try {
                    to.writeByte(type);
                    to.writeInt(len);
                    to.write(b, off, len);
                    to.flush();
                } catch (IOException gone) {
                    // The launching process is gone: the control thread stops the run.
                }
            }
        }
    }

    /** The run's questions, asked at the launching process's terminal. */
    private record Asking(DataOutputStream to, LinkedBlockingQueue<Optional<String>> answers) implements Terminal.Asker {
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
            synchronized (to) {
                try {
                    to.writeByte(WarmJvm.ASK);
                    to.writeBoolean(password);
                    to.writeUTF(prompt);
                    to.flush();
                } catch (IOException gone) {
                    return null;
                }
            }
            try {
                return answers.take().orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
