-- Payments: the outbox every payment passes through, saved payees, the payment PIN, and the full account
-- numbers that paying between one's own accounts needs.

ALTER TABLE accounts ADD COLUMN routing_scheme TEXT;
ALTER TABLE accounts ADD COLUMN routing_identification TEXT;

CREATE TABLE payees (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    scheme         TEXT NOT NULL,
    identification TEXT NOT NULL,
    -- What the user calls the payee's bank, when they said; the bank itself decides where it goes.
    bank_name      TEXT,
    created_at     INTEGER NOT NULL,
    UNIQUE (scheme, identification)
);

-- One row per payment, written before anything is sent. idempotency_key goes with every attempt, so the
-- bank carries it out at most once. The consent and the token bound to it are kept so that a payment
-- interrupted by a crash resumes where it stopped.
CREATE TABLE payments (
    id                   TEXT PRIMARY KEY,
    idempotency_key      TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL CHECK (kind IN ('ownTransfer', 'topUp', 'personTransfer', 'merchant')),
    from_account_id      TEXT NOT NULL REFERENCES accounts (id),
    payee_name           TEXT NOT NULL,
    payee_scheme         TEXT NOT NULL,
    payee_identification TEXT NOT NULL,
    payee_mcc            TEXT,
    amount_minor         INTEGER NOT NULL CHECK (amount_minor > 0),
    currency             TEXT NOT NULL,
    note                 TEXT,
    status               TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'completed', 'rejected', 'failed')),
    -- Why it was rejected or failed, or what went wrong on the last attempt of a queued one.
    status_reason        TEXT,
    consent_id           TEXT,
    -- Held here until the keyring takes over tokens (see docs/decisions.md); only for unfinished payments.
    access_token         TEXT,
    token_expires_at     INTEGER,
    bank_payment_id      TEXT,
    attempts             INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX payments_by_time ON payments (created_at DESC);
CREATE INDEX payments_unfinished ON payments (status) WHERE status IN ('queued', 'sent');

-- The payment PIN: only its argon2id hash (PHC string). failed_attempts and locked_until survive restarts.
CREATE TABLE payment_pin (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    hash            TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER
);
