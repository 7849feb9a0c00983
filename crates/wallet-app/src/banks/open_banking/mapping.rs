//! From the bank's Open Banking shapes to the wallet's domain: signs from CreditDebitIndicator, card
//! numbers masked, kinds from AccountSubType, categories from MCC and bank codes.

use bank_api::wire;
use wallet_core::account::mask_number;
use wallet_core::category::{CategoryHints, categorize};
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};

use crate::error::{ApiError, ApiResult, ErrorCode};

fn protocol(message: String) -> ApiError {
    ApiError::new(
        ErrorCode::BankError,
        format!("The bank sent something the wallet cannot read: {message}"),
    )
}

fn currency(code: &str) -> ApiResult<Currency> {
    code.parse()
        .map_err(|_| protocol(format!("unknown currency \"{code}\"")))
}

/// A wire amount with its indicator, as signed money: debits are negative.
fn signed(amount: &wire::Amount, indicator: wire::CreditDebitIndicator) -> ApiResult<Money> {
    let money = Money::new(amount.amount, currency(&amount.currency)?)
        .map_err(|e| protocol(e.to_string()))?;
    Ok(match indicator {
        wire::CreditDebitIndicator::Credit => money,
        wire::CreditDebitIndicator::Debit => money.negate(),
    })
}

fn kind(account: &wire::Account) -> AccountKind {
    match account.account_sub_type {
        Some(wire::AccountSubType::CreditCard) | Some(wire::AccountSubType::ChargeCard) => {
            AccountKind::CreditCard
        }
        Some(wire::AccountSubType::EMoney) | Some(wire::AccountSubType::PrePaidCard) => {
            AccountKind::EWallet
        }
        Some(wire::AccountSubType::Savings) => AccountKind::Savings,
        _ => AccountKind::DebitCard,
    }
}

/// The bank's account with its balances, as the wallet stores it. `id` is the wallet's id for it.
pub(crate) fn account(
    wire_account: &wire::Account,
    balances: &[wire::Balance],
    id: AccountId,
    link: BankLinkId,
    bank_name: &str,
) -> ApiResult<Account> {
    let currency = currency(&wire_account.currency)?;
    let pick = |wanted: &[wire::BalanceType]| {
        wanted
            .iter()
            .find_map(|t| balances.iter().find(|b| b.balance_type == *t))
    };
    let booked = pick(&[
        wire::BalanceType::InterimBooked,
        wire::BalanceType::ClosingBooked,
        wire::BalanceType::Expected,
    ])
    .ok_or_else(|| {
        protocol(format!(
            "no booked balance for account {}",
            wire_account.account_id
        ))
    })?;
    let balance = signed(&booked.amount, booked.credit_debit_indicator)?;
    let available = pick(&[
        wire::BalanceType::InterimAvailable,
        wire::BalanceType::ClosingAvailable,
    ])
    .map(|b| signed(&b.amount, b.credit_debit_indicator))
    .transpose()?;
    let credit_limit = balances
        .iter()
        .flat_map(|b| b.credit_line.iter())
        .find_map(|line| line.amount.as_ref())
        .map(|amount| Money::new(amount.amount, currency).map_err(|e| protocol(e.to_string())))
        .transpose()?;
    let identification = wire_account.account.first();
    let number = identification
        .map(|i| i.identification.as_str())
        .unwrap_or(&wire_account.account_id);
    let name = identification
        .and_then(|i| i.name.clone())
        .or_else(|| wire_account.nickname.clone())
        .unwrap_or_else(|| wire_account.account_id.clone());
    Ok(Account {
        id,
        bank_link: link,
        bank_account_id: wire_account.account_id.clone(),
        bank_name: bank_name.to_string(),
        kind: kind(wire_account),
        masked_number: mask_number(number),
        currency,
        name,
        nickname: wire_account.nickname.clone(),
        balance,
        available,
        credit_limit,
        routing: identification.map(|i| wallet_core::AccountRouting {
            scheme: i.scheme_name.clone(),
            identification: i.identification.clone(),
        }),
    })
}

