"""Durations and tempos as routine files write them: ``45s``, ``1m30s``, ``1:30``, ``3-1-1``."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Context, Decimal, localcontext
from typing import NoReturn

from stride_tui.errors import StrideError
from stride_tui.routine.problems import quote
from stride_tui.routine.spellings import (
    CLOCK_SHAPE,
    COMPOUND_SHAPE,
    MAX_PHASE_SECONDS,
    MAX_REP_SECONDS,
    MAX_SECONDS,
    NUMBER_SHAPE,
    PHASES_SHAPE,
)

_UNIT_WORDS = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
}  # fmt: skip
_LOOSE = re.compile(rf"({NUMBER_SHAPE.pattern})\s*([a-z]+)")

DURATION_HINT = "write seconds (45 or 45s), minutes and seconds (1m30s) or a clock (1:30)"


class DurationError(StrideError, ValueError):
    """A text that is not a duration; the message says what to write instead."""


_RADIX = re.compile(r"^([+-]?)0([xob])([0-9a-f_]+)$")
_UNDERSCORED = re.compile(r"^[+-]?[0-9][0-9_]*(?:\.[0-9_]+)?$")


def unusual_number(text: str) -> str | None:
    """Say what to write instead of a number spelled in a way routine files do not take.

    YAML reads ``0x10`` as 16 and ``1_000`` as 1000, and Python reads full-width digits;
    a routine file takes plain decimal digits 0-9 only, so each of these gets a hint.

    Args:
        text: The value as written.

    Returns:
        The advice (``write it in decimal, as 16``), or ``None`` for an ordinary spelling.
    """
    stripped = text.strip()
    if any(char.isdigit() and not char.isascii() for char in stripped):
        ascii_text = "".join(
            str(unicodedata.digit(char)) if char.isdigit() else char for char in stripped
        )
        ascii_text = unicodedata.normalize("NFKC", ascii_text)
        return f"write it with the digits 0-9, as {quote(ascii_text)}"
    lowered = stripped.lower()
    radix = _RADIX.match(lowered)
    if radix:
        try:
            value = int(radix[1] + "0" + radix[2] + radix[3].replace("_", ""), 0)
        except ValueError:
            return "write it in decimal with the digits 0-9"
        return f"write it in decimal, as {value}"
    if "_" in lowered and _UNDERSCORED.match(lowered):
        return f"write it without underscores, as {lowered.replace('_', '')}"
    return None


def compact(seconds: float) -> str:
    """Render seconds the way a routine file would write them: ``2m10s``, ``45s``, ``1.5s``."""
    whole = round(seconds, 3)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = ""
    if hours:
        text += f"{int(hours)}h"
    if minutes:
        text += f"{int(minutes)}m"
    if secs or not text:
        text += f"{_trim(secs)}s"
    return text


def clock(seconds: float) -> str:
    """Render seconds as a clock for display: ``7:05``, ``1:02:00``, rounded up to whole seconds."""
    total = math.ceil(round(seconds, 6))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _trim(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _checked(seconds: float, text: str) -> float:
    if seconds == math.inf:
        raise DurationError(
            f"`{quote(text)}` is longer than {compact(MAX_SECONDS)}; is a unit wrong?"
        )
    if not math.isfinite(seconds):
        raise DurationError(f"`{quote(text)}` is not a duration; {DURATION_HINT}")
    if seconds < 0:
        raise DurationError(f"`{quote(text)}` is negative; a duration is 0 or more")
    if seconds > MAX_SECONDS:
        raise DurationError(
            f"`{quote(text)}` is longer than {compact(MAX_SECONDS)}; is a unit wrong?"
        )
    return seconds


def parse_duration(value: object) -> float:
    """Turn a routine file's duration into seconds.

    Args:
        value: A number of seconds, or text such as ``45s``, ``1m30s``, ``1:30``.

    Returns:
        The duration in seconds.

    Raises:
        DurationError: The value is not a duration; the message suggests the fix.
    """
    if isinstance(value, bool):
        raise DurationError(f"`{str(value).lower()}` is not a duration; {DURATION_HINT}")
    if isinstance(value, int):
        if value > MAX_SECONDS:  # before float(), which overflows on huge integers
            raise DurationError(
                f"`{quote(value)}` is longer than {compact(MAX_SECONDS)}; is a unit wrong?"
            )
        return _checked(float(value), str(value))
    if isinstance(value, float):
        return _checked(value, _trim(value) if math.isfinite(value) else str(value))
    return float(_exact(str(value)))


def _exact(written: str) -> Decimal:
    """The seconds a text duration stands for, exactly, so limits hold to the last digit."""
    text = written.strip()
    lowered = text.lower().replace(" ", "")
    if not lowered:
        raise DurationError(f"an empty value is not a duration; {DURATION_HINT}")
    advice = unusual_number(text)
    if advice:
        raise DurationError(f"`{quote(text)}` is not a duration; {advice}")
    if lowered.startswith("-"):
        try:
            _exact(lowered[1:])
        except DurationError:
            pass
        else:
            raise DurationError(f"`{quote(text)}` is negative; a duration is 0 or more")
    # Enough digits that sums of the parts written are exact, however long they are.
    with localcontext(Context(prec=2 * len(lowered) + 16)):
        if NUMBER_SHAPE.fullmatch(lowered):
            return _within(Decimal(lowered), text)
        match = COMPOUND_SHAPE.fullmatch(lowered)
        if match and any(match.groups()):
            return _compound(match, text)
        match = CLOCK_SHAPE.fullmatch(lowered)
        if match:
            return _clock(match, text)
    return _loose(text, lowered)


def _parts(match: re.Match[str]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    hours, minutes, secs = (Decimal(match[name] or 0) for name in ("h", "m", "s"))
    return hours, minutes, secs, hours * 3600 + minutes * 60 + secs


def _compound(match: re.Match[str], text: str) -> Decimal:
    hours, minutes, secs, total = _parts(match)
    _within(total, text)
    written = [group for group in match.groups() if group]
    if (
        any("." in group for group in written[:-1])  # 1.5m30s: a fraction only comes last
        or (secs >= 60 and (minutes or hours))
        or (minutes >= 60 and hours)
    ):
        raise DurationError(f"`{quote(text)}` is not a duration; write {compact(float(total))}")
    return total


def _clock(match: re.Match[str], text: str) -> Decimal:
    _, minutes, secs, total = _parts(match)
    _within(total, text)
    if secs >= 60 or (match["h"] and minutes >= 60):
        raise DurationError(f"`{quote(text)}` is not a duration; write {clock(float(total))}")
    return total


def _within(seconds: Decimal, text: str) -> Decimal:
    if seconds > MAX_SECONDS:
        raise DurationError(
            f"`{quote(text)}` is longer than {compact(MAX_SECONDS)}; is a unit wrong?"
        )
    return seconds


def _loose(text: str, lowered: str) -> NoReturn:
    """Recognise ``45 sec`` or ``2 minutes`` only to suggest the proper spelling."""
    pieces = _LOOSE.findall(lowered)
    if pieces and "".join(number + unit for number, unit in pieces) == lowered:
        total = 0.0
        for number, unit in pieces:
            letter = _UNIT_WORDS.get(unit)
            if letter is None:
                break
            total += float(number) * {"s": 1, "m": 60, "h": 3600}[letter]
        else:
            raise DurationError(f"`{quote(text)}` is not a duration; write {compact(total)}")
    raise DurationError(f"`{quote(text)}` is not a duration; {DURATION_HINT}")


TEMPO_HINT = (
    "write seconds per rep (2 or 1.5s) or phase seconds joined by dashes (3-1-1: lower, pause, "
    "return)"
)


def parse_tempo(value: object) -> tuple[float, ...]:
    """Turn a routine file's tempo into the seconds of each phase of one rep.

    Args:
        value: Seconds per rep (``2``, ``1.5s``) or phases (``3-1-1``).

    Returns:
        One duration per phase; a plain tempo has a single phase.

    Raises:
        DurationError: The value is not a tempo; the message suggests the fix.
    """
    text = str(value).strip().replace(" ", "")
    advice = unusual_number(text) if isinstance(value, str) else None
    if advice:
        raise DurationError(f"`{quote(value)}` is not a tempo; {advice}")
    if isinstance(value, str) and PHASES_SHAPE.fullmatch(text):
        exact = [Decimal(part) for part in text.split("-")]
        if not any(exact):
            raise DurationError(
                f"`{quote(value)}` adds up to no time; a rep needs at least one phase > 0"
            )
        if sum(exact) > MAX_REP_SECONDS:
            raise DurationError(
                f"`{quote(value)}` makes one rep longer than 10 minutes; is it seconds?"
            )
        if any(phase > MAX_PHASE_SECONDS for phase in exact):
            raise DurationError(
                f"`{quote(value)}` has a phase longer than {compact(MAX_PHASE_SECONDS)};"
                " is it seconds?"
            )
        return tuple(float(phase) for phase in exact)
    try:
        seconds = _exact(value) if isinstance(value, str) else Decimal(parse_duration(value))
    except DurationError:
        raise DurationError(f"`{quote(value)}` is not a tempo; {TEMPO_HINT}") from None
    if seconds <= 0:
        raise DurationError(f"a tempo of `{quote(value)}` gives reps no time; {TEMPO_HINT}")
    if seconds > MAX_REP_SECONDS:
        raise DurationError(
            f"`{quote(value)}` makes one rep longer than 10 minutes; is it seconds?"
        )
    return (float(seconds),)
