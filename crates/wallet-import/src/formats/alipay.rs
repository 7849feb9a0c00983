//! Alipay exports (current 电子客户回单, the 2021 app export, the legacy web export), GBK.
//!
//! The three versions name their columns almost alike but order them differently and wrap them in
//! different preambles and footers, so one reader maps columns by name and the three importers differ in
//! how they recognise their header row. What a payment app's bill means beyond the table (`Flow`,
//! `signed_amount`, `finish`, the footer and the `/` placeholder) is shared with `wechat.rs`, whose bills
//! are the same kind of table; reading the table itself is `table.rs`.

use std::collections::HashSet;

use rust_decimal::Decimal;
use wallet_core::Currency;

use super::table::{Record, SetAside, Table, header_line, money};
use crate::Importer;
use crate::amount;
use crate::error::{Error, Result};
use crate::model::{Format, ImportOptions, ImportedRow, RowKind, Skipped, Statement};
use crate::row_id;
use crate::text::{self, Decoded};

/// Columns every Alipay header of the current and 2021 versions holds (交易分类 is not among them: the
/// 开具交易流水证明 export some accounts get leaves it out).
const CURRENT_AND_2021: &[&str] = &[
    "交易时间",
    "交易对方",
    "商品说明",
    "收/支",
    "收/付款方式",
    "交易状态",
    "交易订单号",
];

/// Columns of the legacy web export's header.
const LEGACY: &[&str] = &[
    "交易号",
    "交易创建时间",
    "付款时间",
    "交易对方",
    "商品名称",
    "收/支",
    "交易状态",
    "资金状态",
];

/// Alipay 电子客户回单 (2023+): a long preamble, then a header starting `交易时间,交易分类,…`.
pub struct AlipayCurrent;

/// Alipay app export of 2021: a header starting `收/支,交易对方,…`, then a footer after the rows.
pub struct Alipay2021;

/// Alipay legacy web export (支付宝交易记录明细查询): header `交易号,商家订单号,交易创建时间,…` and a
/// totals footer.
pub struct AlipayLegacy;

impl Importer for AlipayCurrent {
    fn format(&self) -> Format {
        Format::AlipayCurrent
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_starting(text, CURRENT_AND_2021, "交易时间").is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header =
            header_starting(text, CURRENT_AND_2021, "交易时间").ok_or(Error::UnknownFormat)?;
        read_alipay(text, header, self.format())
    }
}

impl Importer for Alipay2021 {
    fn format(&self) -> Format {
        Format::Alipay2021
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_starting(text, CURRENT_AND_2021, "收/支").is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header =
            header_starting(text, CURRENT_AND_2021, "收/支").ok_or(Error::UnknownFormat)?;
        read_alipay(text, header, self.format())
    }
}

impl Importer for AlipayLegacy {
    fn format(&self) -> Format {
        Format::AlipayLegacy
    }

    fn recognises(&self, text: &Decoded) -> bool {
        header_starting(text, LEGACY, "交易号").is_some()
    }

    fn read(&self, text: &Decoded, _options: &ImportOptions) -> Result<Statement> {
        let header = header_starting(text, LEGACY, "交易号").ok_or(Error::UnknownFormat)?;
        read_alipay(text, header, self.format())
    }
}

/// The 0-based line of the header holding `needed` whose first column is `first` (the current and the
/// 2021 exports share their column names and differ in their order).
fn header_starting(text: &Decoded, needed: &[&str], first: &str) -> Option<usize> {
    let at = header_line(text, needed)?;
    let opening = text
        .lines()
        .nth(at)?
        .split([',', '\t'])
        .next()
        .map(text::clean);
    (opening == Some(first)).then_some(at)
}

/// The currency of every payment-app bill (Alipay, WeChat Pay, JD Pay, Meituan): their exports write
/// yuan and nothing else, so a bill imported into an account in another currency is refused by the
/// import as a mismatch rather than read as that currency.
pub(crate) const BILL_CURRENCY: Currency = Currency::CNY;

/// Statuses of an order that moved no money (closed, failed, never paid).
const NO_MONEY_MOVED: &[&str] = &[
    "交易关闭",
    "支付失败",
    "交易失败",
    "已关闭",
    "等待付款",
    "未付款",
];

