//! The notes' §7 shapes (written afresh here, same fields) read into the model.

use super::*;
use crate::messages::ErrorCode;

const V1: &str = r#"{
  "errors": ["Connection to Prairie Federal Credit Union may need attention\u0007"],
  "accounts": [
    {
      "org": {"domain": "prairie.example", "name": "Prairie FCU", "sfin-url": "https://bridge.simplefin.org/simplefin", "url": "https://www.prairie.example", "id": "prairie.example"},
      "id": "ACT-1111", "name": "Everyday Checking", "currency": "USD",
      "balance": "2418.07", "available-balance": "2391.55", "balance-date": 1768003200,
      "transactions": [
        {"id": "TRN-1", "posted": 1767744000, "amount": "1850.00", "description": "PAYROLL", "transacted_at": 1767744000, "payee": "Acme"},
        {"id": "TRN-2", "posted": 1767916800, "amount": "-64.185", "description": "POS DEBIT GREENLEAF", "transacted_at": 1767830400},
        {"id": "TRN-p", "posted": 0, "amount": "-26.5", "description": "LUIGIS", "transacted_at": 1767990000, "pending": true}
      ],
      "extra": {}
    },
    {"org": {"name": "Northstar Card", "sfin-url": "https://bridge.simplefin.org/simplefin"},
     "id": "ACT-2222", "name": "Rewards Visa", "currency": "https://points.example/currency", "balance": -512, "balance-date": 1767999600, "transactions": []}
  ]
}"#;

const V2: &str = r#"{
  "errlist": [
    {"code": "con.auth", "message": "Authentication required for Northstar Card - Sam", "conn_id": "CON-2"},
    {"code": "gen.api", "msg": "Requested date range exceeds limit of 90 days and was capped."}
  ],
  "errors": ["Authentication required for Northstar Card - Sam"],
  "connections": [
    {"conn_id": "CON-1", "name": "Prairie - Sam", "org_id": "INST-1", "org_name": "Prairie FCU", "org_url": "https://www.prairie.example", "sfin_url": "https://bridge.simplefin.org/simplefin"},
    {"conn_id": "CON-2", "name": "Northstar - Sam", "org_id": "INST-2", "sfin_url": "https://bridge.simplefin.org/simplefin"}
  ],
  "accounts": [
    {"id": "ACT-1111", "name": "Everyday Checking", "conn_id": "CON-1", "currency": "usd", "balance": "2386.25", "available-balance": "2386.25", "balance-date": 1768089600,
     "transactions": [{"id": "TRN-3", "posted": 1768089600, "amount": "-31.82", "description": "LUIGIS", "transacted_at": 1767990000}]}
  ]
}"#;

#[test]
fn the_v1_shape_reads_errors_orgs_balances_and_pending() {
    let set = AccountSet::from_json(V1.as_bytes()).expect("v1");
    assert_eq!(set.errors.len(), 1);
    assert_eq!(
        set.errors[0].text,
        "Connection to Prairie Federal Credit Union may need attention"
    );
    assert!(set.connections.is_empty());
    let checking = &set.accounts[0];
    assert_eq!(checking.balance.to_string(), "2418.07");
    assert_eq!(
        checking.available_balance.map(|b| b.to_string()),
        Some("2391.55".into())
    );
    assert_eq!(checking.balance_date.timestamp(), 1768003200);
    assert_eq!(checking.currency, Currency::Code("USD".into()));
    assert_eq!(
        checking.org.as_ref().and_then(|o| o.name.as_deref()),
        Some("Prairie FCU")
    );
    let txs = checking.transactions.as_ref().expect("transactions");
    assert_eq!(txs.iter().filter(|t| t.pending).count(), 1);
    assert_eq!(txs[1].amount.to_string(), "-64.185");
    let card = &set.accounts[1];
    assert_eq!(card.balance.to_string(), "-512");
    assert_eq!(card.available_balance, None);
    assert_eq!(
        card.currency,
        Currency::Url("https://points.example/currency".into())
    );
}

#[test]
fn the_v2_shape_reads_errlist_connections_and_conn_ids() {
    let set = AccountSet::from_json(V2.as_bytes()).expect("v2");
    assert_eq!(
        set.errors.len(),
        2,
        "errlist wins over the deprecated errors"
    );
    assert_eq!(set.errors[0].error_code(), ErrorCode::ConnectionAuth);
    assert_eq!(set.errors[0].conn_id.as_deref(), Some("CON-2"));
    assert_eq!(set.errors[1].error_code(), ErrorCode::GeneralApi);
    assert!(set.errors[1].text.contains("90 days"));
    assert_eq!(set.connections.len(), 2);
    assert_eq!(set.connections[1].org_name, None);
    let account = &set.accounts[0];
    assert_eq!(account.conn_id.as_deref(), Some("CON-1"));
    assert_eq!(account.org, None);
    assert_eq!(account.currency, Currency::Code("USD".into()));
}

#[test]
fn balances_only_answers_have_no_transaction_list() {
    let json = r#"{"errors":[],"accounts":[{"id":"A","name":"N","currency":"CAD","balance":"0","balance-date":1}]}"#;
    let set = AccountSet::from_json(json.as_bytes()).expect("set");
    assert_eq!(set.accounts[0].transactions, None);
}

#[test]
fn a_page_that_is_not_json_is_transient_and_a_wrong_shape_is_malformed() {
    use crate::error::ErrorKind;
    let html = AccountSet::from_json(b"<html>502 Bad Gateway</html>").expect_err("html");
    assert_eq!(html.kind(), ErrorKind::Transient);
    let shape =
        AccountSet::from_json(br#"{"errors":[],"accounts":[{"id":"A"}]}"#).expect_err("shape");
    assert_eq!(shape.kind(), ErrorKind::Malformed);
    let money = AccountSet::from_json(
        br#"{"accounts":[{"id":"A","name":"N","currency":"USD","balance":"1,5","balance-date":1}]}"#,
    )
    .expect_err("amount");
    assert_eq!(money.kind(), ErrorKind::Malformed);
}
