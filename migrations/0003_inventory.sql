-- Generated from schema-spec.md (migration 0003) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE vendors (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    code           TEXT,
    name           TEXT,
    phone          TEXT CHECK (phone GLOB '+[1-9]*'),
    phone_unparsed TEXT,
    email          TEXT CHECK (email LIKE '%_@_%._%'),
    email_unparsed TEXT,
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    sku            TEXT NOT NULL UNIQUE,
    legacy_sku     TEXT NOT NULL,
    description    TEXT,
    category_id    INTEGER REFERENCES categories (id),
    vendor_id      INTEGER REFERENCES vendors (id),
    unit_cost_e4   INTEGER,
    price_cents    INTEGER,
    is_taxable     INTEGER NOT NULL DEFAULT 1 CHECK (is_taxable IN (0, 1)),
    is_serialized  INTEGER NOT NULL DEFAULT 0 CHECK (is_serialized IN (0, 1)),
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at     TEXT CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at))
) STRICT;
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_vendor ON products (vendor_id);

CREATE TABLE stock_levels (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    product_id     INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    store_id       INTEGER NOT NULL REFERENCES stores (id),
    on_hand        INTEGER NOT NULL DEFAULT 0,
    on_order       INTEGER NOT NULL DEFAULT 0,
    reorder_point  INTEGER NOT NULL DEFAULT 0,
    bin            TEXT,
    UNIQUE (product_id, store_id)
) STRICT;

CREATE TABLE instruments (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    product_id     INTEGER NOT NULL REFERENCES products (id),
    serial_no      TEXT,
    store_id       INTEGER REFERENCES stores (id),
    status         TEXT NOT NULL CHECK (status IN ('in_stock', 'rented', 'sold', 'unknown')),
    received_at    TEXT CHECK (received_at = strftime('%Y-%m-%dT%H:%M:%SZ', received_at)),
    cost_cents     INTEGER
) STRICT;
CREATE INDEX instruments_product ON instruments (product_id);
CREATE INDEX instruments_serial ON instruments (serial_no);
