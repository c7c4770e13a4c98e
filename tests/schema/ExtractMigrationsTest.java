package tests.schema;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lib.cli.ExtractMigrationsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** ExtractMigrations: the spec -> NNNN_name.sql, its --check, and its errors at spec lines. */
class ExtractMigrationsTest {
    static Path spec() {
        return TestSupport.repo().resolve("migrations/schema-spec.md");
    }

    static Path copySpec(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path copy = dir.resolve("schema-spec.md");
        Files.copy(spec(), copy);
        return copy;
    }

    static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void checkPassesOnTheCommittedMigrations() {
        Run r = TestSupport.run(new ExtractMigrationsCommand(), spec().toString(), "--check");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("up to date"), r.out());
    }

    @Test
    void writesOneFilePerMigrationDeterministicallyAndKeepsOtherFiles(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        Files.createDirectories(a);
        Files.writeString(a.resolve("9999_hand_written.sql"), "SELECT 1;\n");
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), spec().toString(), "--out", a.toString()).exit());
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), spec().toString(), "--out", b.toString()).exit());
        List<String> names = files(b);
        assertEquals(7, names.size(), names.toString());
        assertTrue(names.contains("0004_sales.sql"));
        for (String n : names) assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
        assertTrue(Files.exists(a.resolve("9999_hand_written.sql")), "a file it did not generate stays");
        String sales = Files.readString(b.resolve("0004_sales.sql"));
        assertTrue(sales.startsWith("-- Generated from schema-spec.md (migration 0004)"), sales);
        assertTrue(sales.contains("CREATE TABLE sale_lines ("), sales);
    }

    @Test
    void aSpecEditMakesCheckFailNamingTheFile(@TempDir Path tmp) throws Exception {
        Path copy = copySpec(tmp);
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString()).exit());
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check").exit());
        Files.writeString(copy, Files.readString(copy).replace("    relation       TEXT,", "    relation       TEXT,\n    nickname       TEXT,"));
        Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("0002_customers.sql (differs from the spec)"), r.err());
        assertFalse(r.err().contains("0001_"), r.err());
    }

    /** A renamed migration: extraction keeps the old file (it may be applied to a D1 database), and both say what to do. */
    @Test
    void aRenamedMigrationIsNamedWithAdviceThatClearsTheCheck(@TempDir Path tmp) throws Exception {
        Path copy = copySpec(tmp);
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString()).exit());
        Files.writeString(copy, Files.readString(copy).replace("Migration 0004: sales", "Migration 0004: sales tickets"));
        Run extract = TestSupport.run(new ExtractMigrationsCommand(), copy.toString());
        assertEquals(0, extract.exit(), extract.all());
        assertTrue(extract.out().contains("note: 0004_sales.sql was generated earlier and is no longer in the spec (the spec's migration 0004 is now "
                + "0004_sales_tickets.sql: both would run): delete it if it was never applied to a D1 database"), extract.out());
        assertTrue(extract.out().contains("1 other .sql file left in"), extract.out());
        Run check = TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check");
        assertEquals(1, check.exit(), check.all());
        assertFalse(check.err().contains("run ./jbang ExtractMigrations.java"), "running it again would not clear this: " + check.err());
        assertTrue(check.err().startsWith("Generated migrations the spec no longer has"), check.err());
        assertTrue(check.err().contains("0004_sales.sql was generated earlier"), check.err());
        Files.delete(tmp.resolve("0004_sales.sql"));
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check").exit(), "the advice followed clears it");
    }

    @Test
    void aSqlErrorIsReportedAtTheSpecLineAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path copy = copySpec(tmp.resolve("spec"));
        Files.writeString(copy, Files.readString(copy).replace("CREATE TABLE repair_lines (", "CREATE TABLE repair_lines ((("));
        int line = lineOf(copy, "CREATE TABLE repair_lines (((");
        Path out = tmp.resolve("out");
        Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("schema-spec.md:" + line + ": SQLite rejects this statement"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void d1LintNamesTheLine(@TempDir Path tmp) throws Exception {
        String[][] cases = {
            {"CREATE TABLE layaways (", "BEGIN TRANSACTION;\nCREATE TABLE layaways (", "BEGIN TRANSACTION", "explicit transaction"},
            {"CREATE TABLE schools (", "PRAGMA journal_mode = WAL;\nCREATE TABLE schools (", "PRAGMA journal_mode", "PRAGMA journal_mode is not supported by D1"},
        };
        for (String[] c : cases) {
            Path copy = copySpec(tmp.resolve(c[2].replace(' ', '_')));
            Files.writeString(copy, Files.readString(copy).replace(c[0], c[1]));
            Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains(":" + lineOf(copy, c[2]) + ": " + c[3]), r.err());
        }
        Path wide = copySpec(tmp.resolve("wide"));
        StringBuilder cols = new StringBuilder("CREATE TABLE wide (id INTEGER PRIMARY KEY");
        for (int i = 1; i <= 100; i++) cols.append(", c").append(i).append(" TEXT");
        Files.writeString(wide, Files.readString(wide).replace("CREATE TABLE schools (", cols + ") STRICT;\nCREATE TABLE schools ("));
        Run r = TestSupport.run(new ExtractMigrationsCommand(), wide.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(":" + lineOf(wide, "CREATE TABLE wide") + ": table wide has 101 columns; D1 allows 100"), r.err());
    }

    @Test
    void aMalformedSpecIsBadInputWithItsLine(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bad.md");
        Files.writeString(copy, "# Spec\n\n```sql\nCREATE TABLE x (id INTEGER);\n```\n");
        Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.md:3: sql block outside"), r.err());
        Run missing = TestSupport.run(new ExtractMigrationsCommand(), tmp.resolve("nope.md").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("spec not found"), missing.err());
    }

    /**
     * SQL the spec holds outside a migration, under a heading meant as one that does not parse, or in a block not tagged
     * sql, is refused at its line: it was added to the migration before it, which wrangler never applies again, or left out.
     */
    @Test
    void sqlThatIsNotPlainlyAMigrationsIsRefusedAtItsLine(@TempDir Path tmp) throws Exception {
        String table = "\n\n```sql\nCREATE TABLE gift_card_audit (id INTEGER PRIMARY KEY, note TEXT);\n```\n";
        String[][] cases = {
            {"## Appendix: example queries" + table, "```sql", "sql block outside a \"Migration NNNN: name\" heading (migration 0007 ended at the heading above it)"},
            {"### Migration 8: gift card audit" + table, "### Migration 8", "looks like a migration heading but is not one"},
            {"### **Migration 0008: gift card audit**" + table, "### **Migration", "looks like a migration heading but is not one"},
            {"### Migration #0008: gift card audit" + table, "### Migration #", "looks like a migration heading but is not one"},
            {"Migration 0008: gift card audit\n---" + table, "Migration 0008: gift", "a migration heading must start with #"},
            {"### Migration 0008: gift card audit\n\n```\n-- forgotten\nCREATE TABLE forgotten (id INTEGER PRIMARY KEY);\n```\n" + table,
                "```\n-- forgotten", "holds SQL but is not tagged sql"},
        };
        for (String[] c : cases) {
            Path dir = tmp.resolve(String.valueOf(c[1].hashCode()));
            Path copy = copySpec(dir);
            String text = Files.readString(copy) + "\n" + c[0];
            Files.writeString(copy, text);
            int line = 1 + (int) text.substring(0, text.indexOf(c[1], text.length() - c[0].length())).chars().filter(ch -> ch == '\n').count();
            Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString());
            assertEquals(2, r.exit(), c[0] + ": " + r.all());
            assertTrue(r.err().contains("schema-spec.md:" + line + ": ") && r.err().contains(c[2]), c[0] + ": " + r.err());
            assertEquals(List.of("schema-spec.md"), files(dir), "nothing written");
        }
        // An example tagged text, and an untagged block of prose, stay out of the migration and are no error.
        Path examples = copySpec(tmp.resolve("examples"));
        Files.writeString(examples, Files.readString(examples) + "\n### Migration 0008: gift card audit" + table
                + "\n```text\nCREATE TABLE wrong (id);\n```\n\n```\nUpdate the audit when a card is sold.\n```\n");
        Run ok = TestSupport.run(new ExtractMigrationsCommand(), examples.toString());
        assertEquals(0, ok.exit(), ok.all());
        assertFalse(Files.readString(tmp.resolve("examples/0008_gift_card_audit.sql")).contains("wrong"));
        Path lower = copySpec(tmp.resolve("lower"));
        Files.writeString(lower, Files.readString(lower) + "\n### migration 0008: gift card audit" + table);
        Run r = TestSupport.run(new ExtractMigrationsCommand(), lower.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(Files.readString(tmp.resolve("lower/0008_gift_card_audit.sql")).contains("CREATE TABLE gift_card_audit"));
        assertFalse(Files.readString(tmp.resolve("lower/0007_accounts.sql")).contains("gift_card_audit"));
    }

    /** A byte-order mark before the first heading, and a block left open, which is named at the line it opens on. */
    @Test
    void aByteOrderMarkIsIgnoredAndAnOpenBlockIsNamedWhereItOpens(@TempDir Path tmp) throws Exception {
        Path bom = tmp.resolve("bom.md");
        Files.writeString(bom, "\uFEFF## Migration 0001: base\n\n```sql\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n```\n");
        Run r = TestSupport.run(new ExtractMigrationsCommand(), bom.toString(), "--out", tmp.resolve("bom").toString());
        assertEquals(0, r.exit(), r.all());
        Path open = tmp.resolve("open.md");
        Files.writeString(open, "## Migration 0001: base\n\n```sql\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n\n## Migration 0002: more\n\n");
        r = TestSupport.run(new ExtractMigrationsCommand(), open.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("open.md:3: code block not closed"), r.err());
    }

    /** A trigger after a comment is one statement, and an error is named at its statement's line, not at a comment before it. */
    @Test
    void aCommentBeforeAStatementNeitherSplitsATriggerNorMovesAnErrorsLine(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.md");
        Files.writeString(spec, "## Migration 0001: base\n\n```sql\nCREATE TABLE items (id INTEGER PRIMARY KEY, updated_at TEXT); -- the catalogue\n\n"
                + "-- keep updated_at fresh\nCREATE TRIGGER items_touch AFTER UPDATE ON items\nBEGIN\n  UPDATE items SET updated_at = datetime('now') WHERE id = NEW.id;\nEND;\n```\n");
        Run r = TestSupport.run(new ExtractMigrationsCommand(), spec.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.all());
        Files.writeString(spec, Files.readString(spec).replace("-- keep updated_at fresh\n", "-- keep updated_at fresh\nCREATE TABLE bad (qty INTEGER NOT NULL DEFAULT,);\n"));
        r = TestSupport.run(new ExtractMigrationsCommand(), spec.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("spec.md:" + lineOf(spec, "CREATE TABLE bad") + ": SQLite rejects this statement"), r.err());
    }

    /**
     * The folder's other .sql files: one in another encoding is overwritten, a hand-written one fails --check (wrangler
     * applies it too), a folder named .sql is passed over, and an edit of a migration says that wrangler will not apply it again.
     */
    @Test
    void otherSqlFilesAndEditsOfMigrationsAreNamed(@TempDir Path tmp) throws Exception {
        Path copy = copySpec(tmp);
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString()).exit());
        Files.write(tmp.resolve("0003_inventory.sql"), "-- caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(tmp.resolve("0010_dir.sql"));
        Files.writeString(copy, Files.readString(copy).replace("    relation       TEXT,", "    relation       TEXT,\n    nickname       TEXT,"));
        Run r = TestSupport.run(new ExtractMigrationsCommand(), copy.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("note: 0002_customers.sql changed; wrangler never applies a migration again"), r.out());
        assertTrue(r.out().contains("note: 0003_inventory.sql changed"), r.out());
        assertFalse(r.out().contains("0001_reference_data.sql changed"), r.out());
        assertEquals(0, TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check").exit());
        Files.write(tmp.resolve("0008_hotfix.sql"), "CREATE TABLE hotfix (id INTEGER PRIMARY KEY); -- \u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Run check = TestSupport.run(new ExtractMigrationsCommand(), copy.toString(), "--check");
        assertEquals(1, check.exit(), check.all());
        assertTrue(check.err().contains("0008_hotfix.sql is not from the spec"), check.err());
        assertFalse(check.err().contains("0010_dir.sql"), check.err());
    }
}
