//! An export's month never reaches a file name unchecked (issue 17, item 8): `../` and anything else that
//! is not YYYY-MM is refused before a folder or file is made.

mod common;

use std::path::{Path, PathBuf};

use wallet_app::ErrorCode;
use wallet_app::dto::TransactionQuery;

/// Every file and folder under `root`, recursively, sorted.
fn everything_under(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .flat_map(|path| {
            let inside = if path.is_dir() {
                everything_under(&path)
            } else {
                Vec::new()
            };
            std::iter::once(path).chain(inside)
        })
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn an_export_month_that_climbs_out_of_the_folder_is_refused_and_writes_nothing_anywhere() {
    let w = common::world().await;
    w.sync().await;
    let root = w._dir.path();
    let before = everything_under(root);
    for month in [
        "../../x",
        "../../../../escape",
        "2026-10/../../../x",
        "..\\..\\x",
        "/tmp/x",
        "2026-10\0",
        "2026-13",
        "2026-1",
        "+2026-10",
        "２０２６-10",
    ] {
        let query = TransactionQuery {
            month: Some(month.into()),
            ..TransactionQuery::default()
        };
        let refused = w
            .wallet
            .bills()
            .unwrap()
            .export_bills_csv(query)
            .await
            .expect_err(month);
        assert_eq!(
            refused.code,
            ErrorCode::InvalidInput,
            "{month:?}: {refused:?}"
        );
        assert!(refused.message.contains("YYYY-MM"), "{}", refused.message);
    }
    assert_eq!(
        everything_under(root),
        before,
        "a refused export made files or folders"
    );
}

#[tokio::test]
async fn an_export_of_a_well_formed_month_to_a_chosen_file_still_writes_it() {
    let w = common::world().await;
    w.sync().await;
    let file = w._dir.path().join("out/october.csv");
    let query = TransactionQuery {
        month: Some(" 2026-10 ".into()),
        ..TransactionQuery::default()
    };
    let result = w
        .wallet
        .bills()
        .unwrap()
        .export_bills_csv_to(query, Some(file.display().to_string()))
        .await
        .expect("exports");
    assert!(result.lines > 0);
    assert!(file.exists());
}
