//! The authorize page's HTML: plain forms, no JavaScript, every value escaped, and stable `id`s and
//! `name`s (`customer`, `password`, `account-<AccountId>`, buttons `sign-in`, `approve`, `deny`) for
//! browser-driven tests.

use axum::response::Html;

use crate::books::BankAccount;

/// What the customer is asked to approve.
pub struct ConsentSummary {
    /// Account-access permissions, comma-separated (empty for a payment).
    pub permissions: String,
    /// For a payment consent: what will be paid, from where, to whom.
    pub payment: Option<bank_api::wire::DomesticInitiation>,
    /// The customer who already approved it (a payment consent authorised again after a lost answer).
    pub approved_by: Option<String>,
}

/// The OAuth request's own fields, carried through the forms as hidden inputs.
pub type Hidden<'a> = [(&'a str, &'a Option<String>)];

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn page(body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Purse Sandbox Bank 沙盒银行</title>\
         <style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto;color:#222}}h1{{color:#b71c1c}}\
         input{{display:block;margin:.3rem 0 1rem;padding:.4rem;width:100%}}\
         input[type=checkbox]{{display:inline;width:auto;margin:0 .5rem 0 0}}fieldset{{margin:0 0 1rem}}\
         .error{{color:#b71c1c;font-weight:bold}}button{{padding:.5rem 1.2rem;margin-right:.5rem}}</style>\
         </head><body><h1>Purse Sandbox Bank 沙盒银行</h1>{body}</body></html>"
    ))
}

/// A paragraph saying what went wrong, or nothing.
pub fn error_line(error: Option<&str>) -> String {
    error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"error\" role=\"alert\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default()
}

/// The last four characters of an account number, as banks show them.
pub fn masked(identification: &str) -> String {
    let digits: Vec<char> = identification
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("•••• {tail}")
}

fn permission_list(permissions: &str) -> String {
    let list: String = permissions
        .split(',')
        .map(|p| format!("<li>{}</li>", escape(p)))
        .collect();
    format!("<ul id=\"permissions\">{list}</ul>")
}

pub fn describe(summary: &ConsentSummary) -> String {
    match &summary.payment {
        Some(payment) => {
            let amount = &payment.instructed_amount;
            let creditor = &payment.creditor_account;
            let from = payment
                .debtor_account
                .as_ref()
                .map(|d| masked(&d.identification))
                .unwrap_or_default();
            format!(
                "<p>Purse 钱包 asks to make a payment 请求付款:</p><ul id=\"payment\"><li>{} {}</li>\
                 <li>To 收款人: {} ({})</li><li>From 付款账户: {}</li></ul>",
                escape(&amount.amount.to_string()),
                escape(&amount.currency),
                escape(creditor.name.as_deref().unwrap_or("")),
                escape(&masked(&creditor.identification)),
                escape(&from)
            )
        }
        None => format!(
            "<p>Purse 钱包 asks to read your accounts 请求读取您的账户:</p>{}",
            permission_list(&summary.permissions)
        ),
    }
}

fn hidden_inputs(hidden: &Hidden<'_>) -> String {
    hidden
        .iter()
        .filter_map(|(name, value)| {
            value.as_ref().map(|v| {
                format!(
                    "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                    escape(v)
                )
            })
        })
        .collect()
}

/// Step one: who the customer is.
pub fn sign_in_form(
    summary: &ConsentSummary,
    hidden: &Hidden<'_>,
    customer: &str,
    error: Option<&str>,
) -> Html<String> {
    page(&format!(
        "{}{}<form method=\"post\" action=\"/oauth2/authorize\">{}\
         <label for=\"customer\">Customer 用户名</label>\
         <input id=\"customer\" name=\"customer\" value=\"{}\" autocomplete=\"username\">\
         <label for=\"password\">Password 密码</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\
         <p>Sandbox customers 沙盒用户: demo / demo1234, emily / emily1234, tanaka / tanaka1234</p>\
         <button id=\"sign-in\" name=\"decision\" value=\"sign-in\">Sign in 登录</button>\
         <button id=\"deny\" name=\"decision\" value=\"deny\">Deny 拒绝</button></form>",
        describe(summary),
        error_line(error),
        hidden_inputs(hidden),
        escape(customer),
    ))
}

/// Step two, signed in: the accounts to share (ticked when `ticked` says so) or the payment, then
/// Approve or Deny.
pub fn decision_form(
    summary: &ConsentSummary,
    hidden: &Hidden<'_>,
    who: &str,
    accounts: &[BankAccount],
    ticked: &(dyn Fn(&str) -> bool + Sync),
    error: Option<&str>,
) -> Html<String> {
    let choice = if summary.payment.is_some() {
        describe(summary)
    } else {
        let boxes: String = accounts
            .iter()
            .map(|a| {
                let id = escape(&format!("account-{}", a.account_id));
                format!(
                    "<label for=\"{id}\"><input type=\"checkbox\" id=\"{id}\" name=\"{id}\" value=\"on\"{}> \
                     {} · {} · {}</label><br>",
                    if ticked(&a.account_id) { " checked" } else { "" },
                    escape(&a.nickname),
                    escape(&a.currency),
                    escape(&masked(&a.identification)),
                )
            })
            .collect();
        format!(
            "<fieldset id=\"accounts\"><legend>Accounts to share 共享的账户</legend>{boxes}</fieldset>\
             <p>Purse 钱包 asks to read 请求读取:</p>{}",
            permission_list(&summary.permissions)
        )
    };
    page(&format!(
        "<p id=\"signed-in\">Signed in as 已登录: {}</p>{}<form method=\"post\" action=\"/oauth2/authorize\">{}{choice}\
         <button id=\"approve\" name=\"decision\" value=\"approve\">Approve 同意</button>\
         <button id=\"deny\" name=\"decision\" value=\"deny\">Deny 拒绝</button></form>",
        escape(who),
        error_line(error),
        hidden_inputs(hidden),
    ))
}
