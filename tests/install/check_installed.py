"""Drives the *installed* Purse (the binary the .deb put on the system) through tauri-driver, as a person
would meet it: the window shows the home screen, and a wallet survives an upgrade. Used by
scripts/install-test.sh, which installs, upgrades and removes (and times starts with measure_start.py,
which needs no driver in the way).

  check_installed.py first APP DATA_DIR      first launch: home shows the synced demo wallet; marks it
                                             (language → 中文)
  check_installed.py upgraded APP DATA_DIR   after an upgrade: the same wallet, still marked, opens at home
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from conftest import free_port, wait_until_listening  # noqa: E402
from helpers import by_testid, visible, wait_for  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.options import ArgOptions  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

FIRST_SYNC_TIMEOUT = 120
HOME_TIMEOUT = 30


class Session:
    """tauri-driver and one app window, closed again on exit."""

    def __init__(self, app: str, data_dir: str):
        env = dict(os.environ, PURSE_DATA_DIR=data_dir, WEBKIT_DISABLE_DMABUF_RENDERER="1")
        self.port, native = free_port(), free_port()
        self.log = open(Path(data_dir).parent / f"install-driver-{self.port}.log", "w")
        self.driver_process = subprocess.Popen(
            ["tauri-driver", "--port", str(self.port), "--native-port", str(native)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until_listening(self.port, self.driver_process)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": app})
        self.driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{self.port}", options=options)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.driver_process.terminate()
            self.driver_process.wait(timeout=15)
            self.log.close()


def home(driver, timeout: float):
    return wait_for(driver, lambda d: visible(d, "home-total-assets"), timeout, "the home screen")


def accounts(driver) -> int:
    return len(driver.find_elements(*by_testid("account-card")))


def first(app: str, data_dir: str) -> None:
    session = Session(app, data_dir)
    try:
        driver = session.driver
        wait_for(driver, lambda d: visible(d, "home-total-assets") and accounts(d) >= 5, FIRST_SYNC_TIMEOUT, "the synced demo wallet")
        print(f"first launch: home with {accounts(driver)} accounts")
        Select(driver.find_element(*by_testid("language-switch"))).select_by_value("zh-CN")
        wait_for(driver, lambda d: d.execute_script("return document.documentElement.lang") == "zh-CN", HOME_TIMEOUT, "Chinese")
        time.sleep(1)  # the setting is written by the backend; give it a moment before the window closes
    finally:
        session.close()


def upgraded(app: str, data_dir: str) -> None:
    session = Session(app, data_dir)
    try:
        driver = session.driver
        home(driver, HOME_TIMEOUT)
        lang = driver.execute_script("return document.documentElement.lang")
        assert lang == "zh-CN", f"the wallet's own setting did not survive the upgrade (language {lang})"
        wait_for(driver, lambda d: accounts(d) >= 5, HOME_TIMEOUT, "the wallet's accounts")
        print(f"after the upgrade: the same wallet (中文, {accounts(driver)} accounts) at home")
    finally:
        session.close()


if __name__ == "__main__":
    phase, app, data_dir = sys.argv[1:4]
    {"first": first, "upgraded": upgraded}[phase](app, data_dir)
