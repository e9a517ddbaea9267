"""Importing 1,000 hour-long FIT runs (one record a second): decode and figures.

The runs are written once by fit-tool (in the dev group) and kept under bench/.work/, so
only the first run of this benchmark pays for writing them (a few minutes). The import is
timed as `stride runs import` does it: each file read and decoded, checked against the
identities already seen, and its figure at the reference pace taken.

Run: python -m bench.bench_runs
"""

from __future__ import annotations

import math
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.stats import Figure

RUNS = 1_000
SECONDS = 3_600
HERE = Path(__file__).resolve().parent
FOLDER = HERE / ".work" / f"runs-{RUNS}x{SECONDS}s-v1"
TARGETS = {"runs_import_1000_s": 60.0}


def generate(folder: Path = FOLDER) -> None:
    """Write the runs, unless a complete set is there already."""
    done = folder / "complete"
    if done.exists():
        return
    from tests.unit.runs_helpers import RunSpec, write_fit

    folder.mkdir(parents=True, exist_ok=True)
    (folder.parent / ".gitignore").write_text("*\n")
    rng = random.Random(1000)
    start = datetime(2023, 1, 2, 6, 30, tzinfo=UTC)
    began = time.perf_counter()
    for n in range(RUNS):
        base = rng.uniform(2.6, 3.4)
        phase = rng.uniform(0, 2 * math.pi)

        def speed(t: int, base: float = base, phase: float = phase) -> float:
            return base * (1 + 0.05 * math.sin(phase + t / 90))

        def step(t: int, base: float = base, phase: float = phase) -> float:
            return 1000 * (0.35 + 0.23 * speed(t, base, phase))

        spec = RunSpec(
            start=start + timedelta(days=n, minutes=n % 60),
            seconds=SECONDS,
            speed=speed,
            step_mm=step,
            gct_balance=49.0 + n % 3,
        )
        year = folder / f"{spec.start:%Y}"
        year.mkdir(exist_ok=True)
        write_fit(year / f"run-{n:04d}.fit", spec)
        if n % 100 == 99:
            print(f"  wrote {n + 1} runs ({time.perf_counter() - began:.0f} s)", flush=True)
    done.write_text("ok\n")


def import_all(folder: Path = FOLDER) -> tuple[int, int]:
    """Import every file and take its figure; the runs, and those with a figure."""
    from stride_tui.runs.controlled import AtReferencePace, at_reference_pace
    from stride_tui.runs.importing import import_paths
    from stride_tui.runs.outcomes import Status

    imported = figured = 0
    for outcome in import_paths([folder]):
        if outcome.status is Status.IMPORTED and outcome.run is not None:
            imported += 1
            if isinstance(at_reference_pace(outcome.run, 330.0), AtReferencePace):
                figured += 1
    return imported, figured


def run() -> dict[str, Figure]:
    generate()
    size = sum(p.stat().st_size for p in FOLDER.rglob("*.fit")) // 1024
    began, cpu = time.perf_counter(), time.process_time()
    imported, figured = import_all()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"(runs: {imported} imported, {figured} with a figure at 5:30/km, {size:,} KiB;"
        f" {seconds / max(imported, 1) * 1000:.1f} ms a run; {cpu:.1f} s of CPU, which"
        " other work on the machine does not inflate as it does the wall-clock time)"
    )
    # One timed import: the figure is in seconds, as its target is.
    return {"runs_import_1000_s": Figure.of([seconds])}


if __name__ == "__main__":
    for key, figure in run().items():
        print(f"{key:28} {figure.median:8.1f} s   target < {TARGETS[key]:g} s")
