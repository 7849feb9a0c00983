//! The search index over bill lines' words (`line_search`, an FTS5 index of trigrams, see its migration
//! and docs/decisions/line-search-index.md): a search text as an index query, and which way a page of
//! the search is found fastest: the few lines the index names, or every line newest first.

use std::collections::HashSet;

use sqlx::sqlite::SqliteConnection;
use wallet_core::AccountId;

use crate::error::Result;

/// How a page of a search is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SearchWay {
    /// The index names no line that could hold the text: the page is empty.
    NoLine,
    /// The index names a few lines (this FTS5 query finds them): read those, newest first.
    Named(String),
    /// Many lines may hold it (or the index cannot tell): read lines newest first until the page is
    /// full, which a common text fills soon.
    Newest,
}

/// Trigrams that may start with a one- or two-character search; more and it is read newest first.
const MOST_SHORT_TERMS: usize = 1_000;

/// What looking a line up by its id costs, in lines read newest first: a lookup decrypts a page of the
/// wallet file for one line, reading in order one page for dozens of lines.
const LOOKUP_IN_LINES_READ: u64 = 16;

/// Which way finds the first `limit` lines holding `text` (trimmed, not empty) soonest. Reading the named
/// lines costs a lookup each; reading newest first costs about `limit × lines ÷ named` lines read: the
/// two cost the same at √(limit × lines ÷ a lookup's cost) named lines, so the index is counted that far
/// and no further.
pub(crate) async fn search_way(
    conn: &mut SqliteConnection,
    text: &str,
    account: Option<AccountId>,
    limit: u32,
) -> Result<SearchWay> {
    let Some(mut query) = text_query(conn, text).await? else {
        return Ok(SearchWay::Newest);
    };
    if query.is_empty() {
        return Ok(SearchWay::NoLine);
    }
    if let Some(account) = account {
        let number: Option<i64> = sqlx::query_scalar("SELECT no FROM accounts WHERE id = ?")
            .bind(account.to_string())
            .fetch_optional(&mut *conn)
            .await?;
        let Some(number) = number else {
            return Ok(SearchWay::NoLine);
        };
        query = format!(
            "({query}) AND {}",
            all_trigrams(&format!("\u{2}{number}\u{2}"))
        );
    }
    let lines: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM transactions")
        .fetch_one(&mut *conn)
        .await?;
    let page = u64::from(limit) + 1;
    let lines = u64::try_from(lines).unwrap_or(0);
    let worth_reading = (page.saturating_mul(lines) / LOOKUP_IN_LINES_READ)
        .isqrt()
        .max(page);
    let worth_reading = i64::try_from(worth_reading).unwrap_or(i64::MAX - 1);
    let named: i64 =
        sqlx::query_scalar("SELECT count(*) FROM (SELECT 1 FROM line_search(?) LIMIT ?)")
            .bind(&query)
            .bind(worth_reading + 1)
            .fetch_one(&mut *conn)
            .await?;
    Ok(match named {
        0 => SearchWay::NoLine,
        n if n <= worth_reading => SearchWay::Named(query),
        _ => SearchWay::Newest,
    })
}

/// The FTS5 query naming every line whose merchant, counterparty or description may hold `text`: all of
/// its trigrams, or for one or two characters any trigram starting with them. `Some("")` when no line
/// can; None when the index cannot tell (see `folded`).
async fn text_query(conn: &mut SqliteConnection, text: &str) -> Result<Option<String>> {
    // The tokenizer stops at a NUL.
    if text.contains('\0') {
        return Ok(None);
    }
    if text.chars().count() >= 3 {
        return Ok(Some(all_trigrams(text)));
    }
    let Some(start) = folded(text) else {
        return Ok(None);
    };
    // From each trigram to the next one up (the smallest text above a term is the term and U+0001),
    // never reading a trigram's lines; the walk ends on a NULL.
    let walked: Vec<Option<String>> = sqlx::query_scalar(
        "WITH RECURSIVE next (term) AS (
             SELECT (SELECT term FROM line_search_terms
                     WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT 1)
             UNION ALL
             SELECT (SELECT term FROM line_search_terms
                     WHERE term >= next.term || char(1) AND term < ?1 || char(1114111) LIMIT 1)
             FROM next WHERE next.term IS NOT NULL LIMIT ?2)
         SELECT term FROM next",
    )
    .bind(&start)
    .bind(MOST_SHORT_TERMS as i64 + 1)
    .fetch_all(&mut *conn)
    .await?;
    if walked.last().is_some_and(Option::is_some) {
        // More trigrams than that start so: a text that common is read newest first.
        return Ok(None);
    }
    // Account numbers (U+0002) are no words.
    let terms: Vec<String> = walked
        .into_iter()
        .flatten()
        .filter(|term| !term.contains('\u{2}'))
        .collect();
    Ok(Some(
        terms
            .iter()
            .map(|term| quoted(term))
            .collect::<Vec<_>>()
            .join(" OR "),
    ))
}

