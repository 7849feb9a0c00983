//! What every importer produces: the statement's rows in one shape, whatever the file looked like.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use wallet_core::{Currency, Money};

/// Every format Purse reads (a format with export versions that differ has one value per version).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Alipay 电子客户回单 (2023+), GBK.
    AlipayCurrent,
    /// Alipay app export of 2021.
    Alipay2021,
    /// Alipay legacy web export (支付宝交易记录明细查询).
    AlipayLegacy,
    WeChatCsv,
    WeChatXlsx,
    /// JD Pay (京东) 交易流水, UTF-8 with a BOM.
    JdPay,
    /// Meituan (美团) 交易账单, UTF-8 with a BOM and CRLF.
    Meituan,
    IcbcDebit,
    IcbcCredit,
    CmbDebit,
    CmbCredit,
    BocDebit,
    /// OFX/QFX, v1 (SGML) or v2 (XML).
    Ofx,
    Camt053,
    Mt940,
    Qif,
}

/// What kind of movement a row is, as far as the file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RowKind {
    /// Money in or out: a purchase, a salary, a transfer to or from someone.
    Payment,
    /// Money back for an earlier payment; `of` is that payment's id when the file says which.
    Refund { of: Option<String> },
    /// Money moved between the person's own pockets (WeChat 零钱充值/提现, 信用卡还款, 理财通…): the file
    /// marks it neutral (收/支 = `/` or 不计收支); it is not spending or income.
    Neutral,
}

/// One row of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRow {
    /// Stable across imports of the same row: the file's own id (OFX `FITID`, Alipay 交易订单号, WeChat
    /// 交易单号) where it has one, else [`crate::row_id::fallback`].
    pub id: String,
    /// Local time as the file gives it (midnight when the file gives only the day; see `has_time`).
    pub at: NaiveDateTime,
    pub has_time: bool,
    /// Signed: negative is money out of the account the statement is for.
    pub amount: Money,
    /// The amount in the currency of the purchase when it differs (cross-border).
    pub original: Option<Money>,
    pub counterparty: Option<String>,
    pub counterparty_account: Option<String>,
    /// The item or memo (商品说明, 商品, 摘要, NAME/MEMO, `:86:` text).
    pub description: Option<String>,
    /// The file's own category or type (Alipay 交易分类, WeChat 交易类型, a bank's 摘要 code).
    pub category_hint: Option<String>,
    pub kind: RowKind,
    /// What paid for it, for a payment-app row (WeChat 支付方式 `工商银行(1234)`, Alipay 收/付款方式).
    pub funding: Option<String>,
    pub balance_after: Option<Money>,
    /// The file's line (1-based) the row starts on, for the preview and for errors.
    pub line: usize,
}

/// A row left out on purpose, and why (a closed order that moved no money, a totals line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// A whole file, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statement {
    pub format: Format,
    /// The account the file is for, as the file names it (a card number's last digits, an IBAN, a
    /// nickname), when it says.
    pub account: Option<String>,
    pub currency: Currency,
    pub rows: Vec<ImportedRow>,
    pub skipped: Vec<Skipped>,
    /// What was read around rather than refused, said so the person sees it in the preview: a column
    /// Purse does not need that could not be read (a masked balance), a currency taken from the account
    /// because the file left it empty. See `docs/imports.md` for which problems refuse and which warn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// How a QIF file writes its dates: the format does not say, so the person does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DateOrder {
    MonthDayYear,
    DayMonthYear,
    YearMonthDay,
}

/// What the person tells the importer that the file cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The currency of files that do not name one (QIF, most Chinese exports: CNY).
    pub default_currency: Currency,
    /// For QIF: required, the format does not say.
    pub date_order: Option<DateOrder>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            default_currency: Currency::CNY,
            date_order: None,
        }
    }
}
