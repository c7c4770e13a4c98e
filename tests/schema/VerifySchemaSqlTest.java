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
                "  check on active: definition is active IN (0, 1) in the spec, active in (0,1,2) in the database");
    }

    static final String KINDS = "CREATE TABLE customers (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    first TEXT,\n    last TEXT,\n"
            + "    full_name TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL,\n    email TEXT COLLATE NOCASE\n);\n"
            + "CREATE INDEX customers_lower_email ON customers (lower(email));\n"
            + "CREATE INDEX customers_last ON customers (last COLLATE NOCASE);\n"
            + "CREATE TABLE tags (code TEXT NOT NULL PRIMARY KEY, name TEXT) WITHOUT ROWID;\n"
            + "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED);\n"
            + "CREATE VIEW customer_names AS SELECT id, last FROM customers;\n"
            + "CREATE TRIGGER customers_kept BEFORE DELETE ON customers BEGIN SELECT RAISE(ABORT, 'customers are kept'); END;";

    /** Generated columns, collations, expression indexes, WITHOUT ROWID, deferred keys, AUTOINCREMENT, views, triggers: each a line of its own. */
    @Test
    void everyKindOfObjectIsCompared(@TempDir Path tmp) throws Exception {
        Run same = compare(tmp, KINDS, KINDS);
        assertMatch(same);
        assertTrue(same.out().startsWith("Schema matches the spec: 3 tables, 1 view, 1 trigger (spec "), same.out());
        String two = KINDS + "\nCREATE VIEW emails AS SELECT email FROM customers;\n"
                + "CREATE TRIGGER tags_kept BEFORE DELETE ON tags BEGIN SELECT RAISE(ABORT, 'kept'); END;";
        assertTrue(compare(tmp, two, two).out().startsWith("Schema matches the spec: 3 tables, 2 views, 2 triggers (spec "));
        assertTrue(compare(tmp, PAYMENTS, PAYMENTS).out().startsWith("Schema matches the spec: 1 table (spec "));
        String lower = "create table Customers (id integer primary key autoincrement, first text, last text,"
                + " full_name text generated always as (first||' '||last) virtual, email text collate nocase);\n"
                + "create index customers_lower_email on customers (LOWER(Email));\n"
                + "create index customers_last on customers (last collate nocase);\n"
                + "create table tags (code text not null primary key, name text) without rowid;\n"
                + "create table orders (id integer primary key, customer_id integer references customers(id) deferrable initially deferred);\n"
                + "create view CUSTOMER_NAMES as select id,last from customers;\n"
                + "create trigger customers_kept before delete on customers begin select raise(abort, 'customers are kept'); end;";
        assertMatch(compare(tmp, KINDS, lower));
        assertMatch(compare(tmp, KINDS, KINDS.replace("last) VIRTUAL", "last)")));
        String[][] cases = {
            {",\n    full_name TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL", "",
                "customers", "  column full_name: in the spec, missing from the database"},
            {"(first || ' ' || last)", "(last || ', ' || first)",
                "customers", "  column full_name: expression is first || ' ' || last in the spec, last || ', ' || first in the database"},
            {"last) VIRTUAL", "last) STORED", "customers", "  column full_name: generated is VIRTUAL in the spec, STORED in the database"},
            {" GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL", "",
                "customers", "  column full_name: generated is VIRTUAL in the spec, none in the database"},
            {"email TEXT COLLATE NOCASE", "email TEXT", "customers", "  column email: collation is NOCASE in the spec, BINARY in the database"},
            {"PRIMARY KEY AUTOINCREMENT", "PRIMARY KEY", "customers", "  column id: AUTOINCREMENT is yes in the spec, no in the database"},
            {"(lower(email))", "(upper(email))",
                "customers", "  index customers_lower_email: definition is (lower(email)) in the spec, (upper(email)) in the database"},
            {"(last COLLATE NOCASE)", "(last)",
                "customers", "  index customers_last: definition is (last COLLATE NOCASE) in the spec, (last) in the database"},
            {") WITHOUT ROWID", ")", "tags", "  table: WITHOUT ROWID is yes in the spec, no in the database"},
            {" DEFERRABLE INITIALLY DEFERRED", "",
                "orders", "  foreign key (customer_id) -> customers(id): DEFERRABLE INITIALLY DEFERRED is yes in the spec, no in the database"},
            {"CREATE VIEW customer_names AS SELECT id, last FROM customers;", "",
                "customer_names", "  view: in the spec, missing from the database"},
            {"SELECT id, last FROM", "SELECT id, first FROM", "customer_names", "  view: definition is CREATE VIEW customer_names AS SELECT id, last"
                + " FROM customers in the spec, CREATE VIEW customer_names AS SELECT id, first FROM customers in the database"},
            {"CREATE TRIGGER customers_kept", "CREATE TRIGGER customers_keep", "customers",
                "  trigger customers_kept: in the spec, missing from the database\n  trigger customers_keep: in the database, not in the spec"},
            {"'customers are kept'", "'kept'", "customers", "  trigger customers_kept: definition is CREATE TRIGGER customers_kept BEFORE DELETE"
                + " ON customers BEGIN SELECT RAISE(ABORT, 'customers are kept'); END in the spec, CREATE TRIGGER customers_kept BEFORE DELETE"
                + " ON customers BEGIN SELECT RAISE(ABORT, 'kept'); END in the database"},
        };
        for (String[] c : cases) {
            assertTrue(KINDS.contains(c[0]), c[0]);
            assertDrift(compare(tmp, KINDS, KINDS.replace(c[0], c[1])), c[2], c[3]);
        }
    }

    /**
     * A composite key in another order is its columns' positions, not also a missing and an extra unique index;
     * a changed CHECK of a column or a named one is one line.
     */
    @Test
    void aKeyInAnotherOrderIsReportedOnce(@TempDir Path tmp) throws Exception {
        String stock = "CREATE TABLE stock (item INTEGER NOT NULL, store INTEGER NOT NULL,\n"
                + "  qty INTEGER CONSTRAINT qty_known NOT NULL CHECK (qty < 1000000),\n"
                + "  CONSTRAINT stocked CHECK (qty >= 0), CHECK (item > 0), PRIMARY KEY (item, store)) STRICT;";
        assertDrift(compare(tmp, stock, stock.replace("(item, store)", "(store, item)")),
                "stock", "  column item: primary key position is 1 in the spec, 2 in the database",
                "  column store: primary key position is 2 in the spec, 1 in the database");
        assertDrift(compare(tmp, stock, stock.replace("qty >= 0", "qty > 0").replace("item > 0", "item >= 0").replace("1000000", "100")),
                "stock", "  check on qty: definition is qty < 1000000 in the spec, qty < 100 in the database",
                "  check stocked: definition is qty >= 0 in the spec, qty > 0 in the database",
                "  check item > 0: in the spec, missing from the database",
                "  check item >= 0: in the database, not in the spec");
    }

    /** A key column's DESC is reported on its column, and a key in another order is still its columns' positions only. */
    @Test
    void aKeyColumnsOrderIsReported(@TempDir Path tmp) throws Exception {
        String desc = "CREATE TABLE t (k TEXT, v TEXT, PRIMARY KEY (k DESC, v)) WITHOUT ROWID;";
        assertMatch(compare(tmp, desc, desc.toLowerCase()));
        assertDrift(compare(tmp, desc, desc.replace("k DESC", "k")),
                "t", "  column k: primary key order is DESC in the spec, ASC in the database");
        assertDrift(compare(tmp, desc, desc.replace("(k DESC, v)", "(v, k DESC)")),
                "t", "  column k: primary key position is 1 in the spec, 2 in the database",
                "  column v: primary key position is 2 in the spec, 1 in the database");
        String rowid = "CREATE TABLE r (id INTEGER PRIMARY KEY, x TEXT);";
        assertDrift(compare(tmp, rowid, rowid.replace("PRIMARY KEY", "PRIMARY KEY DESC")),
                "r", "  column id: primary key order is ASC in the spec, DESC in the database");
    }

    /** A key column's COLLATE is its uniqueness (NOCASE keeps 'ab1' and 'AB1' one code): one line, once. */
    @Test
    void aKeyColumnsCollationIsReported(@TempDir Path tmp) throws Exception {
        String shelf = "CREATE TABLE shelf (code TEXT NOT NULL, store INTEGER NOT NULL, PRIMARY KEY (code COLLATE NOCASE, store));";
        assertMatch(compare(tmp, shelf, shelf.replace("COLLATE NOCASE", "collate nocase")));
        assertDrift(compare(tmp, shelf, shelf.replace(" COLLATE NOCASE", "")),
                "shelf", "  column code: primary key collation is NOCASE in the spec, BINARY in the database");
        assertDrift(compare(tmp, shelf, shelf.replace("code TEXT", "code TEXT COLLATE NOCASE").replace(" COLLATE NOCASE,", ",")),
                "shelf", "  column code: collation is BINARY in the spec, NOCASE in the database");
        String column = "CREATE TABLE tags (code TEXT COLLATE NOCASE PRIMARY KEY, name TEXT) WITHOUT ROWID;";
        assertDrift(compare(tmp, column, column.replace(" COLLATE NOCASE", "")),
                "tags", "  column code: collation is NOCASE in the spec, BINARY in the database");
    }

    /** CHECKs compare as a multiset: a CHECK written twice on one side is one too many, whichever side. */
    @Test
    void aDuplicatedCheckIsReportedOnEitherSide(@TempDir Path tmp) throws Exception {
        String once = "CREATE TABLE stock (item INTEGER PRIMARY KEY, qty INTEGER CHECK (qty >= 0));";
        String twice = once.replace("CHECK (qty >= 0)", "CHECK (qty >= 0) CHECK (qty >= 0)");
        assertMatch(compare(tmp, twice, twice));
        assertDrift(compare(tmp, once, twice), "stock", "  check qty >= 0: in the database, not in the spec");
        assertDrift(compare(tmp, twice, once), "stock", "  check qty >= 0: in the spec, missing from the database");
    }

    /** A constraint's name is its next constraint's only: a CHECK after CONSTRAINT pos CHECK (...) is the column's own. */
    @Test
    void aConstraintNameBelongsToOneCheck(@TempDir Path tmp) throws Exception {
        String stock = "CREATE TABLE stock (item INTEGER PRIMARY KEY, qty INTEGER CONSTRAINT pos CHECK (qty > 0) CHECK (qty < 100));";
        assertDrift(compare(tmp, stock, stock.replace("qty < 100", "qty < 50")),
                "stock", "  check on qty: definition is qty < 100 in the spec, qty < 50 in the database");
        assertDrift(compare(tmp, stock, stock.replace("qty > 0", "qty >= 0")),
                "stock", "  check pos: definition is qty > 0 in the spec, qty >= 0 in the database");
        String tags = "CREATE TABLE tags (code TEXT CONSTRAINT folded COLLATE NOCASE CHECK (code <> ''));";
        assertDrift(compare(tmp, tags, tags.replace("''", "'-'")),
                "tags", "  check on code: definition is code <> '' in the spec, code <> '-' in the database");
    }

    /**
     * A double-quoted word that names no column is a string to SQLite ("open" is 'open'), and so is a DEFAULT's bare
     * word: their case counts, as a string literal's does; a double-quoted column name's still does not.
     */
    @Test
    void aDoubleQuotedStringKeepsItsCase(@TempDir Path tmp) throws Exception {
        String orders = "CREATE TABLE orders (id INTEGER PRIMARY KEY, kind TEXT DEFAULT retail,\n"
                + "  \"Status\" TEXT DEFAULT \"open\" CHECK (\"Status\" IN (\"open\", 'closed')));\n"
                + "CREATE INDEX orders_open ON orders (id) WHERE \"Status\" = \"open\";";
        assertMatch(compare(tmp, orders, orders.replace("\"Status\" IN", "status in").replace("\"open\"", "'open'")
                .replace("retail", "'retail'").replace("WHERE \"Status\"", "WHERE STATUS")));
        assertDrift(compare(tmp, orders, orders.replace("\"open\"", "\"OPEN\"").replace("retail", "RETAIL")),
                "orders", "  column kind: default is retail in the spec, RETAIL in the database",
                "  column Status: default is \"open\" in the spec, \"OPEN\" in the database",
                "  index orders_open: definition is (id) WHERE \"Status\" = \"open\" in the spec, (id) WHERE \"Status\" = \"OPEN\" in the database",
                "  check on Status: definition is \"Status\" IN (\"open\", 'closed') in the spec, \"Status\" IN (\"OPEN\", 'closed') in the database");
    }
}