/// Every trigram of `text` (three characters or more), each once, all required.
fn all_trigrams(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut seen = HashSet::new();
    chars
        .windows(3)
        .map(|window| window.iter().collect::<String>())
        .filter(|trigram| seen.insert(trigram.clone()))
        .map(|trigram| quoted(&trigram))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// An FTS5 string: inside double quotes, a double quote doubled.
fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The text as the index keeps it (its tokenizer folds case), for looking its trigrams up by their
/// start: Latin letters in lower case, and characters without case (Chinese) as they are. None for a
/// letter of another cased script, whose folding Rust and SQLite might not agree on.
fn folded(text: &str) -> Option<String> {
    text.chars()
        .map(|c| {
            let uncased =
                c.to_lowercase().eq(std::iter::once(c)) && c.to_uppercase().eq(std::iter::once(c));
            (c.is_ascii() || uncased).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_queried_as_all_its_trigrams_each_once() {
        assert_eq!(all_trigrams("星巴克"), "\"星巴克\"");
        assert_eq!(all_trigrams("aaaa"), "\"aaa\"");
        assert_eq!(
            all_trigrams("Star\"s"),
            "\"Sta\" AND \"tar\" AND \"ar\"\"\" AND \"r\"\"s\""
        );
    }

    #[test]
    fn only_latin_and_caseless_characters_are_folded_here() {
        assert_eq!(folded("滴滴").as_deref(), Some("滴滴"));
        assert_eq!(folded("JD").as_deref(), Some("jd"));
        assert_eq!(folded("Éa"), None);
    }
}

#[cfg(test)]
mod ways {
    use chrono::{TimeZone, Utc};
    use tempfile::TempDir;
    use wallet_core::{
        Account, AccountKind, BankLinkId, Currency, Money, Transaction, TransactionStatus,
    };

    use super::*;
    use crate::{BankLink, DatabaseKey, KEY_BYTES, LinkKind, Store, StoreOptions};

    /// A wallet of 400 lines: 4 at 星巴克, 100 at 海底捞, the rest at 永辉超市.
    async fn wallet(dir: &TempDir) -> (Store, AccountId) {
        let store = Store::open(&StoreOptions::at(
            dir.path().join("wallet.db"),
            DatabaseKey::from_bytes([7; KEY_BYTES]),
        ))
        .await
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 10, 1, 12, 0, 0).unwrap();
        let link = BankLinkId::new();
        store
            .insert_bank_link(&BankLink {
                id: link,
                kind: LinkKind::OpenBanking,
                bank_name: "Bank".into(),
                base_url: None,
                embedded: true,
                customer: None,
                created_at: now,
                last_synced_at: None,
            })
            .await
            .unwrap();
        let account = store
            .upsert_account(
                &Account {
                    id: AccountId::new(),
                    bank_link: link,
                    bank_account_id: "a".into(),
                    bank_name: "Bank".into(),
                    kind: AccountKind::DebitCard,
                    masked_number: "•••• 0001".into(),
                    currency: Currency::CNY,
                    name: "Card".into(),
                    nickname: None,
                    balance: Money::zero(Currency::CNY),
                    available: None,
                    credit_limit: None,
                    routing: None,
                },
                now,
            )
            .await
            .unwrap();
        let lines: Vec<Transaction> = (0..400)
            .map(|i| {
                let merchant = match i {
                    i if i % 100 == 1 => "星巴克",
                    i if i % 4 == 0 => "海底捞 Haidilao",
                    _ => "永辉超市",
                };
                Transaction {
                    account_id: account,
                    bank_transaction_id: format!("l{i}"),
                    status: TransactionStatus::Booked,
                    booked_at: now + chrono::Duration::hours(i),
                    value_at: None,
                    amount: Money::parse("-1.00", Currency::CNY).unwrap(),
                    original_amount: None,
                    merchant: Some(merchant.into()),
                    mcc: None,
                    counterparty: None,
                    description: merchant.into(),
                    category_id: "food".into(),
                }
            })
            .collect();
        store.upsert_transactions(&lines).await.unwrap();
        (store, account)
    }

    #[tokio::test]
    async fn a_rare_text_is_read_from_the_index_a_common_one_newest_first_and_an_absent_one_not_at_all()
     {
        let dir = TempDir::new().unwrap();
        let (store, account) = wallet(&dir).await;
        let mut conn = store.pool().acquire().await.unwrap();
        let way = |text: &'static str, account: Option<AccountId>| {
            let store = store.clone();
            async move {
                let mut conn = store.pool().acquire().await.unwrap();
                search_way(&mut conn, text, account, 5).await.unwrap()
            }
        };
        assert!(matches!(way("星巴克", None).await, SearchWay::Named(_)));
        assert!(matches!(way("星巴", None).await, SearchWay::Named(_)));
        assert!(matches!(
            way("星", Some(account)).await,
            SearchWay::Named(_)
        ));
        assert_eq!(way("海底捞", None).await, SearchWay::Newest);
        assert_eq!(way("Haidilao", Some(account)).await, SearchWay::Newest);
        assert_eq!(way("海", None).await, SearchWay::Newest);
        assert_eq!(way("必胜客", None).await, SearchWay::NoLine);
        assert_eq!(way("必胜", None).await, SearchWay::NoLine);
        assert_eq!(way("x", None).await, SearchWay::NoLine);
        assert_eq!(
            way("星巴克", Some(AccountId::new())).await,
            SearchWay::NoLine
        );
        assert_eq!(way("Éa", None).await, SearchWay::Newest, "cannot tell");
        // The index is stepped through trigram by trigram.
        assert_eq!(
            text_query(&mut conn, "海").await.unwrap().as_deref(),
            Some("\"海底捞\"")
        );
        assert_eq!(
            text_query(&mut conn, "超市").await.unwrap().as_deref(),
            Some("\"超市\u{1}\"")
        );
        assert_eq!(
            text_query(&mut conn, "市").await.unwrap().as_deref(),
            Some("\"市\u{1}\u{1}\"")
        );
    }
}
