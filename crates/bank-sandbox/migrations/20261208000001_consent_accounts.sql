-- The accounts a customer chose on the consent page: an account-access consent shows these and no others.
CREATE TABLE consent_accounts (
    consent_id TEXT NOT NULL REFERENCES consents (consent_id),
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    PRIMARY KEY (consent_id, account_id)
);

-- Consents approved before customers could choose covered every account of their customer: they keep that.
INSERT INTO consent_accounts (consent_id, account_id)
SELECT c.consent_id, a.account_id
FROM consents c JOIN accounts a ON a.customer_id = c.customer_id
WHERE c.kind = 'accounts' AND c.customer_id IS NOT NULL;

-- A customer signed in on the authorize page, choosing what to approve: the page carries only a random
-- ticket (its SHA-256 hash kept here), bound to the consent and the customer, alive ten minutes.
CREATE TABLE sign_ins (
    ticket_hash TEXT PRIMARY KEY,
    consent_id  TEXT NOT NULL REFERENCES consents (consent_id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    expires_at  INTEGER NOT NULL
);
