//! The SimpleFIN Bridge's request quota, as pure logic. The Bridge's guide asks for at most 24 requests
//! per day per access URL, replenished through the day; its support said it warns at 48 and blocks at 96
//! (actualbudget/actual#3228). This keeps to the 24 asked for, over a rolling 24 hours, so a client
//! using it never reaches even the warning, and a person's manual syncs share the same budget.

use chrono::{DateTime, TimeDelta, Utc};

/// Requests made with one access URL, and when the next may be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    limit: usize,
    window: TimeDelta,
    requests: Vec<DateTime<Utc>>,
}

impl Quota {
    /// The Bridge's ask: 24 requests.
    pub const BRIDGE_LIMIT: usize = 24;
    /// …per rolling 24 hours.
    pub const BRIDGE_WINDOW: TimeDelta = TimeDelta::hours(24);

    /// The Bridge's quota (24 per rolling 24 h), with the instants of earlier requests.
    pub fn bridge(earlier: impl IntoIterator<Item = DateTime<Utc>>) -> Quota {
        Quota::new(Self::BRIDGE_LIMIT, Self::BRIDGE_WINDOW, earlier)
    }

    /// `limit` requests per rolling `window` (a `limit` of 0 is taken as 1).
    pub fn new(
        limit: usize,
        window: TimeDelta,
        earlier: impl IntoIterator<Item = DateTime<Utc>>,
    ) -> Quota {
        let mut requests: Vec<_> = earlier.into_iter().collect();
        requests.sort();
        Quota {
            limit: limit.max(1),
            window,
            requests,
        }
    }

    /// Notes a request made at `at`.
    pub fn record(&mut self, at: DateTime<Utc>) {
        let place = self.requests.partition_point(|r| *r <= at);
        self.requests.insert(place, at);
    }

    /// Forgets requests that no longer count at `now` (older than the window).
    pub fn prune(&mut self, now: DateTime<Utc>) {
        let cutoff = now - self.window;
        self.requests.retain(|r| *r > cutoff);
    }

    /// The requests still counting at `now`, oldest first.
    pub fn requests(&self) -> &[DateTime<Utc>] {
        &self.requests
    }

    /// How many more requests may be made at `now`.
    pub fn remaining(&self, now: DateTime<Utc>) -> usize {
        self.limit.saturating_sub(self.in_window(now).len())
    }

    /// When the next request may run: `now` if the window has room, else when enough of the earliest
    /// requests in the window have aged out of it. Requests stamped after `now` count too (a clock that
    /// moved back does not earn extra requests).
    pub fn next_allowed(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let counted = self.in_window(now);
        if counted.len() < self.limit {
            return now;
        }
        // The request that must leave the window for the count to drop below the limit.
        let leaving = counted[counted.len() - self.limit];
        (leaving + self.window).max(now)
    }

    fn in_window(&self, now: DateTime<Utc>) -> &[DateTime<Utc>] {
        let cutoff = now - self.window;
        let first = self.requests.partition_point(|r| *r <= cutoff);
        &self.requests[first..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600 + minutes * 60, 0).expect("time")
    }

    #[test]
    fn with_room_left_the_next_request_may_run_now() {
        let quota = Quota::bridge((0..23).map(at));
        assert_eq!(quota.next_allowed(at(100)), at(100));
        assert_eq!(quota.remaining(at(100)), 1);
    }

    #[test]
    fn a_full_day_waits_until_the_oldest_request_ages_out() {
        let mut quota = Quota::bridge([]);
        for hour in 0..24 {
            quota.record(at(hour * 60));
        }
        // 24 requests, one an hour from 00:00 to 23:00: at 23:30 the 00:00 one leaves at 24:00.
        assert_eq!(quota.next_allowed(at(23 * 60 + 30)), at(24 * 60));
        assert_eq!(quota.remaining(at(23 * 60 + 30)), 0);
        assert_eq!(quota.next_allowed(at(24 * 60)), at(24 * 60));
        quota.prune(at(24 * 60));
        assert_eq!(quota.requests().len(), 23);
    }

    #[test]
    fn over_the_limit_waits_for_enough_requests_to_age_out() {
        let quota = Quota::new(2, TimeDelta::hours(24), [at(0), at(10), at(20), at(30)]);
        // Four in the window, limit two: three must leave, the third (at 20) leaves at 24 h + 20 min.
        assert_eq!(quota.next_allowed(at(40)), at(24 * 60 + 20));
    }
}
