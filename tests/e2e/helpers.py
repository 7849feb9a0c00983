"""What every end-to-end test does with the window: find by data-testid, wait for a condition, click."""

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

STEP_TIMEOUT = 30


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
