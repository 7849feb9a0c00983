-- The sandbox bank's own books. Amounts are signed INTEGER minor units; times are Unix milliseconds.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id            TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    display_name  TEXT NOT NULL
);

CREATE TABLE accounts (
    account_id      TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    currency        TEXT NOT NULL,
    sub_type        TEXT NOT NULL,
    nickname        TEXT NOT NULL,
    holder_name     TEXT NOT NULL,
    scheme_name     TEXT NOT NULL,
    identification  TEXT NOT NULL,
    opening_minor   INTEGER NOT NULL,
    credit_limit_minor INTEGER,
    opened_at       INTEGER NOT NULL
);

-- A card payment is authorised at auth_at and books at book_at; until then it shows as Pending.
-- A rejected one shows Pending until book_at, then Rejected, and never moves the balance.
CREATE TABLE transactions (
    transaction_id  TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (account_id),
    auth_at         INTEGER NOT NULL,
    book_at         INTEGER NOT NULL,
    rejected        INTEGER NOT NULL DEFAULT 0,
    amount_minor    INTEGER NOT NULL,
    information     TEXT NOT NULL,
    merchant        TEXT,
    mcc             TEXT,
    bank_code       TEXT,
    counterparty    TEXT,
    fx_currency     TEXT,
    fx_minor        INTEGER,
    fx_rate         TEXT
);
CREATE INDEX transactions_by_account ON transactions (account_id, book_at, auth_at);

CREATE TABLE consents (
    consent_id  TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    customer_id TEXT,
    status      TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER
);

CREATE TABLE auth_codes (
    code_hash      TEXT PRIMARY KEY,
    consent_id     TEXT NOT NULL REFERENCES consents (consent_id),
    client_id      TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at     INTEGER NOT NULL,
    used           INTEGER NOT NULL DEFAULT 0
);

-- Only SHA-256 hashes of tokens are kept. kind: 'client' (consents only), 'access', 'refresh'.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    consent_id TEXT,
    expires_at INTEGER NOT NULL
);
