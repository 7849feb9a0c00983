//! The user's payment limits: at most so much in one payment and in one day, in the home currency.
//! The risk checks block a payment over either. Lowering a limit needs the PIN; raising one needs the
//! second factor as well, so a stolen PIN cannot lift the limits first (docs/decisions/payment-limits.md).

use crate::commands::commands;
use chrono::{DateTime, Local, TimeZone, Utc};
use wallet_core::risk::Limits;
use wallet_core::{Money, PaymentKind, payment};
use wallet_store::{PaymentRecord, WriteLock};

use crate::parts::accounts::{TodayRates, to_home};
use crate::parts::security::typed;

use crate::dto::security::{PaymentLimits, SecurityEventKind, SetPaymentLimits};
use crate::error::{ApiError, ApiResult};
use crate::parts::Payments;

const PER_PAYMENT: &str = "limits.per_payment_minor";
const DAILY: &str = "limits.daily_minor";

/// Until the user sets their own: ¥50,000 a payment, ¥100,000 a day (minor units).
const DEFAULT_PER_PAYMENT_MINOR: i64 = 5_000_000;
const DEFAULT_DAILY_MINOR: i64 = 10_000_000;

#[commands]
impl Payments {
    /// The per-payment and daily limits (home currency) and what today's payments have used of the day.
    pub async fn payment_limits(&self) -> ApiResult<PaymentLimits> {
        let limits = self.limits().await?;
        Ok(PaymentLimits {
            per_payment: limits.per_payment.into(),
            daily: limits.daily.into(),
            spent_today: self
                .spent_today(&self.cx.today_rates().await?)
                .await?
                .into(),
        })
    }

    /// Changes the limits: lowering needs the PIN; raising also the second factor (`secondFactorNotSet`
    /// without).
    pub async fn set_payment_limits(&self, request: SetPaymentLimits) -> ApiResult<PaymentLimits> {
        let home = self.cx.home_currency;
        let parse = |text: &str, what: &str| -> ApiResult<Money> {
            let amount = payment::parse_amount(text, home, home)
                .map_err(|error| ApiError::invalid(format!("The {what} limit: {error}")))?;
            Ok(amount)
        };
        let per_payment = parse(&request.per_payment, "per-payment")?;
        let daily = parse(&request.daily, "daily")?;
        if per_payment.amount() > daily.amount() {
            return Err(ApiError::invalid(
                "One payment cannot be allowed more than a whole day: make the daily limit at least the per-payment one.",
            ));
        }
        self.security
            .check_payment_pin(request.pin.expose())
            .await?;
        let current = self.limits().await?;
        let raised = per_payment.amount() > current.per_payment.amount()
            || daily.amount() > current.daily.amount();
        let code = typed(&request.second_factor);
        if raised {
            self.security.check_second_factor(code).await?;
        } else {
            self.security.check_second_factor_when_set_up(code).await?;
        }
        self.cx
            .store
            .set_setting(PER_PAYMENT, &per_payment.to_minor()?.to_string())
            .await?;
        self.cx
            .store
            .set_setting(DAILY, &daily.to_minor()?.to_string())
            .await?;
        let detail = format!("{} / {} {}", per_payment.amount(), daily.amount(), home);
        self.cx
            .record(SecurityEventKind::LimitsChanged, Some(&detail))
            .await;
        self.payment_limits().await
    }

    pub(crate) async fn limits(&self) -> ApiResult<Limits> {
        let per_payment = self.cx.store.setting(PER_PAYMENT).await?;
        let daily = self.cx.store.setting(DAILY).await?;
        Ok(self.limits_of(per_payment, daily))
    }

    /// The limits as the write lock sees them (a payment being authorised).
    pub(crate) async fn limits_under(&self, lock: &mut WriteLock) -> ApiResult<Limits> {
        let per_payment = lock.setting(PER_PAYMENT).await?;
        let daily = lock.setting(DAILY).await?;
        Ok(self.limits_of(per_payment, daily))
    }

    fn limits_of(&self, per_payment: Option<String>, daily: Option<String>) -> Limits {
        let minor = |text: Option<String>, default: i64| {
            text.and_then(|text| text.parse::<i64>().ok())
                .unwrap_or(default)
        };
        Limits {
            per_payment: Money::from_minor(
                minor(per_payment, DEFAULT_PER_PAYMENT_MINOR),
                self.cx.home_currency,
            ),
            daily: Money::from_minor(minor(daily, DEFAULT_DAILY_MINOR), self.cx.home_currency),
        }
    }

    /// What left the wallet today (local day) in payments to others, in the home currency at `rates`.
    pub(crate) async fn spent_today(&self, rates: &TodayRates) -> ApiResult<Money> {
        let paid = self.cx.store.payments_since(self.local_midnight()).await?;
        self.spent_today_of(&paid, rates)
    }

    /// [`Wallet::spent_today`] from payments read since at least local midnight.
    pub(crate) fn spent_today_of(
        &self,
        paid: &[PaymentRecord],
        rates: &TodayRates,
    ) -> ApiResult<Money> {
        let midnight = self.local_midnight();
        let mut spent = Money::zero(self.cx.home_currency);
        for paid in paid.iter().filter(|paid| paid.created_at >= midnight) {
            if matches!(paid.kind, PaymentKind::OwnTransfer | PaymentKind::TopUp) {
                continue;
            }
            if let Some(in_home) = to_home(&paid.amount, self.cx.home_currency, rates)? {
                spent = spent.checked_add(&in_home)?;
            }
        }
        Ok(spent)
    }

    /// The start of today, local time.
    pub(crate) fn local_midnight(&self) -> DateTime<Utc> {
        let now = self.cx.clock.now().with_timezone(&Local);
        now.date_naive()
            .and_hms_opt(0, 0, 0)
            .and_then(|naive| Local.from_local_datetime(&naive).earliest())
            .map_or(self.cx.clock.now(), |local| local.to_utc())
    }
}
