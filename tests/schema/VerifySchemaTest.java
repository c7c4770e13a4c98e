package tests.schema;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import lib.cli.VerifySchemaCommand;
import lib.core.Json;
import lib.schema.SpecDocument;
import lib.schema.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** VerifySchema against real SQLite files: a match, and every kind of drift, by table and column. */
class VerifySchemaTest {
    static final Path SPEC = TestSupport.repo().resolve("migrations/schema-spec.md");

    /** A SQLite file built from the spec's SQL after a text edit, then extra statements. */
    static Path db(Path tmp, String name, String from, String to, String... after) throws Exception {
        String text = Files.readString(SPEC);
        if (from != null) {
            assertTrue(text.contains(from), "spec contains " + from);
            text = text.replace(from, to);
        }
        Path file = tmp.resolve(name + ".sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (SpecDocument.Migration m : SpecDocument.parse(SPEC, text).migrations()) {
                for (SqlScript.Statement s : m.statements()) st.execute(s.sql());
            }
            for (String sql : after) st.execute(sql);
        }
        return file;
    }

    static Run verify(Path db, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = SPEC.toString();
        args[1] = "--db";
        args[2] = db.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return TestSupport.run(new VerifySchemaCommand(), args);
    }

    @Test
    void aMatchingDatabaseExitsZero(@TempDir Path tmp) throws Exception {
        Run r = verify(db(tmp, "same", null, null));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("Schema matches the spec: 25 tables"), r.out());
        Run m = TestSupport.run(new VerifySchemaCommand(), SPEC.toString(), "--migrations", SPEC.getParent().toString());
        assertEquals(0, m.exit(), m.all());
    }

    @Test
    void everyKindOfDriftIsReportedWithItsTableAndColumn(@TempDir Path tmp) throws Exception {
        Object[][] cases = {
            {"added column", null, null, new String[] {"ALTER TABLE customers ADD COLUMN nickname TEXT"},
                "customers", "column nickname: in the database, not in the spec"},
            {"dropped column", null, null, new String[] {"ALTER TABLE customers DROP COLUMN city"},
                "customers", "column city: in the spec, missing from the database"},
            {"changed type", "    price_cents    INTEGER,\n", "    price_cents    TEXT,\n", new String[0],
                "products", "column price_cents: type is INTEGER in the spec, TEXT in the database"},
            {"nullability", "    ticket_no          INTEGER NOT NULL,", "    ticket_no          INTEGER,", new String[0],
                "sales", "column ticket_no: NOT NULL is yes in the spec, no in the database"},
            {"default", "discount_cents    INTEGER NOT NULL DEFAULT 0", "discount_cents    INTEGER NOT NULL DEFAULT 5", new String[0],
                "sale_lines", "column discount_cents: default is 0 in the spec, 5 in the database"},
            {"missing index", null, null, new String[] {"DROP INDEX sales_sold_at"},
                "sales", "index sales_sold_at: in the spec, missing from the database"},
            {"changed FK action", "REFERENCES house_accounts (id) ON DELETE CASCADE", "REFERENCES house_accounts (id) ON DELETE RESTRICT", new String[0],
                "house_account_entries", "foreign key (account_id) -> house_accounts(id): ON DELETE is CASCADE in the spec, RESTRICT in the database"},
            {"missing table", null, null, new String[] {"DROP TABLE special_orders"},
                "special_orders", "table: in the spec, missing from the database"},
            {"extra table", null, null, new String[] {"CREATE TABLE audit_log (id INTEGER PRIMARY KEY)"},
                "audit_log", "table: in the database, not in the spec"},
            {"changed check", "CHECK (rate_ppm BETWEEN 0 AND 1000000)", "CHECK (rate_ppm BETWEEN 0 AND 100)", new String[0],
                "tax_rates", "check on rate_ppm: definition is rate_ppm BETWEEN 0 AND 1000000 in the spec, rate_ppm BETWEEN 0 AND 100 in the database"},
            {"not strict", "    reference         TEXT\n) STRICT;", "    reference         TEXT\n);", new String[0],
                "sale_payments", "table: STRICT is yes in the spec, no in the database"},
        };
        for (Object[] c : cases) {
            Path file = db(tmp, ((String) c[0]).replace(' ', '_'), (String) c[1], (String) c[2], (String[]) c[3]);
            Run r = verify(file);
            assertEquals(1, r.exit(), c[0] + ": " + r.all());
            assertTrue(r.out().contains("\n" + c[4] + "\n  " + c[5]), c[0] + ":\n" + r.out());
        }
    }

    @Test
    void jsonFormatListsTheDifferences(@TempDir Path tmp) throws Exception {
        Run r = verify(db(tmp, "json", null, null, "ALTER TABLE staff ADD COLUMN badge TEXT"), "--format", "json");
        assertEquals(1, r.exit());
        var json = Json.read(r.out());
        assertEquals(false, json.get("match"));
        assertTrue(json.get("differences").toString().contains("badge"), r.out());
    }

    @Test
    void badInputExitsTwo(@TempDir Path tmp) {
        Run missing = verify(tmp.resolve("nope.sqlite"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("database not found"), missing.err());
        Run folder = verify(tmp);
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains(tmp + " is a folder"), folder.err());
        Run noSql = TestSupport.run(new VerifySchemaCommand(), SPEC.toString(), "--schema-sql", tmp.resolve("nope.sql").toString());
        assertEquals(2, noSql.exit());
        assertTrue(noSql.err().contains("nope.sql: not found"), noSql.err());
        Run none = TestSupport.run(new VerifySchemaCommand(), SPEC.toString());
        assertEquals(2, none.exit(), "one of --db, --migrations, --schema-sql is required");
    }
}
