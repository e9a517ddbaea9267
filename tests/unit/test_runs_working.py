"""Is it working? Twelve weeks of sessions, runs and tests in a real log, read back as text."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from stride_tui.cli import main
from stride_tui.coaching.report import render_log
from stride_tui.coaching.working import carried, is_it_working
from stride_tui.log.opening import open_training_log
from stride_tui.log.runs import run_rows
from stride_tui.runs.controlled import AtReferencePace
from stride_tui.session.outcome import Outcome, OutcomeKind
from tests.helpers.history import seed
from tests.unit.runs_helpers import RunSpec, write_fit

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)  # a Friday
TODAY = NOW.date()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
REFERENCE = 330.0  # 5:30/km


def relation(scale: float) -> Callable[[float], float]:
    """Step length (m) against speed (m/s), rising with speed as a runner's does."""
    return lambda v: scale * (0.35 + 0.23 * v)


def write_season(folder: Path, scale_of_week: Callable[[int], float], seed_: int = 22) -> None:
    """Twelve weeks of two 20-minute runs (Tuesday, Thursday), each at its own pace.

    Each run's pace lies within ±6 % of 5:30/km and wanders ±4 % within it, after a
    slower warm-up; only ``scale_of_week`` changes the stride at a given speed.
    """
    rng = random.Random(seed_)
    folder.mkdir(parents=True, exist_ok=True)
    for week in range(12):
        step_of = relation(scale_of_week(week))
        for day in (1, 3):
            base = 1000 / REFERENCE * rng.uniform(0.94, 1.06)
            phase = rng.uniform(0, 2 * math.pi)
            speeds = [
                base
                * (0.85 if t < 120 else 1 + 0.04 * math.sin(phase + 2 * math.pi * t / 400))
                * (1 + rng.gauss(0, 0.01))
                for t in range(1200)
            ]
            steps = [step_of(v) * 1000 * (1 + rng.gauss(0, 0.01)) for v in speeds]
            start = datetime.combine(
                MONDAY - timedelta(weeks=11 - week, days=-day), datetime.min.time(), UTC
            ) + timedelta(hours=7)
            spec = RunSpec(
                start=start, seconds=1200, speed=speeds.__getitem__, step_mm=steps.__getitem__
            )
            write_fit(folder / f"{start:%Y-%m-%d}.fit", spec)


def import_season(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scale_of_week: Callable[[int], float]
) -> None:
    monkeypatch.setattr("stride_tui.log.store.now", lambda: NOW)
    write_season(tmp_path / "watch", scale_of_week)
    assert main(["runs", "import", str(tmp_path / "watch")]) == 0
    history = open_training_log()
    seed(history, TODAY, weeks=12)
    history.add_marker("hip-extension", 12, recorded=NOW - timedelta(weeks=11), side="left")
    history.add_marker("hip-extension", 13, recorded=NOW - timedelta(weeks=10), side="left")
    history.add_marker("hip-extension", 16, recorded=NOW - timedelta(weeks=2), side="left")
    history.add_marker("hip-extension", 17, recorded=NOW - timedelta(days=1), side="left")
    history.add_marker("hip-extension", 10, recorded=NOW - timedelta(weeks=11), side="right")
    history.close()


def step_line(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    history = open_training_log()
    working = is_it_working(history, TODAY, NOW)
    rows = run_rows(history)
    text = render_log(history, TODAY, 0)
    history.close()
    capsys.readouterr()
    assert len(rows) == 24
    assert working.reference_pace_s_per_km is not None
    assert abs(working.reference_pace_s_per_km - REFERENCE) < REFERENCE * 0.06
    (line,) = [line for line in working.lines() if line.startswith("Step length at ")]
    return line, text.splitlines()


def test_the_figures_stay_flat_when_only_the_pace_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import_season(tmp_path, monkeypatch, lambda week: 1.0)
    history = open_training_log()
    rows = run_rows(history)
    paces = [r.pace_s_per_km or 0 for r in rows]
    averages = [r.step_length_m or 0 for r in rows]
    history.close()
    assert max(paces) / min(paces) > 1.08  # the runs' paces differ by several percent...
    assert max(averages) / min(averages) > 1.04  # ...and so do their average steps
    line, text = step_line(capsys)
    assert "(+0%, 16 runs)" in line or "(-0%, 16 runs)" in line, line
    assert any(t.startswith("  Step length at 5:") and "16 runs" in t for t in text)
    assert "  Hip extension left: 12° → 16° (+4°, 4 values)" in text
    assert any("Hip extension right: too few values" in t for t in text)
    assert max(len(t) for t in text) <= 80


def test_the_figures_move_when_the_step_at_the_same_pace_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import_season(tmp_path, monkeypatch, lambda week: 1.0 + 0.05 * week / 11)
    line, _ = step_line(capsys)
    assert "(+4%, 16 runs)" in line, line
    history = open_training_log()
    working = is_it_working(history, TODAY, NOW)
    history.close()
    shown = {f.reference_pace_s_per_km for w in working.weeks for f in w.figures}
    assert shown == {working.reference_pace_s_per_km}  # each carried to today's pace
    first = statistics.fmean(f.step_length_m for w in working.weeks[:4] for f in w.figures)
    last = statistics.fmean(f.step_length_m for w in working.weeks[-4:] for f in w.figures)
    expected = (1 + 0.05 * 9.5 / 11) / (1 + 0.05 * 1.5 / 11)
    assert last / first == pytest.approx(expected, abs=0.01)


def test_a_figure_is_carried_within_the_window_and_left_out_past_it() -> None:
    figure = AtReferencePace(1.05, 170.0, 330.0, 600.0, 0.2)
    assert carried(figure, 330.0) is figure
    edge = carried(figure, 330.0 / 1.08 + 0.001)  # just inside 8 %
    assert edge is not None and edge.step_length_m > 1.05
    assert carried(figure, 300.0) is None  # 10 % faster: too far to compare


def test_with_no_runs_the_view_says_so_and_today_reads_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = open_training_log()
    seed(history, date.today(), weeks=2)
    history.close()
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "  Step length and cadence: no runs in the last 12 weeks" in out
    assert main(["today"]) == 0
    assert "You ran today" not in capsys.readouterr().out
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
    if start.astimezone().date() != date.today():  # just after midnight: a run of today
        start = datetime.now(UTC).replace(microsecond=0)
    write_fit(tmp_path / "today.fit", RunSpec(start=start, seconds=600))
    assert main(["runs", "import", str(tmp_path / "today.fit")]) == 0
    capsys.readouterr()
    assert main(["today"]) == 0
    said = capsys.readouterr().out
    assert ": recovery is due" in said.splitlines()[0], said
    assert "stride run post-run-recovery" in said
    # A recovery session done after the run: nothing more is due for it.
    history = open_training_log()
    session = history.start_session(
        routine_id="post-run-recovery",
        routine_name="Post-run recovery",
        routine_kind="recovery",
        content_hash="h",
        level="standard",
        steps=[("Walk", False)],
        planned_seconds=60,
        started=start.astimezone() + timedelta(seconds=1),
    )
    history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1), taken_seconds=60)
    history.close()
    assert main(["today"]) == 0
    assert "recovery is due" not in capsys.readouterr().out.splitlines()[0]
