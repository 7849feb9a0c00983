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

/// Bytes from a fixed xorshift generator: the same "random" file every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

/// A ZIP holding one text file, stored: a ZIP, but no workbook.
fn zip_of_a_text_file() -> Vec<u8> {
    let name = b"notes.txt";
    let data = b"not a spreadsheet\n";
    let mut header = Vec::new();
    header.extend(20u16.to_le_bytes());
    header.extend([0u8; 8]); // flags, method (stored), time, date
    header.extend(0u32.to_le_bytes()); // crc (unchecked here)
    header.extend((data.len() as u32).to_le_bytes());
    header.extend((data.len() as u32).to_le_bytes());
    header.extend((name.len() as u16).to_le_bytes());
    header.extend(0u16.to_le_bytes());
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend(&header);
    zip.extend(name);
    zip.extend(data);
    let central_at = zip.len() as u32;
    let mut central = b"PK\x01\x02".to_vec();
    central.extend(20u16.to_le_bytes());
    central.extend(&header);
    central.extend([0u8; 12]); // comment length, disk, attributes
    central.extend(0u32.to_le_bytes()); // offset
    central.extend(name);
    zip.extend(&central);
    zip.extend(b"PK\x05\x06");
    zip.extend([0u8; 4]);
    zip.extend(1u16.to_le_bytes());
    zip.extend(1u16.to_le_bytes());
    zip.extend((central.len() as u32).to_le_bytes());
    zip.extend(central_at.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip
}

/// What a file that is not a statement must be: refused, as empty, unknown, not text, or naming a line;
/// never read, not even as a statement with no rows.
fn assert_refused_clearly(bytes: &[u8], what: &str) {
    for options in [
        ImportOptions::default(),
        ImportOptions {
            date_order: Some(DateOrder::DayMonthYear),
            ..ImportOptions::default()
        },
    ] {
        match wallet_import::read(bytes, &options) {
            Err(Error::Empty | Error::UnknownFormat | Error::Encoding) => {}
            Err(Error::Malformed { line, problem }) => {
                assert!(
                    line >= 1 && !problem.is_empty(),
                    "{what}: line {line}: {problem}"
                );
            }
            other => panic!("{what}: read as {other:?}"),
        }
    }
}

#[test]
fn binary_files_are_refused_as_unknown_or_not_text_and_never_read_as_a_statement() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend(noise(1, 600));
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n".to_vec();
    pdf.extend(noise(2, 600));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend(noise(3, 600));
    let mut zip_junk = b"PK\x03\x04".to_vec();
    zip_junk.extend(noise(4, 600));
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("a PNG".into(), png),
        ("a PDF".into(), pdf),
        ("an ELF binary".into(), elf),
        ("a ZIP that is no workbook".into(), zip_of_a_text_file()),
        ("a ZIP header and junk".into(), zip_junk),
        ("a lone byte-order mark".into(), b"\xEF\xBB\xBF".to_vec()),
        ("NUL bytes".into(), vec![0; 300]),
        (
            "a UTF-16 mark and junk".into(),
            [&[0xFF, 0xFE][..], &noise(5, 301)].concat(),
        ),
    ];
    for seed in 0..200 {
        cases.push((
            format!("random bytes (seed {seed})"),
            noise(seed + 100, 1 + seed as usize * 13),
        ));
    }
    for (what, bytes) in cases {
        assert_refused_clearly(&bytes, &what);
    }
}

#[test]
fn a_fixture_that_turns_into_binary_after_its_first_row_is_refused_naming_a_line() {
    for (path, _) in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let options = ImportOptions {
            date_order: Some(match name.as_str() {
                n if n.starts_with("day_month") => DateOrder::DayMonthYear,
                n if n.starts_with("year_month") => DateOrder::YearMonthDay,
                _ => DateOrder::MonthDayYear,
            }),
            ..ImportOptions::default()
        };
        let whole = wallet_import::read(&bytes, &options).unwrap();
        let first = whole.rows[0].line;
        // The file up to the end of its first row's line (UTF-16: two bytes a line end), then noise.
        let wide = name.ends_with(".txt");
        let mut kept = 0;
        let mut ends = 0;
        while ends < first && kept < bytes.len() {
            if bytes[kept] == b'\n' {
                ends += 1;
            }
            kept += 1;
        }
        if wide {
            kept += kept % 2;
        }
        if bytes[kept..].iter().all(u8::is_ascii_whitespace) {
            // One line holds the whole document (OFX on one line): noise after its end is not in it.
            continue;
        }
        for seed in 0..20 {
            let damaged = [&bytes[..kept], &noise(seed + 1000, 700)].concat();
            match wallet_import::read(&damaged, &options) {
                Err(Error::Malformed { line, .. }) => assert!(line >= first, "{name}: line {line}"),
                Err(Error::Truncated { problem }) => {
                    assert!(problem.contains("line"), "{name}: {problem}")
                }
                Err(Error::Encoding | Error::UnknownFormat) => {}
                other => {
                    panic!("{name} with noise after line {first} (seed {seed}): read as {other:?}")
                }
            }
        }
    }
}

#[test]
fn an_amount_too_large_for_a_wallet_is_refused_naming_its_line() {
    let text = "!Type:Bank\nD2024-03-01\nT-12.50\nPTesco\n^\nD2024-03-02\nT-99999999999999999999999999.99\nPBig\n^\n";
    let options = ImportOptions {
        date_order: Some(DateOrder::YearMonthDay),
        ..ImportOptions::default()
    };
    let Err(Error::Malformed { line, problem }) = wallet_import::read(text.as_bytes(), &options)
    else {
        panic!("read an amount no wallet can hold");
    };
    assert_eq!(line, 6);
    assert!(problem.contains("too large"), "{problem}");
}
