//! The spending-analysis charts as ECharts options, built with `charming` and sent to the UI as JSON, which
//! only draws them: what a chart says (which series, which labels, which language) is decided here.
//!
//! Amounts stay the backend's exact decimal strings all the way into the option (ECharts reads numeric
//! strings as values), so "1234.56" reaches the chart exactly as the statement says it. Where a chart
//! needs something `charming` has no field for (a category id and a tooltip on each donut slice, an empty
//! `data` array, the opacity of the gauge's bands), the serialised JSON is patched. Colours are left to the
//! UI's theme, except the gauge's meaning-bearing green / amber / red. No JavaScript functions go in an
//! option (it crosses IPC as JSON): formatters are ECharts' string templates.

use std::str::FromStr;

use charming::Chart;
use charming::component::{Axis, Grid, Legend, LegendType, Title};
use charming::element::{
    AxisLine, AxisLineStyle, AxisType, ItemStyle, Label, LineStyle, LineStyleType, Orient,
    SplitLine, Tooltip, Trigger,
};
use charming::series::{Bar, Gauge, GaugeDetail, GaugeProgress, GaugeTitle, Line, Pie};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

use crate::dto::{CategoryLabel, CategorySeries, CategoryShare, Language, MoneyDto, MonthSummary};

/// The gauge's bands: under 80 % of the budget, up to 100 %, and over it.
const GAUGE_OK: &str = "#1b7f3b";
const GAUGE_AMBER: &str = "#e09b1b";
const GAUGE_RED: &str = "#c8102e";

/// The few words the charts say, in the user's language.
struct Words {
    spending_by_category: &'static str,
    nothing_to_show: &'static str,
    spending: &'static str,
    income: &'static str,
    balance: &'static str,
    budget: &'static str,
    spent_of_budget: &'static str,
}

fn words(language: Language) -> &'static Words {
    match language {
        Language::En => &Words {
            spending_by_category: "Spending by category",
            nothing_to_show: "No spending to show",
            spending: "Spending",
            income: "Income",
            balance: "Balance",
            budget: "Budget",
            spent_of_budget: "Spent {spent} of {budget}",
        },
        Language::ZhCn => &Words {
            spending_by_category: "按类别支出",
            nothing_to_show: "暂无支出",
            spending: "支出",
            income: "收入",
            balance: "余额",
            budget: "预算",
            spent_of_budget: "已用 {spent} / 预算 {budget}",
        },
    }
}

/// A category's name in the chosen language.
fn label(category: &CategoryLabel, language: Language) -> &str {
    match language {
        Language::En => &category.en,
        Language::ZhCn => &category.zh_cn,
    }
}

/// "-1234567.8" in CNY → "-¥1,234,567.8": digits grouped as text, never through a number.
fn display_money(money: &MoneyDto) -> String {
    let (sign, digits) = match money.amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", money.amount.trim_start_matches('+')),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    let symbol = match money.currency.as_str() {
        "CNY" => "¥".to_string(),
        "USD" => "$".to_string(),
        "JPY" => "JP¥".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "HKD" => "HK$".to_string(),
        other => format!("{other} "),
    };
    format!("{sign}{symbol}{grouped}")
}

/// The amount without its sign (spending may arrive as a negative bill amount), by text.
fn unsigned(money: &MoneyDto) -> MoneyDto {
    MoneyDto {
        amount: money.amount.trim_start_matches(['-', '+']).to_string(),
        currency: money.currency.clone(),
    }
}

/// Serialises a chart; a `charming` chart is plain data, so this cannot fail in practice.
fn to_json(chart: &Chart) -> Value {
    serde_json::to_value(chart).unwrap_or_else(|_| json!({}))
}

/// The `data` array of the series at `index`, created when `charming` left an empty one out.
fn series_data(option: &mut Value, index: usize) -> Option<&mut Vec<Value>> {
    let series = option.get_mut("series")?.get_mut(index)?.as_object_mut()?;
    series
        .entry("data")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
}

/// A currency for an axis name: the first amount's, if any.
fn currency_of<'a>(amounts: impl IntoIterator<Item = &'a MoneyDto>) -> Option<&'a str> {
    amounts.into_iter().next().map(|m| m.currency.as_str())
}

