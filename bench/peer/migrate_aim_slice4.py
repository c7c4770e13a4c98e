#!/usr/bin/python3
"""The Python peer of MigrateAim's slice 4 (sales), written as ADR-0016 describes the
Python original: standard library + pyodbc (FreeTDS ODBC driver) + sqlite3, one function
per slice, streaming reads with cursor.fetchmany, executemany inserts in one transaction.

It applies the same rules as lib/slices/Slice04Sales.java to TICKET, TKTLINE and TKTPAY
(ids as lib/rules/LegacyId computes them, MONEY to cents half away from zero, shop-local
times to UTC with the DST rules of lib/rules/LegacyDate, flags, text cleanup, orphans) and
writes them into a copy of a helm.sqlite that already holds slices 1-3, replacing the rows
of sales, sale_lines and sale_payments, as `MigrateAim.java --slice 4` does. It exists to be
measured against the toolkit (bench/PeerBench.java), not to replace it: it keeps no report,
rejects file or reconciliation, only counts.

  AIM_PASSWORD=... bench/peer/migrate_aim_slice4.py --source 'jdbc:sqlserver://host:1433;databaseName=aim' \
      --user sa --from out/helm.sqlite --out peer/helm.sqlite [--shop-tz America/Chicago]
"""
import argparse
import datetime as dt
import decimal
import hashlib
import os
import shutil
import sqlite3
import sys
import time
import zoneinfo

import pyodbc

FETCH = 5000
BATCH = 1000

# --- rules (lib/rules) ------------------------------------------------------------------

# Java's Character.isWhitespace, which String.strip/stripTrailing/isBlank use: Python's
# str.strip() also strips U+00A0, U+2007, U+202F and U+0085, Java's does not.
JAVA_WS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
HASHED = 1 << 52


class Reject(Exception):
    def __init__(self, rule, reason=None):
        super().__init__(reason or rule)
        self.rule = rule


def first52(text):
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:7], "big") >> 4


def legacy_of(key):
    """LegacyId.of: the key itself from 0 to 2^52-1, else a hashed id."""
    return key if 0 <= key < HASHED else HASHED + first52("of:%d" % key)


def legacy_child(parent, child, width):
    """LegacyId.child: parent * width + child when in range, else a hashed id."""
    if 0 <= child < width and parent >= 0 and parent <= (HASHED - 1 - child) // width:
        return parent * width + child
    return HASHED + first52("child:%d/%d%%%d" % (parent, child, width))


def code_id(table, code, case_sensitive):
    """References.codeId: LegacyId.ofText over CodeKey.of(code)."""
    s = code.strip(JAVA_WS)
    key = None if not s else (s if case_sensitive else s.upper())
    return first52("%s:%s" % (table, "null" if key is None else key)) + 1


def sale_id(store, ticket):
    return legacy_child(store, ticket, 1_000_000_000)


def cents(raw):
    """MoneyToCents.cents: per row, half away from zero."""
    if raw is None:
        return None
    return int(raw.scaleb(2).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def cents_required(raw, column):
    c = cents(raw)
    if c is None:
        raise Reject("not_null", column + " is NULL")
    return c


def well_formed(s):
    """Text.wellFormed: a lone surrogate becomes U+FFFD."""
    if s is None or not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s)


def clean(raw):
    """Text.clean: trimmed; blank becomes NULL."""
    if raw is None:
        return None
    s = well_formed(raw).strip(JAVA_WS)
    return s or None


def padded(raw):
    """Text.padded: CHAR(n) padding off the right, then clean."""
    return None if raw is None else clean(raw.rstrip(JAVA_WS))


def note(raw):
    """Text.note: kept exact except C0 controls other than tab, LF, CR (and DEL); blank becomes NULL."""
    if raw is None:
        return None
    raw = well_formed(raw)
    if not raw.strip(JAVA_WS):
        return None
    kept = "".join(c for c in raw if not ((c < "\x20" and c not in "\t\n\r") or c == "\x7f"))
    return kept if kept.strip(JAVA_WS) else None


def flag(raw, when_blank):
    """Flag.parse: Y/N, T/F, 1/0, YES/NO, TRUE/FALSE in any case; blank takes the default."""
    if raw is None or not raw.strip(JAVA_WS):
        return 1 if when_blank else 0
    s = raw.rstrip(JAVA_WS)
    if s == "Y":
        return 1
    if s == "N":
        return 0
    u = s.strip(JAVA_WS).upper()
    if u in ("Y", "T", "1", "YES", "TRUE"):
        return 1
    if u in ("N", "F", "0", "NO", "FALSE"):
        return 0
    raise Reject("flag", "unrecognized flag value '%s'" % raw)


SENTINELS = (dt.date(1900, 1, 1), dt.date(1899, 12, 30))


