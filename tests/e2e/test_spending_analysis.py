"""Understanding the month's spending: open the analysis for this month, see the figures and the donut drawn,
click a category and land on its bills, filtered. On a new wallet of its own, synced first."""

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for, wait_for_first_sync


def test_the_months_analysis_opens_and_a_category_leads_to_its_bills(driver):
    wait_for_first_sync(driver)
    click(driver, "nav-analysis")
    figures = wait_for(driver, lambda d: visible(d, "statement-figures"), STEP_TIMEOUT, "the month's figures")
    assert any(ch.isdigit() for ch in figures.get_attribute("textContent")), "the figures show amounts"
    wait_for(
        driver,
        lambda d: d.find_elements(*by_testid("category-chart"))
        and d.find_element(*by_testid("category-chart")).get_attribute("data-ready") == "true",
        STEP_TIMEOUT,
        "the donut to be drawn",
    )
    rows = wait_for(driver, lambda d: d.find_elements(*by_testid("category-share")), STEP_TIMEOUT, "categories")
    screenshot("analysis")
    category = rows[0].get_attribute("data-category-id")
    assert category, "a category row names its category"
    rows[0].click()

    wait_for(driver, lambda d: visible(d, "bills-list"), STEP_TIMEOUT, "the bills")
    chip = wait_for(driver, lambda d: visible(d, "bills-filter-category"), STEP_TIMEOUT, "the category filter")
    assert chip.get_attribute("textContent").strip(), "the filter says which category"
    wait_for(driver, lambda d: d.find_elements(*by_testid("bill-row")), STEP_TIMEOUT, "the category's bills")
    screenshot("analysis-bills")
