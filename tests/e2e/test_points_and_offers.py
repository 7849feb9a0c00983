"""Points and offers the way a new user would find them on the demo bank: the Points & offers tab shows the
points two years of card spending earned and the bank's offers; paying ¥100 at Starbucks shows "¥10 off"
on the confirmation sheet and charges ¥90, which the bills show with the discount; then points are redeemed
for a bill credit with the PIN.

On a new wallet of its own: it waits for the first sync and sets the payment PIN first."""

import re

from conftest import screenshot
from helpers import (
    FIRST_SYNC_TIMEOUT,
    STEP_TIMEOUT,
    by_testid,
    click,
    enter_pin,
    set_payment_pin,
    upload_merchant_code,
    visible,
    wait_for,
    wait_for_first_sync,
)

# Points and redemptions come from the bank at a sync: as slow as a first sync on a busy machine.
SYNC_TIMEOUT = FIRST_SYNC_TIMEOUT


def points_shown(driver) -> int:
    balance = visible(driver, "points-balance")
    return int(re.sub(r"[^\d-]", "", balance.text)) if balance else 0


def test_points_and_offers_show_and_a_payment_at_starbucks_gets_the_offer_and_points_are_redeemed(
    driver, merchant_codes
):
    wait_for_first_sync(driver)
    set_payment_pin(driver)
    click(driver, "nav-rewards")
    wait_for(driver, lambda d: points_shown(d) > 0, SYNC_TIMEOUT, "the points the demo history earned")
    before = points_shown(driver)
    offers = wait_for(driver, lambda d: d.find_elements(*by_testid("offer")), STEP_TIMEOUT, "the bank's offers")
    assert any("Starbucks" in o.text for o in offers), [o.text for o in offers]
    screenshot("rewards-points-and-offers")

    # Pay ¥100 at Starbucks: the sheet shows the bank's offer and what is charged.
    upload_merchant_code(driver, merchant_codes / "starbucks.png")
    wait_for(driver, lambda d: visible(d, "scanned-payee"), STEP_TIMEOUT, "the scanned merchant")
    amount = wait_for(driver, lambda d: visible(d, "pay-amount"), STEP_TIMEOUT, "the amount input")
    amount.clear()
    amount.send_keys("100")
    click(driver, "pay-continue")
    notice = wait_for(driver, lambda d: visible(d, "offer-notice"), STEP_TIMEOUT, "the offer on the sheet")
    assert "10.00" in notice.text and "90.00" in notice.text, notice.text
    screenshot("rewards-offer-on-sheet")
    click(driver, "confirm-pay")
    wait_for(driver, lambda d: visible(d, "pin-pad"), STEP_TIMEOUT, "the PIN pad")
    enter_pin(driver)
    status = wait_for(
        driver,
        lambda d: (s := visible(d, "payment-status")) and s.get_attribute("data-status") == "completed" and s,
        STEP_TIMEOUT,
        "the payment to complete",
    )
    screenshot("rewards-paid-with-offer")
    click(driver, "payment-done")

    click(driver, "nav-bills")
    line = wait_for(
        driver,
        lambda d: next(
            (r for r in d.find_elements(*by_testid("bill-row")) if r.find_elements(*by_testid("bill-discount"))),
            None,
        ),
        STEP_TIMEOUT,
        "the bill line with its discount",
    )
    text = line.get_attribute("textContent")
    assert "Starbucks" in text and "90.00" in text and "10.00" in text, text
    screenshot("rewards-discount-in-bills")

    # Redeem 500 points for a ¥5 bill credit.
    click(driver, "nav-rewards")
    points = wait_for(driver, lambda d: visible(d, "redeem-points"), STEP_TIMEOUT, "the points input")
    points.clear()
    points.send_keys("500")
    click(driver, "redeem-next")
    enter_pin(driver)
    done = wait_for(driver, lambda d: visible(d, "redeem-done"), SYNC_TIMEOUT, "the redemption")
    assert "5.00" in done.text, done.text
    # Less than before (a card line booking meanwhile may have earned a few points since).
    wait_for(driver, lambda d: 0 < points_shown(d) < before, SYNC_TIMEOUT, "the balance less the points spent")
    screenshot("rewards-redeemed")
