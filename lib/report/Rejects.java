package lib.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lib.source.SourceTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Rejected rows, one CSV per source table (rejects/TABLE.csv): rule, reason, AIM key, then every value read. */
public final class Rejects implements AutoCloseable {
    private final Path dir;
    private final Map<String, CSVPrinter> open = new TreeMap<>();
    private lib.rules.Pseudonym pseudonym;

    /** Values of personal columns listed as pseudonyms (--redact). */
    public Rejects redact(lib.rules.Pseudonym p) {
        this.pseudonym = p;
        return this;
    }

    public Rejects(Path dir) {
        this.dir = dir;
    }

    public void add(SourceTable table, String key, String rule, String reason, String[] values) {
        try {
            CSVPrinter csv = open.get(table.name());
            if (csv == null) {
                Files.createDirectories(dir);
                Writer w = Files.newBufferedWriter(dir.resolve(table.name() + ".csv"), StandardCharsets.UTF_8);
                List<String> header = new ArrayList<>(List.of("rule", "reason", "aim_key"));
                header.addAll(table.columns());
                csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(new String[0])).get());
                open.put(table.name(), csv);
            }
            List<Object> record = new ArrayList<>(List.of(rule, reason, key));
            if (pseudonym != null) {
                values = values.clone();
                for (int i = 0; i < values.length; i++) {
                    if (lib.rules.Pseudonym.aimColumn(table.columns().get(i))) values[i] = pseudonym.of(table.columns().get(i), values[i]);
                }
            }
            record.addAll(java.util.Arrays.asList((Object[]) values));
            csv.printRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects for " + table.name(), e);
        }
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter csv : open.values()) csv.close();
        open.clear();
    }
}
