"""Paying a demo merchant the way a new user would: upload a picture of its QR code, type the amount, confirm,
set a payment PIN and enter it, watch the payment complete, and find it in the bills.

On a new wallet of its own, synced first: its payment is the wallet's first, so the PIN is set in it."""

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, enter_pin, upload_merchant_code, visible, wait_for, wait_for_first_sync


def test_paying_a_demo_merchant_by_uploading_its_qr_picture_with_the_pin_shows_in_the_bills(
    driver, merchant_codes
):
    wait_for_first_sync(driver)
    upload_merchant_code(driver, merchant_codes / "starbucks.png")
    payee = wait_for(driver, lambda d: visible(d, "scanned-payee"), STEP_TIMEOUT, "the scanned merchant")
    assert "Starbucks" in payee.text, payee.text
    screenshot("pay-scanned")

    amount = wait_for(driver, lambda d: visible(d, "pay-amount"), STEP_TIMEOUT, "the amount input")
    amount.clear()
    amount.send_keys("36.80")
    click(driver, "pay-continue")
    sheet = wait_for(driver, lambda d: visible(d, "confirm-sheet"), STEP_TIMEOUT, "the confirmation sheet")
    assert "36.80" in sheet.text, sheet.text
    assert "Starbucks" in sheet.text, sheet.text
    screenshot("pay-confirm")
    click(driver, "confirm-pay")

    # A new wallet has no payment PIN yet: it is set (typed twice) and the payment goes with it.
    wait_for(driver, lambda d: visible(d, "pin-setup"), STEP_TIMEOUT, "the PIN setup")
    enter_pin(driver)
    screenshot("pay-pin")
    enter_pin(driver)

    status = wait_for(
        driver,
        lambda d: (s := visible(d, "payment-status")) and s.get_attribute("data-status") == "completed" and s,
        STEP_TIMEOUT,
        "the payment to complete",
    )
    screenshot("pay-completed")
    assert "36.80" in status.text, status.text
    click(driver, "payment-done")
    wait_for(
        driver,
        lambda d: any("星巴克 Starbucks" in r.get_attribute("textContent") for r in d.find_elements(*by_testid("payment-row"))),
        STEP_TIMEOUT,
        "the payment in the payments list",
    )

    click(driver, "nav-bills")
    wait_for(
        driver,
        lambda d: any(
            "Starbucks" in (text := r.get_attribute("textContent")) and "36.80" in text
            for r in d.find_elements(*by_testid("bill-row"))
        ),
        STEP_TIMEOUT,
        "the payment in the bills",
    )
    screenshot("pay-in-bills")
