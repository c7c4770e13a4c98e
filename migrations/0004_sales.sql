-- Generated from schema-spec.md (migration 0004) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE sales (
    id                 INTEGER PRIMARY KEY,
    legacy_key         TEXT NOT NULL,
    store_id           INTEGER NOT NULL REFERENCES stores (id),
    ticket_no          INTEGER NOT NULL,
    sold_at            TEXT NOT NULL CHECK (sold_at = strftime('%Y-%m-%dT%H:%M:%SZ', sold_at)),
    customer_id        INTEGER REFERENCES customers (id),
    legacy_customer_id INTEGER,
    staff_id           INTEGER REFERENCES staff (id),
    subtotal_cents     INTEGER NOT NULL,
    tax_cents          INTEGER NOT NULL,
    total_cents        INTEGER NOT NULL,
    is_void            INTEGER NOT NULL DEFAULT 0 CHECK (is_void IN (0, 1)),
    notes              TEXT,
    UNIQUE (store_id, ticket_no)
) STRICT;
CREATE INDEX sales_sold_at ON sales (sold_at);
CREATE INDEX sales_customer ON sales (customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE sale_lines (
    id                INTEGER PRIMARY KEY,
    legacy_key        TEXT NOT NULL,
    sale_id           INTEGER NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    product_id        INTEGER REFERENCES products (id),
    legacy_sku        TEXT,
    description       TEXT,
    quantity          INTEGER NOT NULL,
    unit_price_cents  INTEGER NOT NULL,
    discount_cents    INTEGER NOT NULL DEFAULT 0,
    amount_cents      INTEGER NOT NULL,
    tax_rate_id       INTEGER REFERENCES tax_rates (id),
    instrument_id     INTEGER REFERENCES instruments (id)
) STRICT;
CREATE INDEX sale_lines_sale ON sale_lines (sale_id);
CREATE INDEX sale_lines_product ON sale_lines (product_id) WHERE product_id IS NOT NULL;

CREATE TABLE sale_payments (
    id                INTEGER PRIMARY KEY,
    legacy_key        TEXT NOT NULL,
    sale_id           INTEGER NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    payment_method_id INTEGER REFERENCES payment_methods (id),
    amount_cents      INTEGER NOT NULL,
    paid_at           TEXT CHECK (paid_at = strftime('%Y-%m-%dT%H:%M:%SZ', paid_at)),
    reference         TEXT
) STRICT;
CREATE INDEX sale_payments_sale ON sale_payments (sale_id);
