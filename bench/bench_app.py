"""Whole-process figures in a real terminal: time to first frame, memory, CPU while counting.

Every program runs in a detached tmux pane of 100x30, as a user would see it. Two kinds
of rounds, each launching its programs one after another (each alone while it starts,
so the first frames are measured cleanly) and then measuring their CPU over the same
window, which is fair because all of them are idle countdowns (or an idle list) by then:

- warm-up rounds (5): ``stride run pre-run-warmup`` and ``stride run post-run-recovery``
  over their first 10 s from 1 s after the first frame (the get-ready count, its
  chimes' flashes and the first step's bars), ``stride`` alone (the picker), a minimal
  Textual app ticking one ``Digits`` countdown at 10 Hz (``bench/bare_textual.py``) and
  ``termdown 120`` (installed for the benchmark only);
- hold rounds (3): ``stride run`` on one 90 s hold (``tests/fixtures/hold.yaml``: a 3 s
  get ready, then ``Couch stretch``) over 20 s from 6 s after its first frame, when
  nothing moves but the figure and the bars, beside termdown, the bare countdown at
  1 Hz and at 10 Hz, and the bare app drawn once and left idle.

Run: python -m bench.bench_app [runs] [seconds]   (the warm-up rounds' runs and window;
the hold rounds keep theirs)
"""

from __future__ import annotations

import compileall
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
ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
SETTLE = 1.0
"""Seconds after the first frame before the CPU window opens (start-up work is over)."""
WINDOW = 10.0
"""Seconds of each CPU window of the warm-up rounds."""
HOLD_SETTLE = 6.0
"""Seconds after the first frame before a hold round's window: 3 s into the hold."""
HOLD_WINDOW = 20.0
"""Seconds of each hold round's CPU window."""
HOLD_RUNS = 3
"""Hold rounds."""
HOLD = ROOT / "tests" / "fixtures" / "hold.yaml"
SIZE = ("100", "30")


def tmux(socket: str, *args: str) -> str:
    """Run a tmux command on the server ``socket``; its output."""
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True
    ).stdout


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float:
    """The process's resident memory, in MB."""
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
    """Start ``command`` in a new pane and wait until ``ready`` is on the screen."""
    socket = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.monotonic()
    tmux(socket, "new-session", "-d", "-x", SIZE[0], "-y", SIZE[1], f"exec {command}")
    while ready not in tmux(socket, "capture-pane", "-p"):
        if time.monotonic() - start > 20:
            close_server(socket)
            raise RuntimeError(f"{command} showed no {ready!r}")
        time.sleep(0.003)
    first = (time.monotonic() - start) * 1000
    pid = int(tmux(socket, "display", "-p", "#{pane_pid}").strip())
    return Launch(name, socket, pid, first, rss_mb(pid))


def close_server(socket: str) -> None:
    """End a tmux server and what runs in it."""
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def one_round(
    programs: dict[str, tuple[str, str]], window: float, settle: float = SETTLE
) -> list[Launch]:
    """Launch every program, then measure their CPU over the same ``window``."""
    launches: list[Launch] = []
    try:
        for name, (command, ready) in programs.items():
            launches.append(launch(name, command, ready))
        time.sleep(settle)
        for run in launches:
            run.cpu_start, run.wall_start = cpu_seconds(run.pid), time.monotonic()
        time.sleep(window)
        for run in launches:
            used = cpu_seconds(run.pid) - run.cpu_start
            run.rows["cpu"] = used / (time.monotonic() - run.wall_start) * 100
    finally:
        for run in launches:
            close_server(run.socket)
    return launches


def quiet_home() -> str:
    """A user home with no sound device (chimes are not the subject here)."""
    home = tempfile.mkdtemp(prefix="stride-bench-home-")
    Path(home, "config").mkdir()
    Path(home, "config", "config.toml").write_text("[sound]\nbackend = 'none'\n")
    return home


