-- The risk checks before each payment look up what a payee was paid before, through the wallet and in
-- the bills: by account number in the payments, by name in the kept monthly payee totals.
CREATE INDEX payments_by_payee ON payments (payee_identification, created_at);
CREATE INDEX monthly_payees_by_payee ON monthly_payees (payee);
