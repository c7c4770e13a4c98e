package lib.target;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * Before a new --d1-apply: the target's Helm tables must be empty. A load adds only the rows D1 lacks (ON CONFLICT DO
 * NOTHING), so into a D1 holding an earlier load it would keep that load's values and the rows deleted since, and its
 * check could only say that tables differ. One query through wrangler asks which tables hold a row (EXISTS, which
 * reads one row of each); the load is refused before anything is written, naming them and how to start afresh.
 */
final class D1Empty {
    private static final Pattern ERROR = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Wrangler wrangler;
    private final Path project;
    private final boolean remote;

    D1Empty(Wrangler wrangler, Path project, boolean remote) {
        this.wrangler = wrangler;
        this.project = project;
        this.remote = remote;
    }

    /** Refuses (exit 2) a D1 database whose Helm tables hold rows; exit 7 when wrangler cannot say. */
    void require(Path outDir, String name, Collection<String> tables) throws IOException {
        // One row, a column per table (D1 refuses a compound SELECT of more than a few terms): 1 where the table holds a row.
        List<String> columns = new ArrayList<>();
        for (String t : tables) columns.add("EXISTS (SELECT 1 FROM \"" + t + "\") AS \"" + t + "\"");
        Wrangler.Result r = wrangler.run(project, List.of("d1", "execute", name, "--" + (remote ? "remote" : "local"), "--json",
                "--command", "SELECT " + String.join(", ", columns)));
        String target = "D1 database " + name + " (" + (remote ? "remote" : "local") + ")";
        if (r.exitCode() != 0 || !r.output().contains("\"results\"")) {
            Matcher e = ERROR.matcher(r.output());
            String said = e.find() ? e.group(1) : Wrangler.said(r.output(), 3);
            if (said.contains("no such table")) {
                throw new MigrationException(ExitCode.D1_LOAD_FAILED, target + " has no Helm tables yet (" + said.replace(": SQLITE_ERROR", "")
                        + "): run --d1-migrate " + name + " first; nothing was loaded");
            }
            throw new MigrationException(ExitCode.D1_LOAD_FAILED, "wrangler could not say whether " + target + " is empty before the load ("
                    + (said.isBlank() ? "exit " + r.exitCode() : said) + "); nothing was loaded; fix the cause and run the same command again");
        }
        List<String> holding = new ArrayList<>();
        for (String t : tables) if (Pattern.compile("\"" + Pattern.quote(t) + "\"\\s*:\\s*1\\b").matcher(r.output()).find()) holding.add(t);
        if (holding.isEmpty()) return;
        throw new MigrationException(ExitCode.BAD_INPUT, target + " already holds rows in " + holding.size() + " of Helm's " + tables.size()
                + " tables (" + String.join(", ", holding) + "), from an earlier load or other use; a load adds only the rows D1 lacks and would keep"
                + " the rest, so nothing was loaded: " + afresh(project, name, remote, outDir) + ", then --d1-migrate " + name + " and run this again");
    }

    /** How to give the load an empty D1 database: the local D1's state folder, or Cloudflare's Time Travel or a new database. */
    static String afresh(Path project, String name, boolean remote, Path outDir) {
        Path checkpoint = outDir.resolve("d1-apply").resolve(name + "." + (remote ? "remote" : "local") + ".checkpoint");
        String andCheckpoint = java.nio.file.Files.exists(checkpoint) ? " and delete " + checkpoint : "";
        if (!remote) {
            return "start from an empty local D1: delete " + project.toAbsolutePath().normalize().resolve(".wrangler").resolve("state")
                    + " (the local D1s of that project)" + andCheckpoint;
        }
        return "empty it first: restore it to before the earlier load with D1 Time Travel (--d1-rollback " + name + " --remote, from the"
                + " output that loaded it, or wrangler d1 time-travel restore " + name + " --timestamp ...), or create a new D1 database"
                + " (wrangler d1 create) and name it in wrangler.toml" + andCheckpoint;
    }
}
