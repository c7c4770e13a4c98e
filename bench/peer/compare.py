#!/usr/bin/python3
"""Compares slice 4's tables (sales, sale_lines, sale_payments) in two helm.sqlite files row for
row, every column, ordered by id. Prints "equal" and exits 0, or lists the first differences per
table and exits 1.

  bench/peer/compare.py TOOLKIT/helm.sqlite PEER/helm.sqlite [--tables sales,sale_lines] [--show 10]
"""
import argparse
import sqlite3
import sys

TABLES = ("sales", "sale_lines", "sale_payments")


def rows(db, table, columns):
    # typeof() too: 5 and '5' are different values in D1 even where Python would not care.
    sel = ", ".join("%s, typeof(%s)" % (c, c) for c in columns)
    return db.execute("SELECT %s FROM %s ORDER BY id" % (sel, table))


def columns(db, table):
    return [r[1] for r in db.execute("SELECT * FROM pragma_table_info(?) ORDER BY cid", (table,))]


def compare(a_path, b_path, tables, show):
    a, b = sqlite3.connect("file:%s?mode=ro" % a_path, uri=True), sqlite3.connect("file:%s?mode=ro" % b_path, uri=True)
    lines, equal = [], True
    for t in tables:
        ca, cb = columns(a, t), columns(b, t)
        if ca != cb:
            lines.append("%s: columns differ: %s vs %s" % (t, ca, cb))
            equal = False
            continue
        ra, rb = rows(a, t, ca), rows(b, t, ca)
        x, y = next(ra, None), next(rb, None)
        n = diff = only_a = only_b = 0
        shown = 0
        while x is not None or y is not None:
            if y is None or (x is not None and x[0] < y[0]):
                only_a += 1
                if shown < show:
                    lines.append("%s id %s: only in the first (%s)" % (t, x[0], x[2:4]))
                    shown += 1
                x = next(ra, None)
            elif x is None or y[0] < x[0]:
                only_b += 1
                if shown < show:
                    lines.append("%s id %s: only in the second (%s)" % (t, y[0], y[2:4]))
                    shown += 1
                y = next(rb, None)
            else:
                n += 1
                if x != y:
                    diff += 1
                    if shown < show:
                        cols = ["%s: %r (%s) vs %r (%s)" % (ca[i // 2], x[i], x[i + 1], y[i], y[i + 1])
                                for i in range(0, len(x), 2) if x[i:i + 2] != y[i:i + 2]]
                        lines.append("%s id %s (%s): %s" % (t, x[0], x[2], "; ".join(cols)))
                        shown += 1
                x, y = next(ra, None), next(rb, None)
        ok = diff == only_a == only_b == 0
        equal &= ok
        lines.append("%s: %s, %d rows compared, %d differ, %d only in the first, %d only in the second"
                     % (t, "equal" if ok else "DIFFERENT", n, diff, only_a, only_b))
    return equal, lines


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("first")
    p.add_argument("second")
    p.add_argument("--tables", default=",".join(TABLES))
    p.add_argument("--show", type=int, default=10, help="differences shown per table")
    a = p.parse_args()
    equal, lines = compare(a.first, a.second, a.tables.split(","), a.show)
    print("\n".join(lines))
    print("equal" if equal else "NOT EQUAL")
    sys.exit(0 if equal else 1)


if __name__ == "__main__":
    main()