# Each program's figures: (first frame key, memory key, CPU key); None where not reported.
KEYS: dict[str, tuple[str | None, str | None, str]] = {
    "warmup": ("first_frame_ms", "rss_mb", "cpu_pct_countdown"),
    "recovery": (None, None, "cpu_pct_recovery"),
    "picker": ("first_frame_ms_picker", "rss_mb_picker", "cpu_pct_picker_idle"),
    "bare": ("first_frame_ms_bare_textual", "rss_mb_bare_textual", "cpu_pct_bare_textual"),
    "termdown": ("first_frame_ms_termdown", "rss_mb_termdown", "cpu_pct_termdown"),
}
HOLD_KEYS: dict[str, tuple[str | None, str | None, str]] = {
    "hold": ("first_frame_ms_hold", "rss_mb_hold", "cpu_pct_hold"),
    "termdown": (None, None, "cpu_pct_hold_termdown"),
    "bare1": (None, None, "cpu_pct_hold_bare_textual_1hz"),
    "bare10": (None, None, "cpu_pct_hold_bare_textual_10hz"),
    "idle": (None, None, "cpu_pct_idle_textual"),
}


def _figures(
    programs: dict[str, tuple[str, str]],
    rounds: list[list[Launch]],
    keys: dict[str, tuple[str | None, str | None, str]],
) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for index, name in enumerate(programs):
        runs_of = [launches[index] for launches in rounds]
        frame_key, rss_key, cpu_key = keys[name]
        if frame_key:
            figures[frame_key] = Figure.of([r.first_frame_ms for r in runs_of])
        if rss_key:
            figures[rss_key] = Figure.of([r.rss_first for r in runs_of])
        figures[cpu_key] = Figure.of([r.rows["cpu"] for r in runs_of])
    return figures


def run(runs: int = 5, window: float = WINDOW) -> dict[str, Figure]:
    """Medians of ``runs`` rounds after a warm-up round."""
    termdown = shutil.which("termdown") or str(BIN / "termdown")
    if shutil.which("tmux") is None or not Path(termdown).exists():
        raise SystemExit("needs tmux and termdown (make bench installs termdown)")
    # An installed wheel has its bytecode compiled by pip; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile stride's modules on every start instead.
    compileall.compile_dir(ROOT / "stride_tui", quiet=1)
    home = quiet_home()
    stride = f"env STRIDE_HOME={home} {BIN / 'stride'}"
    bare = f"{sys.executable} -m bench.bare_textual"
    programs = {
        "warmup": (f"{stride} run pre-run-warmup", "GET READY"),
        "recovery": (f"{stride} run post-run-recovery", "GET READY"),
        "picker": (stride, "Pre-run warm-up"),
        "bare": (f"{bare} 10", "╶"),
        "termdown": (f"{termdown} 120", "88"),
    }
    holds = {
        "hold": (f"{stride} run {HOLD}", "GET READY"),
        "termdown": (f"{termdown} 120", "88"),
        "bare1": (f"{bare} 1", "╶"),
        "bare10": (f"{bare} 10", "╶"),
        "idle": (f"{bare} 0", "╶"),
    }
    rounds: list[list[Launch]] = []
    hold_rounds: list[list[Launch]] = []
    try:
        one_round(programs, 0.5)  # warm-up: caches and bytecode
        one_round(holds, 0.5)
        rounds = [one_round(programs, window) for _ in range(runs)]
        hold_rounds = [one_round(holds, HOLD_WINDOW, settle=HOLD_SETTLE) for _ in range(HOLD_RUNS)]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return _figures(programs, rounds, KEYS) | _figures(holds, hold_rounds, HOLD_KEYS)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else WINDOW
    for key, figure in run(count, seconds).items():
        unit = "%" if key.startswith("cpu") else ("MB" if key.startswith("rss") else "ms")
        print(
            f"{key:30} {figure.median:8.2f} {unit} (min {figure.low:.2f}, "
            f"max {figure.high:.2f}, n={figure.runs})"
        )
