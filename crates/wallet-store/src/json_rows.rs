//! Long reports fetched as one JSON array instead of thousands of rows: sqlx hands each row from its
//! SQLite thread to the caller with a thread wake-up (~3 µs a row), which for the 10-year report cost
//! twice what SQLite spent on the query itself (docs/benchmarks.md).

use serde::de::DeserializeOwned;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::{Result, StoreError};

/// Starts `SELECT json_group_array(json_array(<columns>)) FROM (`: push the inner query after it,
/// then hand the builder to [`fetch_json_rows`], which closes the parenthesis.
pub(crate) fn json_rows_of(columns: &str) -> QueryBuilder<'static, Sqlite> {
    QueryBuilder::new(format!(
        "SELECT json_group_array(json_array({columns})) FROM ("
    ))
}

/// Runs a query started by [`json_rows_of`] and reads each row as a tuple of its columns; integers
/// come back exact (SQLite writes them as JSON integers, serde reads them as `i64`).
pub(crate) async fn fetch_json_rows<T: DeserializeOwned>(
    pool: &SqlitePool,
    mut query: QueryBuilder<'_, Sqlite>,
) -> Result<Vec<T>> {
    query.push(")");
    let text: String = query.build_query_scalar().fetch_one(pool).await?;
    serde_json::from_str(&text)
        .map_err(|error| StoreError::Corrupt(format!("a report's rows did not read back: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn rows_come_back_as_tuples_with_exact_integers_and_text() {
        let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
        let mut query = json_rows_of("n, label");
        query.push(
            "SELECT 9007199254740993 AS n, '餐饮 \"quoted\"' AS label UNION ALL SELECT -1, NULL",
        );
        let rows: Vec<(i64, Option<String>)> = fetch_json_rows(&pool, query).await.unwrap();
        assert_eq!(
            rows,
            vec![
                (9_007_199_254_740_993, Some("餐饮 \"quoted\"".to_string())),
                (-1, None)
            ]
        );
    }

    #[tokio::test]
    async fn no_rows_read_as_an_empty_list() {
        let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
        let mut query = json_rows_of("n");
        query.push("SELECT 1 AS n WHERE 0");
        let rows: Vec<(i64,)> = fetch_json_rows(&pool, query).await.unwrap();
        assert!(rows.is_empty());
    }
}
