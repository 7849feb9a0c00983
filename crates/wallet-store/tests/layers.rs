//! The crate's parts import downwards only (src/lib.rs): `file` imports neither `tables` nor `ingest`,
//! and `tables` does not import `ingest`. Read from the sources, so a new import across the line fails
//! here rather than in review.

use std::path::Path;

/// Every `.rs` file under `src/<part>` with the text it holds.
fn sources(part: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(part);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no sources in {}", dir.display());
    found
}

fn imports_of(part: &str, forbidden: &[&str]) -> Vec<String> {
    sources(part)
        .into_iter()
        .flat_map(|(path, text)| {
            forbidden
                .iter()
                .filter(|above| text.contains(&format!("crate::{above}")))
                .map(|above| format!("{path} imports {above}"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_file_part_imports_neither_tables_nor_ingest() {
    assert_eq!(
        imports_of("file", &["tables", "ingest"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_tables_import_nothing_from_ingest() {
    assert_eq!(imports_of("tables", &["ingest"]), Vec::<String>::new());
}

#[test]
fn ingest_reads_the_tables_it_writes_through() {
    // The rule is one-way; this shows the check sees imports at all (ingest does import tables).
    assert!(!imports_of("ingest", &["tables"]).is_empty());
}
