-- Generated from schema-spec.md (migration 0005) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE schools (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    name           TEXT,
    district       TEXT,
    phone          TEXT CHECK (phone GLOB '+[1-9]*'),
    phone_unparsed TEXT,
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;

CREATE TABLE rental_contracts (
    id                 INTEGER PRIMARY KEY,
    legacy_key         TEXT NOT NULL,
    contract_no        INTEGER NOT NULL UNIQUE,
    store_id           INTEGER NOT NULL REFERENCES stores (id),
    customer_id        INTEGER REFERENCES customers (id),
    legacy_customer_id INTEGER,
    school_id          INTEGER REFERENCES schools (id),
    product_id         INTEGER REFERENCES products (id),
    instrument_id      INTEGER REFERENCES instruments (id),
    start_date         TEXT CHECK (start_date = date(start_date)),
    end_date           TEXT CHECK (end_date = date(end_date)),
    monthly_rate_cents INTEGER NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('active', 'closed', 'returned', 'purchased', 'unknown')),
    notes              TEXT
) STRICT;
CREATE INDEX rental_contracts_customer ON rental_contracts (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX rental_contracts_status ON rental_contracts (status);

CREATE TABLE rental_payments (
    id                INTEGER PRIMARY KEY,
    legacy_key        TEXT NOT NULL,
    contract_id       INTEGER NOT NULL REFERENCES rental_contracts (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    paid_at           TEXT CHECK (paid_at = strftime('%Y-%m-%dT%H:%M:%SZ', paid_at)),
    amount_cents      INTEGER NOT NULL,
    late_fee_cents    INTEGER NOT NULL DEFAULT 0,
    payment_method_id INTEGER REFERENCES payment_methods (id)
) STRICT;
CREATE INDEX rental_payments_contract ON rental_payments (contract_id);
