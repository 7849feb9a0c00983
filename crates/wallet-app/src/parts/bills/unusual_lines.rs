//! "Don't recognise this?": after a sync, the lines that took money out and look unusual — far above
//! what the payee usually takes, or a new payee far above the category, abroad or at night — are told
//! once each (an alert in the window, an OS notification, a line in the security log), so a stolen
//! card number is noticed the day it is used. The wallet remembers the newest line it has looked at.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{Duration, Local, Timelike};
use wallet_core::unusual_line::{LineFacts, unusual_line};
use wallet_core::{Money, TransactionStatus};

use super::statements::{Month, top_level};
use crate::dto::security::{SecurityEventKind, UnusualLineAlert};
use crate::error::ApiResult;
use crate::parts::Bills;
use crate::parts::payments::risk::{USUAL_MONTHS, in_currency};

/// What a payee or a category took per line, month by month: (account currency, minor units).
type Averages = Vec<(String, i64)>;

/// The newest line number already looked at.
const LOOKED_AT: &str = "unusual.looked_at_line";
/// Only lines made this recently are news; older ones a sync brings are history.
const NEWS_DAYS: i64 = 7;
/// Lines looked at in one go.
const AT_MOST: i64 = 500;

impl Bills {
    /// The unusual lines since the last look, each told once. The first look only notes where the
    /// history ends: a new wallet's own past is not news.
    pub async fn check_unusual_lines(&self) -> ApiResult<Vec<UnusualLineAlert>> {
        let newest = self.cx.store.newest_line_no().await?;
        let Some(looked_at) = self
            .cx
            .store
            .setting(LOOKED_AT)
            .await?
            .and_then(|text| text.parse::<i64>().ok())
        else {
            self.cx
                .store
                .set_setting(LOOKED_AT, &newest.to_string())
                .await?;
            return Ok(Vec::new());
        };
        let since = self.cx.clock.now() - Duration::days(NEWS_DAYS);
        let lines = self
            .cx
            .store
            .money_out_lines_after(looked_at, since, AT_MOST)
            .await?;
        let names = self.cx.account_names().await?;
        // This look's booked lines per payee: they are already in the kept totals, so a payee is known
        // when the totals hold more lines than these.
        let mut new_of_payee: HashMap<&str, i64> = HashMap::new();
        for stored in lines
            .iter()
            .filter(|l| l.line.status == TransactionStatus::Booked)
        {
            *new_of_payee.entry(stored.line.payee()).or_default() += 1;
        }
        // Many lines share a payee or a category and month: each is looked up once.
        let mut payees: HashMap<(&str, i64), (i64, Averages)> = HashMap::new();
        let mut categories: HashMap<(&str, i64), Averages> = HashMap::new();
        let mut alerts = Vec::new();
        for stored in &lines {
            let line = &stored.line;
            let payee = line.payee();
            let month = Month::of(line.booked_at.with_timezone(&Local).date_naive());
            let currency = line.amount.currency();
            if let Entry::Vacant(slot) = payees.entry((payee, month.0)) {
                let count = self.cx.store.payee_line_count(payee).await?;
                let averages = self
                    .cx
                    .store
                    .payee_monthly_averages(payee, month.0, USUAL_MONTHS)
                    .await?;
                slot.insert((count, averages));
            }
            // Judged at the top of the tree ("food", not "food.fast").
            let category = top_level(&line.category_id).id;
            if let Entry::Vacant(slot) = categories.entry((category, month.0)) {
                let averages = self
                    .cx
                    .store
                    .category_monthly_averages(category, month.plus(-USUAL_MONTHS).0, month.0)
                    .await?;
                slot.insert(averages);
            }
            let (payee_lines, payee_averages) = &payees[&(payee, month.0)];
            let facts = LineFacts {
                amount: line.amount.negate(),
                original: line.original_amount,
                payee_history: in_currency(payee_averages, currency),
                payee_known: *payee_lines > new_of_payee.get(payee).copied().unwrap_or(0),
                category_history: in_currency(&categories[&(category, month.0)], currency),
                local_hour: line.booked_at.with_timezone(&Local).hour(),
            };
            let reasons = unusual_line(&facts);
            if reasons.is_empty() {
                continue;
            }
            let amount: Money = line.amount;
            let detail = format!("{payee} {} {}", amount.amount(), amount.currency());
            self.cx
                .record(SecurityEventKind::UnusualLine, Some(&detail))
                .await;
            alerts.push(UnusualLineAlert {
                transaction_id: stored.id.to_string(),
                booked_at: line.booked_at.to_rfc3339(),
                account_name: names.get(&line.account_id).cloned().unwrap_or_default(),
                payee: payee.to_string(),
                amount: amount.into(),
                reasons: reasons.iter().map(Into::into).collect(),
            });
        }
        let looked = lines.last().map_or(newest, |last| {
            if lines.len() as i64 == AT_MOST {
                last.id.0
            } else {
                newest
            }
        });
        self.cx
            .store
            .set_setting(LOOKED_AT, &looked.to_string())
            .await?;
        Ok(alerts)
    }
}
