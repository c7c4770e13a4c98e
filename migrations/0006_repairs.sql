-- Generated from schema-spec.md (migration 0006) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE repair_orders (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    ro_no          INTEGER NOT NULL UNIQUE,
    store_id       INTEGER NOT NULL REFERENCES stores (id),
    customer_id    INTEGER REFERENCES customers (id),
    technician_id  INTEGER REFERENCES staff (id),
    instrument     TEXT,
    serial_no      TEXT,
    received_at    TEXT CHECK (received_at = strftime('%Y-%m-%dT%H:%M:%SZ', received_at)),
    promised_on    TEXT CHECK (promised_on = date(promised_on)),
    completed_at   TEXT CHECK (completed_at = strftime('%Y-%m-%dT%H:%M:%SZ', completed_at)),
    status         TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'complete', 'picked_up', 'unknown')),
    estimate_cents INTEGER,
    problem        TEXT
) STRICT;
CREATE INDEX repair_orders_customer ON repair_orders (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX repair_orders_open ON repair_orders (status) WHERE status IN ('open', 'waiting');

CREATE TABLE repair_lines (
    id               INTEGER PRIMARY KEY,
    legacy_key       TEXT NOT NULL,
    repair_order_id  INTEGER NOT NULL REFERENCES repair_orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('labor', 'part', 'other')),
    product_id       INTEGER REFERENCES products (id),
    description      TEXT,
    quantity         INTEGER NOT NULL DEFAULT 1,
    unit_price_cents INTEGER NOT NULL,
    amount_cents     INTEGER NOT NULL
) STRICT;
CREATE INDEX repair_lines_order ON repair_lines (repair_order_id);
