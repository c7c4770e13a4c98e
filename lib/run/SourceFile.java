package lib.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lib.core.ExitCode;
import lib.core.Json;
import lib.core.MigrationException;
import lib.source.SourceIdentity;

/**
 * out/source.json: which AIM database the output was read from (never a login), and which
 * --limit subset. A --slice re-run merges into that output, so before anything is read it must
 * name the same database and subset; --all replaces everything and may read another.
 */
public final class SourceFile {
    public static final String FILE = "source.json";

    private SourceFile() {}

    static void write(Path dir, SourceIdentity source, int limit) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.toMap());
        m.put("limit", limit > 0 ? limit : null);
        Files.writeString(dir.resolve(FILE), Json.write(m), StandardCharsets.UTF_8);
    }

    /** Refuses (exit 2, naming both) a --slice re-run into {@code out} that reads another database or another subset. */
    public static void requireSame(Path out, SourceIdentity source, int limit) {
        Path file = out.resolve(FILE);
        if (source == null || !Files.isRegularFile(file)) return; // an output from before source.json: nothing to compare
        Map<String, Object> m;
        try {
            m = Json.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourceIdentity held = SourceIdentity.fromMap(Json.object(m.get("source")));
        int heldLimit = m.get("limit") == null ? 0 : (int) Json.integer(m.get("limit"));
        if (!held.equals(source)) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds a migration of " + held.label() + "; this run reads "
                    + source.label() + ": use --all to start over, or another --out");
        }
        if (heldLimit != limit) {
            throw new MigrationException(ExitCode.BAD_INPUT, out + " holds " + (heldLimit > 0 ? "a subset (--limit " + heldLimit + ")" : "every row")
                    + " of " + held.label() + "; this run reads " + (limit > 0 ? "a subset (--limit " + limit + ")" : "every row")
                    + ": use the same --limit, --all to start over, or another --out");
        }
    }
}
