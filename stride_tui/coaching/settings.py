"""Coaching settings from ``coaching.toml``: when a week starts, how much the tighter side gets.

They live in a file of their own beside ``config.toml`` (sound and voice), so each file
is checked by the one module that knows all its keys; both are read by
:mod:`stride_tui.settings_file`. A missing file means defaults; a
broken one is reported (file, line, column, what to do) and never stops a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from stride_tui.routine.problems import Problem, quote
from stride_tui.settings_file import SettingsText, parse_toml, read_settings_file, where

FALLBACK = "defaults"
"""What stands in for a file that cannot be used."""

MAX_BYTES = 100_000
"""Largest coaching file read; two settings need a few dozen bytes."""

EXAMPLE = """\
# stride-tui coaching settings. Every key is optional.
week_starts = "monday"   # the first day of a training week: monday ... sunday
favor_extra = 20         # percent more time (or reps) for the tighter side: 0 to 100
# reference_pace = "5:30" # the pace runs' step length and cadence are compared at, per km
                          # (default: the median pace of your runs over the last 12 weeks)
"""


class Weekday(IntEnum):
    """Days of the week, numbered as ``date.weekday()`` numbers them."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


@dataclass(frozen=True, slots=True)
class Coaching:
    """Everything ``coaching.toml`` can set, with its defaults.

    Attributes:
        week_starts: The first day of a training week.
        favor_extra: How much more work the tighter side gets, as a fraction (0.2).
        reference_pace_s_per_km: The pace runs' figures are taken at, in seconds per
            kilometre; ``None`` for the median pace of the last 12 weeks of runs.
    """

    week_starts: Weekday = Weekday.MONDAY
    favor_extra: float = 0.2
    reference_pace_s_per_km: float | None = None


FASTEST_PACE_S = 120
"""The fastest reference pace accepted (2:00/km); anything faster is a typing slip."""
SLOWEST_PACE_S = 15 * 60
"""The slowest reference pace accepted (15:00/km)."""


def parse_pace(text: str) -> float | None:
    """Seconds per kilometre from ``5:30`` or ``5:30/km``; ``None`` when it is not a pace.

    Paces from :data:`FASTEST_PACE_S` to :data:`SLOWEST_PACE_S` are accepted, both
    included.
    """
    words = text.strip().lower().removesuffix("/km").strip()
    minutes, colon, seconds = words.partition(":")
    if not colon or not minutes.isdigit() or len(seconds) != 2 or not seconds.isdigit():
        return None
    if int(seconds) >= 60:
        return None
    value = int(minutes) * 60 + int(seconds)
    return float(value) if FASTEST_PACE_S <= value <= SLOWEST_PACE_S else None


@dataclass(frozen=True, slots=True)
class LoadedCoaching:
    """Coaching settings, the problems found reading them, and the file's path."""

    coaching: Coaching
    path: Path
    problems: list[Problem] = field(default_factory=list)


def coaching_file() -> Path:
    """Where the coaching settings live: beside ``config.toml``."""
    from stride_tui import locations

    return locations.config_file().with_name("coaching.toml")


def parse_coaching(text: str) -> tuple[Coaching, list[Problem]]:
    """Read coaching settings from TOML text; problems come back beside usable settings."""
    return _coaching_from(parse_toml(text, FALLBACK))


def _coaching_from(read: SettingsText) -> tuple[Coaching, list[Problem]]:
    """Coaching settings from a file as read: the defaults when it gave no tables."""
    if read.data is None:
        return Coaching(), read.problems
    data, text = read.data, read.text
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(*where(text, "", key), key, message))

    defaults = Coaching()
    week = defaults.week_starts
    raw_week = data.pop("week_starts", None)
    if raw_week is not None:
        names = [day.name.lower() for day in Weekday]
        if isinstance(raw_week, str) and raw_week.strip().lower() in names:
            week = Weekday[raw_week.strip().upper()]
        else:
            report(
                "week_starts",
                f"`{quote(raw_week)}` is not a day; write one of {', '.join(names)}; using monday",
            )
    extra = defaults.favor_extra
    raw_extra = data.pop("favor_extra", None)
    if raw_extra is not None:
        number = not isinstance(raw_extra, bool) and isinstance(raw_extra, int | float)
        if number and 0 <= raw_extra <= 100:
            extra = float(raw_extra) / 100
        else:
            report(
                "favor_extra",
                f"`{quote(raw_extra)}` is not a percentage from 0 to 100 (write 20 for 20%);"
                " using 20",
            )
    pace = defaults.reference_pace_s_per_km
    raw_pace = data.pop("reference_pace", None)
    if raw_pace is not None:
        pace = parse_pace(raw_pace) if isinstance(raw_pace, str) else None
        if pace is None:
            report(
                "reference_pace",
                f"`{quote(raw_pace)}` is not a pace from 2:00 to 15:00 per km (write"
                ' "5:30"); using the median of the last 12 weeks',
            )
    for key in data:
        report(
            key,
            f"unknown setting `{quote(key)}`; known: week_starts, favor_extra, reference_pace",
        )
    return Coaching(week, extra, pace), sorted(problems, key=lambda p: (p.line, p.column))


def load_coaching(path: Path | None = None) -> LoadedCoaching:
    """Read ``coaching.toml`` (or ``path``); a missing file gives the defaults."""
    path = path or coaching_file()
    coaching, problems = _coaching_from(read_settings_file(path, MAX_BYTES, FALLBACK))
    return LoadedCoaching(coaching, path, problems)
