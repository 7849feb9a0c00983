//! The QIF importer against hand-checked golden files (each date order, apostrophe years, a split, an
//! `[Account]` transfer, two `!Type:` sections), the refusal without a date order, and arbitrary input.

mod common;

use pretty_assertions::assert_eq;
use proptest::prelude::*;
use wallet_core::Currency;
use wallet_import::formats::qif::Qif;
use wallet_import::row_id::assign_fallback_ids;
use wallet_import::text::decode;
use wallet_import::{DateOrder, Error, ImportOptions, Importer, Statement};

fn options(order: DateOrder, currency: &str) -> ImportOptions {
    ImportOptions {
        default_currency: currency.parse::<Currency>().unwrap(),
        date_order: Some(order),
    }
}

/// Reads `tests/fixtures/qif/<case>.input.qif` and compares the statement with `<case>.expected.json`;
/// QIF has no ids, so every row's id must be its fallback id.
fn golden(case: &str, options: &ImportOptions) {
    let statement = common::golden_json(&Qif, "qif", case, "qif", options);
    let mut again = statement.rows.clone();
    again.iter_mut().for_each(|row| row.id.clear());
    assign_fallback_ids(&mut again);
    assert_eq!(
        again, statement.rows,
        "{case}: the ids are not the fallback ids"
    );
}

fn read(text: &str, options: &ImportOptions) -> Result<Statement, Error> {
    Qif.read(&decode(text.as_bytes()).unwrap(), options)
}

#[test]
fn month_day_year_with_apostrophe_years_a_split_a_transfer_and_two_sections_reads() {
    golden(
        "month_day_year_apostrophes_split_transfer",
        &options(DateOrder::MonthDayYear, "USD"),
    );
}

#[test]
fn day_month_year_with_a_two_digit_year_and_comma_decimals_reads() {
    golden("day_month_year", &options(DateOrder::DayMonthYear, "EUR"));
}

#[test]
fn year_month_day_reads() {
    golden("year_month_day", &options(DateOrder::YearMonthDay, "CNY"));
}

#[test]
fn without_a_date_order_the_file_is_refused_with_a_question_for_the_person() {
    let refused = read(
        "!Type:Bank\nD2/14'2020\nT-1.00\n^\n",
        &ImportOptions::default(),
    );
    assert_eq!(
        refused,
        Err(Error::Options(
            "QIF does not say how its dates are written: choose day/month/year, month/day/year or year/month/day".into()
        ))
    );
}

#[test]
fn a_date_that_does_not_fit_the_chosen_order_fails_the_file_naming_its_line() {
    let text = "!Type:Bank\nD1/2/2020\nT-1.00\n^\nD2/14/2020\nT-1.00\n^\n";
    let Err(Error::Malformed { line, problem }) =
        read(text, &options(DateOrder::DayMonthYear, "EUR"))
    else {
        panic!("read 2/14/2020 as day/month/year");
    };
    assert_eq!(line, 5);
    assert!(problem.contains("2/14/2020"), "{problem}");
}

#[test]
fn a_record_without_an_amount_fails_the_file() {
    let text = "!Type:Bank\nD1/2/2020\nPShop\n^\n";
    assert!(matches!(
        read(text, &options(DateOrder::MonthDayYear, "USD")),
        Err(Error::Malformed { line: 2, .. })
    ));
}

#[test]
fn a_file_cut_off_inside_a_record_is_truncated() {
    let text = "!Type:Bank\nD1/2/2020\nT-1.00\n^\nD1/3/2020\nT-2.";
    assert!(matches!(
        read(text, &options(DateOrder::MonthDayYear, "USD")),
        Err(Error::Truncated { .. })
    ));
}

#[test]
fn qif_is_recognised_by_a_type_line_and_nothing_else_is() {
    let recognises = |text: &str| Qif.recognises(&decode(text.as_bytes()).unwrap());
    assert!(recognises("!Type:Bank\nD1/2/2020\n^\n"));
    assert!(recognises(
        "!Option:AutoSwitch\n!Account\nNX\n^\n!type:CCard\n"
    ));
    assert!(!recognises(":20:X\n:61:240101C1,00NTRF\n"));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_make_the_qif_importer_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(decoded) = decode(&bytes) {
            let _ = Qif.recognises(&decoded);
            for order in [DateOrder::MonthDayYear, DateOrder::DayMonthYear, DateOrder::YearMonthDay] {
                let _ = Qif.read(&decoded, &options(order, "USD"));
            }
        }
    }

    #[test]
    fn arbitrary_text_made_of_qif_lines_never_makes_the_importer_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("!Type:Bank".to_string()), Just("!Account".to_string()), Just("^".to_string()),
                "D[0-9/.' -]{0,12}", "[TU$][0-9,.-]{0,10}", "[PMLNSE]\\PC{0,10}", Just("L[".to_string()),
                "\\PC{0,10}",
            ],
            0..40,
        )
    ) {
        let decoded = common::utf8(lines.join("\n"));
        for order in [DateOrder::MonthDayYear, DateOrder::DayMonthYear, DateOrder::YearMonthDay] {
            let _ = Qif.read(&decoded, &options(order, "JPY"));
        }
    }
}

#[test]
fn card_and_cash_sections_after_account_blocks_and_autoswitch_options_read_with_comma_amounts() {
    golden(
        "month_day_year_ccard_cash_account_blocks",
        &options(DateOrder::MonthDayYear, "CNY"),
    );
    let text = std::fs::read_to_string(common::fixture(
        "qif",
        "month_day_year_ccard_cash_account_blocks.input.qif",
    ))
    .unwrap();
    let statement = read(&text, &options(DateOrder::MonthDayYear, "CNY")).unwrap();
    assert_eq!(statement.rows.len(), 4);
    assert_eq!(statement.rows[0].amount.to_string(), "-1234.50 CNY");
    assert_eq!(
        statement.rows[3].description.as_deref(),
        Some("Magazine; Gum")
    );
}

#[test]
fn a_sections_last_record_without_its_caret_ends_at_the_next_type_header() {
    let text = "!Type:Bank\nD2024/03/01\nT-12.50\nPTesco\n^\nD2024/03/02\nT-3.00\nPPret\n!Type:CCard\nD2024/03/03\nT-40.00\nPAmazon\n^\n";
    let statement = read(text, &options(DateOrder::YearMonthDay, "GBP")).unwrap();
    let payees: Vec<_> = statement
        .rows
        .iter()
        .map(|row| (row.line, row.counterparty.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        payees,
        [
            (2, "Tesco".into()),
            (6, "Pret".into()),
            (10, "Amazon".into())
        ]
    );
    assert_eq!(statement.rows[1].amount.amount().to_string(), "-3.00");
}

/// The date order each fixture is written in, by its name.
fn fixture_options(name: &str) -> ImportOptions {
    let order = if name.starts_with("day_month_year") {
        DateOrder::DayMonthYear
    } else if name.starts_with("year_month_day") {
        DateOrder::YearMonthDay
    } else {
        DateOrder::MonthDayYear
    };
    options(order, "USD")
}

#[test]
fn each_fixture_cut_in_the_middle_of_its_last_row_is_refused_naming_the_line_it_stops_on() {
    common::each_fixture_cut_in_its_last_row_is_refused("qif", false, fixture_options);
}

#[test]
fn each_fixture_without_the_line_end_after_its_last_line_reads_the_same() {
    common::each_fixture_without_its_last_line_end_reads_the_same("qif", fixture_options);
}
