//! Monthly statements, trends and categories as the UI receives them. Charts come ready-made: each is an
//! ECharts option built in Rust (see `charts`), which the UI only draws.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::MoneyDto;
use super::transaction::CategoryLabel;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementQuery {
    /// "YYYY-MM", in the user's local time.
    pub month: String,
    /// One account, or the whole wallet (in the home currency) when absent.
    pub account_id: Option<String>,
}

/// Money in or out of one category in a period, with its share of the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryShare {
    pub category: CategoryLabel,
    pub amount: MoneyDto,
    pub lines: u32,
    /// Of the period's spending (or income), one decimal: "23.4".
    pub percent: String,
    /// The sub-categories of a top-level category, biggest first.
    pub children: Vec<CategoryShare>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayeeShare {
    pub payee: String,
    pub amount: MoneyDto,
    pub lines: u32,
}

/// Income, spending and their difference over a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthSummary {
    pub month: String,
    pub income: MoneyDto,
    pub spending: MoneyDto,
    pub net: MoneyDto,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyStatement {
    pub month: String,
    pub account_id: Option<String>,
    /// The account's name, or none for the whole wallet.
    pub account_name: Option<String>,
    pub currency: String,
    pub opening_balance: MoneyDto,
    pub closing_balance: MoneyDto,
    pub summary: MonthSummary,
    /// Spending by top-level category, biggest first (for the whole wallet, transfers between the
    /// user's own accounts and card repayments are left out: they are neither income nor spending).
    pub spending_by_category: Vec<CategoryShare>,
    pub income_by_category: Vec<CategoryShare>,
    /// The ten payees that took the most.
    pub top_payees: Vec<PayeeShare>,
    pub previous_month: MonthSummary,
    pub same_month_last_year: MonthSummary,
    /// Foreign-currency money was converted at each month's booking rate (the whole wallet only).
    pub converted: bool,
    /// ECharts option: spending by category as a donut; each slice's data carries its `categoryId`.
    #[ts(type = "Record<string, unknown>")]
    pub category_chart: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendQuery {
    /// How many months back from this month, 1–120 (12 and 24 in the UI).
    pub months: u32,
    pub account_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategorySeries {
    pub category: CategoryLabel,
    /// One amount per month of `Trend::months`.
    pub amounts: Vec<MoneyDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    /// "YYYY-MM", oldest first.
    pub months: Vec<String>,
    pub currency: String,
    pub summaries: Vec<MonthSummary>,
    pub spending_by_category: Vec<CategorySeries>,
    /// Balance at each month's end (net worth for the whole wallet).
    pub balances: Vec<MoneyDto>,
    /// ECharts option: spending by category per month, stacked bars; each series' `id` is its category
    /// id, and a bar's axis value is its month.
    #[ts(type = "Record<string, unknown>")]
    pub spending_chart: serde_json::Value,
    /// ECharts option: income against spending, and the balance, as lines.
    #[ts(type = "Record<string, unknown>")]
    pub cash_flow_chart: serde_json::Value,
}

/// One node of the category tree, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryNode {
    pub category: CategoryLabel,
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recategorise {
    pub transaction_id: String,
    pub category_id: String,
    /// Also make a rule: every line of this payee, past and future, gets this category.
    pub for_whole_payee: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecategoriseResult {
    /// Lines whose category changed (1, or more with a rule).
    pub changed: u32,
    /// The payee the rule was made for, when one was.
    pub rule_payee: Option<String>,
}

/// Where an export was written, and how many bill lines it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    pub lines: u32,
}

/// A subscription or regular bill found in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecurringBill {
    pub payee: String,
    pub category: CategoryLabel,
    /// "weekly", "biweekly", "monthly", "quarterly" or "yearly".
    pub cadence: String,
    pub typical_amount: MoneyDto,
    /// Set when the amount varies (a utility bill): the lowest and highest seen.
    pub amount_range: Option<(MoneyDto, MoneyDto)>,
    pub last_date: String,
    /// "YYYY-MM-DD", the day the next charge is expected.
    pub next_expected: String,
    pub monthly_cost: MoneyDto,
    pub active: bool,
    pub times_seen: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecurringOverview {
    /// Active ones first, each by monthly cost.
    pub series: Vec<RecurringBill>,
    /// What the active ones cost per month, per currency.
    pub monthly_total: Vec<MoneyDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetBudget {
    /// A top-level category ("food") or a sub-category ("food.dining").
    pub category_id: String,
    /// The monthly amount in the home currency, as typed.
    pub amount: String,
}

/// A budget against this month's spending (whole wallet, home currency, sub-categories included).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetProgress {
    pub category: CategoryLabel,
    pub month: String,
    pub budget: MoneyDto,
    pub spent: MoneyDto,
    /// Negative once over budget.
    pub remaining: MoneyDto,
    pub percent: String,
    /// "ok" below 80 %, "warning" from 80 %, "over" from 100 %.
    pub state: String,
    /// ECharts option: a gauge of spent against budget.
    #[ts(type = "Record<string, unknown>")]
    pub gauge: serde_json::Value,
}

/// A budget that has just passed 80 % or 100 % this month (each is told once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetAlert {
    pub category: CategoryLabel,
    pub month: String,
    /// 80 or 100.
    pub level: u32,
    pub spent: MoneyDto,
    pub budget: MoneyDto,
}

/// A credit card's latest statement and where it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardStatus {
    pub account_id: String,
    pub account_name: String,
    /// "YYYY-MM-DD".
    pub statement_date: String,
    pub due_date: String,
    pub statement_balance: MoneyDto,
    pub minimum_payment: MoneyDto,
    /// Paid into the card since the statement date.
    pub paid_since: MoneyDto,
    /// Still to pay for this statement (zero once paid).
    pub still_due: MoneyDto,
    /// "paid", "notDue", "dueSoon", "dueToday", "minimumPaid" or "overdue".
    pub status: String,
    /// Days until due (positive) or overdue (negative). A plain number in JSON (never beyond 2^53).
    #[ts(type = "number")]
    pub days_to_due: i64,
}

/// A due-date reminder for a card (each is given once per statement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardReminder {
    pub card: CardStatus,
}
