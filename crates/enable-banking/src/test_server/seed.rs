//! The test server's starting data: a Mock ASPSP in FI and a bank in SE, two accounts with balances and
//! a history holding every awkward case the notes list (null, placeholder and positional references, a
//! pending row without a booking date, identical same-day rows, a pending row that will be booked).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::TestServerConfig;
use super::bank::{Bank, MockAccount, Mode};
use crate::wire::{
    Account, AccountIdentification, Amount, Aspsp, Balance, CreditDebit, Party, Transaction,
    TransactionStatus,
};

/// The Mock ASPSP's `maximum_consent_validity`: 90 days.
pub const MOCK_MAX_CONSENT_SECONDS: i64 = 7_776_000;

pub(super) fn bank(config: &TestServerConfig) -> Bank {
    let now: DateTime<Utc> = "2026-01-16T09:00:00Z"
        .parse()
        .unwrap_or_else(|_| Utc::now());
    let required = config.require_psu_headers.then(|| {
        ["psuIpAddress", "psuUserAgent"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    Bank {
        now,
        mode: Mode::Normal,
        application_name: "Purse test application".to_string(),
        active: true,
        redirect_urls: config.redirect_urls.clone(),
        aspsps: vec![
            aspsp("Mock ASPSP", "FI", MOCK_MAX_CONSENT_SECONDS, required),
            aspsp("Mock ASPSP", "SE", 15_552_000, None),
            aspsp("Pohjoisranta Pankki", "FI", 15_552_000, None),
        ],
        accounts: vec![current_account(), card_account()],
        page_size: 3,
        empty_page_after_first: true,
        code_lifetime: Duration::minutes(10),
        authorizations: HashMap::new(),
        codes: HashMap::new(),
        sessions: HashMap::new(),
        unattended: HashMap::new(),
        generation: 0,
    }
}

fn aspsp(name: &str, country: &str, max: i64, required: Option<Vec<String>>) -> Aspsp {
    Aspsp {
        name: name.to_string(),
        country: country.to_string(),
        logo: Some("https://enablebanking.com/brands/FI/Mock/".to_string()),
        psu_types: vec!["personal".to_string(), "business".to_string()],
        auth_methods: vec![],
        maximum_consent_validity: max,
        beta: false,
        bic: None,
        required_psu_headers: required,
    }
}

fn amount(cents: i64) -> Amount {
    Amount {
        amount: Decimal::new(cents, 2),
        currency: "EUR".to_string(),
    }
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 1, d)
}

fn party(name: &str) -> Option<Party> {
    Some(Party {
        name: Some(name.to_string()),
    })
}

fn balance(kind: &str, name: &str, cents: i64) -> Balance {
    Balance {
        name: name.to_string(),
        balance_amount: amount(cents),
        balance_type: kind.to_string(),
        reference_date: day(15),
        last_change_date_time: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn line(
    reference: Option<&str>,
    cents: i64,
    way: CreditDebit,
    status: TransactionStatus,
    booking: Option<NaiveDate>,
    transaction: Option<NaiveDate>,
    other: &str,
    text: &str,
) -> Transaction {
    let (creditor, debtor) = match way {
        CreditDebit::Debit => (party(other), None),
        CreditDebit::Credit => (None, party(other)),
    };
    Transaction {
        entry_reference: reference.map(str::to_string),
        transaction_id: Some(uuid::Uuid::new_v4().to_string()),
        transaction_amount: amount(cents),
        credit_debit_indicator: way,
        status,
        booking_date: booking,
        value_date: booking,
        transaction_date: transaction,
        creditor,
        debtor,
        creditor_account: None,
        debtor_account: None,
        remittance_information: vec![text.to_string()],
        reference_number: None,
        merchant_category_code: None,
        balance_after_transaction: None,
        note: None,
    }
}

fn current_account() -> MockAccount {
    use CreditDebit::{Credit, Debit};
    use TransactionStatus::{Booked, Pending};
    let hash = "WwpbImFjY291bnQiLCJhY2NvdW50X2lkIiwiaWJhbiJdXQ.p0Q3v1rS8ydJ2kTQ3c1w4bq9mXy7xZf0V2nJ1aR5o0E=";
    MockAccount {
        account: Account {
            uid: None,
            account_id: Some(AccountIdentification {
                iban: Some("FI4950009420028730".to_string()),
                other: None,
            }),
            name: Some("Aino Virtanen".to_string()),
            details: Some("Käyttötili".to_string()),
            usage: Some("PRIV".to_string()),
            cash_account_type: "CACC".to_string(),
            product: Some("Basic current account".to_string()),
            currency: "EUR".to_string(),
            identification_hash: hash.to_string(),
            identification_hashes: vec![hash.to_string(), "bban-hash-current".to_string()],
        },
        balances: vec![
            balance("CLBD", "Booked balance", 153_240),
            balance("ITAV", "Available balance", 149_695),
        ],
        transactions: vec![
            line(
                Some("20260112-4471-0032"),
                235_000,
                Credit,
                Booked,
                day(12),
                None,
                "Lumivaara Oy",
                "PALKKA 01/2026",
            ),
            line(
                Some("20260114-4471-0109"),
                3_545,
                Debit,
                Booked,
                day(14),
                day(13),
                "K-MARKET KALLIO",
                "Korttiosto 13.01 K-MARKET KALLIO HELSINKI",
            ),
            line(
                None,
                1_290,
                Debit,
                Pending,
                None,
                day(15),
                "Kahvila Sointu",
                "Varaus / reservation",
            ),
            line(
                Some("0"),
                420,
                Debit,
                Booked,
                day(10),
                None,
                "R-Kioski",
                "Korttiosto R-KIOSKI",
            ),
            line(
                Some("2026-01-10.0"),
                350,
                Debit,
                Booked,
                day(10),
                None,
                "Cafe Regatta",
                "coffee",
            ),
            line(
                Some("2026-01-10.1"),
                350,
                Debit,
                Booked,
                day(10),
                None,
                "Cafe Regatta",
                "coffee",
            ),
            line(
                Some("PDNG-77"),
                8_000,
                Debit,
                Pending,
                None,
                day(15),
                "VR",
                "Train tickets",
            ),
        ],
    }
}

fn card_account() -> MockAccount {
    let hash = "card-identification-hash-4471";
    MockAccount {
        account: Account {
            uid: None,
            account_id: Some(AccountIdentification {
                iban: None,
                other: Some(
                    serde_json::json!({"identification": "************4471", "scheme_name": "CPAN"}),
                ),
            }),
            name: Some("Aino Virtanen".to_string()),
            details: Some("Visa".to_string()),
            usage: Some("PRIV".to_string()),
            cash_account_type: "CARD".to_string(),
            product: None,
            currency: "EUR".to_string(),
            identification_hash: hash.to_string(),
            identification_hashes: vec![hash.to_string()],
        },
        balances: vec![balance("XPCD", "Expected", -25_010)],
        transactions: vec![line(
            None,
            25_010,
            CreditDebit::Debit,
            TransactionStatus::Booked,
            None,
            day(11),
            "Verkkokauppa",
            "Online purchase",
        )],
    }
}
