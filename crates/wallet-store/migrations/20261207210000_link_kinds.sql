-- Many links of several kinds (issue 19): which kind of bank each link is, how it is faring, when it may
-- sync next, until when its consent holds; and when the wallet asked each link's service (quotas).
ALTER TABLE bank_links ADD COLUMN kind TEXT NOT NULL DEFAULT 'openBanking'
    CHECK (kind IN ('openBanking', 'simplefin', 'enableBanking'));
-- fine | attention (synced, the bank said something) | needsRenewal | failing | unlinked (bills kept)
ALTER TABLE bank_links ADD COLUMN state TEXT NOT NULL DEFAULT 'fine';
-- What the bank said last, as text a person reads (never a credential).
ALTER TABLE bank_links ADD COLUMN message TEXT;
ALTER TABLE bank_links ADD COLUMN next_sync_at INTEGER;
ALTER TABLE bank_links ADD COLUMN consent_until INTEGER;

CREATE TABLE link_requests (
    link_id TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL
);
CREATE INDEX link_requests_by_link ON link_requests (link_id, at);
