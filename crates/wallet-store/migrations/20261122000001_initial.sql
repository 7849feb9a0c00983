-- The wallet's first schema. Money is INTEGER minor units beside its ISO 4217 code; times are
-- INTEGER Unix milliseconds (UTC) so ranges and keyset pages compare numbers, not text.

CREATE TABLE bank_links (
    id               TEXT PRIMARY KEY,
    bank_name        TEXT NOT NULL,
    -- NULL for the embedded sandbox, whose loopback port changes at every start.
    base_url         TEXT,
    embedded         INTEGER NOT NULL CHECK (embedded IN (0, 1)),
    customer         TEXT,
    consent_id       TEXT,
    -- Held here until the keyring takes them over (see docs/decisions.md).
    access_token     TEXT,
    refresh_token    TEXT,
    token_expires_at INTEGER,
    created_at       INTEGER NOT NULL,
    last_synced_at   INTEGER
);

CREATE TABLE accounts (
    id                 TEXT PRIMARY KEY,
    bank_link_id       TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    bank_account_id    TEXT NOT NULL,
    bank_name          TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('debitCard', 'creditCard', 'eWallet', 'savings')),
    masked_number      TEXT NOT NULL,
    currency           TEXT NOT NULL,
    name               TEXT NOT NULL,
    nickname           TEXT,
    balance_minor      INTEGER NOT NULL,
    available_minor    INTEGER,
    credit_limit_minor INTEGER,
    -- Booking time up to which this account's history is known complete (incremental sync cursor).
    synced_through     INTEGER,
    updated_at         INTEGER NOT NULL,
    UNIQUE (bank_link_id, bank_account_id)
);

CREATE TABLE transactions (
    id                  TEXT PRIMARY KEY,
    account_id          TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    bank_transaction_id TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'booked', 'rejected')),
    booked_at           INTEGER NOT NULL,
    value_at            INTEGER,
    amount_minor        INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    original_minor      INTEGER,
    original_currency   TEXT,
    merchant            TEXT,
    mcc                 TEXT,
    counterparty        TEXT,
    description         TEXT NOT NULL,
    category_id         TEXT NOT NULL,
    UNIQUE (account_id, bank_transaction_id)
);

-- Keyset pages over the whole wallet and over one account, newest first.
CREATE INDEX transactions_by_time ON transactions (booked_at DESC, id DESC);
CREATE INDEX transactions_by_account_time ON transactions (account_id, booked_at DESC, id DESC);
CREATE INDEX transactions_pending ON transactions (account_id, booked_at) WHERE status = 'pending';

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE fx_rates (
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    -- Exact decimal as text: a rate is not money and is never summed in SQL.
    rate          TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    source        TEXT NOT NULL,
    PRIMARY KEY (from_currency, to_currency)
);
