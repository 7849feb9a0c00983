//! After a sync: budgets newly past 80 % or 100 %, credit cards due soon, due today or overdue, and
//! synced lines that look unusual ("don't recognise this?"), told to the window as events and to the
//! user as OS notifications (each once; the wallet remembers).

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};
use tauri_plugin_notification::NotificationExt;
use wallet_app::Wallet;
use wallet_app::dto::Language;

/// An OS notification (when the desktop has a notification service) and an event for the window.
fn tell<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    body: &str,
    event: &str,
    payload: impl Serialize + Clone,
) {
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::info!(%error, "no OS notification (the window still hears of it)");
    }
    if let Err(error) = app.emit(event, payload) {
        tracing::warn!(%error, event, "could not tell the window");
    }
}

pub async fn tell_alerts<R: Runtime>(app: &AppHandle<R>, wallet: &Wallet) {
    let chinese = wallet
        .get_settings()
        .await
        .is_ok_and(|s| s.language == Language::ZhCn);
    match wallet.check_budget_alerts().await {
        Ok(alerts) => {
            for alert in alerts {
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
                tell(app, &title, &body, "budget-alert", alert);
            }
        }
        Err(error) => tracing::warn!(%error, "budgets could not be checked"),
    }
    match wallet.check_card_reminders().await {
        Ok(reminders) => {
            for reminder in reminders {
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
                tell(app, &title, &body, "card-reminder", reminder);
            }
        }
        Err(error) => tracing::warn!(%error, "card due dates could not be checked"),
    }
    match wallet.check_unusual_lines().await {
        Ok(alerts) => {
            for alert in alerts {
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
                tell(app, &title, &body, "unusual-line", alert);
            }
        }
        Err(error) => tracing::warn!(%error, "new lines could not be checked"),
    }
}
