"""How long Purse takes to start and how much memory it then holds, measured the same way each time, with no
test driver in the way: the binary is started as a person's launcher would start it, and the clock stops
when the window has painted its first screen with the wallet in it (the window tells the backend, which logs
`first screen shown`). Ten seconds later, idle, the memory of the app and its web view processes is read
from /proc. Needs a display and a keyring session (scripts/measure-start.sh provides both).

  measure_start.py BINARY DATA_DIR [RUNS]

A DATA_DIR without a wallet gets one first (a launch that creates it and syncs the demo bank, not timed).
The timed starts find the app's files in the OS's disk cache, as any start but the first after a reboot
does; where the script may empty that cache (root), one more start is timed after emptying it.
Memory is given three ways, because shared libraries make a single number misleading (docs/benchmarks.md):
  PSS  each page divided among the processes that map it: the app's fair share of the machine's memory
  USS  pages no other process maps: what quitting Purse gives back
  RSS  every page each process maps, shared ones counted in every process: an overstatement
"""

from __future__ import annotations

import os
import selectors
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FIRST_SCREEN = "first screen shown"
FIRST_LAUNCH_TIMEOUT = 180  # the first launch creates the wallet and syncs two years of demo history
START_TIMEOUT = 30
IDLE_SECONDS = 10


@dataclass
class Memory:
    rss_kib: int
    pss_kib: int
    uss_kib: int

    def __add__(self, other: Memory) -> Memory:
        return Memory(self.rss_kib + other.rss_kib, self.pss_kib + other.pss_kib, self.uss_kib + other.uss_kib)


@dataclass
class Run:
    seconds: float
    # By process name: the app itself, and WebKit's web and network processes (its children).
    processes: dict[str, Memory]

    def total(self) -> Memory:
        return sum(self.processes.values(), Memory(0, 0, 0))


def rollup(pid: int) -> Memory:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return Memory(fields["Rss"], fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"])


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name is in parentheses and may hold spaces: the parent pid follows the last ')'.
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def launch(binary: str, data_dir: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        PURSE_DATA_DIR=data_dir,
        RUST_LOG="purse_desktop=info",
        WEBKIT_DISABLE_DMABUF_RENDERER="1",
    )
    return subprocess.Popen(
        [binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def wait_for_first_screen(app: subprocess.Popen, timeout: float) -> None:
    assert app.stderr is not None
    watch = selectors.DefaultSelector()
    watch.register(app.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not watch.select(deadline - time.monotonic()):
            break
        line = app.stderr.readline().decode(errors="replace")
        if not line:
            raise SystemExit(f"Purse exited (status {app.wait()}) before it showed its first screen")
        if FIRST_SCREEN in line:
            return
    raise SystemExit(f"Purse showed no first screen within {timeout:.0f} s")


def stop(app: subprocess.Popen) -> None:
    os.killpg(app.pid, signal.SIGTERM)
    app.wait(timeout=15)
    # The web view's processes leave with the app; the next run must not share the machine with them.
    deadline = time.monotonic() + 10
    while descendants(app.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert app.stderr is not None
    app.stderr.close()


def one_run(binary: str, data_dir: str) -> Run:
    started = time.monotonic()
    app = launch(binary, data_dir)
    try:
        wait_for_first_screen(app, START_TIMEOUT)
        seconds = time.monotonic() - started
        # Idle: the start-up sync done, nothing touched. (At info only this module logs: the pipe won't fill.)
        time.sleep(IDLE_SECONDS)
        processes: dict[str, Memory] = {}
        for pid in [app.pid, *descendants(app.pid)]:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            processes[name] = processes.get(name, Memory(0, 0, 0)) + rollup(pid)
        return Run(seconds, processes)
    finally:
        stop(app)


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def report(runs: list[Run]) -> None:
    def median(values) -> float:
        return statistics.median(list(values))

    times = [run.seconds for run in runs]
    print(f"cold start to the first screen: median {median(times):.2f} s (in order: {', '.join(f'{t:.2f}' for t in times)})")
    names = sorted({name for run in runs for name in run.processes})
    for label, pick in (("PSS", "pss_kib"), ("USS", "uss_kib"), ("RSS", "rss_kib")):
        total = median(getattr(run.total(), pick) for run in runs)
        parts = [
            f"{name} {mib(median(getattr(run.processes.get(name, Memory(0, 0, 0)), pick) for run in runs))}"
            for name in names
        ]
        print(f"idle memory {label}: {mib(total)} MiB ({' + '.join(parts)}), median")


def empty_disk_cache() -> bool:
    """Drops the kernel's cached file pages (root only), so the next start reads the binary, WebKit and the
    wallet from disk as the first start after a reboot would."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def main() -> None:
    binary, data_dir = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    if not (Path(data_dir) / "wallet.db").exists():
        print("no wallet in the folder yet: a first launch, not timed, makes it (Purse syncs the demo bank)")
        app = launch(binary, data_dir)
        try:
            wait_for_first_screen(app, FIRST_LAUNCH_TIMEOUT)
        finally:
            stop(app)
    report([one_run(binary, data_dir) for _ in range(runs)])
    if empty_disk_cache():
        print(f"cold start with an empty disk cache (as after a reboot): {one_run(binary, data_dir).seconds:.2f} s")
    else:
        print("(not root: the start with an empty disk cache was not timed)")


if __name__ == "__main__":
    main()
