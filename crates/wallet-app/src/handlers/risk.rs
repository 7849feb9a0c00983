//! The risk checks before a payment is sent (issue 5): the facts gathered from the wallet — what this
//! payee and this kind of spending usually come to, what left today and in the last minutes, the hour,
//! the limits — scored by `wallet_core::risk` into pay, ask for the second factor, or block, each with
//! reasons a person can read. Money between the user's own accounts is not scored: it never leaves.

use chrono::{Duration, Local, Timelike};
use wallet_core::risk::{self, Assessment, PaymentFacts, RiskReason, Verdict};
use wallet_core::{Currency, Money, PaymentKind, category};

use super::accounts::to_home;
use super::payments::Destination;
use super::to_u32;
use crate::dto::PaymentDraft;
use crate::dto::security::{RiskAssessmentDto, SecurityEventKind};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::wallet::Wallet;

/// Months of bills looked at for what a payee or a category usually comes to.
pub(crate) const USUAL_MONTHS: i64 = 12;
/// The country the demo bank and its users are in (ISO 3166 alpha-2), for "a payee in another country".
const HOME_COUNTRY: &str = "CN";

impl Wallet {
    /// What the risk checks make of a payment, before the PIN is asked: the window shows the reasons
    /// and asks for the second factor when it will be needed.
    pub async fn assess_payment(&self, draft: PaymentDraft) -> ApiResult<RiskAssessmentDto> {
        let prepared = self.prepare_payment(&draft).await?;
        let assessment = self.assess(&prepared.destination, &prepared.amount).await?;
        Ok(RiskAssessmentDto {
            score: assessment.score,
            verdict: assessment.verdict.into(),
            reasons: assessment.reasons.iter().map(Into::into).collect(),
            second_factor_enrolled: self.second_factor_enrolled().await?,
        })
    }

    /// What every payment passes before it is written: the PIN, then the risk checks. A payment the
    /// checks block is recorded in the security log ("payee, `described` amount") and refused with its
    /// reasons, nothing sent; one they find unusual needs the second factor. Returns the verdict.
    pub(crate) async fn authorise_payment(
        &self,
        pin: &str,
        destination: &Destination,
        amount: &Money,
        described: &Money,
        second_factor: Option<&str>,
    ) -> ApiResult<Verdict> {
        self.check_payment_pin(pin).await?;
        let assessment = self.assess(destination, amount).await?;
        if assessment.verdict == Verdict::Block {
            let detail = format!(
                "{} {} {}",
                destination.payee.name,
                described.amount(),
                described.currency()
            );
            self.record(SecurityEventKind::RiskBlocked, Some(&detail))
                .await;
            return Err(ApiError::new(
                ErrorCode::RiskBlocked,
                format!(
                    "This payment was stopped and nothing was sent. {}",
                    explain(&assessment.reasons)
                ),
            ));
        }
        if assessment.verdict == Verdict::SecondFactor {
            self.check_second_factor(second_factor).await?;
        }
        Ok(assessment.verdict)
    }

    pub(crate) async fn assess(
        &self,
        destination: &Destination,
        amount: &Money,
    ) -> ApiResult<Assessment> {
        if matches!(
            destination.kind,
            PaymentKind::OwnTransfer | PaymentKind::TopUp
        ) {
            return Ok(Assessment {
                score: 0,
                verdict: Verdict::Pay,
                reasons: Vec::new(),
            });
        }
        let facts = self.payment_facts(destination, amount).await?;
        Ok(risk::assess(&facts))
    }

    async fn payment_facts(
        &self,
        destination: &Destination,
        amount: &Money,
    ) -> ApiResult<PaymentFacts> {
        let currency = amount.currency();
        let now = self.clock.now();
        let rates = self.today_rates().await?;
        let paid_before = self
            .store
            .payments_to(&destination.payee.identification)
            .await?;
        let mut payee_history: Vec<Money> = paid_before
            .iter()
            .map(|paid| paid.amount)
            .filter(|paid| paid.currency() == currency)
            .collect();
        let from_bills = self
            .store
            .payee_monthly_averages(
                &destination.payee.name,
                self.this_month().plus(1).0,
                USUAL_MONTHS,
            )
            .await?;
        payee_history.extend(in_currency(&from_bills, currency));
        let payee_known = destination.saved || !payee_history.is_empty() || !from_bills.is_empty();
        let category = match &destination.payee.mcc {
            Some(mcc) => category::for_mcc(mcc).unwrap_or(category::UNCATEGORISED),
            None => "transfers.people",
        };
        let since = self.this_month().plus(1 - USUAL_MONTHS);
        let category_history = in_currency(
            &self
                .store
                .category_monthly_averages(category, since.0, self.this_month().plus(1).0)
                .await?,
            currency,
        );
        let recent_payments = self
            .store
            .payments_since(now - Duration::minutes(i64::from(risk::BURST_MINUTES)))
            .await?
            .iter()
            .filter(|paid| !matches!(paid.kind, PaymentKind::OwnTransfer | PaymentKind::TopUp))
            .count();
        Ok(PaymentFacts {
            amount: *amount,
            amount_home: to_home(amount, self.home_currency, &rates)?.unwrap_or(*amount),
            home_currency: self.home_currency,
            payee_history,
            payee_known,
            category_history,
            recent_payments: to_u32(recent_payments),
            local_hour: now.with_timezone(&Local).hour(),
            foreign_country: destination
                .country
                .as_deref()
                .is_some_and(|country| !country.eq_ignore_ascii_case(HOME_COUNTRY)),
            spent_today: self.spent_today(&rates).await?,
            limits: self.limits().await?,
        })
    }
}

/// The averages that are in `currency`, as money.
pub(crate) fn in_currency(averages: &[(String, i64)], currency: Currency) -> Vec<Money> {
    averages
        .iter()
        .filter(|(code, _)| code.as_str() == currency.code())
        .map(|(_, minor)| Money::from_minor(*minor, currency))
        .collect()
}

/// The reasons in a sentence, for the error a blocked payment returns (the window words them itself).
pub(crate) fn explain(reasons: &[RiskReason]) -> String {
    let said: Vec<String> = reasons.iter().map(sentence).collect();
    said.join(" ")
}

fn sentence(reason: &RiskReason) -> String {
    let money = |m: &Money| format!("{} {}", m.amount(), m.currency());
    match reason {
        RiskReason::OverPaymentLimit { limit } => {
            format!("It is over your limit of {} for one payment.", money(limit))
        }
        RiskReason::OverDailyLimit { limit, spent_today } => format!(
            "With the {} already paid today it would pass your daily limit of {}.",
            money(spent_today),
            money(limit)
        ),
        RiskReason::FarAboveUsual { usual, times, .. } => format!(
            "It is {times} times what you usually pay here ({}).",
            money(usual)
        ),
        RiskReason::NewPayee => "You have never paid this payee before.".into(),
        RiskReason::ManyPaymentsInShortTime { count, minutes } => {
            format!("It would be payment number {count} within {minutes} minutes.")
        }
        RiskReason::NightTime { hour } => format!("It is the middle of the night ({hour}:00)."),
        RiskReason::ForeignCurrency { currency } => format!("It is in {currency}."),
        RiskReason::ForeignCountry => "The payee is in another country.".into(),
        RiskReason::CloseToDailyLimit { limit, left_after } => format!(
            "It leaves only {} of your daily limit of {}.",
            money(left_after),
            money(limit)
        ),
    }
}
