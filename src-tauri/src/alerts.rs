//! After a sync: budgets newly past 80 % or 100 %, credit cards due soon, due today or overdue, and
//! synced lines that look unusual ("don't recognise this?"), told to the window as events and to the
//! user as OS notifications (each once; the wallet remembers). While Purse is locked the OS notification
//! says only that something needs attention, and the details wait in memory for the unlock: no merchant,
//! amount or account reaches the desktop or the window before then.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;
use wallet_app::Wallet;
use wallet_app::dto::Language;

use crate::state::AppState;

/// One alert: what the OS notification says and what the window hears.
#[derive(Debug, Clone)]
pub struct Alert {
    pub title: String,
    pub body: String,
    pub event: &'static str,
    pub payload: serde_json::Value,
}

impl Alert {
    fn new(title: String, body: String, event: &'static str, payload: impl Serialize) -> Self {
        Self {
            title,
            body,
            event,
            payload: serde_json::to_value(payload).unwrap_or_default(),
        }
    }
}

/// The one OS notification of a locked Purse: that something waits, never what.
pub fn locked_words(chinese: bool) -> (String, String) {
    if chinese {
        (
            "Purse 有新提醒".to_string(),
            "有需要您留意的事项。请解锁 Purse 查看。".to_string(),
        )
    } else {
        (
            "Purse".to_string(),
            "Something needs your attention. Unlock Purse to see it.".to_string(),
        )
    }
}

fn notify<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::info!(%error, "no OS notification (the window still hears of it)");
    }
}

/// An OS notification (when the desktop has a notification service) and an event for the window.
fn tell<R: Runtime>(app: &AppHandle<R>, alert: Alert) {
    notify(app, &alert.title, &alert.body);
    if let Err(error) = app.emit(alert.event, alert.payload) {
        tracing::warn!(%error, event = alert.event, "could not tell the window");
    }
}

/// Checks the wallet's alerts and tells them; while locked, holds them for the unlock and only says
/// that something needs attention. Returns what the OS notifications said (title, body).
pub async fn tell_alerts<R: Runtime>(app: &AppHandle<R>, wallet: &Wallet) -> Vec<(String, String)> {
    let chinese = wallet
        .unattended()
        .preferences()
        .get_settings()
        .await
        .is_ok_and(|s| s.language == Language::ZhCn);
    let alerts = alerts_of(wallet, chinese).await;
    if alerts.is_empty() {
        return Vec::new();
    }
    if wallet.is_locked() {
        app.state::<AppState>().hold_alerts(alerts);
        let (title, body) = locked_words(chinese);
        notify(app, &title, &body);
        return vec![(title, body)];
    }
    let said = alerts
        .iter()
        .map(|alert| (alert.title.clone(), alert.body.clone()))
        .collect();
    for alert in alerts {
        tell(app, alert);
    }
    said
}

/// After an unlock: the alerts that came while locked, in full.
pub fn tell_held_alerts<R: Runtime>(app: &AppHandle<R>) {
    for alert in app.state::<AppState>().take_held_alerts() {
        tell(app, alert);
    }
}

/// Every alert the wallet has not told yet, in the user's language.
async fn alerts_of(wallet: &Wallet, chinese: bool) -> Vec<Alert> {
    let mut told = Vec::new();
    match wallet.unattended().budgets().check_budget_alerts().await {
        Ok(alerts) => told.extend(alerts.into_iter().map(|alert| {
            let (title, body) = if chinese {
                (
                    format!("预算提醒：{}", alert.category.zh_cn),
                    format!(
                        "本月已用 {}%：{} / {}",
                        alert.level, alert.spent.amount, alert.budget.amount
                    ),
                )
            } else {
                (
                    format!("Budget: {}", alert.category.en),
                    format!(
                        "{}% used this month: {} of {}",
                        alert.level, alert.spent.amount, alert.budget.amount
                    ),
                )
            };
            Alert::new(title, body, "budget-alert", alert)
        })),
        Err(error) => tracing::warn!(%error, "budgets could not be checked"),
    }
    match wallet.unattended().cards().check_card_reminders().await {
        Ok(reminders) => told.extend(reminders.into_iter().map(|reminder| {
            let card = &reminder.card;
            let (title, body) = if chinese {
                (
                    format!("信用卡还款提醒：{}", card.account_name),
                    format!(
                        "应还 {}，最低还款 {}，到期日 {}",
                        card.still_due.amount, card.minimum_payment.amount, card.due_date
                    ),
                )
            } else {
                (
                    format!("Card repayment: {}", card.account_name),
                    format!(
                        "{} due by {} (minimum {})",
                        card.still_due.amount, card.due_date, card.minimum_payment.amount
                    ),
                )
            };
            Alert::new(title, body, "card-reminder", reminder)
        })),
        Err(error) => tracing::warn!(%error, "card due dates could not be checked"),
    }
    match wallet.unattended().bills().check_unusual_lines().await {
        Ok(alerts) => told.extend(alerts.into_iter().map(|alert| {
            let amount = alert.amount.amount.trim_start_matches('-');
            let (title, body) = if chinese {
                (
                    "这笔交易是您本人的吗？".to_string(),
                    format!(
                        "{}：{} {} {}。如不认识，请立即联系银行冻结卡片。",
                        alert.account_name, alert.payee, amount, alert.amount.currency
                    ),
                )
            } else {
                (
                    "Don't recognise this?".to_string(),
                    format!(
                        "{}: {} {} {}. If it wasn't you, call your bank to block the card.",
                        alert.account_name, alert.payee, amount, alert.amount.currency
                    ),
                )
            };
            Alert::new(title, body, "unusual-line", alert)
        })),
        Err(error) => tracing::warn!(%error, "new lines could not be checked"),
    }
    told
}
