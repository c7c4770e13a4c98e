package lib.accounts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lib.core.Folders;
import lib.rules.Pseudonym;
import lib.rules.Tally;
import lib.rules.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Rejected rows, one CSV per source table (rejects/TABLE.csv): rule, reason, AIM key, then every value read. */
public final class Rejects implements AutoCloseable {
    private final Path dir;
    private final Map<String, CSVPrinter> open = new TreeMap<>();
    /** The AIM keys rejected of the tables whose children ask ({@link #remember}); none of the others are kept. */
    private final Map<String, Set<String>> keys = new HashMap<>();
    private Pseudonym pseudonym;

    /** Values of personal columns listed as pseudonyms (--redact). */
    public Rejects redact(Pseudonym p) {
        this.pseudonym = p;
        return this;
    }

    public Rejects(Path dir) {
        this.dir = dir;
    }

    /** One rejected row of {@code table}, whose columns (as read from AIM) are {@code columns}. */
    public void add(String table, List<String> columns, String key, String rule, String reason, String[] values) {
        try {
            CSVPrinter csv = open.get(table);
            if (csv == null) {
                Folders.createIn(dir);
                Writer w = Files.newBufferedWriter(dir.resolve(table + ".csv"), StandardCharsets.UTF_8);
                List<String> header = new ArrayList<>(List.of("rule", "reason", "aim_key"));
                header.addAll(columns);
                csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(new String[0])).get());
                open.put(table, csv);
            }
            Set<String> remembered = keys.get(table);
            if (remembered != null) remembered.add(key);
            List<Object> record = new ArrayList<>(List.of(rule, reason, key));
            if (pseudonym != null) {
                values = values.clone();
                for (int i = 0; i < values.length; i++) {
                    if (Pseudonym.aimColumn(columns.get(i))) values[i] = pseudonym.of(columns.get(i), values[i]);
                }
            }
            record.addAll(Arrays.asList((Object[]) values));
            // UTF-8 cannot hold a lone UTF-16 surrogate (an NVARCHAR can): the file shows U+FFFD in its place.
            record.replaceAll(v -> v instanceof String text ? Text.wellFormed(text, Tally.NONE) : v);
            csv.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects for " + table, e);
        }
    }

    /**
     * Keeps the rejected keys of {@code table} for {@link #has}: those this run rejects, and when {@code kept}, those its
     * rejects file already lists (a slice kept from the previous run, whose file the run copied and does not write).
     */
    public void remember(String table, boolean kept) throws IOException {
        Set<String> of = keys.computeIfAbsent(table, t -> new HashSet<>());
        if (kept) for (String[] key : keys(dir.resolve(table + ".csv"))) of.add(String.join("/", key));
    }

    /** Whether the row of {@code table} with AIM key {@code key} ("1/100003") was rejected, by this run or a kept slice. */
    public boolean has(String table, String key) {
        Set<String> of = keys.get(table);
        if (of == null) throw new IllegalStateException("the rejects of " + table + " are not remembered (Slices.PARENTS)");
        return of.contains(key);
    }

    /** The AIM keys listed in one rejects/TABLE.csv, split into their parts; none when the file does not exist. */
    public static List<String[]> keys(Path csv) throws IOException {
        return keys(csv, -1);
    }

    /**
     * As above, for a key of {@code parts} columns: split into that many at most, so a text key holding '/' (a gift
     * card numbered GC/77) stays one part; AIM's keys of several columns are numbers, the text one last if any.
     */
    public static List<String[]> keys(Path csv, int parts) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(csv)) return out;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(rec.get("aim_key").split("/", parts));
            }
        }
        return out;
    }

    /** Rows one rejects/TABLE.csv lists: the columns read (its header's after aim_key), and each row's values, as listed, by AIM key. */
    public record Listed(List<String> columns, Map<String, List<String[]>> byKey) {}

    /** The rows {@code csv} lists under the AIM keys {@code aimKeys} ("1/100003"); none when the file does not exist. */
    public static Listed listed(Path csv, Set<String> aimKeys) throws IOException {
        Map<String, List<String[]>> byKey = new HashMap<>();
        if (!Files.isRegularFile(csv)) return new Listed(List.of(), byKey);
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<String> header = parser.getHeaderNames();
            int first = header.indexOf("aim_key") + 1;
            for (CSVRecord rec : parser) {
                if (!aimKeys.contains(rec.get("aim_key"))) continue;
                String[] values = new String[header.size() - first];
                for (int i = 0; i < values.length; i++) values[i] = rec.get(first + i);
                byKey.computeIfAbsent(rec.get("aim_key"), k -> new ArrayList<>()).add(values);
            }
            return new Listed(List.copyOf(header.subList(first, header.size())), byKey);
        }
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter csv : open.values()) csv.close();
        open.clear();
    }
}
