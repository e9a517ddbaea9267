"""Whole-process figures in a real terminal: time to first frame, memory, CPU while counting.

Each program runs in a detached tmux pane of 100x30, as a user would see it.

Run: python -m bench.bench_app [runs]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.stats import Figure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True
    ).stdout


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _rss_mb(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 1e6


def one_run(command: str, ready: str, cpu_window: float) -> tuple[float, float, float, float]:
    """(first frame ms, rss MB at first frame, rss MB later, CPU % over the window)."""
    socket = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.monotonic()
    _tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", f"exec {command}")
    try:
        while ready not in _tmux(socket, "capture-pane", "-p"):
            if time.monotonic() - start > 20:
                raise RuntimeError(f"{command} showed no {ready!r}")
            time.sleep(0.005)
        first = (time.monotonic() - start) * 1000
        pid = int(_tmux(socket, "display", "-p", "#{pane_pid}").strip())
        rss_first = _rss_mb(pid)
        time.sleep(2.0)  # past start-up work, into a steady countdown
        cpu_before, wall_before = _cpu_seconds(pid), time.monotonic()
        time.sleep(cpu_window)
        cpu = (_cpu_seconds(pid) - cpu_before) / (time.monotonic() - wall_before) * 100
        return first, rss_first, _rss_mb(pid), cpu
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def _figure(values: list[float]) -> Figure:
    return Figure(statistics.median(values), min(values), max(values), len(values))


def run(runs: int = 5, cpu_window: float = 15.0) -> dict[str, Figure]:
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    home = tempfile.mkdtemp(prefix="stride-bench-home-")
    hold = ROOT / "bench" / "hold.yaml"
    hold.write_text(
        "name: Hold\ndefaults: {get_ready: 0}\nsteps:\n"
        "  - {name: Couch stretch, time: 10m, cues: [Neutral pelvis]}\n"
    )
    programs = {
        "": (f"env STRIDE_HOME={home} {BIN / 'stride'} run pre-run-warmup", "GET READY"),
        "_countdown": (f"env STRIDE_HOME={home} {BIN / 'stride'} run {hold}", "WORK"),
        "_bare_textual": (f"{sys.executable} -m bench.bare_textual", "╶"),
    }
    results: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in programs}
    try:
        for command, ready in programs.values():  # warm-up: caches, bytecode
            one_run(command, ready, 0.5)
        for _ in range(runs):
            for name, (command, ready) in programs.items():
                results[name].append(one_run(command, ready, cpu_window))
    finally:
        hold.unlink(missing_ok=True)
        shutil.rmtree(home, ignore_errors=True)
    figures: dict[str, Figure] = {}
    for name, rows in results.items():
        if name != "_countdown":
            figures[f"first_frame_ms{name}"] = _figure([r[0] for r in rows])
            figures[f"rss_mb{name}"] = _figure([r[1] for r in rows])
            figures[f"rss_mb_30s{name}"] = _figure([r[2] for r in rows])
    figures["cpu_pct_countdown"] = _figure([r[3] for r in results["_countdown"]])
    figures["cpu_pct_bare_textual"] = _figure([r[3] for r in results["_bare_textual"]])
    return figures


TARGETS: dict[str, float] = {}

if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    window = float(sys.argv[2]) if len(sys.argv) > 2 else 15.0
    for key, figure in run(count, window).items():
        unit = "%" if key.startswith("cpu") else ("MB" if key.startswith("rss") else "ms")
        print(
            f"{key:28} {figure.median:8.2f} {unit} (min {figure.low:.2f}, "
            f"max {figure.high:.2f}, n={figure.runs})"
        )
