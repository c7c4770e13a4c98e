package lib.core;

import java.io.IOException;
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

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
