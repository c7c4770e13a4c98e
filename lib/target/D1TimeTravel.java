package lib.target;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.Json;
import lib.core.MigrationException;
import lib.core.Terminal;

/**
 * D1 Time Travel around a remote load (Cloudflare's D1 only): the bookmark before the
 * first chunk and after each import, kept in the checkpoint and manifest.json, and the
 * rollback that restores the bookmark taken before the load.
 */
public final class D1TimeTravel {
    private final Wrangler wrangler;
    private final Path project;
    private final PrintWriter out;

    public D1TimeTravel(Wrangler wrangler, Path project, PrintWriter out) {
        this.wrangler = wrangler;
        this.project = project;
        this.out = out;
    }

    /** Under --quiet: what was restored and how to undo it, not that it is under way. */
    private boolean quiet;

    public D1TimeTravel quiet(boolean q) {
        this.quiet = q;
        return this;
    }

    /**
     * Restores Cloudflare's D1 database {@code name} to the Time Travel bookmark recorded before the
     * first chunk of the last --d1-apply --remote, after a confirmation unless {@code yes}.
     */
    public int rollback(Path outDir, String name, boolean yes) throws IOException {
        Path checkpoint = outDir.resolve("d1-apply").resolve(name + ".remote.checkpoint");
        String[] before = Files.isRegularFile(checkpoint) ? Files.readAllLines(checkpoint, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("bookmark-before ")).map(l -> l.split(" ")).findFirst().orElse(null) : null;
        if (before == null || before.length < 3) {
            throw new MigrationException(ExitCode.BAD_INPUT, "no Time Travel bookmark for D1 database " + name + " in " + checkpoint
                    + ": --d1-rollback returns to the state before a --d1-apply --remote from this " + outDir);
        }
        String bookmark = before[1], when = before[2];
        if (!yes) {
            Terminal.Asker console = Terminal.asker();
            if (console == null) {
                throw new MigrationException(ExitCode.BAD_INPUT, "--d1-rollback overwrites D1 database " + name
                        + " and needs a confirmation: run it in a terminal, or add --yes");
            }
            String typed = console.readLine("Restore D1 database %s to bookmark %s (before the load of %s)? Every write since then is lost. "
                    + "Type the database name to go on: ", name, bookmark, when);
            if (typed == null || !typed.strip().equals(name)) {
                out.println("Not restored: the name typed was not " + name + ".");
                return ExitCode.BAD_INPUT.code;
            }
        }
        if (!quiet) {
            out.printf("Restoring D1 database %s (remote) to Time Travel bookmark %s, taken %s before the load%n", name, bookmark, when);
            out.flush();
        }
        Wrangler.Result r = wrangler.run(project, List.of("d1", "time-travel", "restore", name, "--bookmark=" + bookmark, "--json"));
        if (r.exitCode() != 0) {
            throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not restore D1 database " + name + " to bookmark " + bookmark
                    + " (" + Wrangler.said(r.output(), 3) + "); D1 is as it was before this command; run it again");
        }
        Object previous = jsonOf(r.output()).get("previous_bookmark");
        Map<String, Object> load = loadOf(checkpoint);
        load.put("rolled_back_at", D1Apply.now());
        if (previous != null) load.put("undo_bookmark", previous);
        recordInManifest(outDir, name, load);
        Path kept = checkpoint.resolveSibling(checkpoint.getFileName() + ".rolled-back-" + D1Apply.now().replace(':', '-'));
        Files.move(checkpoint, kept);
        out.printf("Restored: D1 database %s is as it was at %s. The load's checkpoint is kept as %s, so a new --d1-apply starts from chunk 1.%n",
                name, when, kept);
        if (previous != null) {
            out.printf("To undo this restore: wrangler d1 time-travel restore %s --bookmark=%s%n", name, previous);
        }
        out.flush();
        return ExitCode.OK.code;
    }

    /** The database's current Time Travel bookmark. */
    String bookmarkNow(String name) throws IOException {
        Wrangler.Result r = wrangler.run(project, List.of("d1", "time-travel", "info", name, "--json"));
        Object bookmark = r.exitCode() == 0 ? jsonOf(r.output()).get("bookmark") : null;
        if (bookmark == null) {
            throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not read D1 database " + name + "'s Time Travel bookmark ("
                    + Wrangler.said(r.output(), 3) + "); nothing was loaded; check the wrangler login and run the same command again");
        }
        return bookmark.toString();
    }

    /** The bookmark an import left the database at, from wrangler's output ("Database is currently at bookmark X."). */
    static String finalBookmark(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at bookmark ([0-9A-Za-z-]+)|\"finalBookmark\"\\s*:\\s*\"([^\"]+)\"").matcher(output);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** The JSON object wrangler --json printed: from the first line that opens one to the first line that closes it. */
    static Map<String, Object> jsonOf(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("{")) continue;
            StringBuilder json = new StringBuilder();
            for (int j = i; j < lines.size(); j++) {
                json.append(lines.get(j)).append('\n');
                if (lines.get(j).stripTrailing().endsWith("}")) {
                    try {
                        return Json.read(json.toString());
                    } catch (RuntimeException incomplete) {
                        // A '}' inside the object: read on.
                    }
                }
            }
        }
        return Map.of();
    }

    /** Notes a finished remote load in manifest.json: the bookmark before it (the rollback point) and after its last chunk. */
    void recordLoad(Path outDir, String name, Path checkpoint) throws IOException {
        recordInManifest(outDir, name, loadOf(checkpoint));
    }

    private static Map<String, Object> loadOf(Path checkpoint) throws IOException {
        List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
        Map<String, Object> load = new java.util.LinkedHashMap<>();
        for (String l : lines) {
            String[] p = l.split(" ");
            if (p[0].equals("bookmark-before") && p.length >= 3) {
                load.put("bookmark_before", p[1]);
                load.put("started_at", p[2]);
            } else if (p[0].equals("chunk") && p.length >= 4) {
                load.put("chunks", Integer.parseInt(p[1]));
                load.put("completed_at", p[3]);
                if (p.length >= 5) load.put("bookmark_after", p[4]);
                else load.remove("bookmark_after");
            }
        }
        return load;
    }

    /** Replaces (or adds) this database's entry of manifest.json's d1_loads, atomically. */
    private static void recordInManifest(Path outDir, String name, Map<String, Object> load) throws IOException {
        Path file = outDir.resolve(CutoverManifest.FILE);
        CutoverManifest manifest = CutoverManifest.read(outDir).withLoad(name + " (remote)", load);
        Path tmp = Files.createTempFile(outDir, ".manifest", ".json");
        manifest.write(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
