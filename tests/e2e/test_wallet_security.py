"""Security as a person sets it up and a thief with the laptop meets it, in the real window: the second factor
set up from its key (the QR's text) with the first code and the PIN, the recovery codes shown once; a lower
limit that stops a payment on the confirmation sheet with its reasons; an app password, the lock that shows
nothing of the wallet, a wrong password refused and the right one letting the person back in.

Runs last, in the same window as the other tests (the wallet is synced and its PIN is set)."""

import base64
import hashlib
import hmac
import re
import struct
import time

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for
from selenium.webdriver.remote.file_detector import UselessFileDetector

PIN = "258036"
APP_PASSWORD = "correct horse"

# The last time step a code was typed for: an authenticator code works once.
used_steps: set[int] = set()


def totp(key: str) -> str:
    """What an authenticator app shows for this key now (RFC 6238: SHA-1, 6 digits, 30 s), never a step
    already used: waits for the next one if need be."""
    step = int(time.time()) // 30
    while step in used_steps:
        time.sleep(1)
        step = int(time.time()) // 30
    used_steps.add(step)
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def type_into(driver, testid: str, text: str) -> None:
    field = wait_for(driver, lambda d: visible(d, testid), STEP_TIMEOUT, testid)
    field.clear()
    field.send_keys(text)


def test_setting_up_the_second_factor_shows_its_key_and_then_ten_recovery_codes_once(driver):
    click(driver, "nav-security")
    click(driver, "second-factor-start")
    type_into(driver, "second-factor-start-pin", PIN)
    click(driver, "second-factor-begin")
    key = wait_for(driver, lambda d: visible(d, "second-factor-key"), STEP_TIMEOUT, "the key").text.strip()
    assert visible(driver, "second-factor-qr"), "the QR code is drawn"
    driver.key = key
    type_into(driver, "second-factor-first-code", totp(key))
    type_into(driver, "second-factor-pin", PIN)
    click(driver, "second-factor-confirm")
    wait_for(driver, lambda d: visible(d, "recovery-codes"), STEP_TIMEOUT, "the recovery codes")
    codes = [c.text for c in driver.find_elements(*by_testid("recovery-code")) if c.is_displayed()]
    assert len(codes) == 10, codes
    screenshot("security-recovery-codes")
    click(driver, "recovery-codes-done")
    left = wait_for(driver, lambda d: visible(d, "second-factor-codes-left"), STEP_TIMEOUT, "the codes left")
    assert "10" in left.text, left.text


def test_a_payment_over_a_lowered_limit_is_stopped_on_the_confirmation_sheet_with_its_reason(driver, merchant_codes):
    click(driver, "nav-security")
    click(driver, "limits-change")
    type_into(driver, "limits-per-payment", "10")
    type_into(driver, "limits-daily", "1000")
    type_into(driver, "limits-pin", PIN)
    type_into(driver, "limits-code", totp(driver.key))
    click(driver, "limits-save")
    wait_for(driver, lambda d: visible(d, "limits-saved"), STEP_TIMEOUT, "the new limits saved")

    click(driver, "nav-pay")
    click(driver, "pay-tab-scan")
    upload = wait_for(driver, lambda d: d.find_element(*by_testid("qr-file")), STEP_TIMEOUT, "the file input")
    driver.file_detector = UselessFileDetector()
    upload.send_keys(str(merchant_codes / "starbucks.png"))
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
