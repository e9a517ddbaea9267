"""Run every benchmark, print one table, and write bench/results.json.

Medians over at least 5 runs after a warm-up (3 for the hour-long session and the steady
hold), with min and max beside each. Every figure with a target is written with what it
is compared to, as a ratio, and whether it is met. Targets that are relative (first
frame against the bare Textual app, CPU against termdown) are checked here, where both
figures, measured side by side in this run, are known.

Run: make bench   (or: python -m bench.run_all)
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable
from pathlib import Path

from bench import (
    bench_app,
    bench_editor,
    bench_engine,
    bench_log,
    bench_log_runs,
    bench_routines,
    bench_runs,
    bench_session,
    bench_sound,
)
from bench.stats import Figure

HERE = Path(__file__).resolve().parent
MODULES = (
    bench_routines, bench_log, bench_log_runs, bench_sound, bench_engine, bench_app,
    bench_session, bench_editor, bench_runs,
)  # fmt: skip

Figures = dict[str, Figure]
FIRST_FRAME = 1.1
"""The first frame may take this many times the bare Textual app's."""
WARMUP_CPU = 1.5
"""The warm-up's first 10 s may use this many times termdown's CPU."""


def _bare_frame(f: Figures) -> float:
    return FIRST_FRAME * f["first_frame_ms_bare_textual"].median


def _termdown(f: Figures) -> float:
    return f["cpu_pct_termdown"].median


def _warmup_termdown(f: Figures) -> float:
    return WARMUP_CPU * f["cpu_pct_termdown"].median


def _hold_termdown(f: Figures) -> float:
    return f["cpu_pct_hold_termdown"].median


TARGETS: dict[str, tuple[str, Callable[[Figures], float]]] = {
    "first_frame_ms": (f"{FIRST_FRAME}x bare Textual", _bare_frame),
    "first_frame_ms_hold": (f"{FIRST_FRAME}x bare Textual", _bare_frame),
    "first_frame_ms_picker": (f"{FIRST_FRAME}x bare Textual", _bare_frame),
    "rss_mb": ("45 MB", lambda f: 45.0),
    "rss_mb_hold": ("45 MB", lambda f: 45.0),
    "rss_mb_picker": ("45 MB", lambda f: 45.0),
    "rss_mb_session_growth": ("2 MB from minute 1 to 60", lambda f: 2.0),
    "cpu_pct_hold": ("termdown's", _hold_termdown),
    "cpu_pct_countdown": (f"{WARMUP_CPU}x termdown's", _warmup_termdown),
    "cpu_pct_recovery": ("termdown's", _termdown),
    "cpu_pct_picker_idle": ("0.2%", lambda f: 0.2),
    "editor_echo_ms": ("one frame", lambda f: bench_editor.FRAME_MS),
    "editor_echo_during_check_ms": ("one frame", lambda f: bench_editor.FRAME_MS),
    "editor_problems_ms": ("300 ms", lambda f: 300.0),
    "drift_end_ms": ("5 ms", lambda f: 5.0),
    "drift_end_ms_stall": ("5 ms", lambda f: 5.0),
    "chime_play_return_ms": ("5 ms", lambda f: 5.0),
    "chime_boundary_delay_ms": ("30 ms", lambda f: 30.0),
    "load_1000_routines_ms": ("1 s", lambda f: 1000.0),
    "stride_list_ms": ("400 ms", lambda f: 400.0),
    "stride_log_10000_ms": ("500 ms", lambda f: 500.0),
    "stride_log_5y_runs_ms": ("500 ms", lambda f: 500.0),
    "runs_import_1000_s": ("60 s", lambda f: 60.0),
}

COMPARED: dict[str, tuple[str, ...]] = {
    "first_frame_ms": ("first_frame_ms_bare_textual", "first_frame_ms_termdown"),
    "first_frame_ms_hold": ("first_frame_ms_bare_textual", "first_frame_ms_termdown"),
    "first_frame_ms_picker": ("first_frame_ms_bare_textual",),
    "rss_mb": ("rss_mb_bare_textual", "rss_mb_termdown"),
    "rss_mb_hold": ("rss_mb_bare_textual", "rss_mb_termdown"),
    "cpu_pct_hold": (
        "cpu_pct_hold_termdown",
        "cpu_pct_hold_bare_textual_1hz",
        "cpu_pct_hold_bare_textual_10hz",
        "cpu_pct_idle_textual",
    ),
    "rss_mb_session_growth": ("rss_mb_session_1min", "rss_mb_session_60min"),
    "cpu_pct_countdown": ("cpu_pct_termdown", "cpu_pct_bare_textual"),
    "cpu_pct_recovery": ("cpu_pct_termdown", "cpu_pct_bare_textual"),
    "editor_echo_ms": ("editor_echo_bare_textual_ms",),
    "editor_echo_during_check_ms": ("editor_echo_bare_textual_ms",),
}
"""The figures each one is shown beside (the same run's comparisons)."""
NO_RATIO = frozenset({"rss_mb_session_growth"})
"""Shown beside figures of another kind (the memory it grew between): no ratio."""


def ratio(value: float, other: float) -> float:
    """How many times ``other`` ``value`` is (infinite beside a zero)."""
    return value / other if other else float("inf")


def unit(key: str) -> str:
    if key.endswith("_s"):
        return "s"
    return "%" if key.startswith("cpu") else "MB" if key.startswith("rss") else "ms"


def main() -> int:
    started = time.monotonic()
    figures: Figures = {}
    missing: dict[str, str] = {}
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[-1]
        print(f"== {name}", flush=True)
        try:
            figures.update(module.run())
        except SystemExit as reason:  # a tool is missing: say so, measure the rest
            missing[name] = str(reason)
            print(f"   not measured: {reason}")
    print()
    print(f"{'figure':30} {'median':>10} {'min':>10} {'max':>10}  n  target")
    checks: dict[str, dict[str, object]] = {}
    for key, figure in figures.items():
        mark = ""
        if key in TARGETS:
            label, limit = TARGETS[key]
            try:
                bound = limit(figures)
            except KeyError:
                bound = float("nan")
            met = figure.median <= bound
            beside = {k: round(figures[k].median, 2) for k in COMPARED.get(key, ()) if k in figures}
            ratios = {
                k: round(ratio(figure.median, figures[k].median), 2)
                for k in beside
                if key not in NO_RATIO
            }
            checks[key] = {
                "target": label, "limit": round(bound, 3), "met": met, "compared_with": beside,
                "ratios": ratios,
            }  # fmt: skip
            mark = f"<= {label} ({bound:.4g} {unit(key)}): {'met' if met else 'MISSED'}"
        print(
            f"{key:30} {figure.median:10.3f} {figure.low:10.3f} {figure.high:10.3f} "
            f"{figure.runs:2d}  {mark}"
        )
        for other in COMPARED.get(key, ()) if key not in NO_RATIO else ():
            if other in figures:
                times = ratio(figure.median, figures[other].median)
                print(f"{'':30} {times:9.2f}x {other} ({figures[other].median:.3g} {unit(key)})")
    result = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "seconds": round(time.monotonic() - started, 1),
        "figures": {key: {**f.as_json(), "unit": unit(key)} for key, f in figures.items()},
        "targets": checks,
        "not_measured": missing,
    }
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {HERE / 'results.json'} in {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
