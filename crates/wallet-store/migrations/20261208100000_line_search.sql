-- Search at scale (issue 21): a full-text index over each line's merchant, counterparty and description,
-- so a search reads the lines it finds instead of every line (docs/decisions/line-search-index.md).
--
-- Trigram tokens, case folded, find any part of a word in any script (星巴克 in "星巴克 Starbucks",
-- "arbuc" in Starbucks). The index keeps only which lines hold which trigram (`detail=none`: no
-- positions): a search confirms each line it reads with the same LIKE as before. The words themselves
-- stay in `transactions`: the index's content is the view below (external content), so nothing is
-- stored twice, and `rebuild` or `integrity-check` read the lines through it.
--
-- Each value is indexed with two U+0001 after it, so every one- or two-character search (滴滴, 美团) is
-- the start of some trigram of each value that holds it; `line_search_terms` lists those trigrams. The
-- line's account number is indexed too, as U+0002 number U+0002, so a search within one account counts
-- only that account's lines.
CREATE VIEW line_search_source AS
SELECT id,
       merchant || char(1, 1) AS merchant,
       counterparty || char(1, 1) AS counterparty,
       description || char(1, 1) AS description,
       char(2) || account_no || char(2) AS account
FROM transactions;

CREATE VIRTUAL TABLE line_search USING fts5(
    merchant, counterparty, description, account,
    content = 'line_search_source', content_rowid = 'id',
    detail = 'none', columnsize = 0, tokenize = 'trigram'
);

-- The index's trigrams, for the one- and two-character searches ('instance': a search steps from one
-- trigram to the next without counting the lines of each).
CREATE VIRTUAL TABLE line_search_terms USING fts5vocab(line_search, 'instance');

-- The lines a wallet already keeps.
INSERT INTO line_search (line_search) VALUES ('rebuild');

-- Kept by the same writes as the lines, with the values the view gives (an external-content index is
-- told a line's old values to take it out). A bulk load sets the insert trigger aside with the totals'
-- ones and indexes its lines itself, one statement per step (src/ingest/line_upsert.rs).
CREATE TRIGGER line_search_on_insert AFTER INSERT ON transactions
BEGIN
    INSERT INTO line_search (rowid, merchant, counterparty, description, account)
    VALUES (NEW.id, NEW.merchant || char(1, 1), NEW.counterparty || char(1, 1),
            NEW.description || char(1, 1), char(2) || NEW.account_no || char(2));
END;

CREATE TRIGGER line_search_on_delete AFTER DELETE ON transactions
BEGIN
    INSERT INTO line_search (line_search, rowid, merchant, counterparty, description, account)
    VALUES ('delete', OLD.id, OLD.merchant || char(1, 1), OLD.counterparty || char(1, 1),
            OLD.description || char(1, 1), char(2) || OLD.account_no || char(2));
END;

CREATE TRIGGER line_search_on_update
AFTER UPDATE OF merchant, counterparty, description, account_no ON transactions
BEGIN
    INSERT INTO line_search (line_search, rowid, merchant, counterparty, description, account)
    VALUES ('delete', OLD.id, OLD.merchant || char(1, 1), OLD.counterparty || char(1, 1),
            OLD.description || char(1, 1), char(2) || OLD.account_no || char(2));
    INSERT INTO line_search (rowid, merchant, counterparty, description, account)
    VALUES (NEW.id, NEW.merchant || char(1, 1), NEW.counterparty || char(1, 1),
            NEW.description || char(1, 1), char(2) || NEW.account_no || char(2));
END;
