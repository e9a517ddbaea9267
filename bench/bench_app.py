"""Whole-process figures in a real terminal: time to first frame, memory, CPU while counting.

Three programs run in detached tmux panes of 100x30, as a user would see them: the
installed ``stride run pre-run-warmup``, a minimal Textual app showing one ``Digits``
countdown (``bench/bare_textual.py``), and ``termdown 120`` (installed for the benchmark
only). Each run launches them one after another, each alone while it starts, so the
first frames are measured cleanly; their 30-second CPU windows then overlap, which is
fair because all three are idle countdowns by then. For stride, the window falls in
the warm-up's first, one-minute timed step.

Run: python -m bench.bench_app [runs] [seconds]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import Figure

BIN = Path(sys.executable).parent
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
SETTLE = 3.0
"""Seconds after the first frame before the CPU window opens (start-up work is over)."""


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True
    ).stdout


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _rss_mb(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 1e6


@dataclass
class Launch:
    """One program started in its own tmux server."""

    name: str
    socket: str
    pid: int
    first_frame_ms: float
    rss_first: float
    cpu_start: float = 0.0
    wall_start: float = 0.0
    rows: dict[str, float] = field(default_factory=dict)


def launch(name: str, command: str, ready: str) -> Launch:
    socket = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.monotonic()
    _tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", f"exec {command}")
    while ready not in _tmux(socket, "capture-pane", "-p"):
        if time.monotonic() - start > 20:
            raise RuntimeError(f"{command} showed no {ready!r}")
        time.sleep(0.003)
    first = (time.monotonic() - start) * 1000
    pid = int(_tmux(socket, "display", "-p", "#{pane_pid}").strip())
    return Launch(name, socket, pid, first, _rss_mb(pid))


def close(run: Launch) -> None:
    subprocess.run(["tmux", "-L", run.socket, "kill-server"], capture_output=True, check=False)


def one_round(programs: dict[str, tuple[str, str]], window: float) -> list[Launch]:
    launches = []
    try:
        for name, (command, ready) in programs.items():
            launches.append(launch(name, command, ready))
        time.sleep(SETTLE)
        for run in launches:
            run.cpu_start, run.wall_start = _cpu_seconds(run.pid), time.monotonic()
        time.sleep(window)
        for run in launches:
            used = _cpu_seconds(run.pid) - run.cpu_start
            run.rows["cpu"] = used / (time.monotonic() - run.wall_start) * 100
            run.rows["rss_later"] = _rss_mb(run.pid)
    finally:
        for run in launches:
            close(run)
    return launches


def run(runs: int = 5, window: float = 30.0) -> dict[str, Figure]:
    termdown = shutil.which("termdown") or str(BIN / "termdown")
    if shutil.which("tmux") is None or not Path(termdown).exists():
        raise SystemExit("needs tmux and termdown (make bench installs termdown)")
    home = tempfile.mkdtemp(prefix="stride-bench-home-")
    Path(home, "config").mkdir()
    Path(home, "config", "config.toml").write_text("[sound]\nbackend = 'none'\n")
    programs = {
        "": (f"env STRIDE_HOME={home} {BIN / 'stride'} run pre-run-warmup", "GET READY"),
        "_bare_textual": (f"{sys.executable} -m bench.bare_textual", "╶"),
        "_termdown": (f"{termdown} 120", "88"),
    }
    rounds: list[list[Launch]] = []
    try:
        one_round(programs, 0.5)  # warm-up: caches and bytecode
        rounds = [one_round(programs, window) for _ in range(runs)]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    figures: dict[str, Figure] = {}
    for index, suffix in enumerate(programs):
        runs_of = [launches[index] for launches in rounds]
        figures[f"first_frame_ms{suffix}"] = Figure.of([r.first_frame_ms for r in runs_of])
        figures[f"rss_mb{suffix}"] = Figure.of([r.rss_first for r in runs_of])
        figures[f"rss_mb_30s{suffix}"] = Figure.of([r.rows["rss_later"] for r in runs_of])
        cpu_key = "cpu_pct_countdown" if suffix == "" else f"cpu_pct{suffix}"
        figures[cpu_key] = Figure.of([r.rows["cpu"] for r in runs_of])
    return figures


TARGETS: dict[str, float] = {"rss_mb": 45.0, "rss_mb_30s": 45.0}
"""Relative targets (1.2x the bare app's first frame, termdown's CPU) are checked by
``run_all``, which has both figures."""

if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    for key, figure in run(count, seconds).items():
        unit = "%" if key.startswith("cpu") else ("MB" if key.startswith("rss") else "ms")
        print(
            f"{key:28} {figure.median:8.2f} {unit} (min {figure.low:.2f}, "
            f"max {figure.high:.2f}, n={figure.runs})"
        )
