//! The demo customer and their life, generated deterministically: a day's activity is a pure function of
//! the day, so the same clock always gives the same bank, and moving the clock forward adds new days.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::prelude::ToPrimitive;
use sqlx::SqliteConnection;

pub const DEMO_CUSTOMER: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo1234";

/// China Standard Time: the demo customer lives in Shanghai.
pub const CST_HOURS: i64 = 8;
const SEED: u64 = 0x5075_7273_6521;

pub struct DemoAccount {
    pub id: &'static str,
    pub currency: &'static str,
    pub sub_type: &'static str,
    pub nickname: &'static str,
    pub scheme: &'static str,
    pub identification: &'static str,
    pub opening_minor: i64,
    pub credit_limit_minor: Option<i64>,
}

pub const SALARY: &str = "acc-demo-salary";
pub const EVERYDAY: &str = "acc-demo-everyday";
pub const CREDIT: &str = "acc-demo-credit";
pub const USD: &str = "acc-demo-usd";
pub const EWALLET: &str = "acc-demo-ewallet";

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        id: SALARY,
        currency: "CNY",
        sub_type: "CurrentAccount",
        nickname: "工资卡 Salary card",
        scheme: "UK.OBIE.PAN",
        identification: "6222021001234567890",
        opening_minor: 2_000_000,
        credit_limit_minor: None,
    },
    DemoAccount {
        id: EVERYDAY,
        currency: "CNY",
        sub_type: "CurrentAccount",
        nickname: "储蓄卡 Everyday card",
        scheme: "UK.OBIE.PAN",
        identification: "6222600110002223456",
        opening_minor: 500_000,
        credit_limit_minor: None,
    },
    DemoAccount {
        id: CREDIT,
        currency: "CNY",
        sub_type: "CreditCard",
        nickname: "信用卡 Credit card",
        scheme: "UK.OBIE.PAN",
        identification: "6258091234569876",
        opening_minor: 0,
        credit_limit_minor: Some(5_000_000),
    },
    DemoAccount {
        id: USD,
        currency: "USD",
        sub_type: "CurrentAccount",
        nickname: "美元账户 USD account",
        scheme: "UK.OBIE.IBAN",
        identification: "GB29NWBK60161331926819",
        opening_minor: 300_000,
        credit_limit_minor: None,
    },
    DemoAccount {
        id: EWALLET,
        currency: "CNY",
        sub_type: "EMoney",
        nickname: "电子钱包 E-wallet",
        scheme: "UK.OBIE.SortCodeAccountNumber",
        identification: "60161388001122",
        opening_minor: 20_000,
        credit_limit_minor: None,
    },
];

