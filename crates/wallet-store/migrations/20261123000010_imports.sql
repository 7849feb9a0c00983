-- Statement files the person imported (issue 6): each import, the bill lines it added (so it can be undone
-- as a whole) and the rows it found already in the wallet as a synced line (linked, not doubled).

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    linked      INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    undone_at   INTEGER
);

-- The import a line came from; NULL for the bank's own lines.
ALTER TABLE transactions ADD COLUMN import_id INTEGER REFERENCES imports (id);
CREATE INDEX transactions_by_import ON transactions (import_id) WHERE import_id IS NOT NULL;

-- An imported row that is a line the wallet already had: the row's key (as `bank_transaction_id` would
-- be) and the line it is. A payment-app row linked to its card's line (the bank wrote 财付通 or 支付宝)
-- names the real merchant and item: the line takes them, and keeps what it said before for an undo.
CREATE TABLE import_links (
    import_id       INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    row_key         TEXT NOT NULL,
    transaction_id  INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    enriched        INTEGER NOT NULL DEFAULT 0,
    old_merchant    TEXT,
    old_description TEXT,
    PRIMARY KEY (import_id, row_key)
);
CREATE INDEX import_links_by_line ON import_links (transaction_id);

-- A refund and the payment it gives money back for, as the statement file ties them (an Alipay refund's
-- order id is its payment's plus a suffix); kept by the import that found the tie, undone with it.
CREATE TABLE refund_ties (
    refund_id   INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE
);
CREATE INDEX refund_ties_by_import ON refund_ties (import_id);