fn read_alipay(text: &Decoded, header: usize, format: Format) -> Result<Statement> {
    let table = Table::read(text, header)?;
    let time = table.need(&["交易时间", "付款时间", "交易创建时间"])?;
    let amount_at = table.need(&["金额", "金额（元）", "金额(元)"])?;
    let direction = table.need(&["收/支"])?;
    let currency = BILL_CURRENCY;
    let mut parsed = Vec::new();
    let mut skipped = Vec::new();
    let mut aside = SetAside::default();
    for record in table.rows.iter().take_while(|record| !is_footer(record)) {
        let line = record.line;
        let cell = |names: &[&str]| app_cell(record, table.find(names));
        table.whole(record)?;
        if !is_data_row(record, time, amount_at) {
            skipped.push(not_a_transaction(line));
            continue;
        }
        // The legacy export has three times: the payment's when there is one, else the order's.
        let time_at = ["付款时间", "交易时间", "交易创建时间"]
            .into_iter()
            .filter_map(|name| table.find(&[name]))
            .find(|&at| app_cell(record, Some(at)).is_some())
            .unwrap_or(time);
        let (at, has_time) = record.date(time_at, &table.header[time_at])?;
        let value = record.amount(amount_at, &table.header[amount_at])?;
        let status = cell(&["交易状态"]).unwrap_or_default();
        let refund = status.contains("退款成功");
        // 收/支 decides the sign; the legacy export leaves it empty for some rows and says it in 资金状态.
        let flow = match text::clean(record.get(Some(direction))) {
            "支出" => Flow::Out,
            "收入" => Flow::In,
            _ => match cell(&["资金状态"]).as_deref() {
                Some("已支出") => Flow::Out,
                Some("已收入") => Flow::In,
                _ => Flow::Neutral,
            },
        };
        let description = cell(&["商品说明", "商品名称"]);
        let category_hint = cell(&["交易分类", "类型"]);
        let counterparty = cell(&["交易对方"]);
        let mut notes = Vec::new();
        for (names, label) in [
            (&["服务费（元）"][..], "服务费"),
            (&["成功退款（元）", "退款（元）"][..], "成功退款"),
        ] {
            let name = names[0];
            if let Some(extra) = cell(names) {
                match amount::parse_optional(&extra) {
                    Ok(Some(fee)) if !fee.is_zero() => notes.push(format!("{label} ¥{fee}")),
                    Ok(_) => {}
                    // A fee or refunded part only annotates the row: unreadable, it is left out.
                    Err(problem) => {
                        aside.keep::<()>(name, Err(Error::at(line, format!("{name}: {problem}"))));
                    }
                }
            }
        }
        let signed = signed_amount(
            value,
            flow,
            refund,
            &[
                category_hint.as_deref().unwrap_or_default(),
                description.as_deref().unwrap_or_default(),
                counterparty.as_deref().unwrap_or_default(),
            ],
        );
        parsed.push(Parsed {
            row: ImportedRow {
                id: cell(&["交易订单号", "交易号"]).unwrap_or_default(),
                at,
                has_time,
                amount: money(signed, currency, line, &table.header[amount_at])?,
                original: None,
                counterparty,
                counterparty_account: cell(&["对方账号"]),
                description: with_notes(description, &notes),
                category_hint,
                kind: flow.kind(refund),
                funding: cell(&["收/付款方式"]),
                balance_after: None,
                line,
            },
            merchant_order: cell(&["商家订单号"]),
            no_money: NO_MONEY_MOVED
                .contains(&status.as_str())
                .then(|| format!("{status}: the order moved no money")),
        });
    }
    let preamble: Vec<String> = text.lines().take(header).map(str::to_string).collect();
    let account = preamble_value(&preamble, &["支付宝账户", "支付宝账号", "账号", "账户"]);
    let mut statement = finish(format, account, currency, parsed, skipped);
    statement.warnings = aside.warnings();
    Ok(statement)
}

/// Which way the money went, as the row says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Out,
    In,
    /// 不计收支, 其他, `/`: the file does not count it as spending or income.
    Neutral,
}

impl Flow {
    /// The row's kind: a refund as the row says, a neutral row as money between the person's own pockets.
    pub(crate) fn kind(self, refund: bool) -> RowKind {
        if refund {
            RowKind::Refund { of: None }
        } else if self == Flow::Neutral {
            RowKind::Neutral
        } else {
            RowKind::Payment
        }
    }
}

