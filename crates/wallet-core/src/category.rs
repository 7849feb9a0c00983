//! The default category tree (zh-CN and English) and how a bill line lands in it: MCC (ISO 18245) first,
//! then the bank's own transaction code, then the direction of the money.

/// One node of the category tree. Ids are stable dotted paths ("food.dining"), so rules can refer to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
    pub parent: Option<&'static str>,
    pub en: &'static str,
    pub zh_cn: &'static str,
}

const fn top(id: &'static str, en: &'static str, zh_cn: &'static str) -> Category {
    Category {
        id,
        parent: None,
        en,
        zh_cn,
    }
}

const fn sub(
    parent: &'static str,
    id: &'static str,
    en: &'static str,
    zh_cn: &'static str,
) -> Category {
    Category {
        id,
        parent: Some(parent),
        en,
        zh_cn,
    }
}

pub const UNCATEGORISED: &str = "uncategorised";

/// Money moving between the user's own accounts (transfers, top-ups, card repayments): neither income nor
/// spending for the wallet as a whole, and never a bill.
pub const OWN_MONEY_MOVEMENTS: &[&str] =
    &["transfers.own", "transfers.topup", "transfers.repayment"];

/// The tree every new wallet starts with.
pub const DEFAULT_TREE: &[Category] = &[
    top("income", "Income", "收入"),
    sub("income", "income.salary", "Salary", "工资"),
    sub("income", "income.refund", "Refunds", "退款"),
    sub("income", "income.interest", "Interest", "利息"),
    sub("income", "income.other", "Other income", "其他收入"),
    top("food", "Food & drink", "餐饮"),
    sub("food", "food.groceries", "Groceries", "超市生鲜"),
    sub("food", "food.dining", "Restaurants", "餐厅"),
    sub("food", "food.fast", "Takeaway & fast food", "外卖快餐"),
    top("transport", "Transport", "交通"),
    sub(
        "transport",
        "transport.transit",
        "Public transport",
        "公共交通",
    ),
    sub("transport", "transport.taxi", "Taxi & ride-hailing", "打车"),
    sub("transport", "transport.fuel", "Fuel & parking", "加油停车"),
    top("housing", "Housing", "住房"),
    sub("housing", "housing.rent", "Rent", "房租"),
    sub("housing", "housing.utilities", "Utilities", "水电燃气"),
    sub("housing", "housing.telecom", "Phone & internet", "通讯网络"),
    top("shopping", "Shopping", "购物"),
    sub(
        "shopping",
        "shopping.general",
        "General shopping",
        "综合购物",
    ),
    sub(
        "shopping",
        "shopping.electronics",
        "Electronics",
        "数码电器",
    ),
    sub("shopping", "shopping.clothing", "Clothing", "服饰"),
    top("entertainment", "Entertainment", "娱乐"),
    sub(
        "entertainment",
        "entertainment.subscriptions",
        "Subscriptions",
        "会员订阅",
    ),
    sub(
        "entertainment",
        "entertainment.leisure",
        "Movies & leisure",
        "电影休闲",
    ),
    top("travel", "Travel", "旅行"),
    sub("travel", "travel.flights", "Flights", "机票"),
    sub("travel", "travel.hotels", "Hotels", "酒店"),
    top("health", "Health", "医疗健康"),
    top("education", "Education", "教育"),
    top("transfers", "Transfers", "转账"),
    sub(
        "transfers",
        "transfers.own",
        "Between own accounts",
        "账户互转",
    ),
    sub("transfers", "transfers.topup", "Top-ups", "充值"),
    sub(
        "transfers",
        "transfers.repayment",
        "Card repayments",
        "信用卡还款",
    ),
    sub(
        "transfers",
        "transfers.people",
        "To and from people",
        "转账给他人",
    ),
    top("cash", "Cash", "现金"),
    top("fees", "Fees", "手续费"),
    top(UNCATEGORISED, "Uncategorised", "未分类"),
];

pub fn find(id: &str) -> Option<&'static Category> {
    DEFAULT_TREE.iter().find(|category| category.id == id)
}

