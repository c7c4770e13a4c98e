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
import lib.core.Folders;
import lib.core.MigrationException;

/**
 * The schema spec: a markdown document whose fenced {@code sql} blocks under
 * "Migration NNNN: name" headings are the Helm schema, one migration per heading.
 */
public final class SpecDocument {
    /** A markdown heading: its level's #s and its text. */
    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern HEADING = Pattern.compile("(?i)Migration\\s+(\\d{4})\\s*[:.\\-\u2013\u2014]?\\s*(.*?)");
    /** Text that was meant as a migration's heading: the word, then a number, however written. */
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("(?i)[\\s*_]*migration[\\s*_#:]*\\d+.*");
    private static final Pattern UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    /** The first words of a statement a migration could hold (not a sentence that starts "Create a ..."). */
    private static final Pattern SQL_START = Pattern.compile("(?i)(CREATE\\s+((UNIQUE\\s+)?INDEX|TABLE|VIEW|TRIGGER|TEMP|VIRTUAL)|ALTER\\s+TABLE"
            + "|DROP\\s+(TABLE|INDEX|VIEW|TRIGGER)|INSERT\\s+(OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE\\s+\\S+\\s+SET|DELETE\\s+FROM|PRAGMA\\s+\\w)\\b");
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
            if (Files.isDirectory(path)) {
                throw new MigrationException(ExitCode.BAD_INPUT, "the spec " + (path.toString().isEmpty() ? "\"\"" : path)
                        + " is a folder: name its .md file, e.g. migrations/schema-spec.md");
            }
            throw new MigrationException(ExitCode.BAD_INPUT, "cannot read spec " + path + ": " + Folders.reason(e));
        }
        return parse(path, text);
    }

    /**
     * The migrations of a spec. A migration is the {@code sql} blocks under its heading, up to the next heading of the same
     * or a higher level (a subheading stays in it); SQL anywhere else is refused, as is a heading that looks like a
     * migration's and does not parse, and an untagged block of SQL under a migration: each would otherwise have been
     * added to the migration before it, silently, or left out, and wrangler never applies an applied migration again.
     */
    public static SpecDocument parse(Path path, String text) {
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\n", -1);
        List<Migration> out = new ArrayList<>();
        int number = -1, headingLine = 0, level = 0, fenceLine = 0;
        boolean open = false; // under a migration's heading
        String name = null;
        StringBuilder sql = new StringBuilder(), block = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        String fence = null;
        boolean sqlBlock = false, untagged = false;
        for (int i = 0; i < lines.length; i++) {
            String line = unCr(lines[i]);
            int lineNo = i + 1;
            if (fence != null) {
                if (line.strip().startsWith(fence) && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    if (untagged && open && SQL_START.matcher(SqlScript.stripLeadingComments(block.toString())).lookingAt()) {
                        throw bad(path, fenceLine, String.format("a code block under migration %04d holds SQL but is not tagged sql: tag it %ssql to make it"
                                + " part of the migration, or %stext if it is an example", number, fence, fence));
                    }
                    fence = null;
                    sqlBlock = false;
                } else if (sqlBlock) {
                    sql.append(line).append('\n');
                    map.add(lineNo);
                } else {
                    block.append(line).append('\n');
                }
                continue;
            }
            Matcher f = FENCE.matcher(line.strip());
            if (f.matches()) {
                fence = f.group(1);
                fenceLine = lineNo;
                block.setLength(0);
                sqlBlock = f.group(2).equalsIgnoreCase("sql");
                untagged = f.group(2).isEmpty(); // a block tagged otherwise (text, console) is an example, whatever it holds
                if (sqlBlock) {
                    if (!open) throw bad(path, lineNo, "sql block outside a \"Migration NNNN: name\" heading" + (number < 0 ? "" : String.format(
                            " (migration %04d ended at the heading above it): put it under one, or tag it %stext if it is an example", number, fence)));
                    if (sql.length() > 0) {
                        sql.append('\n');
                        map.add(lineNo);
                    }
                }
                continue;
            }
            if (i + 1 < lines.length && LOOKS_LIKE_MIGRATION.matcher(line).matches() && UNDERLINE.matcher(unCr(lines[i + 1])).matches()) {
                throw bad(path, lineNo, "a migration heading must start with #: write \"## Migration NNNN: name\", not an underlined line");
            }
            Matcher any = ATX.matcher(line);
            if (!any.matches()) continue;
            String title = any.group(2) == null ? "" : any.group(2);
            Matcher h = HEADING.matcher(title);
            if (!h.matches()) {
                if (LOOKS_LIKE_MIGRATION.matcher(title).matches()) {
                    throw bad(path, lineNo, "\"" + title + "\" looks like a migration heading but is not one: write \"Migration NNNN: name\" with four digits");
                }
                if (open && any.group(1).length() <= level) {
                    out.add(finish(path, number, name, headingLine, sql, map));
                    open = false;
                }
                continue;
            }
            if (open) out.add(finish(path, number, name, headingLine, sql, map));
            int next = Integer.parseInt(h.group(1));
            if (next <= number) throw bad(path, lineNo, String.format("migration %04d follows %04d; numbers must increase", next, number));
            number = next;
            name = h.group(2).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (name.isEmpty()) throw bad(path, lineNo, "migration heading needs a name: \"Migration " + h.group(1) + ": name\"");
            headingLine = lineNo;
            level = any.group(1).length();
            open = true;
            sql.setLength(0);
            map.clear();
        }
        if (fence != null) throw bad(path, fenceLine, "code block not closed (missing " + fence + ")");
        if (open) out.add(finish(path, number, name, headingLine, sql, map));
        if (out.isEmpty()) throw bad(path, 1, "no \"Migration NNNN: name\" heading with a sql block found");
        return new SpecDocument(path, List.copyOf(out));
    }

    private static String unCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
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
