//! Consent dates: how long to ask for (never past the bank's maximum, never past 180 days), and how many
//! days are left, for the "renew your consent" warning.

use chrono::{DateTime, Duration, TimeZone, Utc};

/// PSD2's ceiling on a consent.
pub const MAX_CONSENT_DAYS: i64 = 180;
/// Warn this many days before a consent ends.
pub const RENEWAL_WARNING_DAYS: i64 = 7;

/// `valid_until` for `/auth`: now + min(180 days, the bank's maximum − 1 hour). A bank whose maximum is
/// an hour or less gets its maximum.
pub fn consent_valid_until(
    now: DateTime<Utc>,
    maximum_consent_validity_seconds: i64,
) -> DateTime<Utc> {
    let maximum = Duration::seconds(maximum_consent_validity_seconds.max(0));
    let margin = maximum - Duration::hours(1);
    let wanted = if margin > Duration::zero() {
        margin.min(Duration::days(MAX_CONSENT_DAYS))
    } else {
        maximum
    };
    now + wanted
}

/// Whole days left before `valid_until`; 0 once it has passed.
pub fn days_left<Tz: TimeZone>(now: DateTime<Utc>, valid_until: &DateTime<Tz>) -> i64 {
    (valid_until.with_timezone(&Utc) - now).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-01-01T12:00:00Z".parse().unwrap_or_default()
    }

    #[test]
    fn the_consent_asks_an_hour_less_than_the_bank_allows_and_never_past_180_days() {
        assert_eq!(
            consent_valid_until(now(), 7_776_000),
            now() + Duration::days(90) - Duration::hours(1)
        );
        assert_eq!(
            consent_valid_until(now(), 15_552_000),
            now() + Duration::days(180) - Duration::hours(1)
        );
        assert_eq!(
            consent_valid_until(now(), 40_000_000),
            now() + Duration::days(180)
        );
        assert_eq!(
            consent_valid_until(now(), 1800),
            now() + Duration::seconds(1800)
        );
    }

    #[test]
    fn days_left_counts_whole_days_and_stops_at_zero() {
        assert_eq!(days_left(now(), &(now() + Duration::hours(36))), 1);
        assert_eq!(days_left(now(), &(now() - Duration::days(3))), 0);
    }
}
