"""Purse runs once (issue 17, item 6): launching the real binary again while the window is open brings that
window forward and exits, instead of opening the wallet a second time."""

import os
import subprocess
import tempfile

from conftest import app_binary
from helpers import by_testid, wait_for_first_sync

# A second launch that opened its own window would run until killed; one that defers exits at once.
SECOND_LAUNCH_TIMEOUT = 20


def test_a_second_launch_focuses_the_open_window_and_exits(driver):
    wait_for_first_sync(driver)
    # Another wallet folder even: one Purse per user session, whatever it would open.
    env = dict(
        os.environ,
        PURSE_DATA_DIR=tempfile.mkdtemp(prefix="purse-second-"),
        WEBKIT_DISABLE_DMABUF_RENDERER="1",
    )
    second = subprocess.run(
        [str(app_binary())],
        env=env,
        timeout=SECOND_LAUNCH_TIMEOUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert second.returncode == 0
    assert not os.listdir(env["PURSE_DATA_DIR"]), "the second launch opened a wallet"
    assert driver.find_elements(*by_testid("account-card")), "the first window still shows the wallet"
