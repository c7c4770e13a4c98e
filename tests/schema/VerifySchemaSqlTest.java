package tests.schema;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import lib.cli.VerifySchemaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tests.support.TestSupport;
import tests.support.TestSupport.Run;

/** VerifySchema on small specs of its own: SQL that reads like a keyword, spellings SQLite treats alike, every kind of object. */
class VerifySchemaSqlTest {
    /** VerifySchema of a one-migration spec of {@code specSql} against {@code actualSql} as a schema dump. */
    static Run compare(Path tmp, String specSql, String actualSql) throws Exception {
        Path spec = tmp.resolve("spec.md"), actual = tmp.resolve("actual.sql");
        Files.writeString(spec, "# Spec\n\n### Migration 0001: init\n\n```sql\n" + specSql + "\n```\n");
        Files.writeString(actual, actualSql);
        return TestSupport.run(new VerifySchemaCommand(), spec.toString(), "--schema-sql", actual.toString());
    }

    static void assertMatch(Run r) {
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("Schema matches the spec"), r.out());
    }

    /** The drift report's lines after its first, exactly. */
    static void assertDrift(Run r, String... lines) {
        assertEquals(1, r.exit(), r.all());
        String body = r.out().substring(r.out().indexOf('\n') + 1).stripTrailing();
        assertEquals(String.join("\n", lines), body, r.out());
    }

    static final String PAYMENTS = "CREATE TABLE payments (id INTEGER PRIMARY KEY, amount_cents INTEGER NOT NULL, check_no TEXT);";

    /** A cheque-number column is no CHECK, nor is a quoted "check" column, a string or a comment that says CHECK. */
    @Test
    void aColumnNamedLikeCheckIsNoConstraint(@TempDir Path tmp) throws Exception {
        assertMatch(compare(tmp, PAYMENTS, PAYMENTS));
        String odd = "CREATE TABLE payments (id INTEGER PRIMARY KEY, check_no TEXT, note TEXT DEFAULT (upper('x')),\n"
                + "  \"check\" TEXT, [Check (x)] TEXT, memo TEXT DEFAULT 'CHECK (1)', -- CHECK (id > 0)\n"
                + "  amount_cents INTEGER CHECK (amount_cents > 0));";
        assertMatch(compare(tmp, odd, odd));
        assertDrift(compare(tmp, odd, odd.replace(" CHECK (amount_cents > 0)", "")),
                "payments", "  check amount_cents > 0: in the spec, missing from the database");
        String where = "CREATE TABLE t (id INTEGER PRIMARY KEY, where_from TEXT, \"where\" TEXT);\n"
                + "CREATE INDEX t_where ON t (where_from, \"where\") WHERE where_from IS NOT NULL;";
        assertMatch(compare(tmp, where, where));
        assertDrift(compare(tmp, where, where.replace("IS NOT NULL", "IS NULL")),
                "t", "  index t_where: definition is (where_from, where) WHERE where_from IS NOT NULL in the spec, "
                        + "(where_from, where) WHERE where_from IS NULL in the database");
    }

    static final String SPELLED = "CREATE TABLE customers (\n    id INTEGER PRIMARY KEY,\n"
            + "    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
            + "    created_at TEXT DEFAULT CURRENT_TIMESTAMP,\n    kind TEXT DEFAULT 'Retail'\n);\n"
            + "CREATE INDEX customers_active ON customers (id) WHERE active = 1;\n"
            + "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id));";

    /** Case of keywords and identifiers, whitespace and quoting are no drift; a string literal's case is. */
    @Test
    void spellingsSqliteTreatsAlikeAreNoDrift(@TempDir Path tmp) throws Exception {
        String same = "create table \"Customers\" (ID integer primary key, Active integer not null default 1 check(active in (0,1)),"
                + " created_at text default current_timestamp, kind text default 'Retail');\n"
                + "create index CUSTOMERS_ACTIVE on Customers (ID) where active=1;\n"
                + "create table [Orders] (id integer primary key, customer_id integer references Customers(ID));";
        assertMatch(compare(tmp, SPELLED, same));
        assertDrift(compare(tmp, SPELLED, same.replace("(0,1)", "(0,1,2)").replace("'Retail'", "'retail'")),
                "customers",
                "  column kind: default is 'Retail' in the spec, 'retail' in the database",
                "  check active IN (0, 1): in the spec, missing from the database",
                "  check active in (0,1,2): in the database, not in the spec");
    }
}
