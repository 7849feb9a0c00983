-- Points and promotions (a vendor extension, /purse/v1/...). Points are whole numbers; amounts are INTEGER
-- minor units; times are Unix milliseconds.

-- Every change to a customer's points: earned by a card line, returned by a refund, spent on a redemption.
-- entry_id: 'earn-<transaction_id>' (one per line, so working the rules out again never counts twice) or
-- 'redeem-<redemption_id>'. at: when the line booked, or when the redemption was made.
CREATE TABLE points_ledger (
    entry_id       TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES customers (id),
    at             INTEGER NOT NULL,
    points         INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    description    TEXT NOT NULL,
    transaction_id TEXT,
    account_id     TEXT
);
CREATE INDEX points_ledger_by_customer ON points_ledger (customer_id, at, entry_id);

-- kind: BillCredit (credit_minor booked on account_id as transaction_id) or Voucher (voucher_id, its code).
CREATE TABLE points_redemptions (
    redemption_id  TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES customers (id),
    kind           TEXT NOT NULL,
    points         INTEGER NOT NULL,
    account_id     TEXT,
    credit_minor   INTEGER,
    transaction_id TEXT,
    voucher_id     TEXT,
    voucher_code   TEXT,
    created_at     INTEGER NOT NULL
);

-- The bank's offers. kind: Merchant | FirstPayment | CategoryCashback. A merchant offer names the payee's
-- account (scheme + identification); mccs is a comma-separated list ('' for any). The discount is either
-- discount_minor, or percent_bps of the amount (basis points, rounded down) at most cap_minor. period:
-- Month (per_customer_limit counts uses in the Beijing-time calendar month) or Validity (over its life).
-- budget_minor: the most its discounts may add up to, for everyone.
CREATE TABLE offers (
    offer_id              TEXT PRIMARY KEY,
    kind                  TEXT NOT NULL,
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL,
    merchant_scheme       TEXT,
    merchant_identification TEXT,
    mccs                  TEXT NOT NULL DEFAULT '',
    currency              TEXT NOT NULL,
    min_spend_minor       INTEGER NOT NULL,
    discount_minor        INTEGER,
    percent_bps           INTEGER,
    cap_minor             INTEGER,
    valid_from            INTEGER NOT NULL,
    valid_to              INTEGER NOT NULL,
    per_customer_limit    INTEGER NOT NULL,
    period                TEXT NOT NULL,
    budget_minor          INTEGER NOT NULL
);

-- An offer held for a payment consent (Reserved), taken when the payment is made (Used, with the payment
-- and the debtor's line), or given back when the payment is rejected (Released). One per consent.
CREATE TABLE offer_uses (
    consent_id     TEXT PRIMARY KEY REFERENCES consents (consent_id),
    offer_id       TEXT NOT NULL REFERENCES offers (offer_id),
    customer_id    TEXT NOT NULL REFERENCES customers (id),
    creditor_account_id TEXT NOT NULL,
    discount_minor INTEGER NOT NULL,
    status         TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    payment_id     TEXT,
    account_id     TEXT,
    transaction_id TEXT
);
CREATE INDEX offer_uses_by_offer ON offer_uses (offer_id, customer_id, created_at);