/// The amount signed: 支出 negative, 收入 positive; a refund positive unless the row says 支出.
///
/// A neutral row (不计收支, 其他, `/`) still moved money between the person's own pockets, so it is signed
/// by what the row says where it can tell, as money leaving (−) or coming back to (+) the person's
/// spendable money outside the app (the card that paid, the bank): an explicit minus on the amount wins;
/// then words of money coming back (提现 withdrawal, 转出, 赎回, 卖出, 收益, 退款/退回) make it positive, and
/// words of money put in or paid away (充值 top-up, 还款 credit-card repayment, 转入, 买入, 购买, 申购) make
/// it negative; when nothing tells, negative, as the neutral rows these apps write are mostly top-ups,
/// repayments and purchases of funds. So 零钱充值 and 信用卡还款 are negative, 零钱提现 positive.
pub(crate) fn signed_amount(value: Decimal, flow: Flow, refund: bool, words: &[&str]) -> Decimal {
    let size = value.abs();
    match flow {
        Flow::Out => -size,
        Flow::In => size,
        Flow::Neutral if refund => size,
        Flow::Neutral if value.is_sign_negative() && !value.is_zero() => value,
        Flow::Neutral => {
            const IN: &[&str] = &["提现", "转出", "赎回", "卖出", "收益", "退款", "退回"];
            const OUT: &[&str] = &["充值", "还款", "转入", "买入", "购买", "申购"];
            let says = |list: &[&str]| words.iter().any(|w| list.iter().any(|k| w.contains(k)));
            if says(IN) && !says(OUT) {
                size
            } else if says(OUT) {
                -size
            } else if says(IN) {
                size
            } else {
                -size
            }
        }
    }
}

/// The description with notes the row carries elsewhere (a fee, a refunded part) at its end:
/// "商品 (服务费 ¥0.10)".
pub(crate) fn with_notes(description: Option<String>, notes: &[String]) -> Option<String> {
    if notes.is_empty() {
        return description;
    }
    let notes = notes.join(", ");
    Some(match description {
        Some(text) => format!("{text} ({notes})"),
        None => notes,
    })
}

/// A row read, before refunds are tied to their orders and closed orders are set aside.
pub(crate) struct Parsed {
    pub(crate) row: ImportedRow,
    /// 商家订单号 / 商户单号: a refund may share it with its order.
    pub(crate) merchant_order: Option<String>,
    /// Why the row moved no money (交易关闭, 支付失败), when it did not.
    pub(crate) no_money: Option<String>,
}

/// The longest order number a refund is tied to by name (WeChat's and Alipay's have 28 to 40 characters).
const LONGEST_ORDER_ID: usize = 64;

/// Ties each refund to its order, sets aside the orders that moved no money, and gives fallback ids.
///
/// A refund's order is found by [`order_of`]. A closed order that a refund in the same file points to did
/// move money (paid, then refunded and closed), so it is kept as a payment and the two net to what really
/// moved (nothing, for a full refund); other closed or failed orders are skipped with their line and
/// reason. A refund whose order is not in the file (paid in an earlier period) stays a refund.
pub(crate) fn finish(
    format: Format,
    account: Option<String>,
    currency: Currency,
    mut parsed: Vec<Parsed>,
    mut skipped: Vec<Skipped>,
) -> Statement {
    let mut refunded = HashSet::new();
    for index in 0..parsed.len() {
        if !is_refund(&parsed[index]) {
            continue;
        }
        if let Some(order) = order_of(&parsed, index) {
            refunded.insert(order);
            // Each refund of an order carries the order's id: an "id" longer than any order number is
            // not copied into every one (a file of refunds of one such row grew as their product).
            let of = Some(parsed[order].row.id.clone())
                .filter(|id| !id.is_empty() && id.chars().count() <= LONGEST_ORDER_ID);
            parsed[index].row.kind = RowKind::Refund { of };
        }
    }
    let mut rows = Vec::new();
    for (index, item) in parsed.into_iter().enumerate() {
        match item.no_money {
            Some(reason) if !refunded.contains(&index) => skipped.push(Skipped {
                line: item.row.line,
                reason,
            }),
            _ => rows.push(item.row),
        }
    }
    skipped.sort_by_key(|skip| skip.line);
    row_id::assign_fallback_ids(&mut rows);
    Statement {
        format,
        account,
        currency,
        rows,
        skipped,
        warnings: Vec::new(),
    }
}

fn is_refund(item: &Parsed) -> bool {
    matches!(item.row.kind, RowKind::Refund { .. })
}

