//! What the format tests share: fixture paths, golden files (a statement read and compared with its
//! hand-checked `<case>.expected.json`), and feeding whatever the proptests generate to the importers.
// Each test file uses a part of it; the rest is dead code to that file's crate.
#![allow(dead_code)]

use std::path::PathBuf;

use pretty_assertions::assert_eq;
use serde_json::Value;
use wallet_import::text::{self, Decoded};
use wallet_import::{ImportOptions, Importer, Statement};

/// `tests/fixtures/<format>/<name>`.
pub fn fixture(format: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format)
        .join(name)
}

pub fn decoded(text: &str) -> Decoded {
    text::decode(text.as_bytes()).unwrap()
}

/// Text as if decoded from UTF-8, for generated text that need not survive the decoder.
pub fn utf8(text: String) -> Decoded {
    Decoded {
        text,
        encoding: "UTF-8",
        bytes: Vec::new(),
    }
}

/// `<case>.expected.json` of `format` as a statement.
pub fn expected(format: &str, case: &str) -> Statement {
    let json = std::fs::read_to_string(fixture(format, &format!("{case}.expected.json"))).unwrap();
    serde_json::from_str(&json).unwrap()
}

pub fn ids(statement: &Statement) -> Vec<String> {
    statement.rows.iter().map(|r| r.id.clone()).collect()
}

/// The hand-checked content first (everything but the ids, which are hashes), then the ids.
pub fn assert_golden(actual: &Statement, expected: &Statement) {
    let without_ids = |s: &Statement| {
        let mut s = s.clone();
        s.rows.iter_mut().for_each(|r| r.id.clear());
        s
    };
    assert_eq!(without_ids(actual), without_ids(expected));
    assert_eq!(ids(actual), ids(expected), "ids");
}

/// `<case>.input.csv` of `format`, recognised and read by `importer`.
pub fn read_fixture(importer: &dyn Importer, format: &str, case: &str) -> Statement {
    let bytes = std::fs::read(fixture(format, &format!("{case}.input.csv"))).unwrap();
    let text = text::decode(&bytes).unwrap();
    assert!(importer.recognises(&text), "{case} not recognised");
    importer.read(&text, &ImportOptions::default()).unwrap()
}

/// Reads `tests/fixtures/<format>/<case>.input.<ext>` and compares the statement, as JSON, with
/// `<case>.expected.json`.
pub fn golden_json(
    importer: &dyn Importer,
    format: &str,
    case: &str,
    ext: &str,
    options: &ImportOptions,
) -> Statement {
    let bytes = std::fs::read(fixture(format, &format!("{case}.input.{ext}"))).unwrap();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(format, &format!("{case}.expected.json"))).unwrap(),
    )
    .unwrap();
    let decoded = text::decode(&bytes).unwrap();
    assert!(importer.recognises(&decoded), "{case} is not recognised");
    let statement = importer.read(&decoded, options).unwrap();
    assert_eq!(
        serde_json::to_value(&statement).unwrap(),
        expected,
        "{case}"
    );
    statement
}

/// What a proptest checks: each importer that recognises `text` reads it without panicking.
pub fn read_if_recognised(importers: &[&dyn Importer], text: &Decoded) {
    for importer in importers {
        if importer.recognises(text) {
            let _ = importer.read(text, &ImportOptions::default());
        }
    }
}

/// What a proptest checks: each importer asked about `text` and made to read it, without panicking.
pub fn recognise_and_read(importers: &[&dyn Importer], text: &Decoded) {
    for importer in importers {
        let _ = importer.recognises(text);
        let _ = importer.read(text, &ImportOptions::default());
    }
}

/// Every `*.input.*` fixture of `format`: its name and bytes, sorted by name.
pub fn inputs(format: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains(".input."))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

