"""Durations and tempos: every accepted spelling, and the fixes suggested for wrong ones."""

from __future__ import annotations

import pytest

from stride_tui.routine.durations import (
    DurationError,
    clock,
    compact,
    parse_duration,
    parse_tempo,
)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        (45, 45.0),
        (1.5, 1.5),
        ("45", 45.0),
        ("45s", 45.0),
        ("1m30s", 90.0),
        ("1m", 60.0),
        ("2m 5s", 125.0),
        ("1h", 3600.0),
        ("1:30", 90.0),
        ("0:05", 5.0),
        ("1:00:00", 3600.0),
        ("1.5s", 1.5),
        ("0", 0.0),
    ],
)
def test_accepted_durations(written: object, seconds: float) -> None:
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1m70s", "`1m70s` is not a duration; write 2m10s"),
        ("1:70", "`1:70` is not a duration; write 2:10"),
        ("45 seconds", "`45 seconds` is not a duration; write 45s"),
        ("2 mins", "`2 mins` is not a duration; write 2m"),
        ("-5s", "`-5s` is negative; a duration is 0 or more"),
        (-3, "`-3` is negative; a duration is 0 or more"),
        ("7h", "`7h` is longer than 6h; is a unit wrong?"),
        (10**400, "is longer than 6h"),
        (True, "`true` is not a duration"),
        ("soon", "`soon` is not a duration; write seconds (45 or 45s)"),
        ("", "an empty value is not a duration"),
        (float("nan"), "`nan` is not a duration"),
    ],
)
def test_rejected_durations_suggest_a_fix(written: object, message: str) -> None:
    with pytest.raises(DurationError, match=None) as caught:
        parse_duration(written)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("written", "phases"),
    [(2, (2.0,)), ("1.5s", (1.5,)), ("3-1-1", (3.0, 1.0, 1.0)), ("2-0-2-1", (2.0, 0.0, 2.0, 1.0))],
)
def test_tempos(written: object, phases: tuple[float, ...]) -> None:
    assert parse_tempo(written) == phases


@pytest.mark.parametrize("written", ["fast", "0", "0-0", "1-2-3-4-5", "700s"])
def test_rejected_tempos(written: str) -> None:
    with pytest.raises(DurationError):
        parse_tempo(written)


def test_rendering() -> None:
    assert compact(130) == "2m10s"
    assert compact(1.5) == "1.5s"
    assert compact(0) == "0s"
    assert compact(3725) == "1h2m5s"
    assert clock(453) == "7:33"
    assert clock(0.2) == "0:01"  # a display rounds up: 0.2 s left still shows 0:01
    assert clock(3725) == "1:02:05"
