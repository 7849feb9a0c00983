-- Every file the wallet wrote outside its folder (bill exports), so closing the account can delete them:
-- the wallet knows where it wrote rather than guessing at the Downloads folder.
CREATE TABLE written_files (
    path       TEXT PRIMARY KEY,
    written_at INTEGER NOT NULL
) WITHOUT ROWID;