/// `text` in `encoding` (the name `text::decode` gave), as the fixture was written: UTF-16 with its
/// byte-order mark, the others through encoding_rs.
fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "UTF-16LE" => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        "UTF-16BE" => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        other => {
            let encoding = encoding_rs::Encoding::for_label(other.as_bytes()).unwrap();
            encoding.encode(text).0.into_owned()
        }
    }
}

/// The file as downloads that stopped inside line `line` (1-based) leave it: the text up to each
/// separator on that line after its first character (`,` tab `<` `/` space: no character is split), and
/// up to the middle of the line, each in the file's own encoding, with nothing after.
///
/// For a table (`table`), only cuts that leave out at least one cell after the cut are made: a cut
/// inside a row's last cell leaves a row with every column, which nothing can tell from a whole one.
pub fn cuts_in_line(bytes: &[u8], line: usize, table: bool) -> Vec<Vec<u8>> {
    let decoded = text::decode(bytes).unwrap();
    let start: usize = decoded
        .text
        .split('\n')
        .take(line - 1)
        .map(|l| l.len() + 1)
        .sum();
    let content = decoded.text[start..].split('\n').next().unwrap();
    // After the line's first character that is not a space: a cut leaves something on the line.
    let first = content.len() - content.trim_start().len() + 1;
    let middle =
        (content.len() / 2..content.len()).find(|at| *at >= first && content.is_char_boundary(*at));
    content
        .char_indices()
        .filter(|(at, c)| *at >= first && matches!(c, ',' | '\t' | '<' | '/' | ' '))
        .map(|(at, _)| at)
        .chain(middle)
        // A cut that leaves out only empty cells (`,,,` padding) has lost nothing.
        .filter(|at| !content[*at..].trim_matches([',', '\t', ' ']).is_empty())
        .filter(|at| {
            !table
                || content[*at..]
                    .trim_end_matches([',', '\t', ' '])
                    .contains([',', '\t'])
        })
        .map(|at| encoded(&decoded.text[..start + at], decoded.encoding))
        .collect()
}

/// What a file cut inside a row must be: refused, naming the line it stops on — `Malformed` at that line,
/// or `Truncated` saying "line N" — never read.
pub fn assert_refused_naming(result: wallet_import::Result<Statement>, line: usize, case: &str) {
    match result {
        Err(wallet_import::Error::Malformed {
            line: named,
            problem,
        }) => {
            assert_eq!(named, line, "{case}: {problem}");
        }
        Err(wallet_import::Error::Truncated { problem }) => {
            assert!(
                problem.contains(&format!("line {line}")),
                "{case}: the error does not name line {line}: {problem}"
            );
        }
        other => panic!("{case}: cut inside line {line}, read as {other:?}"),
    }
}

/// Each fixture of `format`, cut anywhere inside the line its last row starts on (before each separator
/// and in the middle), is refused naming that line.
pub fn each_fixture_cut_in_its_last_row_is_refused(
    format: &str,
    table: bool,
    options: impl Fn(&str) -> ImportOptions,
) {
    for (name, bytes) in inputs(format) {
        let options = options(&name);
        let whole = wallet_import::read(&bytes, &options).unwrap();
        let line = whole.rows.last().expect("a fixture with rows").line;
        for cut in cuts_in_line(&bytes, line, table) {
            let case = format!("{name} cut to {} bytes", cut.len());
            assert_refused_naming(wallet_import::read(&cut, &options), line, &case);
        }
    }
}

/// Each fixture of `format` without the line end after its last line reads as it did with it.
pub fn each_fixture_without_its_last_line_end_reads_the_same(
    format: &str,
    options: impl Fn(&str) -> ImportOptions,
) {
    for (name, bytes) in inputs(format) {
        let options = options(&name);
        let whole = wallet_import::read(&bytes, &options).unwrap();
        let decoded = text::decode(&bytes).unwrap();
        let without = encoded(decoded.text.trim_end_matches('\n'), decoded.encoding);
        assert_eq!(
            wallet_import::read(&without, &options),
            Ok(whole),
            "{name} without its last line end"
        );
    }
}
