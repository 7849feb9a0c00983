//! Enable Banking's answers in the wallet's terms: an account with its booked and available balances and
//! its kind, a transaction as a bill (signed amount, day, party, the bank's id or a fingerprint), and the
//! service's errors as the seam's.

use bank_link::{LinkError, LinkErrorKind};
use chrono::{DateTime, NaiveTime, Utc};
use enable_banking::balance::AVAILABLE_PREFERENCE;
use enable_banking::wire;
use enable_banking::{
    available_balance, booked_balance, counterparty, remittance_text, signed_amount,
};
use rust_decimal::{Decimal, RoundingStrategy};
use wallet_core::account::mask_number;
use wallet_core::category::{CategoryHints, categorize};
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};

/// An Enable Banking failure in the seam's terms, with the service's (cleaned) words; never a key.
pub(crate) fn link_error(error: &enable_banking::Error, bank: &str) -> LinkError {
    use enable_banking::Error as E;
    match error {
        E::NeedsReconsent { .. } => LinkError::new(
            LinkErrorKind::RelinkNeeded,
            format!("{bank} needs your consent again: link it again to renew it. ({error})"),
        ),
        E::RateLimited { retry_after, .. } => LinkError::unreachable(format!(
            "{bank} allows no more reads for now; Purse reads it again after {}.",
            retry_after.to_rfc3339()
        )),
        E::Transient { .. } | E::Protocol(_) => LinkError::unreachable(error.to_string()),
        E::Configuration { .. }
        | E::Key(_)
        | E::BadRequest { .. }
        | E::AuthorizationDenied { .. }
        | E::StateMismatch => LinkError::refused(error.to_string()),
    }
}

/// An amount in the currency's minor units (half away from zero past them).
fn money(amount: Decimal, currency: Currency) -> Result<Money, LinkError> {
    let rounded = amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    Money::new(rounded, currency).map_err(|error| LinkError::unreadable(error.to_string()))
}

fn currency(code: &str, what: &str) -> Result<Currency, LinkError> {
    code.parse().map_err(|_| {
        LinkError::unreadable(format!(
            "{what} is kept in {code}, which Purse does not know."
        ))
    })
}

/// CARD is a credit card, SVGS savings, anything else an everyday account.
pub(crate) fn kind_of(cash_account_type: &str) -> AccountKind {
    match cash_account_type {
        "CARD" => AccountKind::CreditCard,
        "SVGS" => AccountKind::Savings,
        _ => AccountKind::DebitCard,
    }
}

/// A session's account with its balances; `bank_account_id` is its identification hash.
pub(crate) fn to_account(
    account: &wire::Account,
    balances: &[wire::Balance],
    link: BankLinkId,
    bank_name: &str,
) -> Result<Account, LinkError> {
    let name = account
        .details
        .clone()
        .or(account.product.clone())
        .or(account.name.clone())
        .unwrap_or_else(|| bank_name.to_string());
    let currency = currency(&account.currency, &name)?;
    let booked = booked_balance(balances);
    // The available balance when the bank gives one of its own (not the fallback, not the booked one).
    let available = available_balance(balances)
        .filter(|b| AVAILABLE_PREFERENCE.contains(&b.balance_type.as_str()))
        .filter(|b| booked.is_none_or(|booked| !std::ptr::eq(booked, *b)))
        .map(|b| money(b.balance_amount.amount, currency))
        .transpose()?;
    let booked = match booked {
        Some(b) => money(b.balance_amount.amount, currency)?,
        None => Money::zero(currency),
    };
    let number = account
        .account_id
        .as_ref()
        .and_then(|id| {
            id.iban.clone().or_else(|| {
                id.other
                    .as_ref()
                    .and_then(|o| o.get("identification"))
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
        })
        .unwrap_or_default();
    Ok(Account {
        id: AccountId::default(),
        bank_link: link,
        bank_account_id: account.identification_hash.clone(),
        bank_name: bank_name.to_string(),
        kind: kind_of(&account.cash_account_type),
        masked_number: mask_number(&number),
        currency,
        name,
        nickname: None,
        balance: booked,
        available,
        credit_limit: None,
        routing: None,
    })
}

/// A transaction as a bill under `id` (the bank's reference or a fingerprint), pending or booked.
pub(crate) fn to_line(
    line: &wire::Transaction,
    id: String,
    pending: bool,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<Transaction, LinkError> {
    let amount = money(signed_amount(line), account.currency)?;
    let midnight = |d: chrono::NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    let booked_at = enable_banking::transaction_day(line)
        .map(midnight)
        .unwrap_or(now);
    let text = remittance_text(line);
    let party = counterparty(line);
    Ok(Transaction {
        account_id: account.id,
        bank_transaction_id: id,
        status: if pending {
            TransactionStatus::Pending
        } else {
            TransactionStatus::Booked
        },
        booked_at,
        value_at: line.value_date.map(midnight),
        amount,
        original_amount: None,
        merchant: None,
        mcc: line.merchant_category_code.clone(),
        description: if text.is_empty() {
            party.clone().unwrap_or_default()
        } else {
            text
        },
        counterparty: party,
        category_id: categorize(CategoryHints {
            mcc: line.merchant_category_code.as_deref(),
            bank_code: None,
            is_credit: line.credit_debit_indicator == wire::CreditDebit::Credit,
        })
        .to_string(),
    })
}
