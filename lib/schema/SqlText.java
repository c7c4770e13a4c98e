package lib.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SQLite's SQL as tokens, so that a keyword is found only where SQLite would
 * read one: not inside a quoted identifier ("check", [check], `check`), a
 * string literal, a comment, or a longer name such as check_no.
 */
public final class SqlText {
    public enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    /** One token and where it is in the statement ({@code start} inclusive, {@code end} exclusive). */
    public record Token(Kind kind, String text, int start, int end) {
        /** This is the bare word {@code word} (a keyword or unquoted name), in any case. */
        public boolean is(String word) {
            return kind == Kind.WORD && lower(text).equals(lower(word));
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The name a word or quoted identifier stands for, unquoted, as written. */
        public String name() {
            if (kind != Kind.QUOTED) return text;
            String inner = text.substring(1, text.length() - 1);
            return text.charAt(0) == '[' ? inner : inner.replace(text.substring(0, 1) + text.charAt(0), text.substring(0, 1));
        }
    }

    /** The words a DEFAULT may be that are not read as a string. */
    private static final Set<String> DEFAULT_WORDS = Set.of("null", "true", "false", "current_time", "current_date", "current_timestamp");

    private static final List<String> OPERATORS = List.of("->>", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->");

    private SqlText() {}

    /** The tokens of {@code sql}; whitespace and comments are left out. */
    public static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length(), i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (sql.startsWith("--", i)) {
                i = sql.indexOf('\n', i) < 0 ? n : sql.indexOf('\n', i) + 1;
                continue;
            } else if (sql.startsWith("/*", i)) {
                i = sql.indexOf("*/", i + 2) < 0 ? n : sql.indexOf("*/", i + 2) + 2;
                continue;
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                kind = Kind.STRING;
                i = closing(sql, i + 1, '\'');
            } else if (c == '\'') {
                kind = Kind.STRING;
                i = closing(sql, i, '\'');
            } else if (c == '"' || c == '`' || c == '[') {
                kind = Kind.QUOTED;
                i = closing(sql, i, c == '[' ? ']' : c);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                kind = Kind.NUMBER;
                for (i++; i < n; i++) {
                    char d = sql.charAt(i);
                    boolean sign = (d == '+' || d == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E') && !sql.startsWith("0x", start);
                    if (!Character.isLetterOrDigit(d) && d != '.' && d != '_' && !sign) break;
                }
            } else if (isWordChar(c)) {
                kind = Kind.WORD;
                while (i < n && (isWordChar(sql.charAt(i)) || Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '$')) i++;
            } else {
                kind = Kind.SYMBOL;
                i++;
                for (String op : OPERATORS) {
                    if (sql.startsWith(op, start)) {
                        i = start + op.length();
                        break;
                    }
                }
            }
            out.add(new Token(kind, sql.substring(start, i), start, i));
        }
        return out;
    }

    /** The index of the ")" that closes the "(" at {@code open}, or the token count when it is not closed. */
    public static int close(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) depth++;
            else if (tokens.get(i).isSymbol(")") && --depth == 0) return i;
        }
        return tokens.size();
    }

    /**
     * Tokens {@code from} (inclusive) to {@code to} (exclusive) of {@code sql} as written, on one line:
     * comments dropped, each gap between tokens one space, none just inside parentheses.
     */
    public static String display(String sql, List<Token> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (i > from && t.start() > tokens.get(i - 1).end() && !tokens.get(i - 1).isSymbol("(") && !t.isSymbol(")")) b.append(' ');
            b.append(t.text());
        }
        return b.toString();
    }

    /** The whole statement as {@link #display}, without a closing ";". */
    public static String display(String sql) {
        List<Token> t = tokens(sql);
        int to = t.size();
        while (to > 0 && t.get(to - 1).isSymbol(";")) to--;
        return display(sql, t, 0, to);
    }

    /**
     * What SQLite reads in {@code sql}, for comparing two spellings: keywords, names and
     * numbers in lower case (a quoted name too: "Foo" is foo), tokens one space apart,
     * string literals exactly; == is =, and <> is !=. Null stays null.
     */
    public static String key(String sql) {
        return key(sql, null);
    }

    /**
     * As {@link #key(String)}, where {@code names} (lower case) are all the names a double-quoted word may stand
     * for besides a function's or a qualified one: SQLite reads any other as a string literal ("open" is 'open'),
     * whose case counts. Null names: every quoted word is a name.
     */
    public static String key(String sql, Set<String> names) {
        if (sql == null) return null;
        StringBuilder b = new StringBuilder();
        List<Token> tokens = tokens(sql);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (b.length() > 0) b.append(' ');
            b.append(switch (t.kind()) {
                case STRING -> t.text().startsWith("'") ? t.text() : lower(t.text());
                case QUOTED -> names != null && t.text().startsWith("\"") && !isName(tokens, i, names) ? literal(t.name())
                        : isPlainName(t.name()) ? lower(t.name()) : '"' + lower(t.name()).replace("\"", "\"\"") + '"';
                case SYMBOL -> t.text().equals("==") ? "=" : t.text().equals("<>") ? "!=" : t.text();
                default -> lower(t.text());
            });
        }
        return b.toString();
    }

    /**
     * A column DEFAULT as SQLite reads it: a lone word other than NULL, TRUE, FALSE and CURRENT_*, quoted or not,
     * is that word as a string (DEFAULT open is 'open'), and a double-quoted word in an expression is a string too.
     */
    public static String defaultKey(String sql) {
        List<Token> t = sql == null ? List.of() : tokens(sql);
        if (t.size() != 1) return key(sql, Set.of());
        Token only = t.get(0);
        boolean word = only.kind() == Kind.QUOTED || only.kind() == Kind.WORD && !DEFAULT_WORDS.contains(lower(only.text()));
        return word ? literal(only.name()) : key(sql, Set.of());
    }

    /** The double-quoted token {@code i} is a name: one of {@code names}, a function's, or part of a qualified name or a COLLATE. */
    private static boolean isName(List<Token> t, int i, Set<String> names) {
        return names.contains(lower(t.get(i).name())) || i + 1 < t.size() && (t.get(i + 1).isSymbol("(") || t.get(i + 1).isSymbol("."))
                || i > 0 && (t.get(i - 1).isSymbol(".") || t.get(i - 1).is("COLLATE"));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Lower case for ASCII letters only, as SQLite folds names. */
    public static String lower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** A name that needs no quotes (ignoring keywords): a letter or _, then letters, digits, _ or $. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty() || !isWordChar(name.charAt(0))) return false;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isWordChar(c) && !Character.isDigit(c) && c != '$') return false;
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** The position after the quote that closes the one at {@code open}; a doubled quote stays inside. */
    private static int closing(String sql, int open, char quote) {
        for (int i = open + 1; i < sql.length(); i++) {
            if (sql.charAt(i) != quote) continue;
            if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) i++;
            else return i + 1;
        }
        return sql.length();
    }
}