/// The order (an index into `parsed`) that the refund at `refund` gives money back for, trying what the
/// apps write, surest first:
/// 1. the refund's own id is the order's id and a suffix (`2026…5432_1699…`);
/// 2. the merchant's order id is the order's (or the order's and a suffix);
/// 3. the same party, paid no later and at least as much, whose item the refund names (`退款-T恤` for the
///    order `T恤`); a closed order first, then the latest;
/// 4. a closed order of the same party for exactly the refund's amount, paid no later: a full refund is
///    what closes an order that was paid.
pub(crate) fn order_of(parsed: &[Parsed], refund: usize) -> Option<usize> {
    let this = &parsed[refund];
    let orders = || {
        parsed
            .iter()
            .enumerate()
            .filter(|(_, order)| !is_refund(order))
    };
    let own = &this.row.id;
    let by_id = orders()
        .filter(|(_, order)| {
            !order.row.id.is_empty()
                && own.len() > order.row.id.len()
                && own.starts_with(&order.row.id)
        })
        .max_by_key(|(_, order)| order.row.id.len());
    if let Some((at, _)) = by_id {
        return Some(at);
    }
    if let Some(merchant) = this.merchant_order.as_deref() {
        let by_merchant = orders()
            .filter(|(_, order)| {
                order.merchant_order.as_deref().is_some_and(|theirs| {
                    theirs == merchant || (theirs.len() >= 8 && merchant.starts_with(theirs))
                })
            })
            .max_by_key(|(_, order)| order.merchant_order.as_ref().map_or(0, String::len));
        if let Some((at, _)) = by_merchant {
            return Some(at);
        }
    }
    let size = this.row.amount.amount().abs();
    let could_be = |order: &Parsed| {
        this.row.counterparty.is_some()
            && order.row.counterparty == this.row.counterparty
            && order.row.at <= this.row.at
            && order.row.amount.amount().abs() >= size
    };
    let item = refunded_item(this.row.description.as_deref());
    let by_item = orders()
        .filter(|(_, order)| could_be(order))
        .filter(|(_, order)| {
            let theirs = order.row.description.as_deref().unwrap_or_default();
            !item.is_empty()
                && !theirs.is_empty()
                && (theirs.contains(item) || item.contains(theirs))
        })
        .max_by_key(|(_, order)| (order.no_money.is_some(), order.row.at));
    if let Some((at, _)) = by_item {
        return Some(at);
    }
    orders()
        .filter(|(_, order)| {
            could_be(order) && order.no_money.is_some() && order.row.amount.amount().abs() == size
        })
        .max_by_key(|(_, order)| order.row.at)
        .map(|(at, _)| at)
}

/// The item a refund's description names: `退款-T恤` → `T恤`; the notes after it (` (服务费 …)`) left out.
fn refunded_item(description: Option<&str>) -> &str {
    let text = description.unwrap_or_default();
    let text = text.split(" (").next().unwrap_or_default();
    let text = ["退款-", "退款：", "退款:", "退款 ", "退款"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text);
    text.trim()
}

/// The dashed line the footers of the 2021 and legacy Alipay exports and of WeChat bills start with: the
/// rows end there.
pub(crate) fn is_footer(record: &Record) -> bool {
    record.cells.first().is_some_and(|c| c.starts_with("---"))
}

/// The cleaned cell in `column`, None when absent, empty or the apps' placeholder `/` (a `-` is text here).
pub(crate) fn app_cell(record: &Record, column: Option<usize>) -> Option<String> {
    let value = text::clean(record.get(column));
    (!value.is_empty() && value != "/").then(|| value.to_string())
}

/// Whether a row after the header is a transaction rather than a note or a totals line: one with more
/// than two filled cells and something in its time or amount column. A row like that that cannot be read
/// fails the file; a line with one or two cells (`共12笔记录`, `已支出:9笔,567.00元`) is set aside.
pub(crate) fn is_data_row(record: &Record, time: usize, amount: usize) -> bool {
    let filled = record.cells.iter().filter(|c| !c.is_empty()).count();
    let has = |at: usize| !record.get(Some(at)).is_empty();
    filled > 2 && (has(time) || has(amount))
}

/// How a row that [`is_data_row`] turned down is set aside.
pub(crate) fn not_a_transaction(line: usize) -> Skipped {
    Skipped {
        line,
        reason: "not a transaction (a note or totals line)".into(),
    }
}

/// The value after one of `labels` in the preamble (`支付宝账户：alice@example.com`, `账号:[2088…]`,
/// `微信昵称：[小明]`), without the brackets.
pub(crate) fn preamble_value(preamble: &[String], labels: &[&str]) -> Option<String> {
    for label in labels {
        for line in preamble {
            let line = text::clean(line);
            let Some(rest) = line.strip_prefix(label) else {
                continue;
            };
            let Some(rest) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) else {
                continue;
            };
            let value = rest.split(',').next().unwrap_or_default();
            let value = text::clean(value);
            let value = value.strip_prefix('[').unwrap_or(value);
            let value = value.split(']').next().unwrap_or_default();
            let value = text::clean(value);
            if !value.is_empty() {
                return Some(value.to_string());
            }
        }
    }
    None
}
