"""How often a progression steps up, as routine files write it: ``2 sessions``, ``week``."""

from __future__ import annotations

from stride_tui.routine.durations import DurationError
from stride_tui.routine.problems import quote
from stride_tui.routine.spellings import EVERY_SHAPE, MAX_EVERY

EVERY_HINT = "write `session`, `2 sessions`, `week` or `2 weeks`"


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
    text = str(value).strip()
    if not text.isascii():  # before lower(), which turns the Kelvin sign into a k
        raise EveryError(f"`{quote(value)}` is not an interval; {EVERY_HINT}")
    text = text.lower()
    if text.isdigit():
        return _checked(_count(text), "session", text)
    match = EVERY_SHAPE.fullmatch(text)
    if match is None:
        raise EveryError(f"`{quote(value)}` is not an interval; {EVERY_HINT}")
    count = _count(match["count"]) if match["count"] else 1
    unit = "week" if match["unit"].startswith("week") else "session"
    return _checked(count, unit, text)


def _count(digits: str) -> int:
    """The number ``digits`` spell; any number too long for a count reads as too large."""
    significant = digits.lstrip("0")
    # int() refuses thousands of digits; a count has three at most.
    return int(significant or "0") if len(significant) <= 3 else MAX_EVERY + 1


def _checked(count: int, unit: str, text: str) -> dict[str, object]:
    if not 1 <= count <= MAX_EVERY:
        raise EveryError(f"`{quote(text)}` is out of range; step up every 1 to {MAX_EVERY} {unit}s")
    return {"count": count, "unit": unit}


def describe_every(count: int, unit: str) -> str:
    """``every session``, ``every 2 sessions``, ``every week``."""
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"