def instant(raw, zone):
    """LegacyDate.instant: sentinel and typo dates are NULL; shop-local time to UTC, to the second.
    zoneinfo with fold=0 does what java.time's ZonedDateTime.ofLocal does: in a spring-forward gap
    the time moves forward by the gap, in a fall-back overlap the earlier (daylight) offset is used."""
    if raw is None:
        return None
    if raw.date() in SENTINELS or raw.year < 1900 or raw.year > 2099:
        return None
    local = raw.replace(microsecond=0, tzinfo=zone, fold=0)
    return local.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def instant_required(raw, zone, column):
    v = instant(raw, zone)
    if v is None:
        raise Reject("not_null", "%s is missing or not a plausible date (%s)" % (column, raw))
    return v


def ref(loaded, key):
    """References.ref: the id when that row was loaded, else NULL."""
    if key is None:
        return None
    i = legacy_of(key)
    return i if i in loaded else None


# --- source and target ----------------------------------------------------------------------

def connect_source(url, user, password, timeout):
    """A JDBC-style URL (jdbc:sqlserver://host[:port];databaseName=x;...) as a FreeTDS ODBC connection."""
    rest = url[len("jdbc:sqlserver://"):] if url.startswith("jdbc:sqlserver://") else url
    hostport, *props = rest.split(";")
    opts = {k.strip().lower(): v for k, _, v in (p.partition("=") for p in props if p)}
    host, _, port = hostport.partition(":")
    conn = pyodbc.connect("DRIVER={FreeTDS};SERVER=%s;PORT=%s;DATABASE=%s;UID=%s;PWD=%s;TDS_Version=7.4;ClientCharset=UTF-8"
                          % (host, port or "1433", opts.get("databasename", "master"), user, password),
                          autocommit=True, timeout=timeout)
    conn.execute("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED")  # a dry-run must not block the till
    return conn


def case_sensitive_codes(src):
    """CodeKey.forCollation: _CS or _BIN collations compare codes case-sensitively."""
    try:
        name = src.execute("SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128))").fetchone()[0]
    except pyodbc.Error:
        return False
    c = (name or "").upper()
    return "_CS" in c or c.endswith("_BIN") or c.endswith("_BIN2")


def stream(src, sql):
    cur = src.cursor()
    cur.execute(sql)
    while True:
        rows = cur.fetchmany(FETCH)
        if not rows:
            break
        yield from rows
    cur.close()


def ids(db, table):
    return {r[0] for r in db.execute("SELECT id FROM " + table)}


class Writer:
    """executemany in batches; a batch the target refuses goes in row by row so only the
    offending rows are refused (as lib/target/RowWriter does), in the one transaction."""

    def __init__(self, db, table, columns):
        self.db, self.sql = db, "INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(columns), ", ".join("?" * len(columns)))
        self.rows, self.loaded, self.refused = [], 0, 0

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        self.db.execute("SAVEPOINT batch")
        try:
            self.db.executemany(self.sql, self.rows)
            self.loaded += len(self.rows)
        except sqlite3.IntegrityError:
            self.db.execute("ROLLBACK TO batch")
            for r in self.rows:
                try:
                    self.db.execute(self.sql, r)
                    self.loaded += 1
                except sqlite3.IntegrityError:
                    self.refused += 1
        self.db.execute("RELEASE batch")
        self.rows = []


def load(src, db, table, target, columns, select, rule):
    """Streams one AIM table through its rule into its Helm table; returns (read, loaded, rejected)."""
    out, read, rejected = Writer(db, target, columns), 0, 0
    for r in stream(src, select):
        read += 1
        try:
            out.add(rule(r))
        except Reject:
            rejected += 1
    out.flush()
    return read, out.loaded, rejected + out.refused


# --- slice 4 --------------------------------------------------------------------------------

