"""End to end: the real Purse binary in a real WebKitGTK window, driven over WebDriver (tauri-driver)."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support.ui import Select, WebDriverWait

APP = os.environ.get("PURSE_APP", "")
ARTIFACTS = Path(__file__).parent / ".artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screenshot(name: str) -> None:
    """WebDriver's own screenshot can hang under Xvfb, so the screen is read with ImageMagick."""
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["import", "-window", "root", str(ARTIFACTS / f"{name}.png")], check=False, timeout=20)


@pytest.fixture(scope="module")
def driver():
    assert APP and Path(APP).exists(), "set PURSE_APP to the built purse-desktop binary"
    data_dir = tempfile.mkdtemp(prefix="purse-e2e-")
    port, native_port = free_port(), free_port()
    env = dict(os.environ, PURSE_DATA_DIR=data_dir, WEBKIT_DISABLE_DMABUF_RENDERER="1")
    tauri_driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native_port)], env=env
    )
    time.sleep(1.5)
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP})
    os.environ["PURSE_DATA_DIR"] = data_dir
    session = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
    session.implicitly_wait(0)
    yield session
    screenshot("final")
    session.quit()
    tauri_driver.terminate()
    tauri_driver.wait(timeout=10)
    shutil.rmtree(data_dir, ignore_errors=True)


def wait_for(driver, condition, timeout=120):
    return WebDriverWait(driver, timeout, poll_frequency=0.5).until(condition)


def test_a_new_user_sees_the_demo_accounts_and_total_assets_on_the_home_screen(driver):
    try:
        wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=account-card]")) >= 5)
        total = driver.find_element(By.CSS_SELECTOR, "[data-testid=home-total-assets]").text
        assert "¥" in total and any(ch.isdigit() for ch in total)
    finally:
        screenshot("home")


def test_the_bills_screen_shows_transactions(driver):
    driver.find_element(By.CSS_SELECTOR, "[data-testid=nav-bills]").click()
    rows = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=bill-row]"))
    assert len(rows) > 0
    screenshot("bills")


def test_switching_the_language_changes_the_visible_text(driver):
    switch = Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=language-switch]"))
    title = lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=app-title]").text  # noqa: E731
    switch.select_by_value("zh-CN")
    wait_for(driver, lambda d: title(d) == "Purse 钱包", timeout=20)
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=language-switch]")).select_by_value("en")
    wait_for(driver, lambda d: title(d) == "Purse", timeout=20)
    assert driver.execute_script("return document.documentElement.lang") == "en"
    screenshot("language")
