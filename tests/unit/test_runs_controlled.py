"""The figure at the reference pace: flat when only the pace changes, moving with the stride."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import random
import statistics
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stride_tui.runs import controlled
from stride_tui.runs.controlled import (
    AtReferencePace,
    NoCadence,
    TooLittleNearPace,
    at_reference_pace,
    in_window,
    reference_pace,
)
from stride_tui.runs.fit import read_fit
from stride_tui.runs.model import Run, RunIdentity, RunSport, Samples
from stride_tui.runs.summary import Week, summarize
from tests.unit.runs_helpers import RunSpec, fit_bytes

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
REFERENCE = 330.0  # 5:30/km


def relation(scale: float) -> Callable[[float], float]:
    """Step length (m) against speed (m/s): rising with speed, as runners' does."""
    return lambda v: scale * (0.35 + 0.23 * v)


def synthetic_run(
    speeds: list[float], step_of: Callable[[float], float], *, cadence: bool = True
) -> Run:
    samples = Samples()
    for t, v in enumerate(speeds):
        step = step_of(v) if v > 0 else None
        spm = v / step * 60 if step else 0.0
        samples.append(t, None, v, spm if cadence else None, step if cadence else None)
    start = NOW - timedelta(days=1)
    return Run(
        start=start,
        sport=RunSport.RUNNING,
        sub_sport="generic",
        distance_m=sum(speeds),
        moving_time_s=len(speeds),
        cadence_spm=170.0 if cadence else None,
        step_length_m=None,
        gct_balance_left_pct=None,
        device="test",
        identity=RunIdentity("x", start, "test"),
        samples=samples,
    )


def season(seed: int, scale_of_week: Callable[[int], float]) -> list[tuple[int, Run]]:
    """Twelve weeks, three runs a week of 25 minutes, written to FIT and read back.

    Each run has its own pace (within ±6 % of 5:30/km), a slower warm-up, a stop, and
    pace wandering ±4 % around its own; only ``scale_of_week`` changes the stride.
    """
    rng = random.Random(seed)
    runs = []
    for week in range(12):
        step_of = relation(scale_of_week(week))
        for day in (1, 3, 5):
            base = 1000 / REFERENCE * rng.uniform(0.94, 1.06)
            phase = rng.uniform(0, 2 * math.pi)
            speeds = [
                0.0
                if 700 <= t < 730
                else base
                * (0.85 if t < 120 else 1 + 0.04 * math.sin(phase + 2 * math.pi * t / 400))
                * (1 + rng.gauss(0, 0.01))
                for t in range(1500)
            ]
            steps = [step_of(v) * 1000 * (1 + rng.gauss(0, 0.01)) for v in speeds]
            start = NOW - timedelta(weeks=12 - week, days=-day)
            spec = RunSpec(
                start=start,
                seconds=1500,
                speed=speeds.__getitem__,
                step_mm=steps.__getitem__,
            )
            data = fit_bytes(spec)
            run = read_fit(data, hashlib.sha256(data).hexdigest())
            assert isinstance(run, Run)
            runs.append((week, run))
    return runs


def figures(runs: list[tuple[int, Run]]) -> tuple[float, list[tuple[int, AtReferencePace]]]:
    pace = reference_pace([run for _, run in runs], NOW)
    assert pace is not None
    found = []
    for week, run in runs:
        figure = at_reference_pace(run, pace)
        assert isinstance(figure, AtReferencePace), figure.words()
        found.append((week, figure))
    return pace, found


def test_the_figure_stays_flat_when_only_the_pace_changes() -> None:
    runs = season(seed=22, scale_of_week=lambda week: 1.0)
    paces = [run.pace_s_per_km or 0 for _, run in runs]
    averages = [run.step_length_m or 0 for _, run in runs]
    assert max(paces) / min(paces) > 1.08  # the runs' paces differ by several percent...
    assert max(averages) / min(averages) > 1.04  # ...and so do their average step lengths
    pace, found = figures(runs)
    steps = [f.step_length_m for _, f in found]
    expected = relation(1.0)(1000 / pace)
    assert max(steps) / min(steps) < 1.01  # ...but not the step length at one pace
    assert statistics.fmean(steps) == pytest.approx(expected, rel=0.005)
    cadences = [f.cadence_spm for _, f in found]
    assert max(cadences) - min(cadences) < 2.0
    summary = summarize(weeks_of(found), pace)
    assert summary.changes[1].text().startswith("Step length at 5:")
    assert "(+0%, 24 runs)" in summary.changes[1].text() or "(-0%, 24 runs)" in (
        summary.changes[1].text()
    )


