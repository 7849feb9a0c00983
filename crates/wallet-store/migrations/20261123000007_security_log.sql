-- What happened to the wallet's security, for the user to look back on: sign-ins, payment PINs set,
-- wrong and locked, payees added. `detail` is for people and never holds a secret (no PIN, no token).
CREATE TABLE security_events (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX security_events_by_time ON security_events (at);
