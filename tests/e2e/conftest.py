"""The harness: the real purse-desktop binary, launched by tauri-driver (WebKitWebDriver underneath) with a
fresh wallet directory for every test, so each test is a new user's first launch and depends on no other
test: it does the setup it needs itself (helpers.py). The tests run shuffled by default (`--order`), with
the seed printed, so a test that leans on another shows up.

Environment:
  PURSE_APP        the binary to drive (default: $CARGO_TARGET_DIR or ./target, then debug/purse-desktop)
  PURSE_E2E_KEEP   set to keep the temporary wallet directories for a look afterwards
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.options import ArgOptions

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / ".artifacts"


def app_binary() -> Path:
    if os.environ.get("PURSE_APP"):
        return Path(os.environ["PURSE_APP"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "purse-desktop"


def sandbox_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "bank-sandbox"


@pytest.fixture(scope="session")
def merchant_codes(tmp_path_factory) -> Path:
    """The demo merchants' QR pictures, as a customer would photograph them (`bank-sandbox merchant-qr`)."""
    binary = sandbox_binary()
    assert binary.is_file(), f"{binary} does not exist: build it first (scripts/e2e.sh does)"
    folder = tmp_path_factory.mktemp("merchant-codes")
    subprocess.run([str(binary), "merchant-qr", "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    return folder


def screenshot(name: str) -> None:
    """The whole X screen via ImageMagick: WebDriver's own screenshot can hang under Xvfb."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    try:
        subprocess.run(
            ["import", "-window", "root", str(path)],
            check=False,
            timeout=30,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"could not save screenshot {path}: {error}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tauri-driver exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"tauri-driver did not listen on port {port} within {timeout} s")


def app_processes(app: Path, data_dir: str) -> list[int]:
    """The ids of the app's processes running on this wallet folder: the ones a launch on it started."""
    marker = f"PURSE_DATA_DIR={data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != app.name[:15]:
                continue
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def end_app(app: Path, data_dir: str, grace: float = 10) -> None:
    """Waits for the app on this wallet folder to exit, and ends it if it outlives its WebDriver session (a
    busy machine can see tauri-driver stop before WebKitWebDriver has closed the window): the next launch
    would otherwise only bring that window forward (one Purse per user session) and never start."""
    deadline = time.monotonic() + grace
    while (pids := app_processes(app, data_dir)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not pids:
            return
        for pid in pids:
            print(f"the app (pid {pid}) outlived its WebDriver session: sending {sig.name}")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while (pids := app_processes(app, data_dir)) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert not pids, f"the app on {data_dir} would not end: {pids}"


@contextlib.contextmanager
def launched(data_dir: str, log_name: str = "app.log"):
    """A WebDriver session on the real app (tauri-driver starts it) with its wallet in `data_dir`; on leaving,
    the session and the app end."""
    app = app_binary()
    assert app.is_file(), f"{app} does not exist: build it first (scripts/e2e.sh does), or set PURSE_APP"
    assert shutil.which("tauri-driver"), "tauri-driver is not on PATH: run scripts/install-deps.sh --for-test"
    assert os.environ.get("DISPLAY"), "no X display: run under xvfb-run (scripts/e2e.sh does)"

    ARTIFACTS.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        PURSE_DATA_DIR=data_dir,
        WEBKIT_DISABLE_DMABUF_RENDERER="1",  # the DMA-BUF renderer fails on Xvfb
        # A bank's page is opened by the test itself (test_bank_sign_in.py), not by a browser on the machine.
        BROWSER="true",
        RUST_LOG=os.environ.get("RUST_LOG", "info"),
    )
    port, native_port = free_port(), free_port()
    while native_port == port:
        native_port = free_port()
    # tauri-driver's, WebKitWebDriver's and the app's output, for a look after a failure.
    with open(ARTIFACTS / log_name, "a") as log:
        tauri_driver = subprocess.Popen(
            ["tauri-driver", "--port", str(port), "--native-port", str(native_port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        session = None
        try:
            wait_until_listening(port, tauri_driver)
            options = ArgOptions()
            options.set_capability("browserName", "wry")
            options.set_capability("tauri:options", {"application": str(app)})
            session = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
            session.implicitly_wait(0)
            yield session
        finally:
            if session is not None:
                try:
                    session.quit()
                except WebDriverException as error:  # the app may already be gone; the driver must still stop
                    print(f"closing the WebDriver session failed: {error}")
            tauri_driver.terminate()
            try:
                tauri_driver.wait(timeout=15)
            except subprocess.TimeoutExpired:
                tauri_driver.kill()
            end_app(app, data_dir)


@pytest.fixture
def wallet_dir(request) -> Iterator[Path]:
    """A wallet folder of this test's own, empty (a new user), inside a temporary folder that also holds the
    demo bank's books (the app keeps them beside the wallet folder)."""
    folder = Path(tempfile.mkdtemp(prefix=f"purse-e2e-{request.node.name[:40]}-"))
    try:
        yield folder / "wallet"
    finally:
        if os.environ.get("PURSE_E2E_KEEP"):
            print(f"wallet kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def driver(wallet_dir, request):
    """The app launched on this test's own new wallet; it ends with the test."""
    with launched(str(wallet_dir), f"app-{request.node.name}.log") as session:
        yield session


def pytest_addoption(parser):
    parser.addoption(
        "--order",
        choices=("shuffled", "file", "reversed"),
        default="shuffled",
        help="the order the tests run in: shuffled (the default, seed printed), file order, or file order reversed",
    )
    parser.addoption("--seed", type=int, default=None, help="the seed of a shuffled order, to run one again")


def pytest_collection_modifyitems(config, items):
    """Every test has its own app and wallet, so any order must pass: shuffle (or reverse) to prove it."""
    order = config.getoption("order")
    if order == "reversed":
        items.reverse()
    elif order == "shuffled":
        seed = config.getoption("seed")
        if seed is None:
            seed = random.randrange(1_000_000)
        random.Random(seed).shuffle(items)
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(f"tests shuffled: run this order again with --seed {seed}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A screenshot of the screen as it was when a test failed, named after the test."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call"):
        screenshot(f"failed-{item.name}")
