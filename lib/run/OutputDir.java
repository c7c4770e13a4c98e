package lib.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.Json;
import lib.core.MigrationException;
import lib.core.OutLock;
import lib.core.Terminal;
import lib.report.ReportFile;
import lib.report.RunSummary;

/**
 * The output folder: locked while a run writes it, built in a staging folder
 * beside it, and switched into place only when the run succeeded, helm.sqlite
 * last, so a failed or killed run leaves the previous output as it was.
 */
public final class OutputDir implements AutoCloseable {
    public static final String[] PUBLISHED = {"d1", "rejects", "fixes", "report.json", "report.md", "signoff.md", "last-run.json", "manifest.json", SourceFile.FILE, "helm.sqlite"};

    private final Path dir;
    private final OutLock lock;
    private final Path staging;
    private final Thread onInterrupt = new Thread(this::interrupted, "aim-interrupt");
    private volatile boolean done;
    private final Object publishing = new Object();
    private boolean published;

    /** Runs before the interrupt message, so it starts on a line of its own (the terminal's live progress line ends). */
    private final Runnable beforeMessage;

    public OutputDir(Path dir) {
        this(dir, () -> {});
    }

    public OutputDir(Path dir, Runnable beforeMessage) {
        this.dir = dir;
        this.beforeMessage = beforeMessage;
        try {
            createDirectories(dir);
            OutLock.Holder[] other = new OutLock.Holder[1];
            lock = OutLock.tryTake(dir, false, other);
            if (lock == null) throw busy(dir, other[0]);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList()) Folders.deleteTree(p);
            }
            staging = Files.createTempDirectory(dir, ".staging-");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** Another run writing {@code dir}, or a --d1-* action reading it (whose files this run would replace): one line, exit 2. */
    private static MigrationException busy(Path dir, OutLock.Holder other) {
        if (other.writing()) return new MigrationException(ExitCode.BAD_INPUT, "another MigrateAim run" + other.pidNote() + " is writing " + dir
                + "; wait for it to finish");
        String action = other.d1Action();
        return new MigrationException(ExitCode.BAD_INPUT, (action != null ? "a " + action : other.pids().isEmpty() ? "another MigrateAim run or a --d1-* action"
                : "a --d1-apply, --d1-verify or --d1-rollback") + other.pidNote() + " is using " + dir + " now, and this run would replace the files"
                + " it loads into D1 and compares; wait for it to end, then run again");
    }

