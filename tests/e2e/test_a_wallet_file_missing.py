"""A wallet file deleted between two launches (issue 17, item 4): the real window says the file is missing
and that nothing was changed, and its owner starts over — only after ticking that the wallet's keys and
files are deleted for good and the bank is linked again — to a new wallet that syncs with the demo bank.

It launches the app itself, twice, with a wallet folder of its own, so it runs first (files run in name
order): while the suite's one window is open, another launch would only bring that window forward."""

import os
import shutil
import tempfile
from pathlib import Path

from conftest import launched, screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for

FIRST_SYNC_TIMEOUT = 90


def home_shows_accounts(driver, what: str) -> None:
    wait_for(driver, lambda d: d.find_elements(*by_testid("account-card")), FIRST_SYNC_TIMEOUT, what)


def test_a_deleted_wallet_file_is_refused_and_its_owner_starts_over_with_a_new_wallet():
    # The wallet folder and the demo bank's beside it, both inside one temporary folder.
    folder = Path(tempfile.mkdtemp(prefix="purse-e2e-start-over-"))
    try:
        launch_delete_and_start_over(folder / "wallet")
    finally:
        if os.environ.get("PURSE_E2E_KEEP"):
            print(f"wallet kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def launch_delete_and_start_over(data_dir: Path) -> None:
    with launched(str(data_dir), "start-over-app.log") as driver:
        home_shows_accounts(driver, "the first launch's home screen")
    for name in ["wallet.db", "wallet.db-wal", "wallet.db-shm"]:
        (data_dir / name).unlink(missing_ok=True)

    with launched(str(data_dir), "start-over-app.log") as driver:
        refused = wait_for(driver, lambda d: visible(d, "no-wallet"), STEP_TIMEOUT, "the refusal screen")
        screenshot("start-over-refused")
        assert "Nothing was changed" in refused.text or "没有做任何更改" in refused.text, refused.text
        assert not driver.find_elements(*by_testid("account-card"))
        assert not (data_dir / "wallet.db").exists(), "the refusal made no new wallet file"

        click(driver, "start-over")
        warning = wait_for(driver, lambda d: visible(d, "start-over-warning"), STEP_TIMEOUT, "the warning")
        assert "无法撤销" in warning.text or "cannot be undone" in warning.text, warning.text
        submit = visible(driver, "start-over-submit")
        assert not submit.is_enabled(), "starting over waits for the tick"
        click(driver, "start-over-understood")
        screenshot("start-over-confirm")
        click(driver, "start-over-submit")

        home_shows_accounts(driver, "the new wallet's home screen after starting over")
        screenshot("start-over-home")
        assert (data_dir / "wallet.db").exists()
