-- The wallet file's schema, whole: every table, index and trigger the wallet uses. It replaces the
-- sixteen migrations written while Purse was unreleased (no version was ever released, so no wallet in
-- anyone's hands needs them; docs/decisions/one-baseline-migration.md). It was taken from a wallet made
-- by those migrations and checked to give the same `sqlite_master`. Changes to the schema from here on
-- are new migrations beside this one, never edits to it.

-- Tables.
CREATE TABLE bank_links (
    id               TEXT PRIMARY KEY,
    bank_name        TEXT NOT NULL,
    -- NULL for the embedded sandbox, whose loopback port changes at every start.
    base_url         TEXT,
    embedded         INTEGER NOT NULL CHECK (embedded IN (0, 1)),
    customer         TEXT,
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
    updated_at         INTEGER NOT NULL, routing_scheme TEXT, routing_identification TEXT, no INTEGER NOT NULL DEFAULT 0,
    UNIQUE (bank_link_id, bank_account_id)
);

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

CREATE TABLE payment_pin (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    hash            TEXT NOT NULL);

CREATE TABLE bulk_load (active INTEGER NOT NULL);

CREATE TABLE category_rules (
    payee       TEXT PRIMARY KEY,
    category_id TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE budgets (
    category_id   TEXT PRIMARY KEY,
    monthly_minor INTEGER NOT NULL CHECK (monthly_minor > 0),
    currency      TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE budget_alerts (
    category_id TEXT NOT NULL,
    month       INTEGER NOT NULL,
    level       INTEGER NOT NULL CHECK (level IN (80, 100)),
    alerted_at  INTEGER NOT NULL,
    PRIMARY KEY (category_id, month, level)
);

CREATE TABLE monthly_payees (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month       INTEGER NOT NULL,
    payee       TEXT NOT NULL,
    category_id TEXT NOT NULL,
    spent_minor INTEGER NOT NULL DEFAULT 0,
    lines       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, account_id, payee, category_id)
) WITHOUT ROWID;

CREATE TABLE card_statements (
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    statement_id   TEXT NOT NULL,
    -- Days in the user's local calendar, YYYY-MM-DD.
    start_date     TEXT NOT NULL,
    statement_date TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    balance_minor  INTEGER NOT NULL,
    minimum_minor  INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    PRIMARY KEY (account_id, statement_id)
);

CREATE TABLE card_reminders (
    account_id   TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    -- dueSoon, dueToday, overdue
    kind         TEXT NOT NULL,
    reminded_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, statement_id, kind)
);

CREATE TABLE "transactions" (
    id                  INTEGER PRIMARY KEY,
    account_no          INTEGER NOT NULL REFERENCES accounts (no) ON DELETE CASCADE,
    bank_transaction_id TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'booked', 'rejected')),
    booked_at           INTEGER NOT NULL,
    -- The line's month in the user's local time, YYYYMM.
    booked_month        INTEGER NOT NULL,
    value_at            INTEGER,
    amount_minor        INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    original_minor      INTEGER,
    original_currency   TEXT,
    merchant            TEXT,
    mcc                 TEXT,
    counterparty        TEXT,
    -- NULL when it is the merchant's name.
    description         TEXT,
    category_id         TEXT NOT NULL, import_id INTEGER REFERENCES imports (id),
    UNIQUE (account_no, bank_transaction_id)
);

CREATE TABLE "monthly_totals" (
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month          INTEGER NOT NULL,
    category_id    TEXT NOT NULL,
    spent_minor    INTEGER NOT NULL DEFAULT 0,
    received_minor INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, category_id, account_id)
) WITHOUT ROWID;

CREATE TABLE security_events (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT
);

CREATE TABLE monthly_conversions (
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    month         INTEGER NOT NULL,
    -- Sums of absolute amounts, in minor units of each currency.
    from_minor    INTEGER NOT NULL DEFAULT 0,
    to_minor      INTEGER NOT NULL DEFAULT 0,
    lines         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (from_currency, to_currency, month)
) WITHOUT ROWID;

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    linked      INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    undone_at   INTEGER
);

CREATE TABLE import_links (
    import_id       INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    row_key         TEXT NOT NULL,
    transaction_id  INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    enriched        INTEGER NOT NULL DEFAULT 0,
    old_merchant    TEXT,
    old_description TEXT,
    PRIMARY KEY (import_id, row_key)
);

CREATE TABLE refund_ties (
    refund_id   INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE
);

CREATE TABLE international_quotes (
    id               TEXT PRIMARY KEY,
    from_account_id  TEXT NOT NULL REFERENCES accounts (id),
    payee_name       TEXT NOT NULL,
    payee_country    TEXT NOT NULL,
    payee_scheme     TEXT NOT NULL,
    payee_account    TEXT NOT NULL,
    payee_bic        TEXT NOT NULL,
    currency         TEXT NOT NULL,
    instructed_minor INTEGER NOT NULL CHECK (instructed_minor > 0),
    charge_bearer    TEXT NOT NULL,
    note             TEXT,
    account_currency TEXT NOT NULL,
    rate             TEXT NOT NULL,
    converted_minor  INTEGER NOT NULL,
    fee_minor        INTEGER NOT NULL,
    delivered_minor  INTEGER NOT NULL,
    contract_id      TEXT NOT NULL,
    consent_id       TEXT NOT NULL,
    initiation_json  TEXT NOT NULL,
    expires_at       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    payment_id       TEXT UNIQUE REFERENCES payments (id)
);