def migrate_sales(src, db, zone, cs):
    """Slice 4: TICKET -> sales, TKTLINE -> sale_lines, TKTPAY -> sale_payments."""
    for t in ("sale_payments", "sale_lines", "sales"):
        db.execute("DELETE FROM " + t)
    stores, customers, staff = ids(db, "stores"), ids(db, "customers"), ids(db, "staff")
    counts = {}

    def ticket(r):
        store, no, date, cust, emp, voided, notes, sub, tax, total = r
        if legacy_of(store) not in stores:
            raise Reject("orphan_store")
        return (sale_id(store, no), "TICKET:%d/%d" % (store, no), legacy_of(store), no,
                instant_required(date, zone, "TICKET_DATE"), ref(customers, cust), cust, ref(staff, emp),
                cents_required(sub, "SUBTOTAL"), cents_required(tax, "TAX"), cents_required(total, "TOTAL"),
                flag(voided, False), note(notes))

    counts["TICKET"] = load(src, db, "TICKET", "sales",
                            ["id", "legacy_key", "store_id", "ticket_no", "sold_at", "customer_id", "legacy_customer_id",
                             "staff_id", "subtotal_cents", "tax_cents", "total_cents", "is_void", "notes"],
                            "SELECT STORE_NO, TICKET_NO, TICKET_DATE, CUST_ID, EMP_ID, VOIDED, NOTES, SUBTOTAL, TAX, TOTAL "
                            "FROM TICKET ORDER BY STORE_NO, TICKET_NO", ticket)

    sales, products, taxes = ids(db, "sales"), ids(db, "products"), ids(db, "tax_rates")
    instruments, methods = ids(db, "instruments"), ids(db, "payment_methods")

    def line(r):
        store, no, line_no, item, sku, desc, qty, tax_code, serial, unit, disc, ext = r
        sale = sale_id(store, no)
        if sale not in sales:
            raise Reject("orphan_ticket")
        code = padded(tax_code)
        tax = None
        if code is not None:
            i = code_id("TAXRATE", code, cs)
            tax = i if i in taxes else None
        if qty is None:
            raise Reject("not_null", "QTY is NULL")
        discount = cents(disc)
        return (legacy_child(sale, line_no, 1000), "TKTLINE:%d/%d/%d" % (store, no, line_no), sale, line_no,
                ref(products, item), well_formed(sku), clean(desc), qty, cents_required(unit, "UNIT_PRICE"),
                0 if discount is None else discount, cents_required(ext, "EXT_PRICE"), tax, ref(instruments, serial))

    counts["TKTLINE"] = load(src, db, "TKTLINE", "sale_lines",
                             ["id", "legacy_key", "sale_id", "line_no", "product_id", "legacy_sku", "description", "quantity",
                              "unit_price_cents", "discount_cents", "amount_cents", "tax_rate_id", "instrument_id"],
                             "SELECT STORE_NO, TICKET_NO, LINE_NO, ITEM_ID, SKU, DESCRIPTION, QTY, TAX_CODE, SERIAL_ID, "
                             "UNIT_PRICE, DISCOUNT, EXT_PRICE FROM TKTLINE ORDER BY STORE_NO, TICKET_NO, LINE_NO", line)

    def payment(r):
        store, no, seq, pay_code, paid_at, ref_no, amount = r
        sale = sale_id(store, no)
        if sale not in sales:
            raise Reject("orphan_ticket")
        code = padded(pay_code)
        method = None
        if code is not None:
            i = code_id("PAYTYPE", code, cs)
            method = i if i in methods else None
        return (legacy_child(sale, seq, 100), "TKTPAY:%d/%d/%d" % (store, no, seq), sale, seq, method,
                cents_required(amount, "AMOUNT"), instant(paid_at, zone), clean(ref_no))

    counts["TKTPAY"] = load(src, db, "TKTPAY", "sale_payments",
                            ["id", "legacy_key", "sale_id", "seq", "payment_method_id", "amount_cents", "paid_at", "reference"],
                            "SELECT STORE_NO, TICKET_NO, PAY_SEQ, PAY_CODE, PAID_AT, REF_NO, AMOUNT "
                            "FROM TKTPAY ORDER BY STORE_NO, TICKET_NO, PAY_SEQ", payment)
    return counts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", default=os.environ.get("AIM_SOURCE_URL"), help="jdbc:sqlserver://host:port;databaseName=...")
    p.add_argument("--user", default=os.environ.get("AIM_USER"))
    p.add_argument("--from", dest="base", required=True, help="helm.sqlite holding slices 1-3 (left as it is)")
    p.add_argument("--out", required=True, help="the helm.sqlite to write (a copy of --from with slice 4 replaced)")
    p.add_argument("--shop-tz", default="America/Chicago")
    p.add_argument("--login-timeout", type=int, default=15)
    a = p.parse_args()
    if not a.source:
        p.error("--source or AIM_SOURCE_URL is required")
    started = time.monotonic()
    zone = zoneinfo.ZoneInfo(a.shop_tz)
    src = connect_source(a.source, a.user or "", os.environ.get("AIM_PASSWORD", ""), a.login_timeout)
    cs = case_sensitive_codes(src)
    tmp = a.out + ".tmp"
    shutil.copyfile(a.base, tmp)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -65536")
        db.execute("PRAGMA temp_store = MEMORY")
        db.execute("BEGIN")
        counts = migrate_sales(src, db, zone, cs)
        db.execute("COMMIT")
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        db.close()
        if problems:
            raise SystemExit("foreign_key_check: %d problems, e.g. %s" % (len(problems), problems[:3]))
        os.replace(tmp, a.out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    src.close()
    for t, (read, loaded, rejected) in counts.items():
        print("%-8s read %7d  loaded %7d  rejected %5d" % (t, read, loaded, rejected))
    print("slice 4 in %.2f s" % (time.monotonic() - started))


if __name__ == "__main__":
    main()
