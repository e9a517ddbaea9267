"""Loading routines: 1,000 routine files, and the whole ``stride list`` process.

Run: python -m bench.bench_routines
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.stats import Figure, measure

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, count: int = 1000) -> None:
    """Write ``count`` routines of 10 to 40 steps, built from the shipped ones."""
    texts = [p.read_text() for p in sorted((ROOT / "routines").glob("*.yaml"))]
    steps = [t.split("\nsteps:\n", 1)[1] for t in texts]
    chooser = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "".join(chooser.choice(steps) for _ in range(chooser.randint(2, 5)))
        (folder / f"routine-{i:04d}.yaml").write_text(
            f"name: Generated {i}\nkind: mobility\nsteps:\n{body}", encoding="utf-8"
        )


def run() -> dict[str, Figure]:
    from stride_tui.routine.library import discover, summaries
    from stride_tui.routine.loader import load_routine

    work = Path(tempfile.mkdtemp(prefix="stride-bench-"))
    try:
        home = work / "home"
        os.environ["STRIDE_HOME"] = str(home)
        user = home / "config" / "routines"
        make_corpus(user)
        files = sorted(user.glob("*.yaml"))
        index = home / "cache" / "routine-index.json"
        results = {
            "load_1000_routines_parse_ms": measure(
                lambda: [load_routine(p) for p in files], runs=5
            ),
            "load_1000_routines_cold_ms": measure(
                lambda: summaries(discover()), runs=5, before=lambda: index.unlink(missing_ok=True)
            ),
            "load_1000_routines_ms": measure(lambda: summaries(discover()), runs=9),
        }
        stride = [sys.executable, "-m", "stride_tui", "list"]
        env = {**os.environ, "STRIDE_HOME": str(home)}

        def stride_list() -> None:
            subprocess.run(stride, env=env, check=True, stdout=subprocess.DEVNULL)

        results["stride_list_1000_ms"] = measure(stride_list, runs=9)
        lines = sum(len(p.read_text().splitlines()) for p in files)
        print(
            f"(corpus: {len(files)} files, {lines} lines, "
            f"{sum(p.stat().st_size for p in files) // 1024} KiB)"
        )
        env["STRIDE_HOME"] = str(work / "fresh")
        results["stride_list_ms"] = measure(stride_list, runs=9)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


TARGETS = {
    "load_1000_routines_ms": 1000.0,
    "stride_list_ms": 400.0,
}

if __name__ == "__main__":
    for key, figure in run().items():
        target = TARGETS.get(key)
        print(f"{key:32} {figure}" + (f"   target < {target:.0f} ms" if target else ""))