/// Spending by top-level category as a donut. Each slice carries `categoryId`, so a click can open that
/// category's bills; its tooltip shows the exact amount and the statement's own percent.
pub fn category_donut(shares: &[CategoryShare], language: Language) -> Value {
    let words = words(language);
    let mut pie = Pie::new()
        .id("spending-by-category")
        .name(words.spending_by_category)
        .radius(vec!["45%", "70%"])
        .center(vec!["40%", "50%"])
        .avoid_label_overlap(true)
        .label(Label::new().show(true).formatter("{b}"));
    pie = pie.data(
        shares
            .iter()
            .map(|share| {
                (
                    share.amount.amount.as_str(),
                    label(&share.category, language),
                )
            })
            .collect(),
    );
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(
            Legend::new()
                .type_(LegendType::Scroll)
                .orient(Orient::Vertical)
                .right("2%")
                .top("middle"),
        )
        .series(pie);
    if shares.is_empty() {
        chart = chart.title(
            Title::new()
                .text(words.nothing_to_show)
                .left("center")
                .top("middle"),
        );
    }
    let mut option = to_json(&chart);
    if let Some(data) = series_data(&mut option, 0) {
        for (item, share) in data.iter_mut().zip(shares) {
            if let Some(item) = item.as_object_mut() {
                item.insert("categoryId".into(), json!(share.category.id));
                let tooltip = format!(
                    "{{b}}<br/>{} · {}%",
                    display_money(&share.amount),
                    share.percent
                );
                item.insert("tooltip".into(), json!({ "formatter": tooltip }));
            }
        }
    }
    option
}

/// Spending per month, one stacked bar series per category: a click gives `seriesId` (the category id)
/// and `name` (the month, "YYYY-MM").
pub fn spending_bars(months: &[String], series: &[CategorySeries], language: Language) -> Value {
    let words = words(language);
    let currency = currency_of(series.iter().flat_map(|s| &s.amounts));
    let mut y_axis = Axis::new().type_(AxisType::Value);
    if let Some(currency) = currency {
        y_axis = y_axis.name(currency);
    }
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().type_(LegendType::Scroll).top(0))
        .grid(Grid::new().left(8).right(16).top(40).bottom(8))
        .x_axis(Axis::new().type_(AxisType::Category).data(months.to_vec()))
        .y_axis(y_axis);
    for category in series {
        chart = chart.series(
            Bar::new()
                .id(category.category.id.as_str())
                .name(label(&category.category, language))
                .stack("spending")
                .data(category.amounts.iter().map(|m| m.amount.as_str()).collect()),
        );
    }
    if series.is_empty() {
        chart = chart.title(
            Title::new()
                .text(words.nothing_to_show)
                .left("center")
                .top("middle"),
        );
    }
    to_json(&chart)
}

/// Income and spending per month as lines on the left axis, and the balance at each month's end as a
/// dashed line on a second, right-hand axis.
pub fn cash_flow_lines(
    months: &[String],
    summaries: &[MonthSummary],
    balances: &[MoneyDto],
    language: Language,
) -> Value {
    let words = words(language);
    let currency = currency_of(summaries.iter().map(|s| &s.income).chain(balances));
    let mut flow_axis = Axis::new().type_(AxisType::Value);
    if let Some(currency) = currency {
        flow_axis = flow_axis.name(currency);
    }
    // The balance's own scale, without a second set of grid lines across the chart.
    let balance_axis = Axis::new()
        .type_(AxisType::Value)
        .name(words.balance)
        .split_line(SplitLine::new().show(false));
    let amounts = |pick: fn(&MonthSummary) -> &MoneyDto| -> Vec<&str> {
        summaries.iter().map(|s| pick(s).amount.as_str()).collect()
    };
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(8).right(8).top(40).bottom(8))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .boundary_gap(false)
                .data(months.to_vec()),
        )
        .y_axis(flow_axis)
        .y_axis(balance_axis)
        .series(
            Line::new()
                .id("income")
                .name(words.income)
                .y_axis_index(0)
                .data(amounts(|s| &s.income)),
        )
        .series(
            Line::new()
                .id("spending")
                .name(words.spending)
                .y_axis_index(0)
                .data(amounts(|s| &s.spending)),
        )
        .series(
            Line::new()
                .id("balance")
                .name(words.balance)
                .y_axis_index(1)
                .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                .data(balances.iter().map(|m| m.amount.as_str()).collect()),
        );
    to_json(&chart)
}

