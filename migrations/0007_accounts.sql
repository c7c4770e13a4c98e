-- Generated from schema-spec.md (migration 0007) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE house_accounts (
    id                 INTEGER PRIMARY KEY,
    legacy_key         TEXT NOT NULL,
    customer_id        INTEGER REFERENCES customers (id),
    credit_limit_cents INTEGER NOT NULL DEFAULT 0,
    balance_cents      INTEGER NOT NULL DEFAULT 0,
    opened_at          TEXT CHECK (opened_at = strftime('%Y-%m-%dT%H:%M:%SZ', opened_at)),
    status             TEXT NOT NULL CHECK (status IN ('open', 'settled', 'unknown'))
) STRICT;
CREATE INDEX house_accounts_customer ON house_accounts (customer_id);

CREATE TABLE house_account_entries (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    account_id     INTEGER NOT NULL REFERENCES house_accounts (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    posted_at      TEXT CHECK (posted_at = strftime('%Y-%m-%dT%H:%M:%SZ', posted_at)),
    kind           TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'other')),
    amount_cents   INTEGER NOT NULL,
    store_id       INTEGER REFERENCES stores (id),
    sale_id        INTEGER REFERENCES sales (id),
    memo           TEXT
) STRICT;
CREATE INDEX house_account_entries_account ON house_account_entries (account_id);

CREATE TABLE gift_cards (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    card_no        TEXT NOT NULL UNIQUE,
    store_id       INTEGER REFERENCES stores (id),
    issued_at      TEXT CHECK (issued_at = strftime('%Y-%m-%dT%H:%M:%SZ', issued_at)),
    initial_cents  INTEGER NOT NULL,
    balance_cents  INTEGER NOT NULL,
    customer_id    INTEGER REFERENCES customers (id),
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;

CREATE TABLE layaways (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    layaway_no     INTEGER NOT NULL UNIQUE,
    store_id       INTEGER NOT NULL REFERENCES stores (id),
    customer_id    INTEGER REFERENCES customers (id),
    product_id     INTEGER REFERENCES products (id),
    created_at     TEXT CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at)),
    expires_on     TEXT CHECK (expires_on = date(expires_on)),
    total_cents    INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled', 'unknown'))
) STRICT;

CREATE TABLE layaway_payments (
    id                INTEGER PRIMARY KEY,
    legacy_key        TEXT NOT NULL,
    layaway_id        INTEGER NOT NULL REFERENCES layaways (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    paid_at           TEXT CHECK (paid_at = strftime('%Y-%m-%dT%H:%M:%SZ', paid_at)),
    amount_cents      INTEGER NOT NULL,
    payment_method_id INTEGER REFERENCES payment_methods (id)
) STRICT;
CREATE INDEX layaway_payments_layaway ON layaway_payments (layaway_id);

CREATE TABLE special_orders (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    order_no       INTEGER NOT NULL UNIQUE,
    store_id       INTEGER NOT NULL REFERENCES stores (id),
    customer_id    INTEGER REFERENCES customers (id),
    vendor_id      INTEGER REFERENCES vendors (id),
    description    TEXT,
    ordered_at     TEXT CHECK (ordered_at = strftime('%Y-%m-%dT%H:%M:%SZ', ordered_at)),
    due_on         TEXT CHECK (due_on = date(due_on)),
    deposit_cents  INTEGER NOT NULL DEFAULT 0,
    price_cents    INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'received', 'completed', 'cancelled', 'unknown')),
    notes          TEXT
) STRICT;
CREATE INDEX special_orders_customer ON special_orders (customer_id);
