"""What a card payment abroad really cost: search the bills for a San Francisco coffee (the demo card's
February trip), open its cost and see the bank's rate, the conversion fee and the gap to the day's reference
rate. On a new wallet of its own, synced first."""

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for, wait_for_first_sync


def test_a_payment_abroad_shows_its_fee_and_how_far_above_the_reference_rate_it_came(driver):
    wait_for_first_sync(driver)
    click(driver, "nav-bills")
    search = wait_for(driver, lambda d: visible(d, "bills-search"), STEP_TIMEOUT, "the search box")
    search.clear()
    search.send_keys("Blue Bottle")
    toggle = wait_for(driver, lambda d: visible(d, "bill-fx-toggle"), STEP_TIMEOUT, "a converted coffee")
    toggle.click()
    cost = wait_for(driver, lambda d: visible(d, "fx-cost"), STEP_TIMEOUT, "the true cost")
    text = cost.get_attribute("textContent")
    assert "USD" in text, text
    fee = driver.find_element(*by_testid("fx-fee")).get_attribute("textContent")
    assert "¥" in fee, f"the conversion fee is in yuan: {fee}"
    above = driver.find_element(*by_testid("fx-above-reference")).get_attribute("textContent")
    assert above.strip().startswith("+"), f"paid above the reference rate: {above}"
    assert "%" in above, above
    screenshot("card-abroad-cost")
    search.clear()
