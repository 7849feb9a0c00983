//! The `/accounts` query: date range (epoch seconds, end exclusive), pending, repeated `account`,
//! `balances-only` and `version`, encoded properly (account ids may hold any character).

use chrono::{DateTime, Utc};
use url::Url;

use crate::window::DateWindow;

/// Which answer shape to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    /// `version=1`: `errors` strings and `org` on each account.
    V1,
    /// `version=2` (draft): `errlist`, `connections`, `conn_id`.
    V2,
}

/// What to ask `/accounts` for. The default asks for everything the server gives by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// `start-date`: transactions on or after this instant.
    pub start: Option<DateTime<Utc>>,
    /// `end-date`: transactions strictly before this instant.
    pub end: Option<DateTime<Utc>>,
    /// `pending=1`: include pending transactions.
    pub pending: bool,
    /// `account=…`, repeated: only these accounts (all when empty).
    pub accounts: Vec<String>,
    /// `balances-only=1`: no transactions at all.
    pub balances_only: bool,
    /// `version=…`; the server picks when `None`.
    pub version: Option<ApiVersion>,
}

impl Query {
    /// The cheap call: balances and the account list, no transactions.
    pub fn balances_only() -> Query {
        Query {
            balances_only: true,
            ..Query::default()
        }
    }

    /// Transactions in `window` (`[start, end)`), pending included.
    pub fn window(window: DateWindow) -> Query {
        Query {
            start: Some(window.start),
            end: Some(window.end),
            pending: true,
            ..Query::default()
        }
    }

    pub fn with_version(mut self, version: ApiVersion) -> Query {
        self.version = Some(version);
        self
    }

    pub fn with_accounts<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Query {
        self.accounts.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Appends the parameters to `url`'s query (leaves it alone when there are none).
    pub(crate) fn apply(&self, url: &mut Url) {
        let mut params: Vec<(&str, String)> = Vec::new();
        if let Some(start) = self.start {
            params.push(("start-date", start.timestamp().to_string()));
        }
        if let Some(end) = self.end {
            params.push(("end-date", end.timestamp().to_string()));
        }
        if self.pending {
            params.push(("pending", "1".into()));
        }
        params.extend(self.accounts.iter().map(|id| ("account", id.clone())));
        if self.balances_only {
            params.push(("balances-only", "1".into()));
        }
        match self.version {
            Some(ApiVersion::V1) => params.push(("version", "1".into())),
            Some(ApiVersion::V2) => params.push(("version", "2".into())),
            None => {}
        }
        if !params.is_empty() {
            url.query_pairs_mut().extend_pairs(params);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_encoded_with_repeated_accounts() {
        let query = Query {
            start: DateTime::from_timestamp(1767225600, 0),
            end: DateTime::from_timestamp(1767312000, 0),
            pending: true,
            accounts: vec!["ACT-1".into(), "a&b=c d".into()],
            balances_only: true,
            version: Some(ApiVersion::V2),
        };
        let mut url = Url::parse("http://127.0.0.1/simplefin/accounts").expect("url");
        query.apply(&mut url);
        assert_eq!(
            url.query(),
            Some(
                "start-date=1767225600&end-date=1767312000&pending=1&account=ACT-1&account=a%26b%3Dc+d&balances-only=1&version=2"
            )
        );
    }

    #[test]
    fn the_default_query_adds_nothing() {
        let mut url = Url::parse("http://127.0.0.1/simplefin/accounts").expect("url");
        Query::default().apply(&mut url);
        assert_eq!(url.query(), None);
    }
}
