//! The PSD2 limit on background reads: at most four accesses per account in any rolling 24 hours when
//! the user is not present. Pure bookkeeping (the caller passes the time and keeps the record), so a sync
//! can skip an account instead of spending the bank's patience and getting a 429.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Duration, Utc};

/// The rule's numbers (RTS on SCA, art. 36(5)).
pub const UNATTENDED_PER_DAY: usize = 4;

/// Unattended accesses per account (keyed by whatever the caller uses: uid or identification hash).
#[derive(Debug, Clone, Default)]
pub struct UnattendedAccess {
    accesses: HashMap<String, VecDeque<DateTime<Utc>>>,
}

impl UnattendedAccess {
    pub fn new() -> Self {
        Self::default()
    }

    /// When the next unattended access to `account` is allowed: `now` if it is allowed now.
    pub fn next_allowed(&self, account: &str, now: DateTime<Utc>) -> DateTime<Utc> {
        let window_start = now - Duration::hours(24);
        let recent: Vec<&DateTime<Utc>> = self
            .accesses
            .get(account)
            .map(|times| times.iter().filter(|t| **t > window_start).collect())
            .unwrap_or_default();
        if recent.len() < UNATTENDED_PER_DAY {
            return now;
        }
        // The oldest access that has to leave the window before one more fits.
        let oldest = recent[recent.len() - UNATTENDED_PER_DAY];
        *oldest + Duration::hours(24)
    }

    pub fn allowed(&self, account: &str, now: DateTime<Utc>) -> bool {
        self.next_allowed(account, now) <= now
    }

    /// Notes an access at `at`, forgetting those older than a day.
    pub fn record(&mut self, account: &str, at: DateTime<Utc>) {
        let times = self.accesses.entry(account.to_string()).or_default();
        times.push_back(at);
        let window_start = at - Duration::hours(24);
        while times.front().is_some_and(|t| *t <= window_start) {
            times.pop_front();
        }
    }

    /// The accesses remembered for `account`, oldest first, to persist.
    pub fn accesses(&self, account: &str) -> Vec<DateTime<Utc>> {
        self.accesses
            .get(account)
            .map(|t| t.iter().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifth_access_waits_until_the_first_is_a_day_old() {
        let start: DateTime<Utc> = "2026-02-01T06:00:00Z".parse().unwrap_or_default();
        let mut limit = UnattendedAccess::new();
        for hour in [0, 4, 8, 12] {
            let at = start + Duration::hours(hour);
            assert!(limit.allowed("acc", at));
            limit.record("acc", at);
        }
        let later = start + Duration::hours(13);
        assert!(!limit.allowed("acc", later));
        assert_eq!(
            limit.next_allowed("acc", later),
            start + Duration::hours(24)
        );
        assert!(limit.allowed("other", later));
        assert!(limit.allowed("acc", start + Duration::hours(24)));
    }
}
