//! The test server's example data: the notes' §7 accounts (invented), extended with what the checklist
//! asks for: amounts with 0–3 decimals, a pending dinner, non-ASCII and HTML-looking descriptions.

use chrono::{DateTime, Utc};

use super::data::{SimAccount, SimTransaction};

/// Checking's id.
pub const CHECKING: &str = "ACT-6f1c2b9e-0d4a-4c8e-9a51-2e7f3b8c1d04";
/// The card's id.
pub const CARD: &str = "ACT-0b7d9a31-5c2e-4f60-8e14-77c9ad3e2b90";

/// 2026-01-10 00:00 UTC, just after the last example transaction.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_768_003_200, 0).unwrap_or_default()
}

fn tx(id: &str, posted: i64, amount: &str, description: &str) -> SimTransaction {
    SimTransaction {
        id: id.into(),
        posted,
        amount: amount.into(),
        description: description.into(),
        transacted_at: Some(posted),
        pending: false,
        payee: None,
    }
}

pub fn accounts() -> Vec<SimAccount> {
    vec![
        SimAccount {
            id: CHECKING.into(),
            name: "Everyday Checking".into(),
            conn_id: "CON-1a9f".into(),
            org_name: "Prairie Federal Credit Union".into(),
            currency: "USD".into(),
            balance: "2418.07".into(),
            available_balance: Some("2391.55".into()),
            balance_date: 1_768_003_200,
            transactions: vec![
                SimTransaction {
                    payee: Some("Acme Widgets".into()),
                    ..tx("TRN-a81f2c", 1_767_744_000, "1850", "PAYROLL ACME WIDGETS")
                },
                tx(
                    "TRN-a81f99",
                    1_767_790_000,
                    "-3.5",
                    "Café Ünïcødé — 東京ラーメン",
                ),
                tx(
                    "TRN-a8203d",
                    1_767_916_800,
                    "-64.18",
                    "POS DEBIT GREENLEAF GROCERY #114",
                ),
                tx(
                    "TRN-a8204e",
                    1_767_920_000,
                    "-0.125",
                    "<b>FEE</b> <script>alert('x')</script>",
                ),
                SimTransaction {
                    posted: 0,
                    pending: true,
                    transacted_at: Some(1_767_990_000),
                    payee: Some("Luigis Trattoria".into()),
                    ..tx("TRN-p-55e1", 0, "-26.52", "LUIGIS TRATTORIA")
                },
            ],
        },
        SimAccount {
            id: CARD.into(),
            name: "Northstar Rewards Visa".into(),
            conn_id: "CON-2d4b".into(),
            org_name: "Northstar Card".into(),
            currency: "USD".into(),
            balance: "-512.40".into(),
            available_balance: None,
            balance_date: 1_767_999_600,
            transactions: vec![tx("TRN-c-0001", 1_767_830_000, "-12.9", "COFFEE & CO")],
        },
    ]
}
