"""What every end-to-end test does with the window (find by data-testid, wait for a condition, click, type)
and the setup a test needs on its own new wallet (the first sync, a payment PIN, a second factor), so no
test leans on what another did before it."""

import base64
import hashlib
import hmac
import struct
import time

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import WebDriverWait

STEP_TIMEOUT = 30
# A first launch seeds the sandbox bank, links it over OAuth and syncs two years of history: be generous.
FIRST_SYNC_TIMEOUT = 120
PIN = "258036"


def by_testid(testid: str) -> tuple[str, str]:
    return By.CSS_SELECTOR, f"[data-testid={testid}]"


def wait_for(driver, condition, timeout: float, what: str):
    """Polls condition(driver) until it is truthy; fails naming what was awaited."""
    return WebDriverWait(
        driver,
        timeout,
        poll_frequency=0.3,
        ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
    ).until(condition, message=f"waited {timeout} s for {what}")


def visible(driver, testid: str):
    """The first shown element with this test id, or None."""
    elements = [e for e in driver.find_elements(*by_testid(testid)) if e.is_displayed()]
    return elements[0] if elements else None


def click(driver, testid: str) -> None:
    wait_for(driver, lambda d: visible(d, testid), STEP_TIMEOUT, testid).click()


def type_into(driver, testid: str, text: str) -> None:
    field = wait_for(driver, lambda d: visible(d, testid), STEP_TIMEOUT, testid)
    field.clear()
    field.send_keys(text)


def enter_pin(driver) -> None:
    for digit in PIN:
        click(driver, f"pin-key-{digit}")


def wait_for_first_sync(driver) -> None:
    """The new wallet's home screen with the demo accounts: the first launch's sync is done."""
    wait_for(driver, lambda d: d.find_elements(*by_testid("account-card")), FIRST_SYNC_TIMEOUT, "the synced accounts")


def set_payment_pin(driver) -> None:
    """The wallet's payment PIN, set through the app's own command as the PIN setup screen sets it (that
    screen, which comes up in the first payment, is test_payments.py's to drive)."""
    error = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('set_payment_pin', { pin: arguments[0] })
          .then(() => done(null), (e) => done(JSON.stringify(e)));
        """,
        PIN,
    )
    assert error is None, f"setting the payment PIN failed: {error}"


def upload_merchant_code(driver, picture) -> None:
    """Pay → Scan, with a picture of a merchant's QR code chosen as the file."""
    click(driver, "nav-pay")
    click(driver, "pay-tab-scan")
    upload = wait_for(driver, lambda d: d.find_element(*by_testid("qr-file")), STEP_TIMEOUT, "the file input")
    # The app runs on this machine: the driver reads the path itself (no Selenium Grid upload).
    driver.file_detector = UselessFileDetector()
    upload.send_keys(str(picture))


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


def begin_second_factor(driver) -> str:
    """Security → set up a second factor with the PIN: the key the QR code carries, as shown."""
    click(driver, "nav-security")
    click(driver, "second-factor-start")
    type_into(driver, "second-factor-start-pin", PIN)
    click(driver, "second-factor-begin")
    return wait_for(driver, lambda d: visible(d, "second-factor-key"), STEP_TIMEOUT, "the key").text.strip()


def confirm_second_factor(driver, key: str) -> None:
    """The first code and the PIN confirm the second factor; the recovery codes then show."""
    type_into(driver, "second-factor-first-code", totp(key))
    type_into(driver, "second-factor-pin", PIN)
    click(driver, "second-factor-confirm")
    wait_for(driver, lambda d: visible(d, "recovery-codes"), STEP_TIMEOUT, "the recovery codes")


def set_up_second_factor(driver) -> str:
    """A second factor set up (the payment PIN must be set), the recovery codes put away; its key."""
    key = begin_second_factor(driver)
    confirm_second_factor(driver, key)
    click(driver, "recovery-codes-done")
    return key
