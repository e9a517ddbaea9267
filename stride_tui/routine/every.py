"""How often a progression steps up, as routine files write it: ``2 sessions``, ``week``."""

from __future__ import annotations

import re

from stride_tui.routine.durations import DurationError
from stride_tui.routine.problems import quote

EVERY_HINT = "write `session`, `2 sessions`, `week` or `2 weeks`"

_EVERY = re.compile(r"^(?:([0-9]+)\s*)?(session|sessions|week|weeks)$")


class EveryError(DurationError):
    """A text that is not a progression interval; the message says what to write."""


def parse_every(value: object) -> dict[str, object]:
    """Read ``every`` into the fields of :class:`~stride_tui.routine.model.Every`.

    A bare number counts sessions (``every: 2`` is ``2 sessions``).

    Raises:
        EveryError: The value is not an interval; the message says what would be.
    """
    if isinstance(value, bool):
        raise EveryError(f"expected an interval, found {str(value).lower()}; {EVERY_HINT}")
    if isinstance(value, int):
        return _checked(value, "session", str(value))
    text = str(value).strip().lower()
    if text.isascii() and text.isdigit():
        return _checked(int(text), "session", text)
    match = _EVERY.match(text) if text.isascii() else None
    if match is None:
        raise EveryError(f"`{quote(value)}` is not an interval; {EVERY_HINT}")
    count = int(match[1]) if match[1] else 1
    unit = "week" if match[2].startswith("week") else "session"
    return _checked(count, unit, text)


def _checked(count: int, unit: str, text: str) -> dict[str, object]:
    if not 1 <= count <= 100:
        raise EveryError(f"`{quote(text)}` is out of range; step up every 1 to 100 {unit}s")
    return {"count": count, "unit": unit}


def describe_every(count: int, unit: str) -> str:
    """``every session``, ``every 2 sessions``, ``every week``."""
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"