CREATE TABLE points_balances (
    link_id             TEXT PRIMARY KEY REFERENCES bank_links (id) ON DELETE CASCADE,
    balance             INTEGER NOT NULL,
    earned              INTEGER NOT NULL,
    redeemed            INTEGER NOT NULL,
    points_per_yuan     INTEGER NOT NULL,
    minimum_bill_credit INTEGER NOT NULL,
    bill_credit_account TEXT,
    vouchers_json       TEXT NOT NULL,
    synced_at           INTEGER NOT NULL
);

CREATE TABLE points_entries (
    link_id             TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    entry_id            TEXT NOT NULL,
    at                  INTEGER NOT NULL,
    points              INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    description         TEXT NOT NULL,
    bank_transaction_id TEXT,
    PRIMARY KEY (link_id, entry_id)
);

CREATE TABLE bank_offers (
    link_id    TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    offer_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    offer_json TEXT NOT NULL,
    PRIMARY KEY (link_id, offer_id)
);

CREATE TABLE line_discounts (
    link_id             TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    bank_transaction_id TEXT NOT NULL,
    offer_id            TEXT NOT NULL,
    offer_title         TEXT NOT NULL,
    discount_minor      INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    PRIMARY KEY (link_id, bank_transaction_id)
);

CREATE TABLE payment_offers (
    payment_id     TEXT PRIMARY KEY,
    offer_id       TEXT NOT NULL,
    offer_title    TEXT NOT NULL,
    discount_minor INTEGER NOT NULL,
    currency       TEXT NOT NULL
);

CREATE TABLE line_charges (
    line_id      INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    charge_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL
);

CREATE TABLE reference_rates (
    currency       TEXT NOT NULL,
    quote_currency TEXT NOT NULL,
    day            TEXT NOT NULL,
    rate           TEXT NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (currency, quote_currency, day)
) WITHOUT ROWID;

CREATE TABLE attempts (
    secret       TEXT PRIMARY KEY,
    failed       INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
);

CREATE TABLE written_files (
    path       TEXT PRIMARY KEY,
    written_at INTEGER NOT NULL
) WITHOUT ROWID;


-- Indexes.
CREATE INDEX payments_by_time ON payments (created_at DESC);

CREATE INDEX payments_unfinished ON payments (status) WHERE status IN ('queued', 'sent');

CREATE UNIQUE INDEX accounts_by_no ON accounts (no);

CREATE INDEX transactions_by_time ON transactions (booked_at);

CREATE INDEX transactions_by_account_time ON transactions (account_no, booked_at);

CREATE INDEX transactions_pending ON transactions (account_no, booked_at) WHERE status = 'pending';

CREATE INDEX security_events_by_time ON security_events (at);

CREATE INDEX payments_by_payee ON payments (payee_identification, created_at);

CREATE INDEX monthly_payees_by_payee ON monthly_payees (payee);

CREATE INDEX transactions_by_import ON transactions (import_id) WHERE import_id IS NOT NULL;

CREATE INDEX import_links_by_line ON import_links (transaction_id);

CREATE INDEX refund_ties_by_import ON refund_ties (import_id);

CREATE INDEX points_entries_by_time ON points_entries (link_id, at, entry_id);


