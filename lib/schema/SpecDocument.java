package lib.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.core.ExitCode;
import lib.core.MigrationException;

/**
 * The schema spec: a markdown document whose fenced {@code sql} blocks under
 * "Migration NNNN: name" headings are the Helm schema, one migration per heading.
 */
public final class SpecDocument {
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+Migration\\s+(\\d{4})\\s*[:.\\-\u2013\u2014]?\\s*(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*([A-Za-z0-9_+-]*).*$");

    /** One numbered migration: its SQL exactly as written, and the spec line of each SQL line. */
    public record Migration(int number, String name, int headingLine, String sql, int[] lineNumbers) {
        public String fileName() {
            return String.format("%04d_%s.sql", number, name);
        }

        public List<SqlScript.Statement> statements() {
            return SqlScript.split(sql, lineNumbers);
        }
    }

    private final Path path;
    private final List<Migration> migrations;

    private SpecDocument(Path path, List<Migration> migrations) {
        this.path = path;
        this.migrations = migrations;
    }

    public Path path() {
        return path;
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /** Where an error points: "schema-spec.md:123". */
    public String at(int line) {
        return path + ":" + line;
    }

    public static SpecDocument read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "spec not found: " + path);
        } catch (IOException e) {
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read spec " + path + ": " + e.getMessage());
        }
        return parse(path, text);
    }

    public static SpecDocument parse(Path path, String text) {
        String[] lines = text.split("\n", -1);
        List<Migration> out = new ArrayList<>();
        int number = -1, headingLine = 0;
        String name = null;
        StringBuilder sql = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        String fence = null;
        boolean sqlBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int lineNo = i + 1;
            if (fence != null) {
                if (line.strip().startsWith(fence) && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    fence = null;
                    sqlBlock = false;
                } else if (sqlBlock) {
                    sql.append(line).append('\n');
                    map.add(lineNo);
                }
                continue;
            }
            Matcher f = FENCE.matcher(line.strip());
            if (f.matches()) {
                fence = f.group(1);
                sqlBlock = f.group(2).equalsIgnoreCase("sql");
                if (sqlBlock) {
                    if (number < 0) throw bad(path, lineNo, "sql block outside a \"Migration NNNN: name\" heading");
                    if (sql.length() > 0) {
                        sql.append('\n');
                        map.add(lineNo);
                    }
                }
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (number >= 0) out.add(finish(path, number, name, headingLine, sql, map));
                int next = Integer.parseInt(h.group(1));
                if (next <= number) throw bad(path, lineNo, String.format("migration %04d follows %04d; numbers must increase", next, number));
                number = next;
                name = h.group(2).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
                if (name.isEmpty()) throw bad(path, lineNo, "migration heading needs a name: \"Migration " + h.group(1) + ": name\"");
                headingLine = lineNo;
                sql.setLength(0);
                map.clear();
            }
        }
        if (fence != null) throw bad(path, lines.length, "code block not closed (missing " + fence + ")");
        if (number >= 0) out.add(finish(path, number, name, headingLine, sql, map));
        if (out.isEmpty()) throw bad(path, 1, "no \"Migration NNNN: name\" heading with a sql block found");
        return new SpecDocument(path, List.copyOf(out));
    }

    private static Migration finish(Path path, int number, String name, int headingLine, StringBuilder sql, List<Integer> map) {
        if (sql.toString().isBlank()) throw bad(path, headingLine, String.format("migration %04d has no sql block", number));
        int[] lines = new int[map.size() + 1];
        for (int i = 0; i < map.size(); i++) lines[i] = map.get(i);
        lines[map.size()] = map.isEmpty() ? headingLine : map.get(map.size() - 1);
        return new Migration(number, name, headingLine, sql.toString(), lines);
    }

    private static MigrationException bad(Path path, int line, String message) {
        return new MigrationException(ExitCode.BAD_INPUT, path + ":" + line + ": " + message);
    }
}
