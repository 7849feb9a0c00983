"""A new user's first launch of the real app: the demo wallet syncs from the built-in sandbox bank, the home
screen shows the accounts, the bills show transactions, and the language switch changes the text.

Each test launches the app on a new wallet of its own (the `driver` fixture) and waits for that first sync."""

from conftest import screenshot
from helpers import FIRST_SYNC_TIMEOUT, STEP_TIMEOUT, by_testid, wait_for, wait_for_first_sync
from selenium.webdriver.support.ui import Select


def count(driver, testid: str) -> int:
    return len(driver.find_elements(*by_testid(testid)))


def text_of(driver, testid: str) -> str:
    return driver.find_element(*by_testid(testid)).text.strip()


def document_language(driver) -> str:
    return driver.execute_script("return document.documentElement.lang")


def choose_language(driver, value: str) -> None:
    Select(driver.find_element(*by_testid("language-switch"))).select_by_value(value)


def test_a_new_user_sees_the_demo_accounts_and_total_assets_after_the_first_sync(driver):
    wait_for(
        driver,
        lambda d: count(d, "account-card") >= 5 and text_of(d, "home-total-assets"),
        FIRST_SYNC_TIMEOUT,
        "at least 5 account cards and a total on the home screen",
    )
    total = text_of(driver, "home-total-assets")
    assert any(ch.isdigit() for ch in total), f"the total assets show no amount: {total!r}"
    screenshot("home")


def test_clicking_an_account_card_opens_that_account_with_its_bills(driver):
    wait_for_first_sync(driver)
    driver.find_element(*by_testid("account-card")).click()
    wait_for(driver, lambda d: count(d, "account-detail") == 1, STEP_TIMEOUT, "the account detail")
    wait_for(driver, lambda d: count(d, "bill-row") > 0, STEP_TIMEOUT, "the account's bills")
    screenshot("account-detail")


def test_the_bills_screen_lists_transactions(driver):
    wait_for_first_sync(driver)
    driver.find_element(*by_testid("nav-bills")).click()
    wait_for(driver, lambda d: count(d, "bills-list") == 1, STEP_TIMEOUT, "the bills list")
    wait_for(driver, lambda d: count(d, "bill-row") > 0, STEP_TIMEOUT, "at least one bill row")
    assert text_of(driver, "bill-row"), "the first bill row is empty"
    screenshot("bills")


def test_switching_the_language_changes_the_visible_text(driver):
    wait_for_first_sync(driver)
    choose_language(driver, "zh-CN")
    wait_for(driver, lambda d: text_of(d, "app-title") == "Purse 钱包", STEP_TIMEOUT, "the Chinese title")
    assert document_language(driver) == "zh-CN"
    bills_in_chinese = text_of(driver, "nav-bills")
    screenshot("language-zh-CN")

    choose_language(driver, "en")
    wait_for(driver, lambda d: text_of(d, "app-title") == "Purse", STEP_TIMEOUT, "the English title")
    assert document_language(driver) == "en"
    assert text_of(driver, "nav-bills") != bills_in_chinese, "the navigation did not change language"
    screenshot("language-en")
