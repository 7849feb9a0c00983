//! The categories statement files give their rows (Alipay 交易分类, WeChat Pay 交易类型, a bank's 摘要,
//! OFX `TRNTYPE`) mapped to Purse's tree, so an imported bill lands where the person expects it. Words the
//! map does not know leave the row to the usual default (money in: other income; out: uncategorised).

/// Purse's category for a file's own category or type, if the map knows it.
pub fn for_statement_hint(hint: &str) -> Option<&'static str> {
    let hint = hint.trim();
    let exact = match hint {
        // Alipay 交易分类
        "餐饮美食" => Some("food.dining"),
        "日用百货" | "家居家装" | "母婴亲子" | "宠物" | "美容美发" => {
            Some("shopping.general")
        }
        "服饰装扮" | "服饰鞋包" => Some("shopping.clothing"),
        "数码电器" => Some("shopping.electronics"),
        "交通出行" | "爱车养车" => Some("transport"),
        "充值缴费" | "生活服务" => Some("housing.utilities"),
        "住房物业" => Some("housing.rent"),
        "通讯物流" => Some("housing.telecom"),
        "医疗健康" => Some("health"),
        "教育培训" => Some("education"),
        "酒店旅游" => Some("travel.hotels"),
        "文化休闲" | "运动户外" => Some("entertainment.leisure"),
        "转账红包" | "亲友代付" => Some("transfers.people"),
        "收入" => Some("income.other"),
        "退款" => Some("income.refund"),
        "信用借还" => Some("transfers.repayment"),
        "投资理财" => Some("transfers.own"),
        // WeChat Pay 交易类型
        "微信红包" | "转账" | "群收款" | "二维码收款" | "赞赏码" | "亲属卡交易" => {
            Some("transfers.people")
        }
        "零钱充值" | "零钱提现" | "购买理财通" | "零钱通" => Some("transfers.own"),
        "信用卡还款" => Some("transfers.repayment"),
        // OFX TRNTYPE
        "INT" | "DIV" => Some("income.interest"),
        "FEE" | "SRVCHG" => Some("fees"),
        "ATM" | "CASH" => Some("cash"),
        "XFER" => Some("transfers.people"),
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    // Banks' 摘要 words, found inside longer texts ("工资 代发", "ATM取款").
    [
        ("工资", "income.salary"),
        ("代发", "income.salary"),
        ("利息", "income.interest"),
        ("结息", "income.interest"),
        ("退款", "income.refund"),
        ("退货", "income.refund"),
        ("还款", "transfers.repayment"),
        ("取款", "cash"),
        ("手续费", "fees"),
        ("年费", "fees"),
        ("转账", "transfers.people"),
        ("汇款", "transfers.people"),
    ]
    .into_iter()
    .find(|(word, _)| hint.contains(word))
    .map(|(_, category)| category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category;

    #[test]
    fn every_category_the_map_gives_is_in_the_tree() {
        for hint in [
            "餐饮美食",
            "日用百货",
            "服饰装扮",
            "数码电器",
            "交通出行",
            "充值缴费",
            "住房物业",
            "通讯物流",
            "医疗健康",
            "教育培训",
            "酒店旅游",
            "文化休闲",
            "转账红包",
            "收入",
            "退款",
            "信用借还",
            "投资理财",
            "微信红包",
            "零钱充值",
            "信用卡还款",
            "INT",
            "FEE",
            "ATM",
            "XFER",
            "工资",
            "ATM取款",
            "手续费",
        ] {
            let found = for_statement_hint(hint).unwrap_or_else(|| panic!("{hint}"));
            assert!(category::find(found).is_some(), "{hint} → {found}");
        }
    }

    #[test]
    fn a_file_category_or_a_bank_word_lands_where_a_person_expects() {
        assert_eq!(for_statement_hint("餐饮美食"), Some("food.dining"));
        assert_eq!(for_statement_hint(" 零钱提现 "), Some("transfers.own"));
        assert_eq!(for_statement_hint("代发工资"), Some("income.salary"));
        assert_eq!(
            for_statement_hint("商户消费"),
            None,
            "says nothing of what was bought"
        );
    }
}
