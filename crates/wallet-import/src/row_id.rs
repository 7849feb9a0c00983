//! A stable id for a row whose file gives none: the same row imported twice gets the same id, and two
//! identical real purchases on one day (two coffees) get two ids — by their order within that day.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::model::ImportedRow;

/// The id of a row from what it says: day, amount, counterparty and description, and `sequence`, how many
/// rows with the same content came before it on that day.
pub fn fallback(row: &ImportedRow, sequence: usize) -> String {
    let mut hash = Sha256::new();
    for part in [
        row.at.date().to_string(),
        row.amount.amount().normalize().to_string(),
        row.amount.currency().code().to_string(),
        row.counterparty.clone().unwrap_or_default(),
        row.description.clone().unwrap_or_default(),
        sequence.to_string(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("h-{hex}")
}

/// Gives every row with an empty `id` its [`fallback`] id, numbering identical rows of a day in file order;
/// and a row whose own id an earlier row of the file already has (some banks write one `FITID` for
/// several rows, or `0` for all; a reference reused within a batch) that id with `#2`, `#3`… after it in
/// file order, so that every row of a file keeps a place of its own and a second import still finds it.
pub fn assign_fallback_ids(rows: &mut [ImportedRow]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in rows.iter_mut().filter(|row| row.id.is_empty()) {
        let key = fallback(row, 0);
        let sequence = seen.entry(key).or_insert(0);
        row.id = fallback(row, *sequence);
        *sequence += 1;
    }
    let mut times: HashMap<String, usize> = HashMap::new();
    for row in rows.iter_mut() {
        let count = times.entry(row.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            row.id = format!("{}#{count}", row.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowKind;
    use chrono::NaiveDate;
    use wallet_core::{Currency, Money};

    fn coffee(hour: u32) -> ImportedRow {
        ImportedRow {
            id: String::new(),
            at: NaiveDate::from_ymd_opt(2026, 11, 2)
                .unwrap()
                .and_hms_opt(hour, 0, 0)
                .unwrap(),
            has_time: true,
            amount: Money::parse("-32.00", Currency::CNY).unwrap(),
            original: None,
            counterparty: Some("星巴克".into()),
            counterparty_account: None,
            description: Some("拿铁".into()),
            category_hint: None,
            kind: RowKind::Payment,
            funding: None,
            balance_after: None,
            line: 1,
        }
    }

    #[test]
    fn two_identical_coffees_on_one_day_get_two_ids_and_the_same_two_on_a_second_import() {
        let mut first = vec![coffee(9), coffee(15)];
        assign_fallback_ids(&mut first);
        assert_ne!(first[0].id, first[1].id);
        let mut again = vec![coffee(9), coffee(15)];
        assign_fallback_ids(&mut again);
        assert_eq!(
            first.iter().map(|r| &r.id).collect::<Vec<_>>(),
            again.iter().map(|r| &r.id).collect::<Vec<_>>()
        );
    }

    #[test]
    fn rows_that_share_the_files_own_id_each_keep_a_distinct_one_the_same_on_a_second_import() {
        let shared = |hour| ImportedRow {
            id: "0".into(),
            ..coffee(hour)
        };
        let mut rows = vec![shared(9), shared(12), shared(15)];
        assign_fallback_ids(&mut rows);
        assert_eq!(
            rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["0", "0#2", "0#3"]
        );
    }

    #[test]
    fn a_row_with_the_files_own_id_keeps_it() {
        let mut rows = vec![ImportedRow {
            id: "2026110222001".into(),
            ..coffee(9)
        }];
        assign_fallback_ids(&mut rows);
        assert_eq!(rows[0].id, "2026110222001");
    }
}
