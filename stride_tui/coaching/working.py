"""Is it working? The last twelve weeks of sessions, runs and tests, from the log.

Reads the log and hands the days and values to :func:`stride_tui.runs.summary.summarize`,
which says what moved from the first four weeks to the last four. ``stride log`` prints
its lines; the history screen draws the same weeks as charts.

A run's figure was taken, when it was imported, at the reference pace of that day. When
the reference pace has moved since (the default one is a median that follows the runs),
a figure taken within :data:`~stride_tui.runs.controlled.WINDOW` of today's reference is
carried to it along the slope its own run's fit found (the fit reads step length against
speed within that same window, so this stays an interpolation); one taken further away
is left out, and counted as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from stride_tui.log.runs import RunRow, median_pace, run_rows
from stride_tui.log.store import TrainingLog
from stride_tui.runs.controlled import TYPICAL_ELASTICITY, AtReferencePace, in_window
from stride_tui.runs.summary import (
    MARKER_UNITS,
    SideValue,
    Summary,
    Week,
    build_weeks,
    summarize,
)

if TYPE_CHECKING:
    from stride_tui.coaching.trends import Series

WEEKS = 12
"""The weeks the view covers."""
RUN_KINDS = frozenset({"stride-length", "cadence"})
"""Marker kinds that runs give; a test is any other kind."""


@dataclass(frozen=True, slots=True)
class Working:
    """The view's data: the weeks, what moved, and the pace the runs are compared at.

    Attributes:
        weeks: The last twelve calendar weeks, oldest first.
        summary: What moved, in lines.
        reference_pace_s_per_km: The reference pace, or ``None`` with no runs.
        left_out: Run figures taken at a reference pace too far from today's to compare.
    """

    weeks: list[Week]
    summary: Summary
    reference_pace_s_per_km: float | None
    left_out: int = 0

    def lines(self) -> list[str]:
        """The summary's lines, and a note for figures left out."""
        lines = self.summary.lines()
        if self.reference_pace_s_per_km is None:  # no runs: no figure to wait for
            lines[1:3] = [
                f"Step length and cadence: no runs in the last {WEEKS} weeks"
                " (`stride runs import FOLDER` reads your watch's files)"
            ]
        if self.left_out:
            lines.append(
                f"({self.left_out} run figure{'s' if self.left_out != 1 else ''} taken at a"
                " reference pace more than 8% from today's left out)"
            )
        return lines


def carried(figure: AtReferencePace, reference_s_per_km: float) -> AtReferencePace | None:
    """A figure carried to another reference pace along its run's slope.

    A figure without a slope (0) is carried along the typical one (step length rising
    0.6 % for each 1 % of speed).

    ``None`` when the two paces are more than the window apart; the figure itself when
    they are the same.
    """
    taken = figure.reference_pace_s_per_km
    if taken == reference_s_per_km:
        return figure
    if not in_window(taken, reference_s_per_km):
        return None
    old_speed, new_speed = 1000 / taken, 1000 / reference_s_per_km
    slope = figure.slope_m_per_mps
    if not slope > 0:  # no slope kept: the typical one
        slope = TYPICAL_ELASTICITY * figure.step_length_m / old_speed
    step = figure.step_length_m + slope * (new_speed - old_speed)
    cadence = 1000 / reference_s_per_km / step * 60
    return AtReferencePace(
        step, cadence, reference_s_per_km, figure.seconds_used, figure.slope_m_per_mps
    )


def is_it_working(
    history: TrainingLog,
    today: date,
    now: datetime,
    reference_setting: float | None = None,
) -> Working:
    """The "is it working" view over the last twelve weeks up to ``today``.

    Args:
        history: The open log.
        today: The day now, in the runner's zone.
        now: The time now (aware), for the default reference pace.
        reference_setting: ``reference_pace`` from coaching.toml, if set.
    """
    since = (today - timedelta(days=today.weekday(), weeks=WEEKS - 1)).isoformat()
    reference_since = (now - timedelta(weeks=WEEKS)).date().isoformat()
    rows: list[RunRow] = run_rows(history, since_day=min(since, reference_since))
    reference = reference_setting if reference_setting is not None else median_pace(rows, now)
    figures: list[tuple[date, AtReferencePace]] = []
    left_out = 0
    for row in rows:
        figure = row.figure
        if figure is None or row.day < since:
            continue
        moved = carried(figure, reference) if reference is not None else figure
        if moved is None:
            left_out += 1
        else:
            figures.append((date.fromisoformat(row.day), moved))
    sessions = [
        date.fromisoformat(s.day) for s in history.sessions(since_day=since) if s.outcome.completed
    ]
    tests = [
        (date.fromisoformat(m.day), SideValue(m.kind, m.side, m.value))
        for m in history.markers()
        if m.run_id is None and m.kind not in RUN_KINDS and m.day >= since
    ]
    weeks = build_weeks(today, sessions, figures, tests, WEEKS)
    return Working(weeks, summarize(weeks, reference), reference, left_out)


def working_series(working: Working) -> list[Series]:
    """The view as charts: sessions a week, the run figures, then each test per side.

    Each chart's hint is its change in words (the same line ``stride log`` prints).
    """
    from stride_tui.coaching.trends import Point, Series, _range
    from stride_tui.runs import units

    if not working.weeks:
        return []
    start = working.weeks[0].start
    end = working.weeks[-1].start + timedelta(days=6)
    changes = {change.label: change.text() for change in working.summary.changes}

    def series(title: str, unit: str, points: list[Point], key: str) -> Series:
        low, high = _range([p.value for p in points]) if points else (0.0, 1.0)
        return Series(title, unit, changes.get(key, ""), tuple(points), low, high, start, end)

    at = (
        f" at {units.pace(working.reference_pace_s_per_km)}"
        if working.reference_pace_s_per_km
        else ""
    )
    middle = timedelta(days=3)
    charts = [
        series(
            "Mobility sessions a week",
            "/week",
            [Point(w.start + middle, float(w.mobility_sessions)) for w in working.weeks],
            "Mobility sessions a week",
        ),
        series(
            f"Step length{at}",
            "m",
            [Point(w.start + middle, f.step_length_m) for w in working.weeks for f in w.figures],
            f"Step length{at}",
        ),
        series(
            f"Cadence{at}",
            "spm",
            [Point(w.start + middle, f.cadence_spm) for w in working.weeks for f in w.figures],
            f"Cadence{at}",
        ),
    ]
    tested = sorted({(t.kind, t.side or "") for w in working.weeks for t in w.tests})
    for kind, side in tested:
        label = kind.replace("-", " ").capitalize() + (f" {side}" if side else "")
        unit = MARKER_UNITS.get(kind, "")
        points = [
            Point(w.start + middle, t.value)
            for w in working.weeks
            for t in w.tests
            if (t.kind, t.side or "") == (kind, side)
        ]
        charts.append(series(label, unit, points, label))
    return charts
