-- Each line's running balance, kept with the line instead of summed over the whole history on every read,
-- and indexes for keyset pages.
--
-- running_minor: the account's booked balance just after the line, in minor units: the opening balance plus
-- every non-rejected line up to and including this one in booking order (book_at, transaction_id). A line
-- that has not booked yet already carries what its balance will be when it books (every line booking
-- before it has a smaller book_at); the API shows it only once booked. NULL for rejected lines, and for a
-- line just written: the bank fills it in (and restates every later line of the account) in the same
-- database transaction as the write, see books::restate_running.
ALTER TABLE transactions ADD COLUMN running_minor INTEGER;

-- Lines written before this migration.
UPDATE transactions SET running_minor = r.running
FROM (
    SELECT t.transaction_id,
           a.opening_minor + SUM(t.amount_minor)
               OVER (PARTITION BY t.account_id ORDER BY t.book_at, t.transaction_id) AS running
    FROM transactions t JOIN accounts a ON a.account_id = t.account_id
    WHERE t.rejected = 0
) r
WHERE transactions.transaction_id = r.transaction_id;

-- Booking order: restating running balances, booked sums (balances, statements). Replaces the index on
-- (account_id, book_at, auth_at), whose uses all need only its first two columns.
DROP INDEX transactions_by_account;
CREATE INDEX transactions_by_booking ON transactions (account_id, book_at, transaction_id);

-- Listing order, for keyset pages; it also holds what the booking-date filters and page counts read.
CREATE INDEX transactions_by_authorisation
    ON transactions (account_id, auth_at, transaction_id, book_at, rejected);

-- Lines whose running balance is still to be worked out: finding them costs nothing when there are none.
CREATE INDEX transactions_unbalanced ON transactions (account_id, book_at)
    WHERE running_minor IS NULL AND rejected = 0;
