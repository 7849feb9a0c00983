//! A day in the life of the sandbox's other customers: a pure function of the customer and the date (a
//! fixed ChaCha seed each), like the demo customer's, but smaller: pay, rent, bills and small purchases.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::customers::{EMILY, EMILY_CARD, EMILY_CURRENT, TANAKA, TANAKA_USD, TANAKA_YEN};
use crate::seed::Line;

const EMILY_SEED: u64 = 0x456d_696c_7921;
const TANAKA_SEED: u64 = 0x5461_6e61_6b61;

/// When a customer's accounts were opened: the morning before their first day (09:00 UTC).
pub fn opened_at(first: NaiveDate) -> DateTime<Utc> {
    at(first - Duration::days(1), 9, 0, 0)
}

/// `hour:minute` on `day` in a zone `offset` hours east of UTC.
fn at(day: NaiveDate, hour: u32, minute: u32, offset: i64) -> DateTime<Utc> {
    let local = day.and_hms_opt(hour, minute, 0).unwrap_or_default();
    Utc.from_utc_datetime(&local) - Duration::hours(offset)
}

fn line(account: &'static str, when: DateTime<Utc>, amount_minor: i64, text: &str) -> Line {
    Line {
        account,
        auth_at: when,
        book_at: when,
        rejected: false,
        amount_minor,
        information: text.to_string(),
        merchant: None,
        mcc: None,
        bank_code: None,
        counterparty: None,
        fx: None,
        charge_minor: None,
    }
}

fn rng_for(seed: u64, day: NaiveDate) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ u64::from(day.num_days_from_ce().unsigned_abs()))
}

/// Everything `customer` does on `day`; nothing before `first`, the first day of their history.
pub fn activity(customer: &str, day: NaiveDate, first: NaiveDate) -> Vec<Line> {
    if day < first {
        return Vec::new();
    }
    match customer {
        EMILY => emily(day, first),
        TANAKA => tanaka(day),
        _ => Vec::new(),
    }
}

/// (merchant, MCC, least and most in pence) Emily pays by card in London.
const EMILY_SHOPS: &[(&str, &str, i64, i64)] = &[
    ("Tesco", "5411", 400, 6_500),
    ("Pret A Manger", "5814", 350, 1_200),
    ("Transport for London", "4111", 280, 810),
    ("Amazon UK", "5399", 800, 9_000),
    ("Dishoom", "5812", 2_500, 7_000),
];

/// Emily's card payments on `day`: authorised in the day, booked 20–30 h later, 1 in 40 declined.
fn emily_card(day: NaiveDate) -> Vec<Line> {
    let mut rng = rng_for(EMILY_SEED, day);
    (0..rng.gen_range(0..=3))
        .map(|_| {
            let (name, mcc, least, most) = EMILY_SHOPS[rng.gen_range(0..EMILY_SHOPS.len())];
            let when = at(day, rng.gen_range(8..22), rng.gen_range(0..60), 0);
            Line {
                book_at: when + Duration::minutes(rng.gen_range(20 * 60..30 * 60)),
                rejected: rng.gen_ratio(1, 40),
                merchant: Some(name),
                mcc: Some(mcc),
                ..line(
                    EMILY_CARD,
                    when,
                    -rng.gen_range(least..=most),
                    &format!("Card payment {name}"),
                )
            }
        })
        .collect()
}

fn emily(day: NaiveDate, first: NaiveDate) -> Vec<Line> {
    let mut lines = emily_card(day);
    let mut rng = rng_for(EMILY_SEED ^ 1, day);
    match day.day() {
        1 => lines.push(Line {
            counterparty: Some("Foxtons"),
            ..line(EMILY_CURRENT, at(day, 7, 0, 0), -145_000, "Rent")
        }),
        8 => lines.push(Line {
            merchant: Some("Octopus Energy"),
            mcc: Some("4900"),
            ..line(
                EMILY_CURRENT,
                at(day, 6, 30, 0),
                -rng.gen_range(6_000..12_000),
                "Direct debit Octopus Energy",
            )
        }),
        15 => {
            // The card's purchases of last month that booked, repaid in full.
            let month_start = day.with_day(1).unwrap_or(day);
            let last_month = (month_start - Duration::days(1)).with_day(1).unwrap_or(day);
            let mut d = last_month.max(first);
            let mut owed = 0;
            while d < month_start {
                owed += emily_card(d)
                    .iter()
                    .filter(|l| !l.rejected)
                    .map(|l| -l.amount_minor)
                    .sum::<i64>();
                d += Duration::days(1);
            }
            if owed > 0 {
                let when = at(day, 10, 0, 0);
                lines.push(line(EMILY_CURRENT, when, -owed, "Credit card repayment"));
                lines.push(line(EMILY_CARD, when, owed, "Payment received, thank you"));
            }
        }
        25 => lines.push(Line {
            bank_code: Some("SALARY"),
            counterparty: Some("Northwind Ltd"),
            ..line(EMILY_CURRENT, at(day, 9, 0, 0), 320_000, "Salary")
        }),
        _ => {}
    }
    lines
}

fn tanaka(day: NaiveDate) -> Vec<Line> {
    let mut rng = rng_for(TANAKA_SEED, day);
    let mut lines: Vec<Line> = (0..rng.gen_range(0..=2))
        .map(|_| Line {
            merchant: Some("セブン-イレブン 7-Eleven"),
            mcc: Some("5499"),
            ..line(
                TANAKA_YEN,
                at(day, rng.gen_range(7..23), rng.gen_range(0..60), 9),
                -rng.gen_range(300..=1_500),
                "デビット 7-Eleven",
            )
        })
        .collect();
    if day.weekday() == chrono::Weekday::Mon {
        lines.push(Line {
            merchant: Some("JR東日本 Suica"),
            mcc: Some("4111"),
            ..line(
                TANAKA_YEN,
                at(day, 8, 0, 9),
                -3_000,
                "Suica チャージ top-up",
            )
        });
    }
    match day.day() {
        1 => lines.push(line(TANAKA_USD, at(day, 9, 0, 9), 417, "利息 Interest")),
        25 => lines.push(Line {
            bank_code: Some("SALARY"),
            counterparty: Some("株式会社サクラ Sakura KK"),
            ..line(TANAKA_YEN, at(day, 9, 0, 9), 420_000, "給与 Salary")
        }),
        27 => lines.push(Line {
            counterparty: Some("東急住宅リース Tokyu Housing"),
            ..line(TANAKA_YEN, at(day, 9, 0, 9), -98_000, "家賃 Rent")
        }),
        _ => {}
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_the_same_every_time_it_is_worked_out() {
        let first = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 9, 15).unwrap();
        let amounts = |c| {
            activity(c, day, first)
                .iter()
                .map(|l| l.amount_minor)
                .collect::<Vec<_>>()
        };
        assert_eq!(amounts(EMILY), amounts(EMILY));
        assert!(activity(EMILY, first - Duration::days(1), first).is_empty());
    }
}
