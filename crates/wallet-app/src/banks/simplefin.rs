//! SimpleFIN Bridge behind the bank seam (issue 19): a link is an access URL claimed once from a pasted
//! setup token and kept in the keychain, never in the wallet file. A sync asks the Bridge once for every
//! account (balances, posted and pending lines of the last 90 days), within the Bridge's request quota
//! (counted in the wallet file, `link_requests`): over it, the link says when it may sync next rather
//! than failing. A pending line that posts under a new id is one bill: the pending one is no longer
//! reported and goes (`Links::fetch_and_write`). What the Bridge says in a 200 answer is shown to the
//! person as the link's notice.

use std::any::Any;
use std::sync::Mutex;

use async_trait::async_trait;
use bank_link::{BankConnection, BankLine, CardStatementFacts, LinePage, LinkError};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use simplefin::{
    AccessUrl, AccountSet, Client, ClientOptions, ErrorKind, Query, Quota, SetupToken,
};

use crate::error::{ApiError, ApiResult};
use url::Url;
use wallet_core::account::mask_number;
use wallet_core::category::{CategoryHints, categorize};
use wallet_core::clock::SharedClock;
use wallet_core::{
    Account, AccountId, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
};
use wallet_store::Store;

/// How far back a sync asks: the Bridge serves at most 90 days a request.
const WINDOW: Duration = Duration::days(90);

/// One SimpleFIN link.
pub(crate) struct SimplefinBank {
    link: BankLinkId,
    bank_name: String,
    access: AccessUrl,
    client: Client,
    store: Store,
    clock: SharedClock,
    /// The Bridge's answer of this sync, read once by `accounts` and shared out by `lines`.
    read: tokio::sync::Mutex<Option<AccountSet>>,
    notices: Mutex<Vec<String>>,
}

impl SimplefinBank {
    pub(crate) fn new(
        link: BankLinkId,
        bank_name: String,
        access: AccessUrl,
        store: Store,
        clock: SharedClock,
    ) -> Result<Self, LinkError> {
        Ok(Self {
            link,
            bank_name,
            access,
            client: client()?,
            store,
            clock,
            read: tokio::sync::Mutex::new(None),
            notices: Mutex::new(Vec::new()),
        })
    }
}

/// Where SimpleFIN answers when not where the setup token says: a proxy, or a person's own mock
/// (https, or http on this machine only). Read once per link made.
pub(crate) const SERVER_ENV: &str = "PURSE_SIMPLEFIN_URL";

/// The pasted setup token, claimed at `PURSE_SIMPLEFIN_URL` when that is set.
pub(crate) fn setup_token(text: &str) -> ApiResult<SetupToken> {
    let invalid = |error: simplefin::SimplefinError| ApiError::invalid(error.to_string());
    let token = SetupToken::parse(text).map_err(invalid)?;
    match std::env::var(SERVER_ENV)
        .ok()
        .filter(|root| !root.trim().is_empty())
    {
        Some(root) => token.claimed_at(&root).map_err(invalid),
        None => Ok(token),
    }
}

/// The SimpleFIN client with Purse's options (the crate's defaults: 8 MiB answers, a timeout).
pub(crate) fn client() -> Result<Client, LinkError> {
    Client::new(ClientOptions::default()).map_err(|error| link_error(&error))
}

/// A SimpleFIN failure in the seam's terms; the message never carries the access URL.
pub(crate) fn link_error(error: &simplefin::SimplefinError) -> LinkError {
    match error.kind() {
        ErrorKind::NeedsNewToken => LinkError::new(
            bank_link::LinkErrorKind::RelinkNeeded,
            "SimpleFIN no longer accepts this link: make a new setup token in the SimpleFIN Bridge and link again.",
        ),
        ErrorKind::Transient => {
            LinkError::unreachable(format!("SimpleFIN did not answer: {error}"))
        }
        ErrorKind::Malformed => LinkError::unreadable(error.to_string()),
        _ => LinkError::refused(error.to_string()),
    }
}

#[async_trait]
impl BankConnection for SimplefinBank {
    fn bank_name(&self) -> &str {
        &self.bank_name
    }

    fn customer(&self) -> &str {
        "SimpleFIN"
    }

    fn base_url(&self) -> &Url {
        self.access.base_url()
    }

    async fn link(&self, again: bool) -> Result<(), LinkError> {
        if again {
            return Err(LinkError::new(
                bank_link::LinkErrorKind::RelinkNeeded,
                "SimpleFIN no longer accepts this link: make a new setup token in the SimpleFIN Bridge and link again.",
            ));
        }
        Ok(())
    }

