package lib.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder chores shared by the output folder, the D1 load and the wrangler install, and the cache they share. */
public final class Folders {
    private Folders() {}

    /** The toolkit's cache (the sample databases, the pinned wrangler): AIM_CACHE_DIR, else ~/.cache/aim-toolkit. */
    public static Path cacheRoot() {
        String dir = System.getenv("AIM_CACHE_DIR");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        return Path.of(System.getProperty("user.home"), ".cache", "aim-toolkit");
    }

    /**
     * Creates {@code dir} in its parent, which must exist: never the parent as well. A file a run opens late
     * (its first reject, its first fix, all.sql) goes into the run's staging folder, and a Ctrl-C removes that
     * folder while such a thread still writes: the thread then fails, instead of making the folder again as an
     * empty leftover in the output folder.
     */
    public static void createIn(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /**
     * Creates {@code dir} (and its parents) readable by its owner alone where the file system has POSIX permissions:
     * a folder that will hold Helm's rows (customers' names and e-mails), such as the D1 load's chunks.
     */
    public static Path createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Why a file could not be read or written, in words: "permission denied", "not found", "it is a folder". */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "not found";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason().equals("Is a directory") ? "it is a folder" : f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
