"""Signing in at a bank as its own customer, in the real app (issue 19): Banks → Sign in at a bank opens the
bank's page outside the app's window and shows its address while Purse waits; the person signs in there as
the sandbox bank's second customer, shares one of her two accounts, and the bank sends the browser back to
Purse's loopback listener. The test plays the person's browser with the same WebDriver session: it opens the
shown address, fills the bank's form, then comes back to the app, where the new link shows with the one
account chosen."""

from selenium.webdriver.common.by import By

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for, wait_for_first_sync

SIGN_IN_TIMEOUT = 60


def test_another_customer_signs_in_on_the_banks_page_and_her_chosen_account_is_linked(driver):
    wait_for_first_sync(driver)
    app_address = driver.current_url
    click(driver, "nav-banks")
    wait_for(driver, lambda d: d.find_elements(*by_testid("bank-link")), STEP_TIMEOUT, "the demo bank's link")
    click(driver, "sign-in-at-bank")
    click(driver, "bank-sign-in-start")
    shown = wait_for(driver, lambda d: visible(d, "bank-page-url"), STEP_TIMEOUT, "the bank page's address")
    bank_page = shown.text.strip()
    assert bank_page.startswith("http://127.0.0.1:"), bank_page
    screenshot("bank-sign-in-waiting")

    # The person's browser: the bank's own page, its form, her choice.
    driver.get(bank_page)
    wait_for(driver, lambda d: d.find_elements(By.ID, "customer"), STEP_TIMEOUT, "the bank's sign-in form")
    driver.find_element(By.ID, "customer").send_keys("emily")
    driver.find_element(By.ID, "password").send_keys("emily1234")
    driver.find_element(By.ID, "sign-in").click()
    credit = wait_for(
        driver, lambda d: d.find_elements(By.ID, "account-acc-emily-credit"), STEP_TIMEOUT, "her accounts"
    )[0]
    if credit.is_selected():
        credit.click()
    screenshot("bank-sign-in-choice")
    driver.find_element(By.ID, "approve").click()
    wait_for(
        driver,
        lambda d: "back to Purse" in d.find_element(By.TAG_NAME, "body").text,
        SIGN_IN_TIMEOUT,
        "the bank sending the browser back to Purse",
    )

    # Back in the app (reloaded, so the sheet's wait is gone): the new link, with the one account she chose,
    # once Purse has read it; the person looks at Banks again until it is there.
    driver.get(app_address)

    def her_link(d):
        click(d, "nav-home")
        click(d, "nav-banks")
        wait_for(d, lambda d: d.find_elements(*by_testid("bank-link")), STEP_TIMEOUT, "the links")
        cards = [c for c in d.find_elements(*by_testid("bank-link")) if not c.find_elements(*by_testid("bank-link-demo"))]
        return cards[0] if cards else None

    card = wait_for(driver, her_link, SIGN_IN_TIMEOUT, "the new link")
    accounts = card.find_element(*by_testid("bank-link-accounts")).text
    assert accounts.endswith("1"), accounts
    screenshot("bank-sign-in-linked")
