package lib.target;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.core.Hashes;

/**
 * all.sql cut into the chunks --d1-apply hands to wrangler one at a time: whole
 * statements, each chunk starting with PRAGMA defer_foreign_keys, every INSERT
 * ending in ON CONFLICT DO NOTHING so a chunk that failed half-way can run again.
 */
public final class D1Chunks {
    static final String PRAGMA = "PRAGMA defer_foreign_keys = true;";

    /** One piece of all.sql as wrangler will execute it, written to its own file. */
    public record Chunk(int number, Path file, String sha256, int statements) {}

    private D1Chunks() {}

    /**
     * Splits a D1 file into chunk files in {@code dir} at statement ends (every statement is one
     * line), streaming: memory holds one statement, not a chunk.
     */
    public static List<Chunk> cut(Path allSql, long chunkBytes, Path dir) throws IOException {
        List<Chunk> out = new ArrayList<>();
        ChunkWriter w = null;
        try (BufferedReader r = Files.newBufferedReader(allSql, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("--") || line.equals(PRAGMA)) continue;
                if (!line.endsWith(";")) throw new IllegalStateException(allSql + ": a statement does not end its line: " + line.substring(0, Math.min(80, line.length())));
                String stmt = line.startsWith("INSERT INTO ") ? line.substring(0, line.length() - 1) + " ON CONFLICT DO NOTHING;" : line;
                byte[] bytes = (stmt + "\n").getBytes(StandardCharsets.UTF_8);
                if (w != null && w.statements > 0 && w.bytes + bytes.length > chunkBytes) {
                    out.add(w.finish());
                    w = null;
                }
                if (w == null) w = new ChunkWriter(out.size() + 1, dir);
                w.add(bytes);
            }
        } finally {
            if (w != null && w.statements == 0) w.stream.close();
        }
        if (w != null) out.add(w.finish());
        return out;
    }

    /** One chunk file being written: PRAGMA first, then statements, hashed as written. */
    private static final class ChunkWriter {
        final int number;
        final Path file;
        final OutputStream stream;
        final Hashes.Sha256 sha = new Hashes.Sha256();
        long bytes;
        int statements;

        ChunkWriter(int number, Path dir) throws IOException {
            this.number = number;
            this.file = dir.resolve(String.format("chunk-%04d.sql", number));
            this.stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            write((PRAGMA + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void add(byte[] statement) throws IOException {
            write(statement);
            statements++;
        }

        private void write(byte[] b) throws IOException {
            stream.write(b);
            sha.update(b);
            bytes += b.length;
        }

        Chunk finish() throws IOException {
            stream.close();
            return new Chunk(number, file, sha.hex(), statements);
        }
    }
}
