import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The warm JVM (env AIM_WARM=1, lib/core/WarmJvm.java) a benchmark's runs use: a socket folder of their own, a run
 * timed only once a warm JVM waits for it, the next one trained before anything else is timed, and the CPU and peak
 * memory of the warm JVM while it serves (the launching process's own are what /usr/bin/time sees).
 */
final class WarmWatch {
    private final Path runtime;

    WarmWatch(Path tmp) throws IOException {
        runtime = Files.createDirectories(tmp.resolve("warm-runtime"));
    }

    /** The environment of a run that uses the warm JVM. */
    void env(Map<String, String> env) {
        env.put("AIM_WARM", "1");
        env.put("XDG_RUNTIME_DIR", runtime.toString());
    }

    private Path dir() {
        return runtime.resolve("aim-toolkit-warm");
    }

    /** The warm JVM waiting for a run, if one does: its pid; -1 otherwise. */
    long ready() throws IOException {
        if (!Files.isDirectory(dir())) return -1;
        try (Stream<Path> files = Files.list(dir())) {
            for (Path sock : files.filter(f -> f.toString().endsWith(".sock")).toList()) {
                Path pid = Path.of(sock.toString().replaceAll("\\.sock$", ".pid"));
                if (Files.exists(pid)) return Long.parseLong(Files.readString(pid).strip());
            }
        } catch (IOException | NumberFormatException racing) {
            return -1;
        }
        return -1;
    }

    /** Waits (at most two minutes) for a warm JVM to wait for a run; returns its pid. */
    long awaitReady() throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        for (long pid; System.nanoTime() < until; Thread.sleep(50)) {
            if ((pid = ready()) > 0) return pid;
        }
        throw new IllegalStateException("no warm JVM got ready in two minutes (" + dir() + ")");
    }

    /** Stops the warm JVMs of these runs. */
    void stopAll() throws IOException {
        if (!Files.isDirectory(dir())) return;
        try (Stream<Path> files = Files.list(dir())) {
            for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    /** Follows warm JVM {@code pid} until it ends: {CPU seconds, peak RSS MB} from the start of this call. */
    static Follow follow(long pid) {
        Follow f = new Follow(pid);
        f.thread.start();
        return f;
    }

    static final class Follow {
        private final long pid;
        private final Thread thread;
        private volatile double cpuStart = -1, cpuLast, hwmMb;

        Follow(long pid) {
            this.pid = pid;
            this.thread = new Thread(this::poll, "warm-follow");
            thread.setDaemon(true);
        }

        private void poll() {
            try {
                while (true) {
                    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                    List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                    double cpu = (Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))) / 100.0; // utime, stime: clock ticks of 1/100 s
                    if (cpuStart < 0) cpuStart = cpu;
                    cpuLast = cpu;
                    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                        if (line.startsWith("VmHWM:")) hwmMb = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                    Thread.sleep(20);
                }
            } catch (IOException | RuntimeException | InterruptedException ended) {
                // the warm JVM is over
            }
        }

        /** Once the warm JVM has ended: {CPU seconds while followed, peak RSS MB}. */
        double[] result() throws InterruptedException {
            thread.join(120_000);
            return new double[] {Math.max(0, cpuLast - cpuStart), hwmMb};
        }
    }
}
