"""Durations and tempos: every accepted spelling, and the fixes suggested for wrong ones."""

from __future__ import annotations

from textwrap import dedent

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


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("\u0661\u0662", "write it with the digits 0-9, as 12"),
        ("\u0664\u0665s", "write it with the digits 0-9, as 45s"),
        ("\uff14\uff15s", "write it with the digits 0-9, as 45s"),
        ("\u0967:\u0969\u0966", "write it with the digits 0-9, as 1:30"),
        ("\u00b2s", "write it with the digits 0-9, as 2s"),
        ("0x10", "write it in decimal, as 16"),
        ("0X1f", "write it in decimal, as 31"),
        ("0o17", "write it in decimal, as 15"),
        ("0b101", "write it in decimal, as 5"),
        ("1_000", "write it without underscores, as 1000"),
        ("1_0.5", "write it without underscores, as 10.5"),
    ],
)
def test_only_ascii_decimal_digits_are_durations(written: str, advice: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"`{written}` is not a duration; {advice}"


@pytest.mark.parametrize("written", ["\uff13-\uff11-\uff11", "\u0663-\u0661-\u0661", "0x2", "1_0"])
def test_only_ascii_decimal_digits_are_tempos(written: str) -> None:
    with pytest.raises(DurationError, match="is not a tempo; write it"):
        parse_tempo(written)


def test_unusual_numbers_in_a_file_are_refused_where_yaml_would_read_them() -> None:
    """YAML itself reads 0x10 as 16 and 1_000 as 1000: the file's text is what counts."""
    from stride_tui.routine.loader import parse_routine
    from stride_tui.routine.problems import RoutineError

    text = dedent("""\
        name: X
        steps:
          - {name: A, time: 0x10}
          - {name: B, reps: 1_000}
        """)
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "r.yaml")
    assert str(caught.value).splitlines() == [
        "r.yaml:3:21: steps[0].time: `0x10` is not a duration; write it in decimal, as 16",
        "r.yaml:4:21: steps[1].reps: `1_000` is not a whole number; write it without"
        " underscores, as 1000",
    ]
    routine = parse_routine(
        dedent("""\
            name: X
            steps:
              - {name: A, reps: 010}
            """)
    )
    assert routine.steps[0].reps == 10  # YAML 1.1 would read 010 as octal 8


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # Only the last part may have a fraction: 1.5m30s is 2m, which is what to write.
        ("1.5m30s", "`1.5m30s` is not a duration; write 2m"),
        ("0.5h10m", "`0.5h10m` is not a duration; write 40m"),
        # Limits hold to the last digit written, not to the nearest float.
        ("21600.0000000000000001", "is longer than 6h"),
        ("5h58m60.00000000000000001s", "is not a duration; write 5h59m"),
    ],
)
def test_limits_hold_as_written(written: str, message: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert message in str(caught.value)


def test_a_value_just_under_a_limit_is_accepted() -> None:
    assert parse_duration("0:59.99999999999999999") == 60.0  # below 60 as written
    assert parse_duration("1.5m") == 90.0


def test_a_phase_longer_than_two_and_a_half_minutes_is_refused() -> None:
    with pytest.raises(DurationError, match="has a phase longer than 2m30s; is it seconds"):
        parse_tempo("300-300")
    assert parse_tempo("150-0") == (150.0, 0.0)


def test_intervals_take_ascii_letters_and_any_count_without_a_crash() -> None:
    from stride_tui.routine.every import parse_every

    assert parse_every(" 007 Weeks ") == {"count": 7, "unit": "week"}
    for written in ("wee\u212a", "1" * 5000, "1" * 5000 + " weeks"):
        with pytest.raises(DurationError):
            parse_every(written)