    /**
     * Refuses, before anything is read, an existing folder that holds what a run would replace (a d1/ folder, a
     * report.md) but no earlier output of MigrateAim: someone's own files, which the run would delete (one line, exit 2).
     */
    public static void requireOwnOrNew(Path dir) {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve("report.json")) || Files.isRegularFile(dir.resolve("last-run.json"))) return;
        List<String> replaced = Arrays.stream(PUBLISHED).filter(n -> Files.exists(dir.resolve(n))).toList();
        if (replaced.isEmpty()) return;
        throw new MigrationException(ExitCode.BAD_INPUT, dir + " holds " + String.join(", ", replaced) + " but no earlier output of MigrateAim "
                + "(no report.json), and a run would replace them: choose an empty or new folder with --out, or move them away");
    }

    /**
     * Refuses, before anything is read, an output folder no file can be written into (a run that only writes at its
     * end, such as --profile, asks first): one line, exit 6.
     */
    public static void requireWritable(Path dir) {
        try {
            createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".writable-", ""));
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot write the output folder " + dir + ": it is a file, not a folder (choose another with --out)");
        }
        Files.createDirectories(dir);
    }

    private static MigrationException cannotWrite(Path dir, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new MigrationException(ExitCode.IO_FAILED, "cannot write the output folder " + dir + ": permission denied (choose another with --out)");
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : f instanceof NoSuchFileException ? "it cannot be made there (" + f.getFile() + " does not exist, and its folder takes no new one)"
                    : f.getClass().getSimpleName();
            return new MigrationException(ExitCode.IO_FAILED, "cannot write the output folder " + dir + ": " + why + " (choose another with --out)");
        }
        return new MigrationException(ExitCode.IO_FAILED, "cannot write the output folder " + dir + ": " + e.getMessage());
    }

    public Path dir() {
        return dir;
    }

    public Path staging() {
        return staging;
    }

    public Path current(String name) {
        return dir.resolve(name);
    }

    /** The previous run's report.json, if there is one (and it can be read). */
    public ReportFile previousReport() {
        return readReport(dir);
    }

    /** The previous run's last-run.json, if there is one (and it can be read). */
    public RunSummary previousSummary() {
        return read(dir.resolve(RunSummary.FILE), RunSummary::fromMap);
    }

    /** The report.json of an output folder, or null when it is missing or cannot be read. */
    public static ReportFile readReport(Path dir) {
        return read(dir.resolve("report.json"), ReportFile::fromMap);
    }

    private static <T> T read(Path p, Function<Map<String, Object>, T> as) {
        if (!Files.isRegularFile(p)) return null;
        try {
            return as.apply(Json.read(Files.readString(p, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Moves the staged output into place; helm.sqlite last. */
    public void publish() {
        // Held while the files move, so a Ctrl-C meanwhile waits for a whole output, never half of each.
        synchronized (publishing) {
            movePublished();
            published = true;
        }
        // An earlier run's failed attempt is superseded by this output: left beside it, it read as this run's.
        try {
            Folders.deleteTree(dir.resolve("failed"));
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // The output is in place; an old failed/ the next run replaces or removes.
        }
    }

    private void movePublished() {
        try {
            for (String name : PUBLISHED) {
                Path from = staging.resolve(name), to = dir.resolve(name);
                if (!Files.exists(from)) {
                    if (Files.exists(to)) Folders.deleteTree(to);
                    continue;
                }
                if (Files.isDirectory(from)) {
                    Path old = staging.resolve("old-" + name);
                    if (Files.exists(to)) Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot move the new output into " + dir + ": " + e.getMessage());
        }
    }

    /** Keeps a failed run's output for inspection in out/failed/, leaving the previous output untouched. */
    public Path keepFailed() {
        Path failed = dir.resolve("failed");
        try {
            if (Files.exists(failed)) Folders.deleteTree(failed);
            Files.move(staging, failed, StandardCopyOption.ATOMIC_MOVE);
            return failed;
        } catch (IOException e) {
            throw new MigrationException(ExitCode.IO_FAILED, "cannot keep the failed run in " + failed + ": " + e.getMessage());
        }
    }

    /** Ctrl-C or kill: drop this run's partial work; the published output was never touched. */
    private void interrupted() {
        if (done) return;
        beforeMessage.run();
        synchronized (publishing) {
            if (published) {
                Terminal.stopped("MigrateAim: interrupted after this run's output was complete and in place in " + dir);
                return;
            }
            // The run's other threads write on while the JVM stops: a file one makes in a subfolder meanwhile keeps that
            // subfolder from going, so the tree is removed again (a file opened late goes only into a folder that still
            // exists, Folders.createIn: none can bring the staging folder back once it is gone).
            for (int attempt = 0; attempt < 5 && Files.exists(staging); attempt++) {
                try {
                    Folders.deleteTree(staging);
                } catch (IOException | java.io.UncheckedIOException ignored) {
                    // Again (a file went while it was listed, or came); after the last attempt, the next run removes it.
                }
            }
        }
        Terminal.stopped("MigrateAim: interrupted; this run's partial output was removed and " + dir + " is as it was before the run");
    }

    @Override
    public void close() {
        done = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // Already in shutdown: the hook runs (and sees done).
        }
        try {
            Folders.deleteTree(staging);
        } catch (IOException ignored) {
            // A leftover staging folder is removed by the next run.
        }
        try {
            lock.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}