def test_the_figure_moves_when_the_step_at_the_same_pace_moves() -> None:
    runs = season(seed=22, scale_of_week=lambda week: 1.0 + 0.05 * week / 11)
    pace, found = figures(runs)
    first = statistics.fmean(f.step_length_m for week, f in found if week < 4)
    last = statistics.fmean(f.step_length_m for week, f in found if week >= 8)
    assert last / first == pytest.approx((1 + 0.05 * 9.5 / 11) / (1 + 0.05 * 1.5 / 11), abs=0.01)
    text = summarize(weeks_of(found), pace).changes[1].text()
    assert "(+4%, 24 runs)" in text


def weeks_of(found: list[tuple[int, AtReferencePace]]) -> list[Week]:
    return [
        Week(
            start=(NOW - timedelta(weeks=12 - n)).date(),
            mobility_sessions=3,
            figures=[f for week, f in found if week == n],
        )
        for n in range(12)
    ]


@settings(max_examples=40, deadline=None)
@given(
    offset=st.floats(-0.07, 0.07),
    spread=st.floats(0.0, 0.05),
    scale=st.floats(0.8, 1.2),
)
def test_any_pace_near_the_reference_lands_on_the_relation(
    offset: float, spread: float, scale: float
) -> None:
    base = 1000 / REFERENCE * (1 + offset)
    speeds = [base * (1 + spread * math.sin(t / 37)) for t in range(1200)]
    step_of = relation(scale)
    figure = at_reference_pace(synthetic_run(speeds, step_of), REFERENCE)
    if isinstance(figure, TooLittleNearPace):
        assert abs(offset) + spread > 0.04  # much of the run lies outside the window
        return
    assert isinstance(figure, AtReferencePace)
    assert figure.step_length_m == pytest.approx(step_of(1000 / REFERENCE), rel=0.01)


def test_the_pace_window_includes_its_edges() -> None:
    assert controlled.WINDOW == 0.08
    assert in_window(REFERENCE * 1.08, REFERENCE)
    assert in_window(REFERENCE * 0.92, REFERENCE)
    assert not in_window(REFERENCE * 1.0801, REFERENCE)
    assert not in_window(REFERENCE * 0.9199, REFERENCE)
    inside = 1000 / (REFERENCE * 1.0799)
    outside = 1000 / (REFERENCE * 1.0801)
    step_of = relation(1.0)
    assert isinstance(
        at_reference_pace(synthetic_run([inside] * 600, step_of), REFERENCE), AtReferencePace
    )
    assert isinstance(
        at_reference_pace(synthetic_run([outside] * 600, step_of), REFERENCE), TooLittleNearPace
    )


def test_exactly_the_least_time_gives_a_figure() -> None:
    warm = int(controlled.WARMUP_S)
    speed = 1000 / REFERENCE
    enough = synthetic_run([speed] * (warm + 300), relation(1.0))
    short = synthetic_run([speed] * (warm + 299), relation(1.0))
    assert isinstance(at_reference_pace(enough, REFERENCE), AtReferencePace)
    too_little = at_reference_pace(short, REFERENCE)
    assert isinstance(too_little, TooLittleNearPace)
    assert too_little.seconds_near == 299
    assert too_little.words() == (
        "too little time near the reference pace (5 min within ±8% of 5:30/km; 5 min needed)"
    )


def test_the_warm_up_and_the_time_after_a_stop_are_left_out() -> None:
    speed = 1000 / REFERENCE
    speeds = [speed] * 400 + [0.0] * 20 + [speed] * 400
    figure = at_reference_pace(synthetic_run(speeds, relation(1.0)), REFERENCE)
    assert isinstance(figure, AtReferencePace)
    assert figure.seconds_used == (400 - 180) + (400 - 10)


def test_a_fast_session_says_so_instead_of_a_number() -> None:
    intervals = synthetic_run([1000 / 250] * 1800, relation(1.0))  # all at 4:10/km
    assert isinstance(at_reference_pace(intervals, REFERENCE), TooLittleNearPace)
    assert isinstance(
        at_reference_pace(synthetic_run([3.0] * 900, relation(1.0), cadence=False), REFERENCE),
        NoCadence,
    )


def test_the_reference_pace_is_the_median_of_twelve_weeks() -> None:
    def run_at(days_ago: float, pace: float) -> Run:
        run = synthetic_run([1000 / pace] * 10, relation(1.0))
        return dataclasses.replace(run, start=NOW - timedelta(days=days_ago))

    runs = [run_at(1, 300), run_at(10, 330), run_at(80, 360), run_at(85, 200), run_at(-1, 100)]
    assert reference_pace(runs, NOW) == pytest.approx(330)
    assert reference_pace([], NOW) is None
