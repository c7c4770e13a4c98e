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
import java.nio.charset.Charset;
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
        return args.length >= 1 && args[0].equals(WarmJvm.SPARE_ARG);
    }

    private static final Object STATE = new Object();
    private static boolean accepted, closing;
    private static volatile boolean finished, stoppedByClient;
    /** Held open to the end: its lock says this key's warm JVM is there (a channel no longer referenced may be closed). */
    private static FileChannel lockFile;
    /** KEY.log beside the socket: what this warm JVM did, and why a run found none (a failed training's error line). */
    private static PrintStream log;

    /**
     * Trains on {@code training} (OUT: a scratch folder), runs {@code reset}, then serves one run with
     * {@code execute}; returns its exit code (0 when none came).
     */
    public static int serve(List<String> training, Runnable reset, ToIntFunction<String[]> execute) throws IOException {
        Path dir = WarmJvm.dir();
        if (dir == null || !WarmJvm.wanted()) return 0;
        String key = WarmJvm.key();
        Path socket = dir.resolve(key + ".sock"), pid = dir.resolve(key + ".pid");
        Path logFile = dir.resolve(key + ".log");
        lockFile = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockFile.tryLock() == null) {
            log = openLog(logFile, false);
            say("another warm JVM of this key is there (" + pid.getFileName() + "); this one ends");
            return 0;
        }
        log = openLog(logFile, true);
        forgetOld(dir, key);
        Files.writeString(pid, Long.toString(ProcessHandle.current().pid()));
        PrintStream console = System.out;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(none);
        System.setErr(log); // a failed training run's one line says why
        Path scratch = Files.createTempDirectory("aim-warm-training-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Folders.deleteTree(scratch);
                synchronized (STATE) {
                    // Once a run was accepted both went at once: these names may be the next warm JVM's by now.
                    if (!accepted) {
                        Files.deleteIfExists(pid);
                        Files.deleteIfExists(socket);
                    }
                }
            } catch (IOException ignored) {
                // a temporary folder left
            }
        }, "warm-clean-up"));
        List<String> args = new ArrayList<>();
        for (String a : training) args.add(a.equals("OUT") ? scratch.resolve("out").toString() : a);
        PausePoint.off = true;
        long start = System.nanoTime();
        say("training: " + String.join(" ", training) + ", in " + System.getProperty("user.dir"));
        try {
            int trained = execute.applyAsInt(args.toArray(String[]::new));
            say(trained == 0 ? String.format("trained in %.1f s", (System.nanoTime() - start) / 1e9)
                    : "the training run ended with exit " + trained + " (above); the run served compiles what it needs itself");
        } catch (RuntimeException | Error failed) {
            say("the training run failed: " + failed + "; the run served compiles what it needs itself");
        } finally {
            PausePoint.off = false;
            Folders.deleteTree(scratch);
        }
        System.setErr(none);
        reset.run();

        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Files.deleteIfExists(socket); // a warm JVM gone without cleaning up (it held the lock)
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            say("cannot listen on " + socket + ": " + e.getMessage() + "; this one ends");
            throw e;
        }
        say("ready: waits " + IDLE_MINUTES + " minutes for a run on " + socket);
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
            say("no run came in " + IDLE_MINUTES + " minutes; ends");
            System.exit(0);
        }, "warm-idle");
        idle.setDaemon(true);
        idle.start();
        SocketChannel ch = server.accept();
        synchronized (STATE) {
            if (closing) return 0;
            accepted = true;
        }
        // Serving now: first the pid file, so that a run finding no socket never stops this one as if it trained.
        Files.deleteIfExists(pid);
        Files.deleteIfExists(socket);
        server.close();
        if (!WarmJvm.samePeer(ch)) {
            say("a process of another user connected; nothing run, this one ends");
            return 0;
        }
        say("serving a run");
        int code = serveOne(ch, key, execute);
        say("served: exit " + code);
        return code;
    }

    private static int serveOne(SocketChannel ch, String key, ToIntFunction<String[]> execute) throws IOException {
        DataInputStream from = new DataInputStream(new BufferedInputStream(WarmJvm.input(ch)));
        WarmLink to = new WarmLink(new DataOutputStream(WarmJvm.output(ch)));
        if (from.readInt() != WarmJvm.PROTOCOL | !from.readUTF().equals(key)) {
            to.send(o -> o.writeByte(WarmJvm.NO));
            return 0;
        }
        boolean interactive = from.readBoolean(), canAsk = from.readBoolean();
        Charset outCharset = charset(from.readUTF()), errCharset = charset(from.readUTF());
        String[] args = new String[from.readInt()];
        for (int i = 0; i < args.length; i++) args[i] = from.readUTF();
        to.send(o -> o.writeByte(WarmJvm.YES));

        System.setOut(new PrintStream(new WarmLink.Frames(to, WarmJvm.OUT), true, outCharset));
        System.setErr(new PrintStream(new WarmLink.Frames(to, WarmJvm.ERR), true, errCharset));
        LinkedBlockingQueue<Optional<String>> answers = new LinkedBlockingQueue<>();
        Terminal.serve(interactive, canAsk, new WarmLink.Asking(to, answers));
        // Stopped from outside (kill, the OOM killer): the launching process is told, and ends as a kill would.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished || stoppedByClient) return;
            say("stopped from outside (a signal to this JVM) before the run ended");
            to.send(o -> o.writeByte(WarmJvm.KILLED));
        }, "warm-killed"));
        Thread control = new Thread(() -> control(from, answers), "warm-control");
        control.setDaemon(true);
        control.start();
        int code;
        try {
            code = execute.applyAsInt(args);
        } catch (Throwable t) { // as the JVM says it of a main thread that fails
            System.err.print("Exception in thread \"main\" ");
            t.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        finished = true;
        lockFile.close(); // the next warm JVM of this key may start now
        int exit = code;
        to.send(o -> {
            o.writeByte(WarmJvm.EXIT);
            o.writeInt(exit);
        });
        return code;
    }

    /**
     * KEY.log, always appended to (the JVM's own stderr goes there too); past 64 KiB (a warm JVM a run, a few lines
     * each) it becomes KEY.log.1 first, but only by the warm JVM holding the key's lock ({@code rotate}).
     */
    private static PrintStream openLog(Path file, boolean rotate) {
        try {
            if (rotate && Files.exists(file) && Files.size(file) > 65_536) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new PrintStream(new java.io.FileOutputStream(file.toFile(), true), true, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new PrintStream(OutputStream.nullOutputStream());
        }
    }

    /** A line for this warm JVM's log (KEY.log); nothing outside a warm JVM. */
    public static void note(String what) {
        say(what);
    }

    private static void say(String what) {
        if (log != null) log.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " pid "
                + ProcessHandle.current().pid() + ": " + what);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }

    /** What the launching process sends while the run goes: Ctrl-C, kill, answers; its end is a kill. */
    private static void control(DataInputStream from, LinkedBlockingQueue<Optional<String>> answers) {
        try {
            while (true) {
                byte m = from.readByte();
                if (m == WarmJvm.INT || m == WarmJvm.TERM) {
                    stoppedByClient = true;
                    int exit = m == WarmJvm.INT ? ExitCode.INTERRUPTED.code : 143;
                    say("stopped by the launching process (" + (m == WarmJvm.INT ? "Ctrl-C" : "SIGTERM") + "): exit " + exit);
                    System.exit(exit);
                }
                if (m == WarmJvm.ANSWER) answers.add(from.readBoolean() ? Optional.of(from.readUTF()) : Optional.empty());
            }
        } catch (IOException gone) {
            if (!finished) { // the launching process was killed, or its terminal closed
                stoppedByClient = true;
                say("the launching process is gone (killed, or its terminal closed): the run stops, exit 143");
                System.exit(143);
            }
        }
    }

    /**
     * The lock files and logs of other keys no warm JVM has held or written for a day (each build, folder and
     * environment leaves its own).
     */
    private static void forgetOld(Path dir, String mine) {
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString(), key = name.substring(0, Math.max(0, name.indexOf('.')));
                if (key.equals(mine) || !name.matches("[0-9a-f]+\\.(lock|log|log\\.1)") || Files.getLastModifiedTime(f).toMillis() > dayAgo) continue;
                Path lock = dir.resolve(key + ".lock");
                if (!Files.exists(lock)) {
                    Files.deleteIfExists(f);
                    continue;
                }
                try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = c.tryLock()) {
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
}
