package lib.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements at top-level semicolons, skipping quoted
 * text and comments and keeping trigger bodies (BEGIN ... END) whole. Each
 * statement remembers the line it starts on, so errors point into the spec.
 */
public final class SqlScript {
    public record Statement(String sql, int line) {
        /** The first keywords, upper case, for linting (e.g. "BEGIN", "PRAGMA"). */
        public String head() {
            String stripped = stripLeadingComments(sql);
            return stripped.toUpperCase(Locale.ROOT);
        }
    }

    private SqlScript() {}

    /** Splits {@code text}; its line 1 is {@code firstLine} in the caller's numbering. */
    public static List<Statement> split(String text, int[] lineNumbers) {
        List<Statement> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 0, startLine = -1, depth = 0;
        StringBuilder word = new StringBuilder();
        boolean trigger = false;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                current.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(text, i, end);
                current.append(text, i, end);
                i = end;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) startLine = line; // a statement starts at its first word, not at a comment before it
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = i + 1;
                while (end < n) {
                    if (text.charAt(end) == close) {
                        if (close != ']' && end + 1 < n && text.charAt(end + 1) == close) { end += 2; continue; }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                line += count(text, i, end);
                current.append(text, i, end);
                i = end;
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '_') {
                word.append(c);
            } else if (word.length() > 0) {
                String w = word.toString().toUpperCase(Locale.ROOT);
                word.setLength(0);
                if (w.equals("TRIGGER") && stripLeadingComments(current.toString()).toUpperCase(Locale.ROOT).startsWith("CREATE")) trigger = true;
                if (trigger && (w.equals("BEGIN") || w.equals("CASE"))) depth++;
                if (trigger && w.equals("END")) depth--;
            }
            if (c == ';' && depth <= 0) {
                String sql = current.toString().strip();
                if (!stripLeadingComments(sql).isEmpty()) out.add(new Statement(sql, lineNumbers[Math.max(startLine, 0)]));
                current.setLength(0);
                startLine = -1;
                trigger = false;
                depth = 0;
                i++;
                continue;
            }
            if (c == '\n') line++;
            current.append(c);
            i++;
        }
        String rest = current.toString().strip();
        if (!stripLeadingComments(rest).isEmpty()) out.add(new Statement(rest, lineNumbers[Math.max(startLine, 0)]));
        return out;
    }

    /** Splits a plain script whose first line is line 1. */
    public static List<Statement> split(String text) {
        int lines = (int) text.chars().filter(ch -> ch == '\n').count() + 1;
        int[] numbers = new int[lines];
        for (int k = 0; k < lines; k++) numbers[k] = k + 1;
        return split(text, numbers);
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) if (text.charAt(k) == '\n') lines++;
        return lines;
    }

    static String stripLeadingComments(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).strip();
            } else {
                return s;
            }
        }
    }
}
