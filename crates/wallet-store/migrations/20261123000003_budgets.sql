-- Monthly budgets per category (in the home currency), and which alerts (80 %, 100 %) were already
-- given for a month, so each is given once.

CREATE TABLE budgets (
    category_id   TEXT PRIMARY KEY,
    monthly_minor INTEGER NOT NULL CHECK (monthly_minor > 0),
    currency      TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE budget_alerts (
    category_id TEXT NOT NULL,
    month       INTEGER NOT NULL,
    level       INTEGER NOT NULL CHECK (level IN (80, 100)),
    alerted_at  INTEGER NOT NULL,
    PRIMARY KEY (category_id, month, level)
);
