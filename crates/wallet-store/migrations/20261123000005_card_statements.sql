-- Credit-card statements as the bank issues them, and which due-date reminders were already given.

CREATE TABLE card_statements (
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    statement_id   TEXT NOT NULL,
    -- Days in the user's local calendar, YYYY-MM-DD.
    start_date     TEXT NOT NULL,
    statement_date TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    balance_minor  INTEGER NOT NULL,
    minimum_minor  INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    PRIMARY KEY (account_id, statement_id)
);

CREATE TABLE card_reminders (
    account_id   TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    -- dueSoon, dueToday, overdue
    kind         TEXT NOT NULL,
    reminded_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, statement_id, kind)
);