/// `spent` as a percent of `budget`, one decimal, computed exactly; none when there is no budget.
fn percent_of(spent: &MoneyDto, budget: &MoneyDto) -> Option<Decimal> {
    let spent = Decimal::from_str(&spent.amount).ok()?.abs();
    let budget = Decimal::from_str(&budget.amount).ok()?.abs();
    if budget.is_zero() {
        return None;
    }
    let percent = spent
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget)?;
    let mut percent = percent.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    percent.rescale(1);
    Some(percent)
}

/// The top of the gauge's scale: 100 %, or the next multiple of 50 % above an overspend.
fn gauge_max(percent: Decimal) -> Decimal {
    let hundred = Decimal::ONE_HUNDRED;
    if percent <= hundred {
        return hundred;
    }
    let fifty = Decimal::from(50);
    (percent / fifty).ceil() * fifty
}

/// Where `percent` sits along a scale ending at `max`, as the 0–1 fraction ECharts' colour bands take.
fn fraction(percent: Decimal, max: Decimal) -> f64 {
    (percent / max).round_dp(4).to_f64().unwrap_or(1.0)
}

/// Spent against budget as a percent gauge: green, amber beyond 80 %, red beyond 100 % (the scale
/// stretches past 100 % when the budget is overspent).
pub fn budget_gauge(spent: &MoneyDto, budget: &MoneyDto, language: Language) -> Value {
    let words = words(language);
    let eighty = Decimal::from(80);
    let percent = percent_of(spent, budget);
    let max = gauge_max(percent.unwrap_or_default());
    let colour = match percent {
        Some(p) if p > Decimal::ONE_HUNDRED => GAUGE_RED,
        Some(p) if p > eighty => GAUGE_AMBER,
        _ => GAUGE_OK,
    };
    let caption = words
        .spent_of_budget
        .replace("{spent}", &display_money(&unsigned(spent)))
        .replace("{budget}", &display_money(&unsigned(budget)));
    let value = percent.map(|p| p.to_string()).unwrap_or_else(|| "0".into());
    let gauge = Gauge::new()
        .id("budget")
        .name(words.budget)
        .min(0)
        .max(max.to_f64().unwrap_or(100.0))
        .progress(
            GaugeProgress::new()
                .show(true)
                .width(14)
                .item_style(ItemStyle::new().color(colour)),
        )
        .axis_line(
            AxisLine::new().line_style(
                AxisLineStyle::new()
                    .width(14)
                    .color((fraction(eighty, max), GAUGE_OK))
                    .color((fraction(Decimal::ONE_HUNDRED, max), GAUGE_AMBER))
                    .color((1.0, GAUGE_RED)),
            ),
        )
        .detail(
            GaugeDetail::new()
                .formatter("{value}%")
                .value_animation(true),
        )
        .title(GaugeTitle::new().show(true).offset_center(("0", "75%")))
        .data(vec![(value.as_str(), caption.as_str())]);
    let chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .series(gauge);
    let mut option = to_json(&chart);
    // The colour bands are faint behind the progress arc, which carries the band's colour itself.
    if let Some(line_style) = option.pointer_mut("/series/0/axisLine/lineStyle") {
        line_style["opacity"] = json!(0.25);
    }
    option
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(amount: &str) -> MoneyDto {
        MoneyDto {
            amount: amount.into(),
            currency: "CNY".into(),
        }
    }

    fn category(id: &str, en: &str, zh: &str) -> CategoryLabel {
        CategoryLabel {
            id: id.into(),
            en: en.into(),
            zh_cn: zh.into(),
        }
    }

    fn share(id: &str, en: &str, zh: &str, amount: &str, percent: &str) -> CategoryShare {
        CategoryShare {
            category: category(id, en, zh),
            amount: money(amount),
            lines: 3,
            percent: percent.into(),
            children: vec![],
        }
    }

    fn shares() -> Vec<CategoryShare> {
        vec![
            share("food", "Food & drink", "餐饮", "1234.56", "61.7"),
            share("transport", "Transport", "交通", "765.44", "38.3"),
        ]
    }

    fn months() -> Vec<String> {
        vec!["2026-10".into(), "2026-11".into()]
    }

    fn summary(month: &str, income: &str, spending: &str, net: &str) -> MonthSummary {
        MonthSummary {
            month: month.into(),
            income: money(income),
            spending: money(spending),
            net: money(net),
        }
    }

    #[test]
    fn the_donut_is_a_pie_with_a_hole() {
        let option = category_donut(&shares(), Language::En);
        assert_eq!(option["series"][0]["type"], "pie");
        assert_eq!(option["series"][0]["radius"], json!(["45%", "70%"]));
        assert!(option["tooltip"].is_object());
        assert!(option["legend"].is_object());
    }

    #[test]
    fn every_donut_slice_carries_its_category_id() {
        let option = category_donut(&shares(), Language::En);
        let data = option["series"][0]["data"].as_array().unwrap();
        let ids: Vec<&str> = data
            .iter()
            .map(|item| item["categoryId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["food", "transport"]);
    }

    #[test]
    fn donut_amounts_stay_the_exact_decimal_strings() {
        let option = category_donut(&shares(), Language::En);
        assert_eq!(option["series"][0]["data"][0]["value"], json!("1234.56"));
        assert_eq!(option["series"][0]["data"][1]["value"], json!("765.44"));
    }

    #[test]
    fn donut_tooltips_show_the_exact_amount_and_the_statement_percent() {
        let option = category_donut(&shares(), Language::En);
        assert_eq!(
            option["series"][0]["data"][0]["tooltip"]["formatter"],
            json!("{b}<br/>¥1,234.56 · 61.7%")
        );
    }

    #[test]
    fn donut_labels_follow_the_language() {
        let en = category_donut(&shares(), Language::En);
        let zh = category_donut(&shares(), Language::ZhCn);
        assert_eq!(en["series"][0]["data"][0]["name"], "Food & drink");
        assert_eq!(zh["series"][0]["data"][0]["name"], "餐饮");
        assert_eq!(zh["series"][0]["name"], "按类别支出");
    }

    #[test]
    fn an_empty_donut_is_a_valid_option_with_no_data_and_a_title_that_says_so() {
        let en = category_donut(&[], Language::En);
        assert_eq!(en["series"][0]["type"], "pie");
        assert_eq!(en["series"][0]["data"], json!([]));
        assert_eq!(en["title"][0]["text"], "No spending to show");
        let zh = category_donut(&[], Language::ZhCn);
        assert_eq!(zh["title"][0]["text"], "暂无支出");
    }

    #[test]
    fn a_donut_with_data_has_no_title() {
        assert!(
            category_donut(&shares(), Language::En)
                .get("title")
                .is_none()
        );
    }

    fn series() -> Vec<CategorySeries> {
        vec![
            CategorySeries {
                category: category("food", "Food & drink", "餐饮"),
                amounts: vec![money("1234.56"), money("0.00")],
            },
            CategorySeries {
                category: category("transport", "Transport", "交通"),
                amounts: vec![money("10.10"), money("20.00")],
            },
        ]
    }

    #[test]
    fn spending_bars_are_stacked_bars_with_one_series_per_category() {
        let option = spending_bars(&months(), &series(), Language::En);
        let all = option["series"].as_array().unwrap();
        assert_eq!(all.len(), 2);
        for one in all {
            assert_eq!(one["type"], "bar");
            assert_eq!(one["stack"], "spending");
        }
        assert_eq!(option["xAxis"]["type"], "category");
        assert_eq!(option["xAxis"]["data"], json!(["2026-10", "2026-11"]));
        assert_eq!(option["yAxis"]["name"], "CNY");
    }

    #[test]
    fn each_bar_series_is_identified_by_its_category_id_and_named_in_the_language() {
        let en = spending_bars(&months(), &series(), Language::En);
        assert_eq!(en["series"][0]["id"], "food");
        assert_eq!(en["series"][0]["name"], "Food & drink");
        let zh = spending_bars(&months(), &series(), Language::ZhCn);
        assert_eq!(zh["series"][1]["id"], "transport");
        assert_eq!(zh["series"][1]["name"], "交通");
    }

    #[test]
    fn bar_amounts_stay_the_exact_decimal_strings() {
        let option = spending_bars(&months(), &series(), Language::En);
        assert_eq!(option["series"][0]["data"], json!(["1234.56", "0.00"]));
        assert_eq!(option["series"][1]["data"], json!(["10.10", "20.00"]));
    }

    #[test]
    fn cash_flow_has_income_and_spending_lines_and_the_balance_on_a_second_axis() {
        let summaries = vec![
            summary("2026-10", "8000.00", "1999.99", "6000.01"),
            summary("2026-11", "8000.00", "2000.00", "6000.00"),
        ];
        let balances = vec![money("25000.01"), money("31000.01")];
        let option = cash_flow_lines(&months(), &summaries, &balances, Language::En);
        let all = option["series"].as_array().unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["income", "spending", "balance"]);
        assert!(all.iter().all(|s| s["type"] == "line"));
        assert_eq!(option["yAxis"].as_array().unwrap().len(), 2);
        assert_eq!(all[2]["yAxisIndex"], json!(1.0));
        assert_eq!(all[1]["data"], json!(["1999.99", "2000.00"]));
        assert_eq!(all[2]["data"], json!(["25000.01", "31000.01"]));
    }

    #[test]
    fn cash_flow_series_names_follow_the_language() {
        let summaries = vec![summary("2026-11", "1.00", "2.00", "-1.00")];
        let option = cash_flow_lines(&months()[1..], &summaries, &[money("3.00")], Language::ZhCn);
        let names: Vec<&str> = option["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["收入", "支出", "余额"]);
    }

    #[test]
    fn the_gauge_shows_spent_as_an_exact_percent_of_the_budget() {
        let option = budget_gauge(&money("1234.56"), &money("2000.00"), Language::En);
        assert_eq!(option["series"][0]["type"], "gauge");
        assert_eq!(option["series"][0]["data"][0]["value"], json!("61.7"));
        assert_eq!(
            option["series"][0]["data"][0]["name"],
            json!("Spent ¥1,234.56 of ¥2,000.00")
        );
        assert_eq!(option["series"][0]["max"], json!(100.0));
    }

    #[test]
    fn the_gauge_is_green_then_amber_beyond_80_percent_then_red_beyond_100() {
        let colour = |spent: &str| {
            budget_gauge(&money(spent), &money("100.00"), Language::En)["series"][0]["progress"]
                ["itemStyle"]["color"]
                .clone()
        };
        assert_eq!(colour("80.00"), json!(GAUGE_OK));
        assert_eq!(colour("80.10"), json!(GAUGE_AMBER));
        assert_eq!(colour("100.00"), json!(GAUGE_AMBER));
        assert_eq!(colour("100.10"), json!(GAUGE_RED));
    }

    #[test]
    fn an_overspent_gauge_stretches_its_scale_and_keeps_the_bands_at_80_and_100_percent() {
        let option = budget_gauge(&money("-130.00"), &money("100.00"), Language::ZhCn);
        assert_eq!(option["series"][0]["max"], json!(150.0));
        assert_eq!(option["series"][0]["data"][0]["value"], json!("130.0"));
        assert_eq!(
            option["series"][0]["axisLine"]["lineStyle"]["color"],
            json!([[0.5333, GAUGE_OK], [0.6667, GAUGE_AMBER], [1.0, GAUGE_RED]])
        );
        assert_eq!(
            option["series"][0]["data"][0]["name"],
            json!("已用 ¥130.00 / 预算 ¥100.00")
        );
    }

    #[test]
    fn a_gauge_without_a_budget_shows_zero_percent() {
        let option = budget_gauge(&money("50.00"), &money("0.00"), Language::En);
        assert_eq!(option["series"][0]["data"][0]["value"], json!("0"));
    }

    #[test]
    fn money_is_grouped_as_text_with_the_currency_symbol() {
        assert_eq!(display_money(&money("-1234567.8")), "-¥1,234,567.8");
        assert_eq!(display_money(&money("999")), "¥999");
        let kwd = MoneyDto {
            amount: "1000.125".into(),
            currency: "KWD".into(),
        };
        assert_eq!(display_money(&kwd), "KWD 1,000.125");
    }
}
