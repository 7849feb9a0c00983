-- What the bank charged for a line (OBTransaction6 ChargeAmount), e.g. the 1.5% currency conversion fee on
-- a card payment abroad; the fee is also booked as a line of its own, so balances need no second rule.
ALTER TABLE transactions ADD COLUMN charge_minor INTEGER;
