package lib.accounts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.core.Folders;
import lib.rules.Pseudonym;
import lib.rules.Tally;
import lib.rules.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Every value a rule changed, one CSV per AIM table (fixes/TABLE.csv), so a person can check a
 * rule on real rows: the AIM key, the AIM column, the rule, the value as read from AIM and the
 * value the rule made of it (empty for NULL). One line per time a rule fired, so the lines of a
 * column and rule are the count report.md gives; but sub_second, which on a till's times fires for nearly every row, is
 * counted only. Lines come in reading order: same input, same bytes.
 */
public final class Fixes implements AutoCloseable {
    public static final String DIR = "fixes";
    static final String[] HEADER = {"aim_table", "aim_key", "column", "rule", "before", "after"};

    /** One line of a fixes file; before and after are null where the file holds nothing. */
    public record Fix(String table, String key, String column, String rule, String before, String after) {}

    private final Path dir;
    private final Map<String, CSVPrinter> open = new TreeMap<>();
    private Pseudonym pseudonym;

    public Fixes(Path dir) {
        this.dir = dir;
    }

    /** Values of personal columns listed as pseudonyms (--redact), as rejects/ lists them. */
    public Fixes redact(Pseudonym p) {
        this.pseudonym = p;
        return this;
    }

    /** A rule fired on {@code column} of the row of {@code table} keyed {@code key}: AIM held {@code before}, the rule made {@code after}. */
    public void add(String table, String key, String column, String rule, Object before, Object after) {
        String was = text(before), is = text(after);
        if (pseudonym != null && Pseudonym.aimColumn(column)) {
            was = redacted(column, was);
            is = redacted(column, is);
        }
        try {
            printer(table).printRecord(table, key, column, rule, was, is);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fixes for " + table, e);
        }
    }

    /**
     * A line {@link #add} wrote of a row that was rejected after all (the target refused it): left out of the file when
     * it is closed. Of lines alike (two copies of a key, fixed alike), one goes for each retraction.
     */
    public void retract(String table, String key, String column, String rule, Object before, Object after) {
        retracted.computeIfAbsent(table, t -> new HashMap<>()).merge(line(key, column, rule, before, after), 1, Integer::sum);
    }

    private final Map<String, Map<List<String>, Integer>> retracted = new TreeMap<>();

    /** A line's cells after the table's, as {@link #add} writes them and {@link #read} gives them back (null as ''). */
    private List<String> line(String key, String column, String rule, Object before, Object after) {
        String was = text(before), is = text(after);
        if (pseudonym != null && Pseudonym.aimColumn(column)) {
            was = redacted(column, was);
            is = redacted(column, is);
        }
        return java.util.Arrays.asList(key, column, rule, was == null ? "" : was, is == null ? "" : is);
    }

    /** A blank value holds nothing personal and stays as it was, so an empty_string line still shows what AIM held. */
    private String redacted(String column, String value) {
        return value == null || value.isBlank() ? value : pseudonym.of(column, value);
    }

    private CSVPrinter printer(String table) throws IOException {
        CSVPrinter csv = open.get(table);
        if (csv == null) {
            Folders.createIn(dir);
            Writer w = Files.newBufferedWriter(dir.resolve(table + ".csv"), StandardCharsets.UTF_8);
            csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
            open.put(table, csv);
        }
        return csv;
    }

    /** A value as text, as rejects/ writes what it read; UTF-8 cannot hold a lone UTF-16 surrogate, so U+FFFD stands in. */
    private static String text(Object v) {
        return v == null ? null : Text.wellFormed(v.toString(), Tally.NONE);
    }

    /** The lines of one fixes/TABLE.csv (empty cells as null); none when the file does not exist. */
    public static List<Fix> read(Path csv) throws IOException {
        return read(csv, null);
    }

    /**
     * The lines of one fixes/TABLE.csv of one rule (every rule's: null), read a line at a time, so a file of many other
     * rules' lines costs no memory. NULL and '' are both an empty cell: both come back as null.
     */
    public static List<Fix> read(Path csv, String rule) throws IOException {
        List<Fix> out = new ArrayList<>();
        if (!Files.isRegularFile(csv)) return out;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (rule != null && !rule.equals(rec.get(3))) continue;
                out.add(new Fix(rec.get(0), rec.get(1), rec.get(2), rec.get(3), orNull(rec.get(4)), orNull(rec.get(5))));
            }
        }
        return out;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter csv : open.values()) csv.close();
        open.clear();
        for (Map.Entry<String, Map<List<String>, Integer>> t : retracted.entrySet()) leaveOut(dir.resolve(t.getKey() + ".csv"), t.getValue());
        retracted.clear();
    }

    /** Writes {@code csv} again without the lines retracted (as many of each as were); gone when none is left. */
    private static void leaveOut(Path csv, Map<List<String>, Integer> lines) throws IOException {
        Path kept = csv.resolveSibling(csv.getFileName() + ".kept");
        int left = 0;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(kept, StandardCharsets.UTF_8), CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                List<String> line = rec.toList(), cells = line.subList(1, line.size());
                Integer n = lines.get(cells);
                if (n == null) {
                    out.printRecord(line);
                    left++;
                } else if (n > 1) {
                    lines.put(cells, n - 1);
                } else {
                    lines.remove(cells);
                }
            }
        }
        if (left == 0) {
            Files.delete(kept);
            Files.delete(csv);
        } else {
            Files.move(kept, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
