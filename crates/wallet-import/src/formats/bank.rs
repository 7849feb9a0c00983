//! What the three Chinese bank CSV importers (ICBC, CMB, Bank of China) share beyond the table: the
//! totals and comment lines they set aside, the account named in the preamble, and the row kind their
//! summaries tell.

use wallet_core::Currency;

use crate::model::{Format, ImportedRow, RowKind, Skipped, Statement};
use crate::row_id;
use crate::text::Decoded;

use super::table::{Record, SetAside};

/// A totals footer (合计, 总计, 小计; CMB writes `# 收入合计…`): left out, said so.
pub(crate) fn totals_line(record: &Record) -> Option<Skipped> {
    let first = record.cells.iter().find(|c| !c.is_empty())?;
    let totals = ["合计", "总计", "小计"].iter().any(|t| first.contains(t));
    totals.then(|| Skipped {
        line: record.line,
        reason: format!("totals line ({first})"),
    })
}

/// A `#` comment line (CMB's preamble style, also after the rows).
pub(crate) fn is_comment(record: &Record) -> bool {
    record.cells.first().is_some_and(|c| c.starts_with('#'))
}

/// The statement of the rows read, each given its fallback id (the banks write none): its currency is the
/// first row's, `default` when there are no rows.
pub(crate) fn statement(
    format: Format,
    account: Option<String>,
    default: Currency,
    mut rows: Vec<ImportedRow>,
    skipped: Vec<Skipped>,
    aside: SetAside,
) -> Statement {
    row_id::assign_fallback_ids(&mut rows);
    Statement {
        format,
        account,
        currency: rows.first().map_or(default, |row| row.amount.currency()),
        rows,
        skipped,
        warnings: aside.warnings(),
    }
}

/// Payment unless the bank's summary says otherwise: a credit card repayment (还款) is money moved
/// between the person's own accounts; 退款/退货 money in is a refund (the file does not say of what).
pub(crate) fn kind_from_summary(summary: Option<&str>, credit: bool, money_in: bool) -> RowKind {
    let summary = summary.unwrap_or_default();
    if credit && summary.contains("还款") {
        RowKind::Neutral
    } else if money_in && (summary.contains("退款") || summary.contains("退货")) {
        RowKind::Refund { of: None }
    } else {
        RowKind::Payment
    }
}

/// The account's last four digits from a preamble line naming the card or account (`卡号: 6222…0123`,
/// `# 账    号: [一卡通:6214********1234 人民币]`), masked digits allowed.
pub(crate) fn account_in_preamble(text: &Decoded, header_at: usize) -> Option<String> {
    text.lines().take(header_at).find_map(|line| {
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let (at, label) = ["卡号", "账号"]
            .into_iter()
            .find_map(|label| squeezed.find(label).map(|at| (at, label)))?;
        // The number runs to the next cell or the next label (子账户, 币种…).
        let number: String = squeezed[at + label.len()..]
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == '*')
            .filter(char::is_ascii_digit)
            .collect();
        last_four(&number)
    })
}

/// The last four digits of a card or account number, None when it has fewer.
pub(crate) fn last_four(number: &str) -> Option<String> {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then(|| digits[digits.len() - 4..].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_four_digits_survive_masking() {
        assert_eq!(last_four("6214********1234"), Some("1234".into()));
        assert_eq!(last_four("12"), None);
    }
}
