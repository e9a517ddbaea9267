"""Progress markers: the objective measures the coaching articles suggest tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stride_tui.errors import StrideError
from stride_tui.suggest import did_you_mean
from stride_tui.text import visible


@dataclass(frozen=True, slots=True)
class MarkerKind:
    """A kind of marker, its unit and a plausible range."""

    name: str
    label: str
    unit: str
    low: float
    high: float
    how: str

    def check(self, value: float) -> str | None:
        """A message when ``value`` is not plausible; ``None`` when it is."""
        if not self.low <= value <= self.high:
            return (
                f"{self.show(value)} is not a plausible {self.label}; expected "
                f"{self.low:g} to {self.show(self.high)}"
            )
        return None

    def show(self, value: float) -> str:
        """A value with its unit: ``15°``, ``1.32 m``, ``172 spm``."""
        return f"{value:g}{self.unit}" if self.unit == "°" else f"{value:g} {self.unit}"


KINDS = {
    kind.name: kind
    for kind in (
        MarkerKind(
            "hip-extension",
            "hip extension angle",
            "°",
            -30,
            90,
            "degrees of hip extension in your usual test (the modified Thomas test: the"
            " thigh's angle below level, negative above it)",
        ),
        MarkerKind(
            "stride-length",
            "step length",
            "m",
            0.2,
            3.5,
            "step length in metres per step (what watches call stride length) on a"
            " controlled, even-paced run",
        ),
        MarkerKind("cadence", "cadence", "spm", 60, 260, "steps per minute at easy pace"),
        MarkerKind(
            "ankle-dorsiflexion",
            "ankle dorsiflexion",
            "cm",
            0,
            25,
            "centimetres from the big toe to the wall in the knee-to-wall test",
        ),
    )
}


def check_day(day: date, today: date) -> str | None:
    """A message when a marker's day is in the future; ``None`` for today or earlier.

    A future day would sort after every real measurement and show as the latest.
    """
    if day > today:
        return (
            f"{day.isoformat()} is after today ({today.isoformat()}); give the day it was"
            " measured, or leave out --date for today"
        )
    return None


class MarkerError(StrideError):
    """A marker that can't be logged; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A measurement to log: its kind, its value and when it was taken."""

    kind: MarkerKind
    value: float
    recorded: datetime


def parse_marker(kind: str, value: str, day: str | None, now: datetime) -> Marker:
    """Read a marker as typed on the command line (``hip-extension 15 --date 2026-11-02``).

    Args:
        kind: The marker's name; a near miss is suggested.
        value: The measurement, a number in the kind's unit.
        day: The day it was measured (ISO), or ``None`` for today.
        now: The time now; a marker of another day keeps its time of day.

    Raises:
        MarkerError: Any part is wrong; the message says what to write.
    """
    known = KINDS.get(kind)
    if known is None:
        hint = did_you_mean(kind, KINDS)
        raise MarkerError(f"`{visible(kind)}` is not a marker{hint} (choose {', '.join(KINDS)})")
    try:
        number = float(value)
    except ValueError:
        raise MarkerError(f"`{visible(value)}` is not a number; {known.how}") from None
    problem = known.check(number)
    if problem:
        raise MarkerError(problem)
    if day is None:
        return Marker(known, number, now)
    try:
        measured = date.fromisoformat(day)
    except ValueError:
        raise MarkerError(f"`{visible(day)}` is not a date; write it as 2026-11-21") from None
    future = check_day(measured, now.date())
    if future:
        raise MarkerError(future)
    return Marker(known, number, datetime.combine(measured, now.timetz()))
