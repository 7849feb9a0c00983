//! The chart options the UI's tests draw with real ECharts (ui/src/test/charts/*.json) are made here, from
//! small fixed inputs, so a change to a chart builder shows up in the UI's tests; this fails when the
//! committed files are stale. Regenerate with `UPDATE_CHART_FIXTURES=1 cargo test -p wallet-app --test chart_fixtures`.

use std::path::PathBuf;

use serde_json::Value;
use wallet_app::charts::{budget_gauge, cash_flow_lines, category_donut, spending_bars};
use wallet_app::dto::{
    CategoryLabel, CategorySeries, CategoryShare, Language, MoneyDto, MonthSummary,
};

fn cny(amount: &str) -> MoneyDto {
    MoneyDto {
        amount: amount.into(),
        currency: "CNY".into(),
    }
}

fn category(id: &str, en: &str, zh_cn: &str) -> CategoryLabel {
    CategoryLabel {
        id: id.into(),
        en: en.into(),
        zh_cn: zh_cn.into(),
    }
}

fn categories() -> [CategoryLabel; 3] {
    [
        category("food", "Food & drink", "餐饮"),
        category("shopping", "Shopping", "购物"),
        category("transport", "Transport", "交通"),
    ]
}

fn shares() -> Vec<CategoryShare> {
    let [food, shopping, transport] = categories();
    let share = |category, amount: &str, lines, percent: &str| CategoryShare {
        category,
        amount: cny(amount),
        lines,
        percent: percent.into(),
        children: vec![],
    };
    vec![
        share(food, "1234.56", 21, "50.2"),
        share(shopping, "987.65", 4, "40.2"),
        share(transport, "236.79", 12, "9.6"),
    ]
}

fn months() -> Vec<String> {
    ["2026-09", "2026-10", "2026-11"].map(String::from).to_vec()
}

fn series() -> Vec<CategorySeries> {
    let [food, shopping, transport] = categories();
    let series = |category, amounts: [&str; 3]| CategorySeries {
        category,
        amounts: amounts.map(cny).to_vec(),
    };
    vec![
        series(food, ["1100.00", "1302.40", "1234.56"]),
        series(shopping, ["0.00", "2450.00", "987.65"]),
        series(transport, ["198.20", "240.00", "236.79"]),
    ]
}

fn summaries() -> Vec<MonthSummary> {
    let summary = |month: &str, income: &str, spending: &str, net: &str| MonthSummary {
        month: month.into(),
        income: cny(income),
        spending: cny(spending),
        net: cny(net),
    };
    vec![
        summary("2026-09", "18000.00", "1298.20", "16701.80"),
        summary("2026-10", "18000.00", "3992.40", "14007.60"),
        summary("2026-11", "18500.50", "2459.00", "16041.50"),
    ]
}

/// Every fixture: its file name and the option the Rust code makes now.
fn fixtures() -> Vec<(&'static str, Value)> {
    let balances = ["25000.00", "41701.80", "55709.40"].map(cny);
    vec![
        (
            "category-donut.json",
            category_donut(&shares(), Language::En),
        ),
        (
            "category-donut.zh-CN.json",
            category_donut(&shares(), Language::ZhCn),
        ),
        (
            "category-donut.empty.json",
            category_donut(&[], Language::En),
        ),
        (
            "spending-bars.json",
            spending_bars(&months(), &series(), Language::En),
        ),
        (
            "cash-flow.json",
            cash_flow_lines(&months(), &summaries(), &balances, Language::En),
        ),
        (
            "budget-gauge.json",
            budget_gauge(&cny("2459.00"), &cny("3000.00"), Language::En),
        ),
    ]
}

#[test]
fn the_committed_chart_fixtures_match_what_the_chart_builders_make() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/charts");
    let update = std::env::var_os("UPDATE_CHART_FIXTURES").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for (name, option) in fixtures() {
        let path = dir.join(name);
        let fresh = serde_json::to_string_pretty(&option).unwrap() + "\n";
        if update {
            std::fs::write(&path, &fresh).unwrap();
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != fresh {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "ui/src/test/charts/{stale:?} are stale: run `UPDATE_CHART_FIXTURES=1 cargo test -p wallet-app --test chart_fixtures`"
    );
}