/// One generated line, before it is written.
#[derive(Debug, Clone)]
pub struct Line {
    pub account: &'static str,
    pub auth_at: DateTime<Utc>,
    pub book_at: DateTime<Utc>,
    pub rejected: bool,
    pub amount_minor: i64,
    pub information: String,
    pub merchant: Option<&'static str>,
    pub mcc: Option<&'static str>,
    pub bank_code: Option<&'static str>,
    pub counterparty: Option<&'static str>,
    pub fx: Option<(&'static str, i64, String)>,
    /// The bank's charge for this line (`ChargeAmount`), booked as a line of its own; positive minor units.
    pub charge_minor: Option<i64>,
}

struct Merchant {
    name: &'static str,
    mcc: &'static str,
    min: i64,
    max: i64,
}

const GROCERIES: &[Merchant] = &[
    Merchant {
        name: "盒马鲜生 Freshippo",
        mcc: "5411",
        min: 4_000,
        max: 32_000,
    },
    Merchant {
        name: "永辉超市 Yonghui",
        mcc: "5411",
        min: 3_000,
        max: 25_000,
    },
    Merchant {
        name: "全家 FamilyMart",
        mcc: "5499",
        min: 800,
        max: 4_500,
    },
];
const DINING: &[Merchant] = &[
    Merchant {
        name: "星巴克 Starbucks",
        mcc: "5814",
        min: 2_900,
        max: 4_800,
    },
    Merchant {
        name: "美团外卖 Meituan",
        mcc: "5814",
        min: 2_200,
        max: 9_000,
    },
    Merchant {
        name: "海底捞 Haidilao",
        mcc: "5812",
        min: 18_000,
        max: 52_000,
    },
    Merchant {
        name: "西贝莜面村 Xibei",
        mcc: "5812",
        min: 9_000,
        max: 26_000,
    },
];
const SHOPPING: &[Merchant] = &[
    Merchant {
        name: "京东 JD.com",
        mcc: "5732",
        min: 5_000,
        max: 260_000,
    },
    Merchant {
        name: "淘宝 Taobao",
        mcc: "5399",
        min: 2_000,
        max: 60_000,
    },
    Merchant {
        name: "优衣库 Uniqlo",
        mcc: "5651",
        min: 9_900,
        max: 80_000,
    },
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

fn cst(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day.and_hms_opt(hour, minute, 0).unwrap_or_default();
    Utc.from_utc_datetime(&local) - Duration::hours(CST_HOURS)
}

/// When the demo accounts were opened: the morning before the first day of history.
pub fn opening_time(first_day: NaiveDate) -> DateTime<Utc> {
    cst(first_day - Duration::days(1), 9, 0)
}

/// The customer's local date at a UTC time.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(CST_HOURS)).date_naive()
}

fn immediate(
    account: &'static str,
    at: DateTime<Utc>,
    amount_minor: i64,
    information: String,
) -> Line {
    Line {
        account,
        auth_at: at,
        book_at: at,
        rejected: false,
        amount_minor,
        information,
        merchant: None,
        mcc: None,
        bank_code: None,
        counterparty: None,
        fx: None,
        charge_minor: None,
    }
}

/// A card payment: authorised now, booked about a day later, now and then declined.
fn card(
    rng: &mut ChaCha8Rng,
    account: &'static str,
    at: DateTime<Utc>,
    merchant: &Merchant,
) -> Line {
    let amount = rng.gen_range(merchant.min..=merchant.max);
    Line {
        book_at: at + Duration::minutes(rng.gen_range(20 * 60..30 * 60)),
        rejected: rng.gen_ratio(1, 40),
        merchant: Some(merchant.name),
        mcc: Some(merchant.mcc),
        ..immediate(account, at, -amount, format!("消费 {}", merchant.name))
    }
}

/// A card payment at a random minute of `hour` on `day`.
fn card_at(
    rng: &mut ChaCha8Rng,
    account: &'static str,
    day: NaiveDate,
    hour: u32,
    merchant: &Merchant,
) -> Line {
    let minute = rng.gen_range(0..59);
    card(rng, account, cst(day, hour, minute), merchant)
}

/// The bank's currency conversion fee on a card payment abroad: 1.5% of the yuan booked, to the fen
/// (half away from zero), as Chinese card issuers charge it.
pub const CONVERSION_FEE_PERCENT: rust_decimal::Decimal =
    rust_decimal::Decimal::from_parts(15, 0, 0, false, 1);

/// A card payment abroad, charged in CNY at the day's rate (`rate` = CNY per unit of `currency`), and,
/// unless the card declined it, the conversion fee booked with it as a line of its own.
fn card_abroad(
    rng: &mut ChaCha8Rng,
    at: DateTime<Utc>,
    merchant: &Merchant,
    currency: &'static str,
    rate: rust_decimal::Decimal,
) -> Vec<Line> {
    let foreign = rng.gen_range(merchant.min..=merchant.max);
    let minor_units = if currency == "JPY" { 0 } else { 2 };
    let foreign_amount = rust_decimal::Decimal::new(foreign, minor_units);
    let cny = (foreign_amount * rate).round_dp(2);
    let fee = (cny * CONVERSION_FEE_PERCENT / rust_decimal::Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let in_fen = |yuan: rust_decimal::Decimal| {
        (yuan * rust_decimal::Decimal::ONE_HUNDRED)
            .trunc()
            .to_i64()
            .unwrap_or(0)
    };
    let purchase = Line {
        fx: Some((currency, foreign, rate.to_string())),
        amount_minor: -in_fen(cny),
        charge_minor: Some(in_fen(fee)),
        information: format!("境外消费 {} {currency} {foreign_amount}", merchant.name),
        ..card(rng, CREDIT, at, merchant)
    };
    if purchase.rejected {
        return vec![Line {
            charge_minor: None,
            ..purchase
        }];
    }
    let fee_line = Line {
        bank_code: Some("FEE"),
        ..immediate(
            CREDIT,
            purchase.book_at,
            -in_fen(fee),
            format!("货币转换费 Conversion fee · {}", merchant.name),
        )
    };
    vec![purchase, fee_line]
}

/// Everything that happens on `day` (the customer's local date). `card_statement_minor` is the credit
/// card's booked balance at the start of the month, which the repayment on the 20th clears.
pub fn day_activity(day: NaiveDate, card_statement_minor: i64) -> Vec<Line> {
    let mut rng =
        ChaCha8Rng::seed_from_u64(SEED ^ u64::from(day.num_days_from_ce().unsigned_abs()));
    let mut lines = Vec::new();
    let weekday = day.weekday();
    let weekend = matches!(weekday, Weekday::Sat | Weekday::Sun);

    if day.day() == 10 {
        lines.push(Line {
            bank_code: Some("SALARY"),
            counterparty: Some("上海星辰科技有限公司"),
            ..immediate(SALARY, cst(day, 9, 30), 1_850_000, "工资 Salary".into())
        });
    }
    if day.day() == 1 {
        lines.push(Line {
            merchant: Some("自如 Ziroom"),
            mcc: Some("6513"),
            ..immediate(SALARY, cst(day, 8, 0), -550_000, "房租 Rent".into())
        });
    }
    if day.day() == 5 {
        let power = rng.gen_range(9_000..32_000);
        lines.push(Line {
            merchant: Some("国家电网 State Grid"),
            mcc: Some("4900"),
            ..immediate(EVERYDAY, cst(day, 10, 0), -power, "电费 Electricity".into())
        });
        lines.push(Line {
            merchant: Some("中国移动 China Mobile"),
            mcc: Some("4814"),
            ..immediate(EVERYDAY, cst(day, 10, 5), -8_800, "话费 Mobile plan".into())
        });
    }
    for (dom, name, mcc, minor) in [
        (9, "爱奇艺 iQIYI VIP", "4899", 2_500),
        (15, "Netflix", "5968", 6_800),
        (20, "Apple iCloud", "5818", 2_100),
    ] {
        if day.day() == dom {
            let merchant = Merchant {
                name,
                mcc,
                min: minor,
                max: minor,
            };
            lines.push(Line {
                rejected: false,
                ..card(&mut rng, CREDIT, cst(day, 3, 0), &merchant)
            });
        }
    }
    if day.day() == 20 && card_statement_minor < 0 {
        let repay = -card_statement_minor;
        let at = cst(day, 12, 0);
        lines.push(Line {
            bank_code: Some("REPAYMENT"),
            counterparty: Some("信用卡还款 Card repayment"),
            ..immediate(
                SALARY,
                at,
                -repay,
                "信用卡还款 Credit card repayment".into(),
            )
        });
        lines.push(Line {
            bank_code: Some("REPAYMENT"),
            counterparty: Some("工资卡 Salary card"),
            ..immediate(CREDIT, at, repay, "还款 Repayment received".into())
        });
    }
    if weekday == Weekday::Mon {
        let at = cst(day, 8, 10);
        lines.push(Line {
            bank_code: Some("TOPUP"),
            counterparty: Some("电子钱包 E-wallet"),
            ..immediate(SALARY, at, -15_000, "钱包充值 E-wallet top-up".into())
        });
        lines.push(Line {
            bank_code: Some("TOPUP"),
            counterparty: Some("工资卡 Salary card"),
            ..immediate(EWALLET, at, 15_000, "充值 Top-up".into())
        });
    }
    if day.day() == 11 {
        let at = cst(day, 9, 0);
        lines.push(Line {
            bank_code: Some("OWN-TRANSFER"),
            counterparty: Some("储蓄卡 Everyday card"),
            ..immediate(
                SALARY,
                at,
                -200_000,
                "转账至储蓄卡 Transfer to everyday card".into(),
            )
        });
        lines.push(Line {
            bank_code: Some("OWN-TRANSFER"),
            counterparty: Some("工资卡 Salary card"),
            ..immediate(
                EVERYDAY,
                at,
                200_000,
                "转入 Transfer from salary card".into(),
            )
        });
    }
    if !weekend {
        let fare = Merchant {
            name: "上海地铁 Shanghai Metro",
            mcc: "4111",
            min: 300,
            max: 700,
        };
        lines.push(Line {
            rejected: false,
            ..card_at(&mut rng, EWALLET, day, 8, &fare)
        });
        lines.push(Line {
            rejected: false,
            ..card_at(&mut rng, EWALLET, day, 18, &fare)
        });
    }
    if rng.gen_ratio(1, 4) {
        let taxi = Merchant {
            name: "滴滴出行 DiDi",
            mcc: "4121",
            min: 1_500,
            max: 6_500,
        };
        lines.push(Line {
            rejected: false,
            ..card_at(&mut rng, EWALLET, day, 21, &taxi)
        });
    }
    let abroad = trip(day);
    match abroad {
        Some((currency, rate)) => {
            let places: &[Merchant] = if currency == "JPY" {
                &[
                    Merchant {
                        name: "Hotel Gracery Shinjuku",
                        mcc: "7011",
                        min: 16_000,
                        max: 24_000,
                    },
                    Merchant {
                        name: "Ichiran Ramen",
                        mcc: "5812",
                        min: 1_200,
                        max: 3_500,
                    },
                    Merchant {
                        name: "7-Eleven Japan",
                        mcc: "5411",
                        min: 400,
                        max: 2_800,
                    },
                ]
            } else {
                &[
                    Merchant {
                        name: "Hilton San Francisco",
                        mcc: "7011",
                        min: 18_000,
                        max: 29_000,
                    },
                    Merchant {
                        name: "Blue Bottle Coffee",
                        mcc: "5814",
                        min: 500,
                        max: 1_400,
                    },
                    Merchant {
                        name: "Whole Foods Market",
                        mcc: "5411",
                        min: 1_500,
                        max: 9_000,
                    },
                ]
            };
            for (i, place) in places.iter().enumerate() {
                let minute = rng.gen_range(0..59);
                let at = cst(day, 2 + u32::try_from(i).unwrap_or(0) * 4, minute);
                lines.extend(card_abroad(&mut rng, at, place, currency, rate));
            }
        }
        None => {
            let coffee_or_lunch = pick(&mut rng, &DINING[..2]);
            lines.push(card_at(&mut rng, CREDIT, day, 12, coffee_or_lunch));
            if weekend && rng.gen_ratio(1, 2) {
                let dinner = pick(&mut rng, &DINING[2..]);
                lines.push(card_at(&mut rng, CREDIT, day, 19, dinner));
            }
            if rng.gen_ratio(2, 5) {
                let account = if rng.gen_ratio(1, 2) {
                    CREDIT
                } else {
                    EVERYDAY
                };
                let shop = pick(&mut rng, GROCERIES);
                lines.push(card_at(&mut rng, account, day, 18, shop));
            }
            if rng.gen_ratio(1, 6) {
                let store = pick(&mut rng, SHOPPING);
                lines.push(card_at(&mut rng, CREDIT, day, 22, store));
            }
        }
    }
    if rng.gen_ratio(1, 30) {
        let refund = rng.gen_range(3_000..40_000);
        lines.push(Line {
            merchant: Some("京东 JD.com"),
            mcc: Some("5732"),
            bank_code: Some("REFUND"),
            ..immediate(
                CREDIT,
                cst(day, 15, 0),
                refund,
                "退款 Refund 京东 JD.com".into(),
            )
        });
    }
    if day.day() == 28 {
        lines.push(Line {
            bank_code: Some("INTEREST"),
            ..immediate(
                USD,
                cst(day, 6, 0),
                rng.gen_range(60..120),
                "Interest".into(),
            )
        });
    }
    if rng.gen_ratio(1, 25) {
        let store = Merchant {
            name: "Amazon.com",
            mcc: "5942",
            min: 1_500,
            max: 8_000,
        };
        lines.push(Line {
            rejected: false,
            ..card(&mut rng, USD, cst(day, 11, 0), &store)
        });
    }
    lines
}

/// A trip every year: Tokyo 10–16 July (JPY), San Francisco 14–19 February (USD), with that day's rate.
fn trip(day: NaiveDate) -> Option<(&'static str, rust_decimal::Decimal)> {
    let drift = i64::from(day.ordinal() % 7);
    match (day.month(), day.day()) {
        (7, 10..=16) => Some(("JPY", rust_decimal::Decimal::new(4_810 + drift, 5))),
        (2, 14..=19) => Some(("USD", rust_decimal::Decimal::new(71_820 + drift * 3, 4))),
        _ => None,
    }
}

/// Writes the customer and their accounts (history comes from `materialize`).
pub async fn seed_customer(
    conn: &mut SqliteConnection,
    opened_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO customers (id, password_hash, display_name) VALUES (?, ?, ?)")
        .bind(DEMO_CUSTOMER)
        .bind(bank_api::challenge_for(DEMO_PASSWORD))
        .bind("李明 Li Ming")
        .execute(&mut *conn)
        .await?;
    for account in DEMO_ACCOUNTS {
        sqlx::query(
            "INSERT INTO accounts (account_id, customer_id, currency, sub_type, nickname, holder_name, scheme_name,
                                   identification, opening_minor, credit_limit_minor, opened_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(account.id)
        .bind(DEMO_CUSTOMER)
        .bind(account.currency)
        .bind(account.sub_type)
        .bind(account.nickname)
        .bind("LI MING")
        .bind(account.scheme)
        .bind(account.identification)
        // Nothing outside the books: the opening balance is an opening transaction.
        .bind(0_i64)
        .bind(account.credit_limit_minor)
        .bind(opened_at.timestamp_millis())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
