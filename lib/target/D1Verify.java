package lib.target;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.core.DiskSpace;
import lib.core.ExitCode;
import lib.core.Folders;
import lib.core.Jdbc;
import lib.core.MigrationException;
import lib.core.Shutdown;
import lib.core.Terminal;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * --d1-verify, and the end of --d1-apply: wrangler exports the D1 database, the export is read into a SQLite copy,
 * and every table's control totals are compared with OUT/manifest.json.
 *
 * The export and the copy hold all of Helm (customers' names and e-mails): they go into OUT/d1-apply/verify-PID
 * (a private temporary folder where OUT cannot be written), readable by its owner alone, and are removed when the check
 * ends; a folder a killed check left (kill -9, a power cut) is removed by the next --d1-verify or --d1-apply of that OUT,
 * once its process is gone.
 */
final class D1Verify {
    private final Wrangler wrangler;
    private final Path project;
    private final boolean remote;
    private final PrintWriter out;
    private final long exportRows;

    D1Verify(Wrangler wrangler, Path project, boolean remote, PrintWriter out, long exportRows) {
        this.wrangler = wrangler;
        this.project = project;
        this.remote = remote;
        this.out = out;
        this.exportRows = exportRows;
    }

    /**
     * The tables of each export, in the manifest's order: as many as hold at most {@code rows} rows together, a larger
     * table alone. wrangler's local D1 holds an export in memory many times over; so one part at a time, never all of Helm.
     */
    static List<List<String>> exports(Map<String, Map<String, Object>> tables, long rows) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        long held = 0;
        for (Map.Entry<String, Map<String, Object>> t : tables.entrySet()) {
            long n = t.getValue().get("rows") instanceof Number r ? r.longValue() : rows;
            if (!part.isEmpty() && held + n > rows) {
                parts.add(part);
                part = new ArrayList<>();
                held = 0;
            }
            part.add(t.getKey());
            held += n;
        }
        if (!part.isEmpty()) parts.add(part);
        return parts;
    }

    private String target() {
        return remote ? "remote" : "local";
    }

    /** This check's scratch folder in {@code dir}, after removing those of checks no longer running. */
    static Path scratch(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().matches("verify-\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString().substring("verify-".length()));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isEmpty()) Folders.deleteTree(p);
            }
        }
        return Folders.createPrivate(dir.resolve("verify-" + ProcessHandle.current().pid())).toAbsolutePath();
    }

    /**
     * Where this check's export goes: OUT/d1-apply/verify-PID, or, where OUT cannot be written (a read-only copy on a USB
     * stick, a folder shared read-only), a folder of the system's temporary folder its owner alone can read, removed the
     * same way (one a killed check left there goes with the next check that finds its process gone).
     */
    static Path scratchFor(Path outDir) throws IOException {
        try {
            return scratch(outDir.resolve("d1-apply"));
        } catch (FileSystemException readOnly) {
            Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir"));
            try (Stream<Path> old = Files.list(tmpRoot)) { // a pid has at most 18 digits: another name there is no leftover of ours
                for (Path p : old.filter(p -> p.getFileName().toString().matches(TEMP_PREFIX + "\\d{1,18}-.*")).toList()) {
                    String pid = p.getFileName().toString().substring(TEMP_PREFIX.length()).replaceAll("-.*", "");
                    if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) deleteQuietly(p);
                }
            }
            // Owner-only as created (rwx------ on POSIX), and said so again.
            return Folders.createPrivate(Files.createTempDirectory(TEMP_PREFIX + ProcessHandle.current().pid() + "-")).toAbsolutePath();
        }
    }

    private static final String TEMP_PREFIX = "aim-d1-verify-";

    private static void deleteQuietly(Path dir) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException | java.io.UncheckedIOException anotherUsers) {
            // Not this user's to remove.
        }
    }

    /**
     * Exports the D1 database with wrangler into a scratch SQLite file and compares every
     * table's control totals with manifest.json. Returns the problems (empty: D1 holds exactly the migrated content).
     */
    List<String> verify(Path outDir, String name) throws IOException, SQLException {
        CutoverManifest manifest = CutoverManifest.read(outDir);
        Path tmp = scratchFor(outDir);
        Path all = outDir.resolve("d1/all.sql");
        // Ctrl-C or kill while verifying: wrangler is stopped, the export goes, and the operator learns that nothing was changed.
        Thread onInterrupt = new Thread(() -> {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            try {
                Folders.deleteTree(tmp);
            } catch (IOException | java.io.UncheckedIOException e) {
                // Left for the next check, which removes it.
            }
            Terminal.stopped("MigrateAim: interrupted while verifying D1 database " + name + " (" + target() + "); a verification changes"
                    + " nothing: run --d1-verify " + name + " again to see whether it holds " + outDir.resolve("d1/all.sql"));
        }, "d1-verify-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            // wrangler's export and the SQLite file built from it: each about the size of all.sql.
            if (Files.isRegularFile(all)) DiskSpace.require(tmp, 2 * Files.size(all), "exporting D1 database " + name + " to compare it");
            Path dump = tmp.resolve("export.sql");
            Path copy = tmp.resolve("d1.sqlite");
            Map<String, Map<String, Object>> tables = manifest.tables();
            try (Connection db = Jdbc.sqlite(copy, false); Statement st = db.createStatement()) {
                // A value of up to D1's 2 MB is one INSERT of the export; sqlite-jdbc's statements stop at 1,000,000 bytes.
                db.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH, 1_000_000_000);
                st.executeUpdate("PRAGMA journal_mode = OFF");
                st.executeUpdate("PRAGMA synchronous = OFF");
                db.setAutoCommit(false);
                for (List<String> part : exports(tables, exportRows)) {
                    List<String> args = new ArrayList<>(List.of("d1", "export", name, "--" + target(), "--output", dump.toString()));
                    part.forEach(t -> args.addAll(List.of("--table", t)));
                    Wrangler.Result r = wrangler.run(project, args);
                    if (r.exitCode() != 0) {
                        Shutdown.awaitAfter(r.exitCode());
                        throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not export D1 database " + name + " (" + Wrangler.said(r.output(), 3) + ")");
                    }
                    // The tables compared held without their constraints: two integers beyond 2^53 the export prints alike are two rows.
                    st.executeUpdate(WranglerExport.runnable(Files.readString(dump, StandardCharsets.UTF_8), tables.keySet()));
                    Files.delete(dump);
                }
                db.commit();
            }
            List<String> problems = CutoverManifest.compareTables(tables, copy, "D1 " + name);
            List<String> notes = new ArrayList<>();
            if (!problems.isEmpty()) problems = asExported(outDir.resolve("helm.sqlite"), copy, problems, notes);
            out.printf("D1 database %s (%s) against %s: %d tables, %s%n", name, target(), outDir.resolve(CutoverManifest.FILE), tables.size(),
                    problems.isEmpty() ? "row counts, cents, dates and content checksums all agree" : problems.size() + " differ");
            problems.forEach(p -> out.println("  " + p));
            notes.forEach(n -> out.println("  " + n));
            if (!problems.isEmpty()) {
                out.println("  Likely cause: D1 database " + name + " holds other rows than " + all + ": from an earlier load (a load adds only"
                        + " the rows D1 lacks and keeps the rest), changed in D1 since, or " + outDir + " was written anew after the load.");
                out.println("  Next: " + D1Empty.afresh(project, name, remote, outDir) + "; then --d1-migrate " + name + " and --d1-apply "
                        + name + (remote ? " --remote" : "") + " load it afresh.");
            }
            out.flush();
            return problems;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Already in shutdown: the hook says so.
            }
            Folders.deleteTree(tmp);
        }
    }

    /**
     * wrangler's export does not show every value as D1 holds it ({@link WranglerExport}): an integer
     * beyond 2^53 (cents past about 90 trillion dollars, or a key, reference or count such as a BIGINT
     * ticket number, which the D1 preflight flags) comes back as the nearest double, and a text holding
     * both a line break and a backslash-n or backslash-r of its own comes back with that escape as a
     * line break too. A table that differs only so agrees with helm.sqlite read the same way; its
     * problem becomes a note that says how many values the export could not show.
     */
    private static List<String> asExported(Path helmFile, Path copy, List<String> problems, List<String> notes) throws SQLException {
        if (!Files.isRegularFile(helmFile)) return problems;
        List<String> still = new ArrayList<>();
        try (Connection helm = Jdbc.sqlite(helmFile, true);
             Connection d1 = Jdbc.sqlite(copy, true)) {
            for (String p : problems) {
                String table = p.startsWith("table ") ? p.substring(6, p.indexOf(' ', 6)) : null;
                TableContent shown = table == null ? null : TableContent.scanAsExported(helm, table);
                if (shown != null && shown.beyondJavaScript() + shown.lineBreakEscapes() > 0
                        && TableContent.scan(d1, table).differences(shown.json()).isEmpty()) {
                    List<String> what = new ArrayList<>();
                    if (shown.beyondJavaScript() > 0) {
                        what.add(String.format("%,d integers beyond 2^53 read back as JavaScript holds them (the nearest double)", shown.beyondJavaScript()));
                    }
                    if (shown.lineBreakEscapes() > 0) {
                        what.add(String.format("%,d texts holding a line break and a \\n or \\r of their own read back with that escape "
                                + "as a line break too", shown.lineBreakEscapes()));
                    }
                    notes.add("table " + table + ": " + String.join("; ", what) + " (wrangler's export cannot show them as D1 holds them); "
                            + "so read, D1 agrees with helm.sqlite");
                } else {
                    still.add(p);
                }
            }
        }
        return still;
    }
}
