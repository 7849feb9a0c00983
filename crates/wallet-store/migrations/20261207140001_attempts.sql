-- Wrong tries at each secret a person types — the payment PIN, the authenticator code, the app password —
-- counted in one row each, before the try is checked, in one write (issue 17): tries sent in parallel, from
-- threads or from processes, cannot outrun the lock. The PIN's count moves here from its own row.
CREATE TABLE attempts (
    secret       TEXT PRIMARY KEY,
    failed       INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
);

INSERT INTO attempts (secret, failed, locked_until)
SELECT 'payment_pin', failed_attempts, locked_until FROM payment_pin WHERE id = 1;

ALTER TABLE payment_pin DROP COLUMN failed_attempts;
ALTER TABLE payment_pin DROP COLUMN locked_until;
