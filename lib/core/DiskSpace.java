package lib.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Free space, before writing and when a disk fills anyway: one line naming the folder, what
 * is free and what the work needs, exit 6 (never a stack trace and exit 70).
 */
public final class DiskSpace {
    private DiskSpace() {}

    /** Bytes the user may still write in {@code dir}'s file system (the nearest existing parent's). */
    public static long free(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        try {
            return p == null ? Long.MAX_VALUE : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // Unknown: the write itself will tell.
        }
    }

    /** Refuses work that needs about {@code needed} bytes in {@code dir} when less is free. */
    public static void require(Path dir, long needed, String what) {
        long free = free(dir);
        if (free < needed) {
            throw new MigrationException(ExitCode.IO_FAILED, "not enough free space in " + dir.toAbsolutePath() + ": " + size(free) + " free, "
                    + what + " needs about " + size(needed) + "; free some space or choose another folder");
        }
    }

    /** Whether a failure, anywhere in its causes, is a full disk (SQLite's SQLITE_FULL, or the OS's ENOSPC). */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("sqlite_full") || m.contains("database or disk is full") || m.contains("no space left on device")) return true;
            if (t instanceof java.sql.SQLException s && s.getErrorCode() == 13 && t.getClass().getName().startsWith("org.sqlite")) return true;
        }
        return false;
    }

    /** Whether a failure is SQLite's I/O error, which a full disk also causes (when the WAL index cannot grow, say). */
    static boolean isSqliteIoError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("SQLITE_IOERR") || m.contains("disk I/O error")) return true;
        }
        return false;
    }

    /**
     * The one line for a disk that filled while {@code doing}, or null when {@code e} is not a full
     * disk: the disk says so, or SQLite's I/O error came with less space free than the run needs.
     */
    public static MigrationException filled(Throwable e, Path dir, long needed, String doing) {
        if (!isFull(e) && !(isSqliteIoError(e) && free(dir) < needed)) return null;
        return new MigrationException(ExitCode.IO_FAILED, "the disk holding " + dir.toAbsolutePath() + " filled up while " + doing + ": "
                + size(free(dir)) + " free now" + (needed > 0 ? ", the run needs about " + size(needed) : "")
                + "; free some space or choose another --out. This run's partial output was removed and the previous output is untouched", e);
    }

    /** Bytes for a person: 512 bytes, 3.4 MB, 12 GB (decimal units, as disk tools print them). */
    public static String size(long bytes) {
        if (bytes < 1000) return bytes + " bytes";
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
