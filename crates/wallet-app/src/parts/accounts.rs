//! Home and account screens: every account with its balance, and the totals in the home currency.

use std::sync::Arc;

use crate::commands::commands;
use crate::context::Context;
use std::collections::{BTreeMap, HashMap};

use wallet_core::{Account, AccountId, Currency, Money};
use wallet_store::FxRate;

use crate::dto::{AccountDto, AccountsOverview, CurrencyTotal, FxRateDto, MoneyDto};
use crate::error::{ApiError, ApiResult};

pub struct Accounts {
    pub(crate) cx: Arc<Context>,
}

#[commands]
impl Accounts {
    /// Every account, and what the user owns, owes and is worth in the home currency.
    pub async fn list_accounts(&self) -> ApiResult<AccountsOverview> {
        let home = self.cx.home_currency;
        let rates = self.cx.today_rates().await?;
        let last_synced = self.last_synced_at().await?;
        let outflows = self.pending_outflows().await?;
        let mut assets = Money::zero(home);
        let mut liabilities = Money::zero(home);
        let mut accounts = Vec::new();
        let mut by_currency: BTreeMap<Currency, Money> = BTreeMap::new();
        for account in self.cx.store.list_accounts().await? {
            let held = by_currency
                .entry(account.currency)
                .or_insert_with(|| Money::zero(account.currency));
            *held = held.checked_add(&account.balance)?;
            let in_home = to_home(&account.balance, home, &rates)?;
            if let Some(in_home) = in_home {
                if account.kind.is_liability() {
                    liabilities = liabilities.checked_add(&in_home.negate())?;
                } else {
                    assets = assets.checked_add(&in_home)?;
                }
            }
            let outflow = outflows.get(&account.id).copied();
            accounts.push(account_dto(&account, in_home, outflow, last_synced.clone()));
        }
        Ok(AccountsOverview {
            home_currency: home.code().to_string(),
            net_worth: assets.checked_add(&liabilities.negate())?.into(),
            total_assets: assets.into(),
            total_liabilities: liabilities.into(),
            rates: rates.values().map(rate_dto).collect(),
            by_currency: by_currency
                .into_values()
                .map(|net| {
                    Ok(CurrencyTotal {
                        net: net.into(),
                        in_home: to_home(&net, home, &rates)?.map(MoneyDto::from),
                    })
                })
                .collect::<ApiResult<_>>()?,
            accounts,
            last_synced_at: last_synced,
        })
    }

    pub async fn get_account(&self, account_id: &str) -> ApiResult<AccountDto> {
        let account = self.cx.account_by_id(account_id).await?;
        let rates = self.cx.today_rates().await?;
        let in_home = to_home(&account.balance, self.cx.home_currency, &rates)?;
        let outflow = self.pending_outflows().await?.get(&account.id).copied();
        Ok(account_dto(
            &account,
            in_home,
            outflow,
            self.last_synced_at().await?,
        ))
    }

    /// Per account, what unfinished payments are taking out.
    async fn pending_outflows(&self) -> ApiResult<HashMap<AccountId, Money>> {
        Ok(self
            .cx
            .store
            .pending_outflows()
            .await?
            .into_iter()
            .collect())
    }

    pub(crate) async fn last_synced_at(&self) -> ApiResult<Option<String>> {
        let links = self.cx.store.list_bank_links().await?;
        Ok(links
            .iter()
            .filter_map(|l| l.last_synced_at)
            .max()
            .map(|t| t.to_rfc3339()))
    }
}

/// Today's rates into the home currency (the bank's latest card conversions), by currency.
pub(crate) type TodayRates = BTreeMap<Currency, FxRate>;

/// An amount in the home currency at today's rate, or `None` when no rate is known (a balance is then
/// left out of the totals).
pub(crate) fn to_home(
    balance: &Money,
    home: Currency,
    rates: &TodayRates,
) -> ApiResult<Option<Money>> {
    if balance.currency() == home {
        return Ok(Some(*balance));
    }
    match rates.get(&balance.currency()) {
        Some(rate) => Ok(Some(balance.convert(rate.rate, home)?)),
        None => Ok(None),
    }
}

fn account_dto(
    account: &Account,
    in_home: Option<Money>,
    pending_outflow: Option<Money>,
    last_synced_at: Option<String>,
) -> AccountDto {
    AccountDto {
        id: account.id.to_string(),
        bank_name: account.bank_name.clone(),
        kind: account.kind.into(),
        masked_number: account.masked_number.clone(),
        currency: account.currency.code().to_string(),
        nickname: account.nickname.clone(),
        name: account.display_name().to_string(),
        balance: account.balance.into(),
        available: account.available.map(MoneyDto::from),
        credit_limit: account.credit_limit.map(MoneyDto::from),
        balance_in_home: in_home.map(MoneyDto::from),
        pending_outflow: pending_outflow.map(MoneyDto::from),
        last_synced_at,
    }
}

fn rate_dto(rate: &FxRate) -> FxRateDto {
    FxRateDto {
        from: rate.from.code().to_string(),
        to: rate.to.code().to_string(),
        rate: rate.rate.to_string(),
        as_of: rate.as_of.clone(),
        source: rate.source.clone(),
    }
}

impl Context {
    pub(crate) async fn today_rates(&self) -> ApiResult<TodayRates> {
        let rates = self.store.fx_rates_into(self.home_currency).await?;
        Ok(rates.into_iter().map(|rate| (rate.from, rate)).collect())
    }

    /// Every account's name as the user sees it, for labelling lines and payments.
    pub(crate) async fn account_names(&self) -> ApiResult<HashMap<AccountId, String>> {
        Ok(self
            .store
            .list_accounts()
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name().to_string()))
            .collect())
    }

    /// The account with this id as the UI sent it: a malformed id is invalid input, an unknown one not found.
    pub(crate) async fn account_by_id(&self, account_id: &str) -> ApiResult<Account> {
        let id: AccountId = account_id
            .parse()
            .map_err(|_| ApiError::invalid(format!("\"{account_id}\" is not an account id")))?;
        self.store
            .account(id)
            .await?
            .ok_or_else(|| ApiError::not_found("This account is not in the wallet."))
    }
}
