"""Progress markers: the objective measures the coaching articles suggest tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
                f"{value:g} {self.unit} is not a plausible {self.label}; expected "
                f"{self.low:g} to {self.high:g} {self.unit}"
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
            0,
            90,
            "degrees of hip extension in your usual test (e.g. lying on a bench edge)",
        ),
        MarkerKind(
            "stride-length",
            "stride length",
            "m",
            0.2,
            3.5,
            "metres per stride on a controlled, even-paced run",
        ),
        MarkerKind("cadence", "cadence", "spm", 60, 260, "steps per minute at easy pace"),
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
