"""Memory over a long session: RSS after 1 and after 60 minutes of an hour-long routine.

The app plays a routine of just over an hour on a fast clock, in a process of its own
(nothing else loaded): the player, the log writer (a real SQLite log in a scratch home)
and the notices all run as in a session, only the clock moves a second per step instead
of per second. Memory that grows with time played shows as the difference between the
two figures.

Run: python -m bench.bench_session [runs]
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.stats import Figure

PAGE = os.sysconf("SC_PAGE_SIZE")
STEPS = 31
"""Two-sided 55-second holds with their get-ready and switch: just over an hour."""


def hour_routine() -> str:
    """A routine of a little more than an hour, with every kind of change in it."""
    steps = []
    for number in range(STEPS):
        steps.append(
            f"  - name: Long hold {number + 1}\n"
            "    time: 55s\n"
            "    sides: both\n"
            "    cues:\n"
            "      - Neutral pelvis\n"
            "      - {at: 20s, say: Keep ribs quiet}\n"
        )
    return "name: An hour\nkind: long-hold\nsteps:\n" + "".join(steps)


def rss_mb() -> float:
    """This process's resident memory, in MB."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE / 1e6


async def play(routine: Path) -> tuple[float, float, float]:
    """Play ``routine`` to 60 minutes on a fast clock; RSS at 1 and 60 minutes, and its length."""
    from stride_tui.commands.play import plan_to_play
    from stride_tui.live.services import build_services
    from stride_tui.routine.library import resolve
    from stride_tui.session.clock import ManualClock
    from stride_tui.settings import Settings
    from stride_tui.tui.app import StrideApp
    from stride_tui.tui.player import PlayerScreen

    clock = ManualClock(1000.0)
    source = resolve(str(routine))
    plan = plan_to_play(source, "standard")  # as `stride run` does, before the log opens
    services = build_services(settings=Settings(backend="none"), clock=clock)
    app = StrideApp(services, plan, source)
    marks: dict[int, float] = {}
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayerScreen), type(screen).__name__
            total = screen.plan.total
            for second in range(1, 3601):
                clock.advance(1.0)
                screen.tick()
                await asyncio.sleep(0.001)  # let it draw, as it would between wakes
                if second % 60 == 0:
                    await pilot.pause()
                if second in (60, 3600):
                    gc.collect()
                    marks[second] = rss_mb()
    finally:
        services.close()
    return marks[60], marks[3600], total


def one_session() -> tuple[float, float, float]:
    """One session in a fresh scratch home (run in a process of its own)."""
    home = tempfile.mkdtemp(prefix="stride-bench-session-")
    os.environ["STRIDE_HOME"] = home
    try:
        routine = Path(home, "an-hour.yaml")
        routine.write_text(hour_routine())
        return asyncio.run(play(routine))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(runs: int = 3) -> dict[str, Figure]:
    """Medians over ``runs`` sessions, each in a process and a scratch home of its own."""
    at_1, at_60, growth = [], [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", "bench.bench_session", "--one"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        first, last, total = json.loads(done.stdout.splitlines()[-1])
        if total < 3600:
            raise SystemExit(f"the long routine lasts {total:.0f} s, less than an hour")
        at_1.append(first)
        at_60.append(last)
        growth.append(last - first)
    return {
        "rss_mb_session_1min": Figure.of(at_1),
        "rss_mb_session_60min": Figure.of(at_60),
        "rss_mb_session_growth": Figure.of(growth),
    }


if __name__ == "__main__" and sys.argv[1:] == ["--one"]:
    print(json.dumps(one_session()))
elif __name__ == "__main__":
    for key, figure in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3).items():
        print(f"{key:24} {figure.median:8.2f} MB (min {figure.low:.2f}, max {figure.high:.2f})")
