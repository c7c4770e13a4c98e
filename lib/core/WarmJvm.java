package lib.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A warm JVM for the next run (opt in with env AIM_WARM=1): after a run, a JVM of the same build starts in the
 * background, does a run on the sample to get its code compiled, and waits (at most {@link WarmSpare#IDLE_MINUTES}
 * minutes) for the next run in the same folder with the same environment. That run then hands its arguments over
 * and relays what the warm JVM prints, its questions and Ctrl-C; the warm JVM serves that one run and exits.
 * A run with anything else different (another build after an edit, another folder or environment) finds none
 * and runs as it always does. This is the client's half: finding the warm JVM, handing over, starting the next.
 */
public final class WarmJvm {
    private WarmJvm() {}

    static final String SPARE_ARG = "__aim_warm_spare__";
    static final int PROTOCOL = 2;
    /** A key's length in hex digits (80 bits of its SHA-256): it names the socket, whose path is limited. */
    static final int KEY_CHARS = 20;
    // Frames from the warm JVM: standard output, standard error, a question, the exit code, stopped by a signal of its own;
    // a handshake's answer.
    static final byte OUT = 'O', ERR = 'E', ASK = 'P', EXIT = 'X', YES = 'Y', NO = 'N', KILLED = 'K';
    // Messages to it: Ctrl-C, kill (or the terminal gone), an answer.
    static final byte INT = 'I', TERM = 'T', ANSWER = 'A';
    /** Environment entries a shell changes from one command to the next, which no run reads. */
    private static final List<String> VOLATILE_ENV = List.of("_", "OLDPWD", "PWD", "SHLVL");

    /** Whether this process may use or start a warm JVM: asked for with env AIM_WARM=1. */
    static boolean wanted() {
        return "1".equals(System.getenv("AIM_WARM"));
    }

    /**
     * Runs {@code args} in a warm JVM waiting for this build, folder and environment, if there is one, and
     * returns its exit code; null when there is none (nothing was run: run here).
     */
    public static Integer handOver(String... args) {
        if (!wanted()) return null;
        Path dir = dir();
        if (dir == null) return null;
        String key = key();
        Path socket = dir.resolve(key + ".sock");
        if (!Files.exists(socket)) {
            WarmSpare.stopTraining(dir.resolve(key + ".pid")); // one still compiling would take the cores this run needs
            return null;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException gone) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // another run's clean-up
            }
            return null;
        }
        try {
            if (!samePeer(ch)) { // only a warm JVM of this user may print here or ask for a password
                ch.close();
                return null;
            }
            DataOutputStream to = new DataOutputStream(output(ch));
            DataInputStream from = new DataInputStream(new java.io.BufferedInputStream(input(ch)));
            to.writeInt(PROTOCOL);
            to.writeUTF(key);
            to.writeBoolean(Terminal.interactive());
            to.writeBoolean(Terminal.canAsk());
            // The encodings this process's standard output and error have (on JDK 19+ they can differ from the default).
            to.writeUTF(System.getProperty("stdout.encoding", java.nio.charset.Charset.defaultCharset().name()));
            to.writeUTF(System.getProperty("stderr.encoding", java.nio.charset.Charset.defaultCharset().name()));
            to.writeInt(args.length);
            for (String a : args) to.writeUTF(a);
            to.flush();
            if (from.readByte() != YES) {
                ch.close();
                return null;
            }
            return new WarmRelay(ch, from, to).relay();
        } catch (IOException refused) {
            // Gone before it took the run (another run took it first): nothing was run.
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing
            }
            return null;
        }
    }

    /** After a run that was not stopped, starts a warm JVM of this build for the next one (when wanted), training with {@code training} too. */
    public static void startNext(int exitCode, List<String> training) {
        if (!wanted() || exitCode == ExitCode.INTERRUPTED.code || exitCode == 143) return;
        Path dir = dir();
        List<String> command = spareCommand();
        if (command != null) command.addAll(training);
        if (dir == null || command == null) return;
        // Its own account goes to KEY.log (WarmSpare); what the JVM itself says before that (it cannot start) too.
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(key() + ".log").toFile()));
        try {
            // setsid -f starts it and returns at once: a child still running when this JVM exits would hold the exit
            // back 0.3 s (the JVM waits for its thread waiting on that child).
            pb.start().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // Only a head start for the next run.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * This JVM's own command line with the arguments replaced by {@link #SPARE_ARG}, in a session of its own
     * (setsid: the terminal's Ctrl-C and hang-up are not for it); null when the command line cannot be read
     * or there is no setsid (util-linux).
     */
    static List<String> spareCommand() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty() || info.arguments().isEmpty()) return null;
        String[] a = info.arguments().get();
        int main = mainClassIndex(a);
        if (main < 0) return null;
        List<String> command = new ArrayList<>();
        if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) return null;
        command.addAll(List.of("/usr/bin/setsid", "-f"));
        command.add(info.command().get());
        command.addAll(List.of(a).subList(0, main + 1));
        command.add(SPARE_ARG);
        return command;
    }

    /** Where the JVM's options end: the main class, the first word that is neither an option nor an option's value. */
    static int mainClassIndex(String[] a) {
        for (int i = 0; i < a.length; i++) {
            String w = a[i];
            if (w.equals("-cp") || w.equals("-classpath") || w.equals("--class-path")) i++;
            else if (w.equals("-jar") || w.equals("-m") || w.equals("--module") || w.startsWith("@")) return -1;
            else if (!w.startsWith("-")) return i;
        }
        return -1;
    }

    /**
     * Which warm JVM may serve this run: one of the same JDK, JVM options, class path (each entry's size and time,
     * so a rebuild or a compiled edit is another), folder and environment. The arguments are not part of it.
     */
    static String key() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder s = new StringBuilder();
            s.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
            s.append(System.getProperty("user.dir")).append('\n').append(umask()).append('\n');
            String[] a = ProcessHandle.current().info().arguments().orElse(new String[0]);
            int main = mainClassIndex(a);
            for (int i = 0; i <= main; i++) s.append(a[i]).append('\n');
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                File f = new File(entry);
                s.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
            }
            Map<String, String> env = new TreeMap<>(System.getenv());
            VOLATILE_ENV.forEach(env::remove);
            env.forEach((k, v) -> s.append(k).append('=').append(v).append('\0'));
            return HexFormat.of().formatHex(md.digest(s.toString().getBytes(StandardCharsets.UTF_8)), 0, KEY_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The folder of the warm JVMs' sockets, this user's alone: $XDG_RUNTIME_DIR/aim-toolkit-warm, else
     * aim-toolkit-warm-UID in the temporary folder; null (no warm JVM) when it cannot be made private: a folder
     * (or a link, which another user could point elsewhere) that is not this user's with mode 700 is never used.
     */
    static Path dir() {
        try {
            int uid = uid();
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            Path dir = runtime != null && ownedPrivately(Path.of(runtime), uid, false) ? Path.of(runtime, "aim-toolkit-warm")
                    : Path.of(System.getProperty("java.io.tmpdir"), "aim-toolkit-warm-" + uid);
            // A socket's path holds at most 107 bytes: a long folder name would leave no warm JVM able to listen.
            if (dir.toString().getBytes(StandardCharsets.UTF_8).length + KEY_CHARS + 6 > 100) dir = Path.of("/tmp", "aim-toolkit-warm-" + uid);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException racing) {
                    // made meanwhile; checked below
                }
            }
            return ownedPrivately(dir, uid, true) ? dir : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This process's user id: the owner of /proc/self. */
    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static boolean ownedPrivately(Path dir, int uid, boolean only) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
        if ((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) return false;
        return !only || PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)).equals("rwx------");
    }

    /** Whether the process at the other end of the socket is this user's. */
    static boolean samePeer(SocketChannel ch) {
        try {
            UserPrincipal me = Files.getOwner(Path.of("/proc/self"));
            return ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().equals(me);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The umask, which the files a run writes get their permissions from (/proc/self/status; empty when unknown). */
    private static String umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) if (line.startsWith("Umask:")) return line;
        } catch (IOException | RuntimeException e) {
            // unknown: the key goes without it
        }
        return "";
    }

    /**
     * The socket's streams, reading and writing at once. Not Channels.newInputStream/newOutputStream: on this JDK
     * they share one lock, so a read waiting for the next message would hold every write back.
     */
    static InputStream input(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    static OutputStream output(SocketChannel ch) {
        return new java.io.BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                // A thread interrupted while it writes would close the channel for every thread: the interrupt waits.
                boolean interrupted = Thread.interrupted();
                try {
                    while (buf.hasRemaining()) ch.write(buf);
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
            }
        }, 8192);
    }

    /** Standard output and error as bytes, unbuffered: what the warm JVM printed goes out as it comes. */
    static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }

    static OutputStream stderr() {
        return new FileOutputStream(FileDescriptor.err);
    }
}
