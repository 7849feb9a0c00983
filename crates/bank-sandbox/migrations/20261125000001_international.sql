-- Payments abroad (PISP international payments) and the firm FX rates they are made at.

-- An FX contract: a firm rate for paying unit_currency from an account in quote_currency, quoted to one
-- client and good until expires_at. A consent takes it (consent_id) and no other consent may.
-- rate: quote_currency per one unit_currency, exact decimal text.
CREATE TABLE fx_quotes (
    contract_id    TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL,
    unit_currency  TEXT NOT NULL,
    quote_currency TEXT NOT NULL,
    rate           TEXT NOT NULL,
    reference_date TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    consent_id     TEXT UNIQUE REFERENCES consents (consent_id)
);

-- An international payment consent (consents.kind = 'international-payment'): the Initiation and Risk the
-- payment must repeat, the contract it pays at, and what it will take from the paying account (minor
-- units of account_currency): the converted amount and the charges the debtor bears. charges_json is the
-- Charges array as the consent's answer states it.
CREATE TABLE international_consents (
    consent_id       TEXT PRIMARY KEY REFERENCES consents (consent_id),
    initiation_json  TEXT NOT NULL,
    risk_json        TEXT NOT NULL,
    contract_id      TEXT NOT NULL UNIQUE REFERENCES fx_quotes (contract_id),
    account_currency TEXT NOT NULL,
    converted_minor  INTEGER NOT NULL,
    fee_minor        INTEGER NOT NULL,
    charges_json     TEXT NOT NULL
);

-- One payment per consent. status: Accepted | Rejected (an Accepted payment's API status follows
-- settle_at). Its lines (the converted amount, the fee) are ordinary transactions named after it.
CREATE TABLE international_payments (
    payment_id        TEXT PRIMARY KEY,
    consent_id        TEXT NOT NULL UNIQUE REFERENCES consents (consent_id),
    client_id         TEXT NOT NULL,
    status            TEXT NOT NULL,
    reason            TEXT,
    debtor_account_id TEXT REFERENCES accounts (account_id),
    rate              TEXT NOT NULL,
    converted_minor   INTEGER NOT NULL,
    fee_minor         INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    settle_at         INTEGER NOT NULL
);
CREATE INDEX international_payments_by_debtor ON international_payments (debtor_account_id, created_at);