/// The category for a merchant category code, per ISO 18245's ranges and common codes.
pub fn for_mcc(mcc: &str) -> Option<&'static str> {
    let code: u16 = mcc.trim().parse().ok()?;
    Some(match code {
        3000..=3299 | 4511 | 4582 => "travel.flights",
        3501..=3999 | 7011 | 7012 => "travel.hotels",
        4111 | 4112 | 4131 => "transport.transit",
        4121 => "transport.taxi",
        5541 | 5542 | 5172 | 7523 => "transport.fuel",
        4900 => "housing.utilities",
        4812 | 4814 | 4816 => "housing.telecom",
        6513 => "housing.rent",
        4899 | 5815..=5818 | 5968 => "entertainment.subscriptions",
        7832 | 7841 | 7922 | 7991 | 7996 | 7999 => "entertainment.leisure",
        5411 | 5422 | 5441 | 5451 | 5462 | 5499 => "food.groceries",
        5811..=5813 => "food.dining",
        5814 => "food.fast",
        5045 | 5722 | 5732 | 5734 | 5946 => "shopping.electronics",
        5611 | 5621 | 5631 | 5641 | 5651 | 5661 | 5691 | 5699 => "shopping.clothing",
        5200 | 5251 | 5300 | 5309 | 5310 | 5311 | 5331 | 5399 | 5712 | 5942 | 5944 | 5945
        | 5999 => "shopping.general",
        4722 => "travel.hotels",
        5912 | 8011 | 8021 | 8031 | 8042 | 8043 | 8062 | 8071 | 8099 => "health",
        8211 | 8220 | 8241 | 8244 | 8249 | 8299 => "education",
        6010 | 6011 => "cash",
        _ => return None,
    })
}

/// What the wallet knows about a line when it first sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct CategoryHints<'a> {
    pub mcc: Option<&'a str>,
    /// The bank's proprietary transaction code (e.g. "SALARY", "TOPUP").
    pub bank_code: Option<&'a str>,
    pub is_credit: bool,
}

/// The default category: the bank's code for non-card movements, the MCC for card payments,
/// and a merchant credit is a refund.
pub fn categorize(hints: CategoryHints<'_>) -> &'static str {
    if let Some(by_code) = hints.bank_code.and_then(for_bank_code) {
        return by_code;
    }
    if let Some(mcc) = hints.mcc {
        if hints.is_credit {
            return "income.refund";
        }
        if let Some(by_mcc) = for_mcc(mcc) {
            return by_mcc;
        }
    }
    if hints.is_credit {
        "income.other"
    } else {
        UNCATEGORISED
    }
}

fn for_bank_code(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "SALARY" | "PAYROLL" => "income.salary",
        "INTEREST" => "income.interest",
        "REFUND" => "income.refund",
        "OWN-TRANSFER" | "INTERNAL" => "transfers.own",
        "TOPUP" | "TOP-UP" => "transfers.topup",
        "REPAYMENT" | "CARD-REPAYMENT" => "transfers.repayment",
        "P2P" | "TRANSFER" => "transfers.people",
        "FEE" | "CHARGE" => "fees",
        "ATM" | "CASH" => "cash",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn every_category_has_both_names_and_an_existing_parent() {
        for category in DEFAULT_TREE {
            assert!(
                !category.en.is_empty() && !category.zh_cn.is_empty(),
                "{}",
                category.id
            );
            if let Some(parent) = category.parent {
                assert!(
                    find(parent).is_some(),
                    "{} has unknown parent {parent}",
                    category.id
                );
            }
        }
    }

    #[test]
    fn every_mcc_mapping_points_at_a_real_category() {
        for code in 0..10_000u16 {
            if let Some(id) = for_mcc(&format!("{code:04}")) {
                assert!(find(id).is_some(), "MCC {code} maps to unknown {id}");
            }
        }
    }

    #[rstest]
    #[case(Some("5411"), None, false, "food.groceries")]
    #[case(Some("5812"), None, false, "food.dining")]
    #[case(Some("3058"), None, false, "travel.flights")]
    #[case(Some("5812"), None, true, "income.refund")]
    #[case(None, Some("SALARY"), true, "income.salary")]
    #[case(None, Some("topup"), false, "transfers.topup")]
    #[case(None, None, true, "income.other")]
    #[case(None, None, false, UNCATEGORISED)]
    #[case(Some("0001"), None, false, UNCATEGORISED)]
    fn a_line_gets_the_category_a_person_would_expect(
        #[case] mcc: Option<&str>,
        #[case] bank_code: Option<&str>,
        #[case] is_credit: bool,
        #[case] expected: &str,
    ) {
        assert_eq!(
            categorize(CategoryHints {
                mcc,
                bank_code,
                is_credit
            }),
            expected
        );
    }
}
