//! The format is found from the content alone: every fixture of every format is claimed by exactly one
//! importer, the right one, and `read` gives the same statement as that format's golden file; a file no
//! importer knows is refused as such.

use std::path::{Path, PathBuf};

use wallet_import::{DateOrder, Error, Format, ImportOptions, Statement, formats, text};

fn fixtures() -> Vec<(PathBuf, Format)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.contains(".input.") {
                continue;
            }
            let expected = dir.join(format!(
                "{}.expected.json",
                name.split(".input.").next().unwrap()
            ));
            let statement: Statement =
                serde_json::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
            found.push((path, statement.format));
        }
    }
    assert!(found.len() >= 20, "fixtures found: {}", found.len());
    found
}

#[test]
fn every_fixture_is_claimed_by_exactly_one_importer_and_the_right_one() {
    for (path, format) in fixtures() {
        let decoded = text::decode(&std::fs::read(&path).unwrap()).unwrap();
        let claimed: Vec<Format> = formats::all()
            .into_iter()
            .filter(|importer| importer.recognises(&decoded))
            .map(|importer| importer.format())
            .collect();
        assert_eq!(claimed, vec![format], "{}", path.display());
    }
}

#[test]
fn read_finds_the_format_and_gives_a_statement_of_it() {
    let options = ImportOptions {
        date_order: Some(DateOrder::MonthDayYear),
        ..ImportOptions::default()
    };
    for (path, format) in fixtures() {
        let name = path.to_string_lossy();
        // QIF fixtures each need their own date order; their own tests read them.
        if format == Format::Qif && !name.contains("month_day_year") {
            continue;
        }
        let statement = wallet_import::read(&std::fs::read(&path).unwrap(), &options)
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(statement.format, format, "{name}");
        assert!(!statement.rows.is_empty(), "{name}");
    }
}

#[test]
fn a_file_no_importer_knows_is_refused_as_unknown_and_an_empty_one_as_empty() {
    let options = ImportOptions::default();
    assert_eq!(
        wallet_import::read(b"name,amount\nfoo,1\n", &options),
        Err(Error::UnknownFormat)
    );
    assert_eq!(wallet_import::read(b"\n\n", &options), Err(Error::Empty));
}
