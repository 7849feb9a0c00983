//! The risk checks before a payment is sent (issue 5): the facts gathered from the wallet — what this
//! payee and this kind of spending usually come to, what left today and in the last minutes, the hour,
//! the limits — scored by `wallet_core::risk` into pay, ask for the second factor, or block, each with
//! reasons a person can read. Money between the user's own accounts is not scored: it never leaves.
//! A payee is known by its account (scheme and number) — saved, or paid before — never by the name a
//! request or a QR code carries. A payment is checked against what left today under the wallet's write
//! lock and written to the outbox before the lock is let go, so parallel payments cannot pass the limits.

use crate::commands::commands;
use chrono::{DateTime, Duration, Local, Timelike, Utc};
use wallet_core::risk::{self, Assessment, PaymentFacts, RiskReason, Verdict};
use wallet_core::{Currency, Money, PaymentKind, category};
use wallet_store::{PaymentRecord, WriteLock};

use super::at_home::Destination;
use crate::dto::PaymentDraft;
use crate::dto::security::{RiskAssessment, SecurityEventKind};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Payments;
use crate::parts::accounts::{TodayRates, to_home};
use crate::parts::to_u32;

/// Months of bills looked at for what a payee or a category usually comes to.
pub(crate) const USUAL_MONTHS: i64 = 12;
/// The country the demo bank and its users are in (ISO 3166 alpha-2), for "a payee in another country".
const HOME_COUNTRY: &str = "CN";

#[commands]
impl Payments {
    /// What the risk checks make of a payment, before the PIN is asked: the window shows the reasons
    /// and asks for the second factor when it will be needed.
    pub async fn assess_payment(&self, draft: PaymentDraft) -> ApiResult<RiskAssessment> {
        let prepared = self.prepare_payment(&draft).await?;
        let assessment = self.assess(&prepared.destination, &prepared.amount).await?;
        Ok(RiskAssessment {
            score: assessment.score,
            verdict: assessment.verdict.into(),
            reasons: assessment.reasons.iter().map(Into::into).collect(),
            second_factor_enrolled: self.security.second_factor_enrolled().await?,
        })
    }

    /// What every payment passes before it is written: the PIN, then the risk checks. A payment the
    /// checks block is recorded in the security log ("payee, `described` amount") and refused with its
    /// reasons, nothing sent; one they find unusual needs the second factor, as does saving a new payee
    /// once one is set up. Returns the write lock the checks ran under: the caller writes the payment
    /// through it and commits, so the next payment sees this one.
    pub(crate) async fn authorise_payment(
        &self,
        pin: &str,
        destination: &Destination,
        amount: &Money,
        described: &Money,
        second_factor: Option<&str>,
    ) -> ApiResult<WriteLock> {
        self.security.check_payment_pin(pin).await?;
        // A code is checked before the lock is taken: checking it writes, and a write on another
        // connection would wait for the lock this task holds.
        let mut code_checked = false;
        if destination.save_as.is_some() && self.security.second_factor_enrolled().await? {
            self.security.check_second_factor(second_factor).await?;
            code_checked = true;
        }
        let scored = self.scored_facts(destination, amount).await?;
        loop {
            let mut lock = self.cx.store.write_lock().await?;
            let assessment = match &scored {
                Some((facts, rates)) => {
                    let ledger = self.ledger_under(&mut lock).await?;
                    risk::assess(&self.with_ledger(facts.clone(), &ledger, rates)?)
                }
                None => unscored(),
            };
            match assessment.verdict {
                Verdict::Block => {
                    drop(lock);
                    let detail = format!(
                        "{} {} {}",
                        destination.payee.name,
                        described.amount(),
                        described.currency()
                    );
                    self.cx
                        .record(SecurityEventKind::RiskBlocked, Some(&detail))
                        .await;
                    return Err(ApiError::new(
                        ErrorCode::RiskBlocked,
                        format!(
                            "This payment was stopped and nothing was sent. {}",
                            explain(&assessment.reasons)
                        ),
                    ));
                }
                Verdict::SecondFactor if !code_checked => {
                    drop(lock);
                    self.security.check_second_factor(second_factor).await?;
                    code_checked = true;
                }
                Verdict::Pay | Verdict::SecondFactor => return Ok(lock),
            }
        }
    }

    pub(crate) async fn assess(
        &self,
        destination: &Destination,
        amount: &Money,
    ) -> ApiResult<Assessment> {
        match self.scored_facts(destination, amount).await? {
            Some((facts, rates)) => {
                let ledger = self.ledger().await?;
                Ok(risk::assess(&self.with_ledger(facts, &ledger, &rates)?))
            }
            None => Ok(unscored()),
        }
    }

