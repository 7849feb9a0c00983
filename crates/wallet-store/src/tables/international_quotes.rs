//! Quotes for payments abroad: what the bank priced (its consent at a firm rate) and the user was shown,
//! kept so the payment repeats it exactly, and linked to the outbox payment it became.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use wallet_core::{AccountId, Currency, Money};

use crate::error::{Result, StoreError};
use crate::file::open::Store;
use crate::time::{from_millis, to_millis};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternationalQuote {
    pub id: String,
    pub from_account: AccountId,
    pub payee_name: String,
    /// ISO 3166 alpha-2.
    pub payee_country: String,
    /// `UK.OBIE.IBAN` or `UK.OBIE.BBAN`.
    pub payee_scheme: String,
    pub payee_account: String,
    pub payee_bic: String,
    /// What the payee is sent, in the currency of transfer, before charges taken from it.
    pub instructed: Money,
    /// `Shared`, `BorneByDebtor` or `BorneByCreditor`.
    pub charge_bearer: String,
    pub note: Option<String>,
    /// Account currency per one unit of the currency of transfer.
    pub rate: Decimal,
    /// The instructed amount at the rate, in the account's currency.
    pub converted: Money,
    /// The charges the paying account bears, in its currency.
    pub fee: Money,
    /// What arrives, in the currency of transfer.
    pub delivered: Money,
    pub contract_id: String,
    pub consent_id: String,
    pub initiation_json: String,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub payment_id: Option<String>,
}

impl InternationalQuote {
    /// What leaves the account: the converted amount and the charges.
    pub fn debited(&self) -> Result<Money> {
        Ok(self.converted.checked_add(&self.fee)?)
    }
}

fn quote_from_row(row: &SqliteRow) -> Result<InternationalQuote> {
    let currency: Currency = row.try_get::<String, _>("currency")?.parse()?;
    let account_currency: Currency = row.try_get::<String, _>("account_currency")?.parse()?;
    let from: String = row.try_get("from_account_id")?;
    let rate: String = row.try_get("rate")?;
    Ok(InternationalQuote {
        id: row.try_get("id")?,
        from_account: from
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("account id {from}")))?,
        payee_name: row.try_get("payee_name")?,
        payee_country: row.try_get("payee_country")?,
        payee_scheme: row.try_get("payee_scheme")?,
        payee_account: row.try_get("payee_account")?,
        payee_bic: row.try_get("payee_bic")?,
        instructed: Money::from_minor(row.try_get("instructed_minor")?, currency),
        charge_bearer: row.try_get("charge_bearer")?,
        note: row.try_get("note")?,
        rate: rate
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("rate {rate}")))?,
        converted: Money::from_minor(row.try_get("converted_minor")?, account_currency),
        fee: Money::from_minor(row.try_get("fee_minor")?, account_currency),
        delivered: Money::from_minor(row.try_get("delivered_minor")?, currency),
        contract_id: row.try_get("contract_id")?,
        consent_id: row.try_get("consent_id")?,
        initiation_json: row.try_get("initiation_json")?,
        expires_at: from_millis(row.try_get("expires_at")?)?,
        created_at: from_millis(row.try_get("created_at")?)?,
        payment_id: row.try_get("payment_id")?,
    })
}

impl Store {
    pub async fn insert_international_quote(&self, quote: &InternationalQuote) -> Result<()> {
        sqlx::query(
            "INSERT INTO international_quotes (id, from_account_id, payee_name, payee_country, payee_scheme,
                 payee_account, payee_bic, currency, instructed_minor, charge_bearer, note, account_currency,
                 rate, converted_minor, fee_minor, delivered_minor, contract_id, consent_id, initiation_json,
                 expires_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&quote.id)
        .bind(quote.from_account.to_string())
        .bind(&quote.payee_name)
        .bind(&quote.payee_country)
        .bind(&quote.payee_scheme)
        .bind(&quote.payee_account)
        .bind(&quote.payee_bic)
        .bind(quote.instructed.currency().code())
        .bind(quote.instructed.to_minor()?)
        .bind(&quote.charge_bearer)
        .bind(&quote.note)
        .bind(quote.converted.currency().code())
        .bind(quote.rate.to_string())
        .bind(quote.converted.to_minor()?)
        .bind(quote.fee.to_minor()?)
        .bind(quote.delivered.to_minor()?)
        .bind(&quote.contract_id)
        .bind(&quote.consent_id)
        .bind(&quote.initiation_json)
        .bind(to_millis(quote.expires_at))
        .bind(to_millis(quote.created_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn international_quote(&self, id: &str) -> Result<Option<InternationalQuote>> {
        let row = sqlx::query("SELECT * FROM international_quotes WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(quote_from_row).transpose()
    }

    /// The quote a payment abroad was made from; `None` for every other payment.
    pub async fn quote_of_payment(&self, payment_id: &str) -> Result<Option<InternationalQuote>> {
        let row = sqlx::query("SELECT * FROM international_quotes WHERE payment_id = ?")
            .bind(payment_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(quote_from_row).transpose()
    }
}