    /// The Bridge's quota over this link's earlier requests (kept in the wallet file).
    async fn next_read_at(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, LinkError> {
        let earlier = self
            .store
            .link_requests_since(self.link, now - Duration::hours(24))
            .await
            .map_err(|error| LinkError::local(error.to_string()))?;
        let next = Quota::bridge(earlier).next_allowed(now);
        Ok((next > now).then_some(next))
    }

    async fn accounts(&self) -> Result<Vec<Account>, LinkError> {
        let now = self.clock.now();
        self.store
            .record_link_request(self.link, now)
            .await
            .map_err(|error| LinkError::local(error.to_string()))?;
        let query = Query {
            start: Some(now - WINDOW),
            pending: true,
            ..Query::default()
        };
        let set = self
            .client
            .accounts(&self.access, &query)
            .await
            .map_err(|error| link_error(&error))?;
        let mut notices: Vec<String> = set.errors.iter().map(|m| m.text.clone()).collect();
        let mut accounts = Vec::new();
        for account in &set.accounts {
            match to_account(account, self.link, &self.bank_name) {
                Ok(account) => accounts.push(account),
                Err(why) => notices.push(why),
            }
        }
        *self.notices.lock().unwrap_or_else(|p| p.into_inner()) = notices;
        *self.read.lock().await = Some(set);
        Ok(accounts)
    }

    async fn lines(
        &self,
        account: &Account,
        since: Option<DateTime<Utc>>,
        _cursor: Option<String>,
    ) -> Result<LinePage, LinkError> {
        let read = self.read.lock().await;
        let Some(set) = read.as_ref() else {
            return Err(LinkError::local("the accounts are read before their lines"));
        };
        let now = self.clock.now();
        let mut lines = Vec::new();
        let theirs = set
            .accounts
            .iter()
            .find(|a| a.id == account.bank_account_id)
            .and_then(|a| a.transactions.as_ref());
        for line in theirs.into_iter().flatten() {
            let line = to_line(line, account, now)?;
            if since.is_none_or(|since| line.booked_at >= since) {
                lines.push(BankLine {
                    transaction: line,
                    charge: None,
                });
            }
        }
        let fetched = lines.len();
        Ok(LinePage {
            lines,
            next: None,
            fetched,
        })
    }

    async fn card_statements(
        &self,
        _account: &Account,
    ) -> Result<Vec<CardStatementFacts>, LinkError> {
        // SimpleFIN reports balances and lines only.
        Ok(Vec::new())
    }

    fn notices(&self) -> Vec<String> {
        self.notices
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    async fn revoke_consents(&self) -> Result<(), LinkError> {
        // A SimpleFIN access URL is revoked in the Bridge by the person; the wallet forgets it.
        Ok(())
    }

    async fn stop(&self) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An amount in the currency's minor units: SimpleFIN does not fix the digits, the wallet keeps the
/// currency's own (a USD amount with a third decimal is rounded half away from zero).
fn money(amount: Decimal, currency: Currency) -> Result<Money, LinkError> {
    let rounded = amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    );
    Money::new(rounded, currency).map_err(|error| LinkError::unreadable(error.to_string()))
}

/// A SimpleFIN account as the wallet stores it; an account in a currency Purse does not know (a custom
/// currency URL) is left out with a notice saying so.
fn to_account(
    account: &simplefin::Account,
    link: BankLinkId,
    bank_name: &str,
) -> Result<Account, String> {
    let simplefin::Currency::Code(code) = &account.currency else {
        return Err(format!(
            "{} is kept in a currency Purse does not know; it was left out.",
            account.name
        ));
    };
    let currency: Currency = code.parse().map_err(|_| {
        format!(
            "{} is kept in {code}, which Purse does not know; it was left out.",
            account.name
        )
    })?;
    let balance = money(account.balance, currency).map_err(|e| e.message)?;
    let available = account
        .available_balance
        .map(|a| money(a, currency))
        .transpose()
        .map_err(|e| e.message)?;
    let org = account
        .org
        .as_ref()
        .and_then(|o| o.name.clone().or(o.domain.clone()))
        .or(account.conn_name.clone())
        .map(|name| simplefin::sanitize_text(&name, 80))
        .unwrap_or_else(|| bank_name.to_string());
    Ok(Account {
        id: AccountId::default(),
        bank_link: link,
        bank_account_id: account.id.clone(),
        bank_name: org,
        kind: kind_of(&account.name),
        masked_number: mask_number(&account.id),
        currency,
        name: account.name.clone(),
        nickname: None,
        balance,
        available,
        credit_limit: None,
        routing: None,
    })
}

/// SimpleFIN says nothing of an account's kind: its name is the best hint there is.
fn kind_of(name: &str) -> AccountKind {
    let name = name.to_lowercase();
    if ["credit", "card", "visa", "mastercard", "amex"]
        .iter()
        .any(|word| name.contains(word))
    {
        AccountKind::CreditCard
    } else if name.contains("saving") {
        AccountKind::Savings
    } else {
        AccountKind::DebitCard
    }
}

fn to_line(
    line: &simplefin::Transaction,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<Transaction, LinkError> {
    let amount = money(line.amount, account.currency)?;
    let is_credit = line.amount.is_sign_positive() && !line.amount.is_zero();
    let booked_at = if line.pending {
        line.transacted_at.or(line.posted).unwrap_or(now)
    } else {
        line.posted.or(line.transacted_at).unwrap_or(now)
    };
    Ok(Transaction {
        account_id: account.id,
        bank_transaction_id: line.id.clone(),
        status: if line.pending {
            TransactionStatus::Pending
        } else {
            TransactionStatus::Booked
        },
        booked_at,
        value_at: line.transacted_at,
        amount,
        original_amount: None,
        merchant: line.payee.clone().filter(|p| !p.is_empty()),
        mcc: None,
        counterparty: None,
        description: line.description.clone(),
        category_id: categorize(CategoryHints {
            mcc: None,
            bank_code: None,
            is_credit,
        })
        .to_string(),
    })
}