    /// The facts about the payee, its category and the hour (none for money between the user's own
    /// accounts, which is not scored), with today's rates; what left today is added by `with_ledger`.
    async fn scored_facts(
        &self,
        destination: &Destination,
        amount: &Money,
    ) -> ApiResult<Option<(PaymentFacts, TodayRates)>> {
        if matches!(
            destination.kind,
            PaymentKind::OwnTransfer | PaymentKind::TopUp
        ) {
            return Ok(None);
        }
        let currency = amount.currency();
        let now = self.cx.clock.now();
        let rates = self.cx.today_rates().await?;
        let payee = &destination.payee;
        let paid_before = self
            .cx
            .store
            .payments_to(&payee.scheme, &payee.identification)
            .await?;
        let payee_history: Vec<Money> = paid_before
            .iter()
            .map(|paid| paid.amount)
            .filter(|paid| paid.currency() == currency)
            .collect();
        let saved = self
            .cx
            .store
            .payee_with_account(&payee.scheme, &payee.identification)
            .await?
            .is_some();
        let payee_known = saved || !paid_before.is_empty();
        let category = match &payee.mcc {
            Some(mcc) => category::for_mcc(mcc).unwrap_or(category::UNCATEGORISED),
            None => "transfers.people",
        };
        let since = self.cx.this_month().plus(1 - USUAL_MONTHS);
        let category_history = in_currency(
            &self
                .cx
                .store
                .category_monthly_averages(category, since.0, self.cx.this_month().plus(1).0)
                .await?,
            currency,
        );
        let facts = PaymentFacts {
            amount: *amount,
            amount_home: to_home(amount, self.cx.home_currency, &rates)?.unwrap_or(*amount),
            home_currency: self.cx.home_currency,
            payee_history,
            payee_known,
            category_history,
            recent_payments: 0,
            local_hour: now.with_timezone(&Local).hour(),
            foreign_country: destination
                .country
                .as_deref()
                .is_some_and(|country| !country.eq_ignore_ascii_case(HOME_COUNTRY)),
            spent_today: Money::zero(self.cx.home_currency),
            limits: self.limits().await?,
        };
        Ok(Some((facts, rates)))
    }

    /// The facts with what left today, the payments of the last minutes and the limits.
    fn with_ledger(
        &self,
        facts: PaymentFacts,
        ledger: &Ledger,
        rates: &TodayRates,
    ) -> ApiResult<PaymentFacts> {
        let burst_since = self.cx.clock.now() - Duration::minutes(i64::from(risk::BURST_MINUTES));
        let recent_payments = ledger
            .payments
            .iter()
            .filter(|paid| paid.created_at >= burst_since)
            .filter(|paid| !matches!(paid.kind, PaymentKind::OwnTransfer | PaymentKind::TopUp))
            .count();
        Ok(PaymentFacts {
            recent_payments: to_u32(recent_payments),
            spent_today: self.spent_today_of(&ledger.payments, rates)?,
            limits: ledger.limits,
            ..facts
        })
    }

    /// What the limits and the burst rule look at, read from the pool (for a preview).
    async fn ledger(&self) -> ApiResult<Ledger> {
        Ok(Ledger {
            payments: self.cx.store.payments_since(self.ledger_since()).await?,
            limits: self.limits().await?,
        })
    }

    /// The same, read through the write lock: no payment can be written between this and the lock's end.
    async fn ledger_under(&self, lock: &mut WriteLock) -> ApiResult<Ledger> {
        Ok(Ledger {
            payments: lock.payments_since(self.ledger_since()).await?,
            limits: self.limits_under(lock).await?,
        })
    }

    /// Far enough back for today's total and for the burst rule's minutes.
    fn ledger_since(&self) -> DateTime<Utc> {
        let burst = self.cx.clock.now() - Duration::minutes(i64::from(risk::BURST_MINUTES));
        self.local_midnight().min(burst)
    }
}

/// What changes with every payment: the payments since [`Wallet::ledger_since`] and the limits.
pub(crate) struct Ledger {
    payments: Vec<PaymentRecord>,
    limits: wallet_core::risk::Limits,
}

/// Money between the user's own accounts: never scored, it never leaves.
fn unscored() -> Assessment {
    Assessment {
        score: 0,
        verdict: Verdict::Pay,
        reasons: Vec::new(),
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
