//! The Bridge caps one `/accounts` call at 90 days (`end-date − start-date`), silently. A longer backfill
//! is asked for in chunks, each `[start, end)` (the end is exclusive, so chunks meet without overlap).

use chrono::{DateTime, TimeDelta, Utc};

/// The longest range one request may ask for.
pub const MAX_WINDOW_DAYS: i64 = 90;

/// One request's date range: transactions at or after `start` and strictly before `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// `[start, now)` split into consecutive windows of at most 90 days, oldest first; the last ends at
/// `now`. Empty when `start` is not before `now`. A transaction stamped exactly `now` falls outside;
/// the next sync's overlap picks it up (or omit `end-date` on the last window).
pub fn date_windows(start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<DateWindow> {
    let step = TimeDelta::days(MAX_WINDOW_DAYS);
    let mut windows = Vec::new();
    let mut from = start;
    while from < now {
        let end = from.checked_add_signed(step).map_or(now, |e| e.min(now));
        windows.push(DateWindow { start: from, end });
        from = end;
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + days * 86_400, 0).expect("time")
    }

    #[test]
    fn a_long_range_splits_into_90_day_chunks_that_meet() {
        let windows = date_windows(at(0), at(200));
        assert_eq!(
            windows,
            vec![
                DateWindow {
                    start: at(0),
                    end: at(90)
                },
                DateWindow {
                    start: at(90),
                    end: at(180)
                },
                DateWindow {
                    start: at(180),
                    end: at(200)
                },
            ]
        );
    }

    #[test]
    fn exactly_90_days_is_one_window_and_an_empty_range_none() {
        assert_eq!(date_windows(at(0), at(90)).len(), 1);
        assert!(date_windows(at(5), at(5)).is_empty());
        assert!(date_windows(at(6), at(5)).is_empty());
    }
}
