"""End-of-routine error on a real clock: the engine against a naive tick-counting timer.

A 60-second routine plays under asyncio, as the app drives it: a 10 Hz redraw plus a
wake-up at the engine's next due event. The other core is kept busy by a spinning
process. Naive timers (600 sleeps of 0.1 s, counting ticks) run in the same loop at
the same time, so both see the same machine. The error is how late each notices the
end, against the true planned end. Five runs of each share one loop; a second loop,
in its own process at the same time, is blocked for 2.5 s in the middle, as a stalled
app would be.

Run: python -m bench.bench_engine [seconds] [runs]
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

from bench.stats import Figure
from stride_tui.routine.loader import parse_routine
from stride_tui.routine.plan import Plan, expand
from stride_tui.session.engine import Engine, State
from stride_tui.session.events import EventKind

REDRAW = 0.1
STALL = 2.5


def routine(seconds: float) -> Plan:
    """A routine of holds, a switch, reps and a rest lasting exactly ``seconds``."""
    unit = seconds / 12
    text = (
        f"name: Drift\ndefaults: {{get_ready: {unit}, switch: {unit}}}\nsteps:\n"
        f"  - {{name: Hold, time: {2 * unit}, sides: both}}\n"
        f"  - {{name: Reps, reps: 4, tempo: {unit / 2}}}\n"
        f"  - {{rest: {3 * unit}}}\n"
    )
    plan = expand(parse_routine(text))
    assert abs(plan.total - seconds) < 1e-6, plan.total
    return plan


async def drive_engine(plan: Plan) -> float:
    """Play ``plan`` as the app does; return how late the end was noticed, in ms."""
    engine = Engine(plan)
    engine.start()
    assert engine.started_at is not None
    planned_end = engine.started_at + plan.total
    while True:
        events = engine.update()
        if any(e.kind is EventKind.ROUTINE_FINISHED for e in events):
            return (time.monotonic() - planned_end) * 1000
        assert engine.state is State.RUNNING
        due = engine.next_due()
        now = time.monotonic()
        await asyncio.sleep(max(0.0, min(REDRAW, (due or now + REDRAW) - now)))


async def drive_naive(seconds: float) -> float:
    """Count ticks of a 0.1 s sleep; return how late it thinks the end came, in ms."""
    start = time.monotonic()
    for _ in range(round(seconds / REDRAW)):
        await asyncio.sleep(REDRAW)
    return (time.monotonic() - (start + seconds)) * 1000


async def stall_loop(after: float) -> None:
    await asyncio.sleep(after)
    time.sleep(STALL)  # blocks the whole event loop, as a stalled app would


async def one_run(seconds: float, stall: bool, runs: int) -> list[tuple[float, float]]:
    """``runs`` engine drivers and ``runs`` naive timers, all in one loop at once."""
    plan = routine(seconds)
    staller = asyncio.ensure_future(stall_loop(seconds * 0.4)) if stall else None
    engines = asyncio.gather(*(drive_engine(plan) for _ in range(runs)))
    naives = asyncio.gather(*(drive_naive(seconds) for _ in range(runs)))
    engine_errors, naive_errors = await asyncio.gather(engines, naives)
    if staller is not None:
        await staller
    return list(zip(engine_errors, naive_errors, strict=True))


def _loop(seconds: float, stall: bool, runs: int) -> list[tuple[float, float]]:
    asyncio.run(one_run(min(seconds, 3.0), stall, 1))  # warm-up
    return asyncio.run(one_run(seconds, stall, runs))


def run(seconds: float = 60.0, runs: int = 5) -> dict[str, Figure]:
    """The loop with a stall and the loop without run side by side, in two processes."""
    from concurrent.futures import ProcessPoolExecutor

    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        with ProcessPoolExecutor(2) as pool:
            plain_job = pool.submit(_loop, seconds, False, runs)
            stall_job = pool.submit(_loop, seconds, True, runs)
            plain, stalled = plain_job.result(), stall_job.result()
    finally:
        spinner.kill()
        spinner.wait()
    return {
        "drift_end_ms": Figure.of([abs(e) for e, _ in plain]),
        "drift_end_ms_stall": Figure.of([abs(e) for e, _ in stalled]),
        "drift_end_ms_naive": Figure.of([abs(n) for _, n in plain]),
        "drift_end_ms_naive_stall": Figure.of([abs(n) for _, n in stalled]),
    }


TARGETS = {"drift_end_ms": 5.0, "drift_end_ms_stall": 5.0}

if __name__ == "__main__":
    length = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for key, figure in run(length, count).items():
        target = TARGETS.get(key)
        print(f"{key:28} {figure}" + (f"   target < {target:g} ms" if target else ""))
