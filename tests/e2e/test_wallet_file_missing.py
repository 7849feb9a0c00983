"""A wallet file deleted between two launches (issue 17, item 4): the real window says the file is missing
and that nothing was changed, and its owner starts over — only after ticking that the wallet's keys and
files are deleted for good and the bank is linked again — to a new wallet that syncs with the demo bank.

It launches the app itself, twice, on the test's own wallet folder (the `wallet_dir` fixture, not the
`driver` one, which launches once)."""

from conftest import launched, screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for, wait_for_first_sync


def test_a_deleted_wallet_file_is_refused_and_its_owner_starts_over_with_a_new_wallet(wallet_dir):
    data_dir = wallet_dir
    with launched(str(data_dir), "start-over-app.log") as driver:
        wait_for_first_sync(driver)
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

        wait_for_first_sync(driver)
        screenshot("start-over-home")
        assert (data_dir / "wallet.db").exists()