pub(crate) fn transaction(line: &wire::Transaction, account: &Account) -> ApiResult<Transaction> {
    let amount = signed(&line.amount, line.credit_debit_indicator)?;
    if amount.currency() != account.currency {
        return Err(protocol(format!(
            "a {} line on a {} account",
            amount.currency(),
            account.currency
        )));
    }
    let bank_transaction_id = line
        .transaction_id
        .clone()
        .ok_or_else(|| protocol("a transaction without TransactionId".into()))?;
    let original_amount = line
        .currency_exchange
        .as_ref()
        .and_then(|fx| fx.instructed_amount.as_ref())
        .map(|instructed| signed(instructed, line.credit_debit_indicator))
        .transpose()?;
    let merchant = line
        .merchant_details
        .as_ref()
        .and_then(|m| m.merchant_name.clone());
    let mcc = line
        .merchant_details
        .as_ref()
        .and_then(|m| m.merchant_category_code.clone());
    let counterparty = match line.credit_debit_indicator {
        wire::CreditDebitIndicator::Debit => line.creditor_account.as_ref(),
        wire::CreditDebitIndicator::Credit => line.debtor_account.as_ref(),
    }
    .and_then(|party| party.name.clone());
    let bank_code = line
        .proprietary_bank_transaction_code
        .as_ref()
        .map(|c| c.code.as_str());
    let category = categorize(CategoryHints {
        mcc: mcc.as_deref(),
        bank_code,
        is_credit: line.credit_debit_indicator == wire::CreditDebitIndicator::Credit,
    });
    Ok(Transaction {
        account_id: account.id,
        bank_transaction_id,
        status: match line.status {
            wire::EntryStatus::Booked => TransactionStatus::Booked,
            wire::EntryStatus::Pending => TransactionStatus::Pending,
            wire::EntryStatus::Rejected => TransactionStatus::Rejected,
        },
        booked_at: line.booking_date_time,
        value_at: line.value_date_time,
        amount,
        original_amount,
        description: line
            .transaction_information
            .clone()
            .or_else(|| merchant.clone())
            .unwrap_or_default(),
        merchant,
        mcc,
        counterparty,
        category_id: category.to_string(),
    })
}

/// The bank's charges on lines (`ChargeAmount`, e.g. a card's conversion fee), each with its line's id.
pub(crate) fn charges<'a>(
    lines: &'a [wire::Transaction],
    account: &Account,
) -> ApiResult<Vec<(Money, &'a str)>> {
    lines
        .iter()
        .filter_map(|line| {
            Some((
                line.charge_amount.as_ref()?,
                line.transaction_id.as_deref()?,
            ))
        })
        .map(|(charge, id)| {
            let currency: wallet_core::Currency = charge
                .currency
                .parse()
                .map_err(|_| protocol(format!("a charge in \"{}\"", charge.currency)))?;
            if currency != account.currency {
                return Err(protocol(format!(
                    "a {currency} charge on a {} account",
                    account.currency
                )));
            }
            let charge =
                Money::new(charge.amount, currency).map_err(|e| protocol(e.to_string()))?;
            Ok((charge, id))
        })
        .collect()
}

/// A card statement from the bank, in the user's calendar; None when it lacks a balance or a due date.
pub(crate) fn card_statement(
    statement: &wire::Statement,
    account: &Account,
) -> Option<bank_link::CardStatementFacts> {
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&chrono::Local).date_naive();
    let amount = |kind: &str| {
        statement
            .statement_amount
            .iter()
            .find(|a| a.kind == kind)
            .and_then(|a| Money::new(a.amount.amount, account.currency).ok())
    };
    let due = statement
        .statement_date_time
        .iter()
        .find(|d| d.kind == wire::PAYMENT_DUE)?;
    Some(bank_link::CardStatementFacts {
        statement_id: statement
            .statement_id
            .clone()
            .unwrap_or_else(|| statement.end_date_time.format("%Y%m%d").to_string()),
        start: local(statement.start_date_time),
        statement_date: local(statement.end_date_time),
        due_date: local(due.date_time),
        balance: amount(wire::CLOSING_BALANCE)?,
        minimum: amount(wire::MINIMUM_PAYMENT).unwrap_or(Money::zero(account.currency)),
    })
}
