-- What a payment abroad really cost. The bank's charge on a line (OB ChargeAmount: a card's conversion fee)
-- kept beside the few lines that have one, so the million-line table keeps its shape; and the bank's daily
-- reference rates, against which a card's conversion is compared (rates are exact decimal text, never summed).
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
