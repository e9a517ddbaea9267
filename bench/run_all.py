"""Run every benchmark, print a table, and write bench/results.json.

Run: make bench   (or: python -m bench.run_all)
"""

from __future__ import annotations

import json
import platform
from pathlib import Path

from bench import bench_app, bench_engine, bench_log, bench_routines, bench_sound

HERE = Path(__file__).resolve().parent


def main() -> int:
    figures: dict[str, object] = {}
    targets: dict[str, float] = {}
    for module in (bench_routines, bench_log, bench_engine, bench_sound, bench_app):
        print(f"== {module.__name__}")
        for key, figure in module.run().items():
            target = module.TARGETS.get(key)
            print(f"{key:32} {figure}" + (f"   target < {target:g} ms" if target else ""))
            figures[key] = figure.as_json()
            if target:
                targets[key] = target
    result = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "figures": figures,
        "targets_ms": targets,
    }
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {HERE / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
