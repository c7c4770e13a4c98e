-- Generated from schema-spec.md (migration 0002) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    legacy_key         TEXT NOT NULL,
    account_no         TEXT UNIQUE,
    first_name         TEXT,
    last_name          TEXT,
    company            TEXT,
    address1           TEXT,
    city               TEXT,
    state              TEXT,
    zip                TEXT,
    phone              TEXT CHECK (phone GLOB '+[1-9]*'),
    phone_unparsed     TEXT,
    phone_alt          TEXT CHECK (phone_alt GLOB '+[1-9]*'),
    phone_alt_unparsed TEXT,
    email              TEXT CHECK (email LIKE '%_@_%._%'),
    email_unparsed     TEXT,
    birth_date         TEXT CHECK (birth_date = date(birth_date)),
    created_at         TEXT CHECK (created_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at)),
    is_tax_exempt      INTEGER NOT NULL DEFAULT 0 CHECK (is_tax_exempt IN (0, 1)),
    notes              TEXT,
    legacy_guid        TEXT
) STRICT;
CREATE INDEX customers_name ON customers (last_name, first_name);
CREATE INDEX customers_email ON customers (email) WHERE email IS NOT NULL;
CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;

CREATE TABLE customer_contacts (
    id             INTEGER PRIMARY KEY,
    legacy_key     TEXT NOT NULL,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name           TEXT,
    relation       TEXT,
    phone          TEXT CHECK (phone GLOB '+[1-9]*'),
    phone_unparsed TEXT,
    email          TEXT CHECK (email LIKE '%_@_%._%'),
    email_unparsed TEXT
) STRICT;
CREATE INDEX customer_contacts_customer ON customer_contacts (customer_id);
