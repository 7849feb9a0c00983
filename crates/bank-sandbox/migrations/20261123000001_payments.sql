-- Payments (PISP). The sandbox hosts more than one bank: a payment between accounts of one bank settles at
-- once on both sides; a payment to another hosted bank is pending until settle_at; anything else is refused.

CREATE TABLE banks (
    bank_id TEXT PRIMARY KEY,
    name    TEXT NOT NULL
);
INSERT INTO banks (bank_id, name) VALUES
    ('purse', 'Purse Sandbox Bank'),
    ('harbour', 'Harbour Sandbox Bank 港湾沙盒银行');

-- status: Enabled | Frozen | Closed. daily_limit_minor: the most that payments may take out in one day
-- (Beijing time), NULL for no limit. mcc: set on merchants' accounts.
ALTER TABLE accounts ADD COLUMN bank_id TEXT NOT NULL DEFAULT 'purse' REFERENCES banks (bank_id);
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'Enabled';
ALTER TABLE accounts ADD COLUMN daily_limit_minor INTEGER;
ALTER TABLE accounts ADD COLUMN mcc TEXT;
CREATE UNIQUE INDEX accounts_by_identification ON accounts (scheme_name, identification);

-- Wallets created before payments existed: the demo customer's accounts get their limits.
UPDATE accounts SET daily_limit_minor = CASE
    WHEN sub_type = 'EMoney' THEN 500000
    WHEN currency = 'USD' THEN 1000000
    WHEN sub_type = 'CreditCard' THEN 2000000
    ELSE 5000000 END
WHERE customer_id = 'demo';

-- kind: 'accounts' (account-access) or 'domestic-payment'.
ALTER TABLE consents ADD COLUMN kind TEXT NOT NULL DEFAULT 'accounts';

-- The Initiation and Risk a payment consent was created with, as the JSON the payment must repeat.
CREATE TABLE payment_consents (
    consent_id      TEXT PRIMARY KEY REFERENCES consents (consent_id),
    initiation_json TEXT NOT NULL,
    risk_json       TEXT NOT NULL
);

-- One payment per consent. status: Accepted | Rejected (the API status of an Accepted payment follows
-- settle_at). The lines it wrote are ordinary transactions.
CREATE TABLE payments (
    payment_id          TEXT PRIMARY KEY,
    consent_id          TEXT NOT NULL UNIQUE REFERENCES consents (consent_id),
    client_id           TEXT NOT NULL,
    status              TEXT NOT NULL,
    reason              TEXT,
    debtor_account_id   TEXT REFERENCES accounts (account_id),
    creditor_account_id TEXT REFERENCES accounts (account_id),
    amount_minor        INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    settle_at           INTEGER NOT NULL
);
CREATE INDEX payments_by_debtor ON payments (debtor_account_id, created_at);

-- x-idempotency-key: the first answer to a (client, key), replayed for 24 hours to the same body.
CREATE TABLE idempotency (
    client_id       TEXT NOT NULL,
    key             TEXT NOT NULL,
    body_hash       TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (client_id, key)
);