-- Triggers: the kept monthly totals follow every bill line.
CREATE TRIGGER monthly_totals_on_insert AFTER INSERT ON transactions
WHEN NEW.status = 'booked' AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
    VALUES ((SELECT id FROM accounts WHERE no = NEW.account_no), NEW.booked_month, NEW.category_id,
            MAX(-NEW.amount_minor, 0), MAX(NEW.amount_minor, 0), 1)
    ON CONFLICT (month, category_id, account_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor,
        received_minor = received_minor + excluded.received_minor,
        lines = lines + 1;
END;

CREATE TRIGGER monthly_totals_on_delete AFTER DELETE ON transactions
WHEN OLD.status = 'booked'
BEGIN
    UPDATE monthly_totals SET
        spent_minor = spent_minor - MAX(-OLD.amount_minor, 0),
        received_minor = received_minor - MAX(OLD.amount_minor, 0),
        lines = lines - 1
    WHERE account_id = (SELECT id FROM accounts WHERE no = OLD.account_no)
      AND month = OLD.booked_month AND category_id = OLD.category_id;
END;

CREATE TRIGGER monthly_totals_on_update
AFTER UPDATE OF status, amount_minor, booked_month, category_id, account_no ON transactions
BEGIN
    UPDATE monthly_totals SET
        spent_minor = spent_minor - MAX(-OLD.amount_minor, 0),
        received_minor = received_minor - MAX(OLD.amount_minor, 0),
        lines = lines - 1
    WHERE OLD.status = 'booked'
      AND account_id = (SELECT id FROM accounts WHERE no = OLD.account_no)
      AND month = OLD.booked_month AND category_id = OLD.category_id;
    INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
    SELECT (SELECT id FROM accounts WHERE no = NEW.account_no), NEW.booked_month, NEW.category_id,
           MAX(-NEW.amount_minor, 0), MAX(NEW.amount_minor, 0), 1
    WHERE NEW.status = 'booked'
    ON CONFLICT (month, category_id, account_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor,
        received_minor = received_minor + excluded.received_minor,
        lines = lines + 1;
END;

CREATE TRIGGER monthly_payees_on_insert AFTER INSERT ON transactions
WHEN NEW.status = 'booked' AND NEW.amount_minor < 0 AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
    VALUES ((SELECT id FROM accounts WHERE no = NEW.account_no), NEW.booked_month,
            COALESCE(NEW.merchant, NEW.counterparty, NEW.description), NEW.category_id, -NEW.amount_minor, 1)
    ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor, lines = lines + 1;
END;

CREATE TRIGGER monthly_payees_on_delete AFTER DELETE ON transactions
WHEN OLD.status = 'booked' AND OLD.amount_minor < 0
BEGIN
    UPDATE monthly_payees SET spent_minor = spent_minor + OLD.amount_minor, lines = lines - 1
    WHERE month = OLD.booked_month AND account_id = (SELECT id FROM accounts WHERE no = OLD.account_no)
      AND payee = COALESCE(OLD.merchant, OLD.counterparty, OLD.description) AND category_id = OLD.category_id;
END;

CREATE TRIGGER monthly_payees_on_update
AFTER UPDATE OF status, amount_minor, booked_month, category_id, account_no, merchant, counterparty, description
ON transactions
BEGIN
    UPDATE monthly_payees SET spent_minor = spent_minor + OLD.amount_minor, lines = lines - 1
    WHERE OLD.status = 'booked' AND OLD.amount_minor < 0
      AND month = OLD.booked_month AND account_id = (SELECT id FROM accounts WHERE no = OLD.account_no)
      AND payee = COALESCE(OLD.merchant, OLD.counterparty, OLD.description) AND category_id = OLD.category_id;
    INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
    SELECT (SELECT id FROM accounts WHERE no = NEW.account_no), NEW.booked_month,
           COALESCE(NEW.merchant, NEW.counterparty, NEW.description), NEW.category_id, -NEW.amount_minor, 1
    WHERE NEW.status = 'booked' AND NEW.amount_minor < 0
    ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor, lines = lines + 1;
END;

CREATE TRIGGER monthly_conversions_on_insert AFTER INSERT ON transactions
WHEN NEW.status = 'booked' AND NEW.original_currency IS NOT NULL AND NEW.original_currency != NEW.currency
     AND NEW.original_minor != 0 AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    INSERT INTO monthly_conversions (from_currency, to_currency, month, from_minor, to_minor, lines)
    VALUES (NEW.original_currency, NEW.currency, NEW.booked_month, ABS(NEW.original_minor),
            ABS(NEW.amount_minor), 1)
    ON CONFLICT (from_currency, to_currency, month) DO UPDATE SET
        from_minor = from_minor + excluded.from_minor,
        to_minor = to_minor + excluded.to_minor,
        lines = lines + 1;
END;

CREATE TRIGGER monthly_conversions_on_delete AFTER DELETE ON transactions
WHEN OLD.status = 'booked' AND OLD.original_currency IS NOT NULL AND OLD.original_currency != OLD.currency
     AND OLD.original_minor != 0
BEGIN
    UPDATE monthly_conversions SET
        from_minor = from_minor - ABS(OLD.original_minor),
        to_minor = to_minor - ABS(OLD.amount_minor),
        lines = lines - 1
    WHERE from_currency = OLD.original_currency AND to_currency = OLD.currency AND month = OLD.booked_month;
END;

CREATE TRIGGER monthly_conversions_on_update
AFTER UPDATE OF status, amount_minor, currency, booked_month, original_minor, original_currency ON transactions
BEGIN
    UPDATE monthly_conversions SET
        from_minor = from_minor - ABS(OLD.original_minor),
        to_minor = to_minor - ABS(OLD.amount_minor),
        lines = lines - 1
    WHERE OLD.status = 'booked' AND OLD.original_currency IS NOT NULL AND OLD.original_currency != OLD.currency
      AND OLD.original_minor != 0
      AND from_currency = OLD.original_currency AND to_currency = OLD.currency AND month = OLD.booked_month;
    INSERT INTO monthly_conversions (from_currency, to_currency, month, from_minor, to_minor, lines)
    SELECT NEW.original_currency, NEW.currency, NEW.booked_month, ABS(NEW.original_minor),
           ABS(NEW.amount_minor), 1
    WHERE NEW.status = 'booked' AND NEW.original_currency IS NOT NULL AND NEW.original_currency != NEW.currency
      AND NEW.original_minor != 0
    ON CONFLICT (from_currency, to_currency, month) DO UPDATE SET
        from_minor = from_minor + excluded.from_minor,
        to_minor = to_minor + excluded.to_minor,
        lines = lines + 1;
END;
