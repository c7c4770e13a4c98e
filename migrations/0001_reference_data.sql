-- Generated from schema-spec.md (migration 0001) by ExtractMigrations.java; edit the spec, not this file.

CREATE TABLE stores (
    id            INTEGER PRIMARY KEY,
    legacy_key    TEXT NOT NULL,
    store_no      INTEGER NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    address       TEXT,
    phone         TEXT CHECK (phone GLOB '+[1-9]*'),
    phone_unparsed TEXT,
    is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    opened_on     TEXT CHECK (opened_on = date(opened_on))
) STRICT;

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    legacy_key    TEXT NOT NULL,
    store_id      INTEGER NOT NULL REFERENCES stores (id),
    first_name    TEXT,
    last_name     TEXT,
    initials      TEXT,
    hired_on      TEXT CHECK (hired_on = date(hired_on)),
    is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_manager    INTEGER NOT NULL DEFAULT 0 CHECK (is_manager IN (0, 1))
) STRICT;
CREATE INDEX staff_store ON staff (store_id);

CREATE TABLE tax_rates (
    id            INTEGER PRIMARY KEY,
    legacy_key    TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    description   TEXT,
    rate_ppm      INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000)
) STRICT;

CREATE TABLE payment_methods (
    id            INTEGER PRIMARY KEY,
    legacy_key    TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    description   TEXT,
    is_cash       INTEGER NOT NULL DEFAULT 0 CHECK (is_cash IN (0, 1)),
    opens_drawer  INTEGER NOT NULL DEFAULT 0 CHECK (opens_drawer IN (0, 1))
) STRICT;

CREATE TABLE categories (
    id            INTEGER PRIMARY KEY,
    legacy_key    TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    parent_id     INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    is_taxable    INTEGER NOT NULL DEFAULT 1 CHECK (is_taxable IN (0, 1))
) STRICT;
