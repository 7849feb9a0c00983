-- Points and promotions from the bank's rewards extension, kept from the last sync so the window shows
-- them offline; and the offer a payment expects, written with the payment.

-- The points balance per bank link, with what the bank offers for them (vouchers, as the bank's JSON).
CREATE TABLE points_balances (
    link_id             TEXT PRIMARY KEY REFERENCES bank_links (id) ON DELETE CASCADE,
    balance             INTEGER NOT NULL,
    earned              INTEGER NOT NULL,
    redeemed            INTEGER NOT NULL,
    points_per_yuan     INTEGER NOT NULL,
    minimum_bill_credit INTEGER NOT NULL,
    bill_credit_account TEXT,
    vouchers_json       TEXT NOT NULL,
    synced_at           INTEGER NOT NULL
);

-- The points history as the bank booked it (signed points). bank_transaction_id: the card line.
CREATE TABLE points_entries (
    link_id             TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    entry_id            TEXT NOT NULL,
    at                  INTEGER NOT NULL,
    points              INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    description         TEXT NOT NULL,
    bank_transaction_id TEXT,
    PRIMARY KEY (link_id, entry_id)
);
CREATE INDEX points_entries_by_time ON points_entries (link_id, at, entry_id);

-- The bank's offers as it last listed them (its JSON, in its order), replaced at every sync.
CREATE TABLE bank_offers (
    link_id    TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    offer_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    offer_json TEXT NOT NULL,
    PRIMARY KEY (link_id, offer_id)
);

-- The discount an offer took off a bill line (the bank's own record of the offers it applied).
CREATE TABLE line_discounts (
    link_id             TEXT NOT NULL REFERENCES bank_links (id) ON DELETE CASCADE,
    bank_transaction_id TEXT NOT NULL,
    offer_id            TEXT NOT NULL,
    offer_title         TEXT NOT NULL,
    discount_minor      INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    PRIMARY KEY (link_id, bank_transaction_id)
);

-- The offer the user saw on the confirmation sheet, sent with the payment as its expectation. Written just
-- before its payment (so a payment never exists without it), hence no foreign key to payments.
CREATE TABLE payment_offers (
    payment_id     TEXT PRIMARY KEY,
    offer_id       TEXT NOT NULL,
    offer_title    TEXT NOT NULL,
    discount_minor INTEGER NOT NULL,
    currency       TEXT NOT NULL
);
