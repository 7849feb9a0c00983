"""Paying a demo merchant the way a new user would: upload a picture of its QR code, type the amount, confirm,
set a payment PIN and enter it, watch the payment complete, and find it in the bills.

Runs after test_first_launch.py in the same window (the session's `driver`), so the wallet is synced."""

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for
from selenium.webdriver.remote.file_detector import UselessFileDetector

PIN = "258036"


def enter_pin(driver) -> None:
    for digit in PIN:
        click(driver, f"pin-key-{digit}")


def test_paying_a_demo_merchant_by_uploading_its_qr_picture_with_the_pin_shows_in_the_bills(
    driver, merchant_codes
):
    click(driver, "nav-pay")
    click(driver, "pay-tab-scan")
    upload = wait_for(driver, lambda d: d.find_element(*by_testid("qr-file")), STEP_TIMEOUT, "the file input")
    # The app runs on this machine: the driver reads the path itself (no Selenium Grid upload).
    driver.file_detector = UselessFileDetector()
    upload.send_keys(str(merchant_codes / "starbucks.png"))
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
