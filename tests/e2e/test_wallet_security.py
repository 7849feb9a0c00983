"""Security as a person sets it up and a thief with the laptop meets it, in the real window: the second factor
set up from its key (the QR's text) with the first code and the PIN, the recovery codes shown once; a lower
limit that stops a payment on the confirmation sheet with its reasons; an app password, the lock that shows
nothing of the wallet, a wrong password refused and the right one letting the person back in.

Each test on a new wallet of its own: it waits for the first sync and sets the payment PIN itself; the limit
is lowered with the PIN alone, as on any wallet without a second factor."""

import re

from conftest import screenshot
from helpers import (
    PIN,
    STEP_TIMEOUT,
    begin_second_factor,
    by_testid,
    click,
    confirm_second_factor,
    set_payment_pin,
    type_into,
    upload_merchant_code,
    visible,
    wait_for,
    wait_for_first_sync,
)

APP_PASSWORD = "correct horse"

def test_setting_up_the_second_factor_shows_its_key_and_then_ten_recovery_codes_once(driver):
    wait_for_first_sync(driver)
    set_payment_pin(driver)
    key = begin_second_factor(driver)
    assert key, "the key is shown"
    assert visible(driver, "second-factor-qr"), "the QR code is drawn"
    confirm_second_factor(driver, key)
    codes = [c.text for c in driver.find_elements(*by_testid("recovery-code")) if c.is_displayed()]
    assert len(codes) == 10, codes
    screenshot("security-recovery-codes")
    click(driver, "recovery-codes-done")
    left = wait_for(driver, lambda d: visible(d, "second-factor-codes-left"), STEP_TIMEOUT, "the codes left")
    assert "10" in left.text, left.text


def test_a_payment_over_a_lowered_limit_is_stopped_on_the_confirmation_sheet_with_its_reason(driver, merchant_codes):
    wait_for_first_sync(driver)
    set_payment_pin(driver)
    click(driver, "nav-security")
    click(driver, "limits-change")
    type_into(driver, "limits-per-payment", "10")
    type_into(driver, "limits-daily", "1000")
    type_into(driver, "limits-pin", PIN)
    click(driver, "limits-save")
    wait_for(driver, lambda d: visible(d, "limits-saved"), STEP_TIMEOUT, "the new limits saved")

    upload_merchant_code(driver, merchant_codes / "starbucks.png")
    amount = wait_for(driver, lambda d: visible(d, "pay-amount"), STEP_TIMEOUT, "the amount input")
    amount.clear()
    amount.send_keys("36.80")
    click(driver, "pay-continue")
    notice = wait_for(driver, lambda d: visible(d, "risk-notice"), STEP_TIMEOUT, "the risk notice")
    reasons = " ".join(r.text for r in driver.find_elements(*by_testid("risk-reason")))
    assert "10" in reasons, reasons
    confirm = wait_for(driver, lambda d: visible(d, "confirm-pay"), STEP_TIMEOUT, "the confirm button")
    assert not confirm.is_enabled(), "a blocked payment cannot be confirmed"
    screenshot("security-payment-blocked")
    assert notice.text
    click(driver, "confirm-close")
    wait_for(driver, lambda d: not visible(d, "confirm-sheet"), STEP_TIMEOUT, "the sheet closed")


def test_a_locked_window_shows_nothing_of_the_wallet_until_the_app_password(driver):
    wait_for_first_sync(driver)
    set_payment_pin(driver)
    click(driver, "nav-security")
    click(driver, "app-password-set")
    type_into(driver, "app-password-new", APP_PASSWORD)
    type_into(driver, "app-password-repeat", APP_PASSWORD)
    type_into(driver, "app-password-pin", PIN)
    click(driver, "app-password-save")
    wait_for(driver, lambda d: visible(d, "app-password-saved"), STEP_TIMEOUT, "the app password saved")

    click(driver, "lock-now")
    wait_for(driver, lambda d: visible(d, "lock-screen"), STEP_TIMEOUT, "the lock screen")
    page = driver.find_element("tag name", "body").text
    for shown in ["Salary", "工资", "Starbucks", "星巴克", "Li Ming", "李明"]:
        assert shown not in page, f"{shown!r} shows while locked:\n{page}"
    assert not re.search(r"\d[\d,]*\.\d\d", page), f"an amount shows while locked:\n{page}"
    assert not visible(driver, "nav-home"), "no navigation while locked"
    screenshot("security-locked")

    type_into(driver, "unlock-password", "wrong horse")
    click(driver, "unlock-submit")
    wait_for(driver, lambda d: visible(d, "unlock-error"), STEP_TIMEOUT, "the wrong password refused")
    assert visible(driver, "lock-screen"), "still locked"

    type_into(driver, "unlock-password", APP_PASSWORD)
    click(driver, "unlock-submit")
    wait_for(driver, lambda d: visible(d, "nav-home"), STEP_TIMEOUT, "the wallet back after unlocking")
    click(driver, "nav-home")
    screenshot("security-unlocked")
