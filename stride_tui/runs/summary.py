"""Is it working? What moved from the first four weeks to the last four, and on how much.

A pure function over weeks of figures: mobility sessions a week, step length and cadence
at the reference pace, and test results per side. Each figure is the mean of its values
in the first four weeks against the mean in the last four, with the count it rests on.
It says what moved, never why; with fewer than :data:`MIN_VALUES` values at either end
it says there are too few.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from stride_tui.runs import units
from stride_tui.runs.controlled import AtReferencePace
from stride_tui.text import plural

SPAN_WEEKS = 4
"""The weeks at each end that are compared."""
MIN_VALUES = 2
"""The fewest values at each end that a change is given for."""

MARKER_UNITS: Mapping[str, str] = {
    "hip-extension": "°",
    "ankle-dorsiflexion": "cm",
    "stride-length": "m",
    "cadence": "spm",
}
"""The unit each test marker is shown in; a kind not here is shown without one."""


@dataclass(frozen=True, slots=True)
class SideValue:
    """One test result: a marker kind, the side (``left``, ``right`` or ``None``), a value."""

    kind: str
    side: str | None
    value: float


@dataclass(frozen=True, slots=True)
class Week:
    """What one week holds.

    Attributes:
        start: The week's first day.
        mobility_sessions: Mobility sessions done in it.
        figures: Its runs' figures at the reference pace (runs without one left out).
        tests: Its test results.
    """

    start: date
    mobility_sessions: int = 0
    figures: Sequence[AtReferencePace] = ()
    tests: Sequence[SideValue] = ()


def _shown(value: float, unit: str, digits: int) -> str:
    number = f"{value:.{digits}f}"
    return f"{number}{unit}" if unit in ("°", "") else f"{number} {unit}"


@dataclass(frozen=True, slots=True)
class Change:
    """One figure's change from the first weeks to the last.

    Attributes:
        label: ``Step length at 5:30/km``, ``Hip extension left``.
        unit: ``m``, ``spm``, ``°``, ``cm``.
        first: The mean over the first weeks, or ``None`` with no values there.
        last: The mean over the last weeks, or ``None``.
        first_count: Values in the first weeks.
        last_count: Values in the last weeks.
        noun: What a value is: ``run``, ``value``.
        relative: Show the change in percent (else as a difference in the unit).
        digits: Decimals shown.
    """

    label: str
    unit: str
    first: float | None
    last: float | None
    first_count: int
    last_count: int
    noun: str = "value"
    relative: bool = True
    digits: int = 2

    @property
    def enough(self) -> bool:
        """Whether both ends have at least :data:`MIN_VALUES` values."""
        return min(self.first_count, self.last_count) >= MIN_VALUES

    @property
    def count(self) -> int:
        """The values the change rests on, both ends together."""
        return self.first_count + self.last_count

    def text(self) -> str:
        """``Step length at 5:30/km: 1.02 m → 1.06 m (+4%, 9 runs)`` or "too few values"."""
        if not self.enough or self.first is None or self.last is None:
            return (
                f"{self.label}: too few values ({self.first_count} in the first"
                f" {SPAN_WEEKS} weeks, {self.last_count} in the last {SPAN_WEEKS};"
                f" {MIN_VALUES} needed at each end)"
            )
        if self.relative:
            moved = f"{(self.last - self.first) / self.first:+.0%}" if self.first else "±?"
        else:
            moved = _shown(self.last - self.first, self.unit, self.digits)
            moved = moved if moved.startswith("-") else "+" + moved
        return (
            f"{self.label}: {_shown(self.first, self.unit, self.digits)} →"
            f" {_shown(self.last, self.unit, self.digits)} ({moved},"
            f" {plural(self.count, self.noun)})"
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """The "is it working" view's figures.

    Attributes:
        weeks: Weeks covered.
        sessions: Mobility sessions over them.
        changes: Sessions a week, step length and cadence at the reference pace, then
            each test per side, in that order.
    """

    weeks: int
    sessions: int
    changes: tuple[Change, ...] = field(default=())

    @property
    def sessions_per_week(self) -> float:
        """Mobility sessions a week over all the weeks."""
        return self.sessions / self.weeks if self.weeks else 0.0

    def lines(self) -> list[str]:
        """One line per figure, then the sessions a week over the whole span."""
        return [change.text() for change in self.changes] + [
            f"{self.sessions_per_week:.1f} mobility sessions a week over {self.weeks} weeks"
            f" ({plural(self.sessions, 'session')})"
        ]


def build_weeks(
    today: date,
    sessions: Iterable[date],
    figures: Iterable[tuple[date, AtReferencePace]],
    tests: Iterable[tuple[date, SideValue]],
    count: int = 12,
) -> list[Week]:
    """Sort days' sessions, run figures and tests into the last ``count`` calendar weeks.

    Weeks start on Monday; the last is the one holding ``today``. Anything outside them
    is left out.

    Args:
        today: The day now (in the runner's zone).
        sessions: The day of each mobility session.
        figures: Each run's day and its figure at the reference pace.
        tests: Each test result's day and value.
        count: Weeks to cover.

    Returns:
        ``count`` weeks, oldest first, empty ones included.
    """
    first = today - timedelta(days=today.weekday(), weeks=count - 1)

    def index(day: date) -> int | None:
        n = (day - first).days // 7
        return n if 0 <= n < count and day <= today else None

    done = [0] * count
    found: list[list[AtReferencePace]] = [[] for _ in range(count)]
    measured: list[list[SideValue]] = [[] for _ in range(count)]
    for day in sessions:
        if (n := index(day)) is not None:
            done[n] += 1
    for day, figure in figures:
        if (n := index(day)) is not None:
            found[n].append(figure)
    for day, value in tests:
        if (n := index(day)) is not None:
            measured[n].append(value)
    return [
        Week(first + timedelta(weeks=n), done[n], tuple(found[n]), tuple(measured[n]))
        for n in range(count)
    ]


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _change(label: str, unit: str, first: list[float], last: list[float], **kw: object) -> Change:
    return Change(label, unit, _mean(first), _mean(last), len(first), len(last), **kw)  # type: ignore[arg-type]


def summarize(
    weeks: Sequence[Week],
    reference_pace_s_per_km: float | None,
    marker_units: Mapping[str, str] = MARKER_UNITS,
) -> Summary:
    """What moved over ``weeks`` (oldest first; usually the last twelve).

    Args:
        weeks: The weeks, oldest first, one per calendar week (empty weeks included).
        reference_pace_s_per_km: The pace the run figures were taken at, for the labels.
        marker_units: The unit of each test marker kind.
    """
    first, last = weeks[:SPAN_WEEKS], weeks[-SPAN_WEEKS:] if len(weeks) >= 2 * SPAN_WEEKS else []
    at = f" at {units.pace(reference_pace_s_per_km)}" if reference_pace_s_per_km else ""
    changes = [
        _change(
            "Mobility sessions a week",
            "",
            [float(w.mobility_sessions) for w in first],
            [float(w.mobility_sessions) for w in last],
            noun="week",
            relative=False,
            digits=1,
        ),
        _change(
            f"Step length{at}",
            "m",
            [f.step_length_m for w in first for f in w.figures],
            [f.step_length_m for w in last for f in w.figures],
            noun="run",
        ),
        _change(
            f"Cadence{at}",
            "spm",
            [f.cadence_spm for w in first for f in w.figures],
            [f.cadence_spm for w in last for f in w.figures],
            noun="run",
            digits=0,
        ),
    ]
    tests = sorted(
        {(t.kind, t.side or "") for w in weeks for t in w.tests},
        key=lambda pair: (pair[0], {"left": 0, "right": 1}.get(pair[1], 2), pair[1]),
    )
    for kind, side in tests:

        def values(span: Sequence[Week], kind: str = kind, side: str = side) -> list[float]:
            return [
                t.value for w in span for t in w.tests if (t.kind, t.side or "") == (kind, side)
            ]

        unit = marker_units.get(kind, "")
        label = kind.replace("-", " ").capitalize() + (f" {side}" if side else "")
        changes.append(
            _change(
                label,
                unit,
                values(first),
                values(last),
                relative=unit not in ("°", "cm"),
                digits=0 if unit in ("°", "spm") else (1 if unit == "cm" else 2),
            )
        )
    return Summary(len(weeks), sum(w.mobility_sessions for w in weeks), tuple(changes))
