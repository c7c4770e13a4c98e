package lib.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.core.ExitCode;
import lib.core.Json;
import lib.core.MigrationException;

/**
 * The D1 databases a wrangler project binds, read before wrangler is asked to touch one: a misspelt name is refused
 * at once (exit 2), before --d1-apply cuts a chunk or writes a checkpoint under it. wrangler takes a database by its
 * {@code database_name} or its {@code binding}, and reads wrangler.json, else wrangler.jsonc, else wrangler.toml.
 *
 * No TOML parser is a dependency of the toolkit, so wrangler.toml is read by a line scan of its top-level
 * {@code [[d1_databases]]} tables (and an inline {@code d1_databases = [{ ... }]} array): a key = "string" or
 * 'string' per line, comments after #; {@code [[env.NAME.d1_databases]]} is another environment's, which wrangler
 * uses only with --env. A wrangler.jsonc (JSON with comments) is left to wrangler.
 */
public final class WranglerConfig {
    private WranglerConfig() {}

    /** A D1 database of the config: its database_name and binding (either may be null). */
    public record Database(String name, String binding) {
        boolean is(String s) {
            return s.equals(name) || s.equals(binding);
        }

        @Override
        public String toString() {
            return name == null ? "binding " + binding : binding == null ? name : name + " (binding " + binding + ")";
        }
    }

    /** Refuses {@code name} when the project's config names no D1 database or binding so (one line, exit 2). */
    public static void requireDatabase(Path project, String name) throws IOException {
        Path file = null;
        for (String f : List.of("wrangler.json", "wrangler.jsonc", "wrangler.toml")) {
            if (Files.isRegularFile(project.resolve(f))) {
                file = project.resolve(f);
                break;
            }
        }
        if (file == null || file.getFileName().toString().equals("wrangler.jsonc")) return;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Database> dbs;
        try {
            dbs = file.getFileName().toString().equals("wrangler.json") ? fromJson(text) : fromToml(text);
        } catch (IOException | RuntimeException unreadable) {
            return; // wrangler says what is wrong with it
        }
        if (dbs.stream().anyMatch(d -> d.is(name))) return;
        if (dbs.isEmpty() && text.contains("d1_databases")) return; // written in a way the scan does not read: wrangler decides
        Path shown = file.toAbsolutePath().normalize();
        throw new MigrationException(ExitCode.BAD_INPUT, dbs.isEmpty()
                ? shown + " binds no D1 database ([[d1_databases]]), so there is no D1 database " + name + "; name the Helm project with --wrangler-dir"
                : "no D1 database " + name + " in " + shown + ", which names " + String.join(", ", dbs.stream().map(Database::toString).toList())
                        + "; name one of them");
    }

    private static final Pattern KEY = Pattern.compile("^\\s*(database_name|binding)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)')");
    private static final Pattern INLINE = Pattern.compile("\\b(database_name|binding)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)')");

    /** The top-level D1 databases of a wrangler.toml. */
    public static List<Database> fromToml(String text) {
        List<Database> out = new ArrayList<>();
        String[] current = null; // name, binding of the [[d1_databases]] table being read
        StringBuilder inline = null; // an inline d1_databases = [ ... ] until its closing bracket
        boolean top = true; // before the first [table] header: the top-level keys
        for (String raw : text.split("\r?\n")) {
            String line = uncommented(raw);
            if (inline != null) {
                inline.append(' ').append(line);
                if (line.contains("]") && balanced(inline)) {
                    out.addAll(inlineTables(inline.toString()));
                    inline = null;
                }
                continue;
            }
            String t = line.strip();
            if (t.startsWith("[")) {
                if (current != null) out.add(new Database(current[0], current[1]));
                current = t.matches("\\[\\[\\s*d1_databases\\s*]]") ? new String[2] : null;
                top = false;
                continue;
            }
            if (current != null) {
                Matcher m = KEY.matcher(line);
                if (m.find()) current[m.group(1).equals("database_name") ? 0 : 1] = m.group(3) != null ? m.group(3) : m.group(4);
            } else if (top && t.matches("d1_databases\\s*=.*")) {
                inline = new StringBuilder(t);
                if (balanced(inline)) {
                    out.addAll(inlineTables(inline.toString()));
                    inline = null;
                }
            }
        }
        if (current != null) out.add(new Database(current[0], current[1]));
        return out;
    }

    private static boolean balanced(CharSequence s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '[') depth++;
            if (s.charAt(i) == ']') depth--;
        }
        return depth <= 0 && s.toString().contains("[");
    }

    private static List<Database> inlineTables(String array) {
        List<Database> out = new ArrayList<>();
        for (String table : array.split("}")) {
            String name = null, binding = null;
            Matcher m = INLINE.matcher(table);
            while (m.find()) {
                String v = m.group(3) != null ? m.group(3) : m.group(4);
                if (m.group(1).equals("database_name")) name = v;
                else binding = v;
            }
            if (name != null || binding != null) out.add(new Database(name, binding));
        }
        return out;
    }

    /** The line without a # comment (a # inside a quoted string is kept). */
    private static String uncommented(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && c == '#') return line.substring(0, i);
            if (quote == 0 && (c == '"' || c == '\'')) quote = c;
            else if (quote == '"' && c == '\\') i++;
            else if (c == quote) quote = 0;
        }
        return line;
    }

    private static List<Database> fromJson(String text) throws IOException {
        List<Database> out = new ArrayList<>();
        Object dbs = Json.read(text).get("d1_databases");
        if (dbs instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) out.add(new Database((String) m.get("database_name"), (String) m.get("binding")));
            }
        }
        return out;
    }
}
