//! The test server's state: claim codes, credentials with their request times, the accounts it serves
//! and the mode it answers in.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

/// How `/accounts` answers once the caller is authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The data, as asked for.
    #[default]
    Normal,
    /// 402: the subscription lapsed.
    PaymentRequired,
    /// 500 with an HTML page.
    ServerError,
    /// 200 with an HTML page (a proxy's error page).
    NotJson,
    /// 200 with JSON that is not an account set.
    Malformed,
    /// 200 with a 9 MiB body, its length declared.
    Oversized,
    /// 200 with a 9 MiB body streamed with no declared length.
    OversizedUndeclared,
    /// 302 to a plain-http address on another computer (`http://bridge.simplefin.invalid/…`).
    RedirectAway,
}

/// An account as the server holds it; amounts are the wire text, so a test chooses their decimals.
#[derive(Debug, Clone)]
pub struct SimAccount {
    pub id: String,
    pub name: String,
    pub conn_id: String,
    pub org_name: String,
    pub currency: String,
    pub balance: String,
    pub available_balance: Option<String>,
    pub balance_date: i64,
    pub transactions: Vec<SimTransaction>,
}

#[derive(Debug, Clone)]
pub struct SimTransaction {
    pub id: String,
    /// `0` while pending.
    pub posted: i64,
    pub amount: String,
    pub description: String,
    pub transacted_at: Option<i64>,
    pub pending: bool,
    pub payee: Option<String>,
}

impl SimTransaction {
    /// The instant the date filters compare: `posted`, or `transacted_at` while pending.
    pub(crate) fn filter_time(&self) -> i64 {
        if self.posted == 0 {
            self.transacted_at.unwrap_or(0)
        } else {
            self.posted
        }
    }
}

pub(crate) struct Credential {
    pub password: String,
    pub revoked: bool,
    pub requests: Vec<DateTime<Utc>>,
}

pub(crate) struct State {
    /// `127.0.0.1:PORT`, for the access URLs the claim hands out.
    pub authority: String,
    /// Claim code → already claimed.
    pub claims: HashMap<String, bool>,
    pub credentials: HashMap<String, Credential>,
    pub next_id: u64,
    pub accounts: Vec<SimAccount>,
    pub mode: Mode,
    /// (code, message, conn_id) sent with every 200.
    pub errors: Vec<(String, String, Option<String>)>,
    pub request_limit: Option<usize>,
    pub now: Option<DateTime<Utc>>,
    pub last_query: Option<String>,
}

impl State {
    pub fn new(authority: String) -> State {
        let mut credentials = HashMap::new();
        credentials.insert(
            "demo".to_string(),
            Credential {
                password: "demo".into(),
                revoked: false,
                requests: Vec::new(),
            },
        );
        State {
            authority,
            claims: HashMap::new(),
            credentials,
            next_id: 1,
            accounts: Vec::new(),
            mode: Mode::Normal,
            errors: Vec::new(),
            request_limit: None,
            now: None,
            last_query: None,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    pub fn new_claim_code(&mut self) -> String {
        let code = format!("CLAIM{:04}A7E0B1D4E55", self.next_id);
        self.next_id += 1;
        self.claims.insert(code.clone(), false);
        code
    }

    /// The access URL for a claim, or `None` (→ 403) for an unknown or spent code.
    pub fn claim(&mut self, code: &str) -> Option<String> {
        if code.eq_ignore_ascii_case("demo") {
            return Some(format!("http://demo:demo@{}/simplefin", self.authority));
        }
        match self.claims.get_mut(code) {
            Some(claimed) if !*claimed => *claimed = true,
            _ => return None,
        }
        let user = format!("USER{:04}", self.next_id);
        let password = format!("pw{:04}Zq8rT1vXk4P0", self.next_id);
        self.next_id += 1;
        self.credentials.insert(
            user.clone(),
            Credential {
                password: password.clone(),
                revoked: false,
                requests: Vec::new(),
            },
        );
        Some(format!(
            "http://{user}:{password}@{}/simplefin",
            self.authority
        ))
    }

    pub fn authenticate(&self, user: &str, password: &str) -> bool {
        self.credentials
            .get(user)
            .is_some_and(|c| !c.revoked && c.password == password)
    }

    pub fn revoke_all(&mut self) {
        for credential in self.credentials.values_mut() {
            credential.revoked = true;
        }
    }

    /// Counts a request now; true while the credential is within its limit.
    pub fn count_request(&mut self, user: &str) -> bool {
        let now = self.now();
        let limit = self.request_limit;
        let Some(credential) = self.credentials.get_mut(user) else {
            return false;
        };
        credential
            .requests
            .retain(|r| *r > now - TimeDelta::hours(24));
        credential.requests.push(now);
        limit.is_none_or(|limit| credential.requests.len() <= limit)
    }

    pub fn request_count(&self, user: &str) -> usize {
        let now = self.now();
        self.credentials.get(user).map_or(0, |c| {
            c.requests
                .iter()
                .filter(|r| **r > now - TimeDelta::hours(24))
                .count()
        })
    }

    pub fn account_mut(&mut self, id: &str) -> Option<&mut SimAccount> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    pub fn post_pending(
        &mut self,
        account_id: &str,
        pending_id: &str,
        new_id: &str,
        amount: &str,
        posted: i64,
    ) -> bool {
        let Some(account) = self.account_mut(account_id) else {
            return false;
        };
        let Some(place) = account
            .transactions
            .iter()
            .position(|t| t.id == pending_id && t.pending)
        else {
            return false;
        };
        let pending = account.transactions.remove(place);
        account.transactions.push(SimTransaction {
            id: new_id.into(),
            posted,
            amount: amount.into(),
            pending: false,
            ..pending
        });
        account
            .transactions
            .sort_by_key(SimTransaction::filter_time);
        true
    }
}
