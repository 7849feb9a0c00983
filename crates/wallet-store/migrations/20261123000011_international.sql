-- Payments abroad. A quote is what the user was shown: the bank's consent at a firm rate (its FX contract),
-- the charges and what the payee receives, until expires_at. Paying it writes an ordinary outbox payment
-- (kind personTransfer, amount = what leaves the account: converted amount plus the charges it bears, in
-- the account's currency, so pending outflows, limits and risk need nothing new) and links it here
-- (payment_id), in one database transaction. initiation_json is the exact Initiation the consent holds,
-- which the payment must repeat. Amounts in minor units: instructed_minor and delivered_minor of
-- currency, converted_minor and fee_minor of account_currency; rate is exact decimal text
-- (account_currency per one currency).
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
