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
