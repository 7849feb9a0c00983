-- What each payee took per account, month and category, kept by triggers like monthly_totals, so a
-- month's top payees read a few dozen rows instead of grouping the month's lines. Booked debits only.

CREATE TABLE monthly_payees (
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month       INTEGER NOT NULL,
    payee       TEXT NOT NULL,
    category_id TEXT NOT NULL,
    spent_minor INTEGER NOT NULL DEFAULT 0,
    lines       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, account_id, payee, category_id)
) WITHOUT ROWID;

INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
SELECT account_id, booked_month, COALESCE(merchant, counterparty, description), category_id,
       SUM(-amount_minor), COUNT(*)
FROM transactions WHERE status = 'booked' AND amount_minor < 0
GROUP BY account_id, booked_month, COALESCE(merchant, counterparty, description), category_id;

CREATE TRIGGER monthly_payees_on_insert AFTER INSERT ON transactions
WHEN NEW.status = 'booked' AND NEW.amount_minor < 0 AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
    VALUES (NEW.account_id, NEW.booked_month, COALESCE(NEW.merchant, NEW.counterparty, NEW.description),
            NEW.category_id, -NEW.amount_minor, 1)
    ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor, lines = lines + 1;
END;

CREATE TRIGGER monthly_payees_on_delete AFTER DELETE ON transactions
WHEN OLD.status = 'booked' AND OLD.amount_minor < 0 AND NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    UPDATE monthly_payees SET spent_minor = spent_minor + OLD.amount_minor, lines = lines - 1
    WHERE month = OLD.booked_month AND account_id = OLD.account_id
      AND payee = COALESCE(OLD.merchant, OLD.counterparty, OLD.description) AND category_id = OLD.category_id;
END;

CREATE TRIGGER monthly_payees_on_update
AFTER UPDATE OF status, amount_minor, booked_month, category_id, account_id, merchant, counterparty, description
ON transactions
WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
BEGIN
    UPDATE monthly_payees SET spent_minor = spent_minor + OLD.amount_minor, lines = lines - 1
    WHERE OLD.status = 'booked' AND OLD.amount_minor < 0
      AND month = OLD.booked_month AND account_id = OLD.account_id
      AND payee = COALESCE(OLD.merchant, OLD.counterparty, OLD.description) AND category_id = OLD.category_id;
    INSERT INTO monthly_payees (account_id, month, payee, category_id, spent_minor, lines)
    SELECT NEW.account_id, NEW.booked_month, COALESCE(NEW.merchant, NEW.counterparty, NEW.description),
           NEW.category_id, -NEW.amount_minor, 1
    WHERE NEW.status = 'booked' AND NEW.amount_minor < 0
    ON CONFLICT (month, account_id, payee, category_id) DO UPDATE SET
        spent_minor = spent_minor + excluded.spent_minor, lines = lines + 1;
END;
