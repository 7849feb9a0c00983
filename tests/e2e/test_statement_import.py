"""Importing a WeChat Pay bill in the real window as a new user would: choose the file, see the preview with
its counts, choose the account, import, find the bills among the others; the same file again adds nothing.

On a new wallet of its own, synced first."""

from pathlib import Path

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for, wait_for_first_sync
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import Select

BILL = Path(__file__).resolve().parents[2] / "crates/wallet-import/tests/fixtures/wechat/bill.input.csv"


def choose_bill(driver) -> None:
    upload = wait_for(driver, lambda d: d.find_element(*by_testid("import-file")), STEP_TIMEOUT, "the file input")
    driver.file_detector = UselessFileDetector()
    upload.send_keys(str(BILL))


def count(driver, testid: str) -> str:
    return wait_for(driver, lambda d: visible(d, testid), STEP_TIMEOUT, testid).text


def test_a_wechat_bill_is_previewed_imported_and_a_second_import_adds_nothing(driver):
    wait_for_first_sync(driver)
    click(driver, "nav-bills")
    click(driver, "bills-tab-import")
    choose_bill(driver)
    wait_for(driver, lambda d: visible(d, "import-rows"), STEP_TIMEOUT, "the preview")
    account = Select(wait_for(driver, lambda d: visible(d, "import-account"), STEP_TIMEOUT, "the account select"))
    wallet_option = next(o for o in account.options if "E-wallet" in o.text)
    account.select_by_value(wallet_option.get_attribute("value"))
    wait_for(driver, lambda d: "8" in count(d, "import-count-new"), STEP_TIMEOUT, "8 new bills")
    screenshot("import-preview")

    click(driver, "import-commit")
    result = wait_for(driver, lambda d: visible(d, "import-result"), STEP_TIMEOUT, "the import's result")
    assert "8" in result.text, result.text
    wait_for(driver, lambda d: d.find_elements(*by_testid("import-history-row")), STEP_TIMEOUT, "the history")
    screenshot("import-done")

    click(driver, "bills-tab-list")
    search = wait_for(driver, lambda d: visible(d, "bills-search"), STEP_TIMEOUT, "the search box")
    search.send_keys("瑞幸")
    wait_for(
        driver,
        lambda d: any("瑞幸咖啡" in r.get_attribute("textContent") for r in d.find_elements(*by_testid("bill-row"))),
        STEP_TIMEOUT,
        "the imported coffee among the bills",
    )

    click(driver, "bills-tab-import")
    choose_bill(driver)
    account = Select(wait_for(driver, lambda d: visible(d, "import-account"), STEP_TIMEOUT, "the account select"))
    account.select_by_value(wallet_option_value(account))
    wait_for(driver, lambda d: "8" in count(d, "import-count-duplicates"), STEP_TIMEOUT, "8 already imported")
    commit = wait_for(driver, lambda d: visible(d, "import-commit"), STEP_TIMEOUT, "the import button")
    assert not commit.is_enabled(), "nothing new to import"
    screenshot("import-again")


def wallet_option_value(select: Select) -> str:
    return next(o for o in select.options if "E-wallet" in o.text).get_attribute("value")
