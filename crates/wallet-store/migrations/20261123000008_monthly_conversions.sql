-- What the bank's currency conversions came to, month by month: for each pair of currencies, the foreign
-- money of the month's converted card lines and what the bank booked for it. The month's booking rate is
-- their ratio; reports turn foreign amounts into the home currency at the rate of the month they belong
-- to (docs/decisions.md). Kept like the monthly totals (booked lines only, by the same kinds of trigger,
-- with a bulk load adding up its own) so a ten-year net worth reads ~a hundred rows, not a million lines.

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

INSERT INTO monthly_conversions (from_currency, to_currency, month, from_minor, to_minor, lines)
SELECT original_currency, currency, booked_month, SUM(ABS(original_minor)), SUM(ABS(amount_minor)), COUNT(*)
FROM transactions
WHERE status = 'booked' AND original_currency IS NOT NULL AND original_currency != currency
  AND original_minor != 0
GROUP BY original_currency, currency, booked_month;

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
