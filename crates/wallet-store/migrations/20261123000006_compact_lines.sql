-- Bill lines made compact, so a first sync of a million lines writes a third of the bytes it did
-- (docs/benchmarks.md): a line is numbered by SQLite's own row id instead of a 36-character UUID, and
-- refers to its account by a small integer instead of the account's UUID. Every index now grows at its
-- end as lines arrive in time order (ascending keys; SQLite reads them backwards for newest-first pages),
-- the row id is the tie-break of the keyset pages, the by-month index goes (the kept monthly totals
-- answer every by-month question), and a description that only repeats the merchant's name (most card
-- lines) is not stored twice.

-- Accounts get a small number for lines to refer to; new accounts take the next one when inserted.
ALTER TABLE accounts ADD COLUMN no INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET no = rowid;
CREATE UNIQUE INDEX accounts_by_no ON accounts (no);

CREATE TABLE bill_lines (
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
    category_id         TEXT NOT NULL,
    UNIQUE (account_no, bank_transaction_id)
);

INSERT INTO bill_lines (account_no, bank_transaction_id, status, booked_at, booked_month, value_at,
                        amount_minor, currency, original_minor, original_currency, merchant, mcc,
                        counterparty, description, category_id)
SELECT a.no, t.bank_transaction_id, t.status, t.booked_at, t.booked_month, t.value_at, t.amount_minor,
       t.currency, t.original_minor, t.original_currency, t.merchant, t.mcc, t.counterparty,
       NULLIF(t.description, t.merchant), t.category_id
FROM transactions t JOIN accounts a ON a.id = t.account_id
ORDER BY t.booked_at, t.id;

-- Takes the old table's indexes and triggers with it; the monthly totals stay as they are (same lines).
DROP TABLE transactions;
ALTER TABLE bill_lines RENAME TO transactions;

-- The monthly totals keyed month, category, account: the long report adds up each month's categories
-- over the accounts of one currency, which is then one pass along the key with nothing to sort (a 10-year
-- report of a million lines: 11 ms of SQL before, 3 ms after). Rebuilt here, while no trigger refers
-- to the table.
CREATE TABLE monthly_totals_by_category (
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month          INTEGER NOT NULL,
    category_id    TEXT NOT NULL,
    spent_minor    INTEGER NOT NULL DEFAULT 0,
    received_minor INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, category_id, account_id)
) WITHOUT ROWID;
INSERT INTO monthly_totals_by_category
SELECT account_id, month, category_id, spent_minor, received_minor, lines FROM monthly_totals;
DROP TABLE monthly_totals;
ALTER TABLE monthly_totals_by_category RENAME TO monthly_totals;

-- Keyset pages over the whole wallet and over one account, newest first: (booked_at, id) and
-- (account_no, booked_at, id), the row id being part of every index.
CREATE INDEX transactions_by_time ON transactions (booked_at);
CREATE INDEX transactions_by_account_time ON transactions (account_no, booked_at);
CREATE INDEX transactions_pending ON transactions (account_no, booked_at) WHERE status = 'pending';

-- The monthly totals and payees, kept as before (see 20261123000002 and 20261123000004), now finding
-- the account's id from its number. A bulk load (a row in bulk_load, inside its own database
-- transaction) adds up the lines it inserts itself and writes those totals in a few statements, so only
-- the insert triggers stand aside for it; changes and deletions are always counted here.
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
