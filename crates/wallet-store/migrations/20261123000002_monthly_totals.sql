-- Monthly totals per account and category, kept by triggers in the same database transaction as every
-- change to a bill line, so statements, trends and budgets read a few hundred rows instead of a decade of
-- lines, and can never disagree with the lines themselves. Only booked lines count.

-- The line's month in the user's local time, YYYYMM (written by the app; filled here for existing lines).
ALTER TABLE transactions ADD COLUMN booked_month INTEGER;
UPDATE transactions
SET booked_month = CAST(strftime('%Y%m', booked_at / 1000, 'unixepoch', 'localtime') AS INTEGER);
CREATE INDEX transactions_by_month ON transactions (booked_month, account_id);

CREATE TABLE monthly_totals (
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month          INTEGER NOT NULL,
    category_id    TEXT NOT NULL,
    -- Money out (positive) and money in, in minor units of the account's currency.
    spent_minor    INTEGER NOT NULL DEFAULT 0,
    received_minor INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL DEFAULT 0,
    -- Month first: every report reads a run of months, which is then one range of the table itself.
    PRIMARY KEY (month, account_id, category_id)
) WITHOUT ROWID;

INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
SELECT account_id, booked_month, category_id,
       SUM(MAX(-amount_minor, 0)), SUM(MAX(amount_minor, 0)), COUNT(*)
FROM transactions WHERE status = 'booked'
GROUP BY account_id, booked_month, category_id;

-- While a bulk load runs (a row here, inside its own database transaction), the triggers stand aside and
-- the load rebuilds the totals of the accounts it touched in one pass before it commits.
CREATE TABLE bulk_load (active INTEGER NOT NULL);

CREATE TRIGGER monthly_totals_on_insert AFTER INSERT ON transactions
WHEN NEW.status = 'booked' AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
    VALUES (NEW.account_id, NEW.booked_month, NEW.category_id,
            MAX(-NEW.amount_minor, 0), MAX(NEW.amount_minor, 0), 1)
    ON CONFLICT (month, account_id, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor,
        received_minor = received_minor + excluded.received_minor,
        lines = lines + 1;
END;

CREATE TRIGGER monthly_totals_on_delete AFTER DELETE ON transactions
WHEN OLD.status = 'booked' AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    UPDATE monthly_totals SET
        spent_minor = spent_minor - MAX(-OLD.amount_minor, 0),
        received_minor = received_minor - MAX(OLD.amount_minor, 0),
        lines = lines - 1
    WHERE account_id = OLD.account_id AND month = OLD.booked_month AND category_id = OLD.category_id;
END;

-- A pending line that books, a settled amount, a re-categorisation: take the old line out, put the new in.
CREATE TRIGGER monthly_totals_on_update
AFTER UPDATE OF status, amount_minor, booked_month, category_id, account_id ON transactions
WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    UPDATE monthly_totals SET
        spent_minor = spent_minor - MAX(-OLD.amount_minor, 0),
        received_minor = received_minor - MAX(OLD.amount_minor, 0),
        lines = lines - 1
    WHERE OLD.status = 'booked'
      AND account_id = OLD.account_id AND month = OLD.booked_month AND category_id = OLD.category_id;
    INSERT INTO monthly_totals (account_id, month, category_id, spent_minor, received_minor, lines)
    SELECT NEW.account_id, NEW.booked_month, NEW.category_id,
           MAX(-NEW.amount_minor, 0), MAX(NEW.amount_minor, 0), 1
    WHERE NEW.status = 'booked'
    ON CONFLICT (month, account_id, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor,
        received_minor = received_minor + excluded.received_minor,
        lines = lines + 1;
END;

-- The user's rules: lines whose payee (merchant, else counterparty) is exactly this get this category.
CREATE TABLE category_rules (
    payee       TEXT PRIMARY KEY,
    category_id TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
