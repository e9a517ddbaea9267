"""Progression in real processes: plain runs log it, `stride show` plays the value in force."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROUTINE = """\
name: Three-second hold
kind: long-hold
defaults: {get_ready: 0}
steps:
  - name: Short hold
    time: 3s
    progress: {add: 1s, every: 1 session, up_to: 5s}
"""

HOLD_LINE = re.compile(r"^\s+0:00\s+(\d+:\d\d)\s+Short hold$", re.MULTILINE)


def stride(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """One ``stride`` process, stdin not a terminal, in the test's own home."""
    return subprocess.run(
        [sys.executable, "-m", "stride_tui", *argv],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "STRIDE_HOME": str(home)},
    )


@pytest.fixture
def home(stride_home: Path) -> Path:
    routines = stride_home / "config" / "routines"
    routines.mkdir(parents=True)
    (routines / "three.yaml").write_text(ROUTINE)
    # Chimes are not the subject: no sound device, no waiting on one.
    (stride_home / "config" / "config.toml").write_text('[sound]\nbackend = "none"\n')
    return stride_home


def shown_hold(home: Path) -> tuple[str, str]:
    result = stride(home, "show", "three")
    assert result.returncode == 0, result.stderr
    found = HOLD_LINE.search(result.stdout)
    assert found, result.stdout
    notes = result.stdout.split("From your training log", 1)
    return found[1], notes[1].strip().splitlines()[-1].strip() if len(notes) == 2 else ""


def test_plain_runs_progress_the_hold_up_to_its_limit(home: Path) -> None:
    assert shown_hold(home) == ("0:03", "Short hold: 3s as written; next at 4s")
    assert not (home / "data" / "history.sqlite3").exists()  # showing makes no log
    seen = []
    for _ in range(4):
        played = stride(home, "run", "three", "--plain")
        assert played.returncode == 0, played.stderr
        took = played.stdout.strip().splitlines()[-1].strip()
        seen.append((took, *shown_hold(home)))
    assert seen == [
        ("took 0:03", "0:04", "Short hold: 4s, progressed from 3s; next at 5s"),
        ("took 0:04", "0:05", "Short hold: 5s, progressed from 3s; at its limit"),
        ("took 0:05", "0:05", "Short hold: 5s, progressed from 3s; at its limit"),
        ("took 0:05", "0:05", "Short hold: 5s, progressed from 3s; at its limit"),
    ]
    explained = stride(home, "progress", "three")
    assert explained.stdout.splitlines() == [
        "Three-second hold: 4 logged sessions",
        "  Short hold: 5s, progressed from 3s; at its limit (+1s every session, up to 5s);"
        " 4 sessions counted; control in the latest session: not known",  # plain: no review
    ]
    reset = stride(home, "progress", "three", "--reset")
    assert reset.returncode == 0, reset.stderr
    assert shown_hold(home) == ("0:03", "Short hold: 3s as written; next at 4s")


SUNDAY = 6
"""The week's last day with the default start (Monday): what waits, waits for next week."""


def test_today_names_the_session_due_and_the_command(home: Path) -> None:
    result = stride(home, "today")
    assert result.returncode == 0, result.stderr
    first, command = result.stdout.splitlines()[:2]
    assert first.endswith(": Long-hold day is due; recovery after your run")
    # Two routines have kind long-hold; with nothing logged, the built-in one is chosen.
    assert command.startswith("  stride run long-hold-day   (Long-hold mobility day, ")
    stride(home, "run", "three", "--plain")
    first, command = stride(home, "today").stdout.splitlines()[:2]
    later = "next week" if date.today().weekday() == SUNDAY else "on another day"
    assert f": Long-hold day done today; dynamic day {later};" in first
    assert command.startswith("  stride run post-run-recovery")


def test_progress_of_an_unknown_routine_is_one_line(home: Path) -> None:
    result = stride(home, "progress", "no-such-routine")
    assert result.returncode == 1
    assert result.stderr.startswith("stride: ") and "Traceback" not in result.stderr


FAVOURED = """\
name: Two-sided hold
kind: long-hold
defaults: {get_ready: 0, switch: 1s}
steps:
  - name: Short hold
    time: 5s
    sides: both
    favor: tighter
"""


def test_the_tighter_side_gets_more_and_the_plain_player_says_why(home: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from stride_tui.log.opening import open_training_log
    from stride_tui.log.sides import Tighter
    from stride_tui.session.engine import StepStatus
    from stride_tui.session.outcome import Outcome, OutcomeKind

    (home / "config" / "routines" / "two.yaml").write_text(FAVOURED)
    history = open_training_log()
    for days_ago in (2, 1):
        session = history.start_session(
            routine_id="two",
            routine_name="Two-sided hold",
            routine_kind="long-hold",
            content_hash="t",
            level="standard",
            steps=[("Short hold", False)],
            planned_seconds=11.0,
            started=datetime.now(UTC) - timedelta(days=days_ago),
        )
        history.record_step(session, 0, StepStatus.DONE, 11.0, 1)
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1), 11.0)
        history.record_sides(session, {0: Tighter.RIGHT})
    history.close()
    shown = stride(home, "show", "two").stdout
    assert "  Short hold: right gets 1 s more: it has been tighter (2 of the last 2)" in shown
    played = stride(home, "run", "two", "--plain")
    assert played.returncode == 0, played.stderr
    lines = played.stdout.splitlines()
    cue = [line for line in lines if "Right gets 1 s more" in line]
    assert len(cue) == 1 and " RIGHT " in cue[0], played.stdout
    assert lines[-1].strip() == "took 0:12"  # 5 s left, 1 s switch, 6 s right


def test_show_with_an_unusable_log_says_so_and_shows_the_file(home: Path) -> None:
    (home / "data" / "history.sqlite3").mkdir(parents=True)  # a folder where the log goes
    result = stride(home, "show", "three")
    assert result.returncode == 0
    assert HOLD_LINE.search(result.stdout)[1] == "0:03"  # type: ignore[index]
    assert "is not a regular file" in result.stderr
    assert result.stderr.rstrip().endswith("showing the routine as written")
    assert "Traceback" not in result.stderr


def test_a_broken_coaching_file_is_located_and_today_still_answers(home: Path) -> None:
    (home / "config" / "coaching.toml").write_text('favor_extra = "lots"\nweek_starts = 3\n')
    result = stride(home, "today")
    assert result.returncode == 0
    assert result.stdout.startswith("Today, ")
    path = home / "config" / "coaching.toml"
    assert result.stderr.splitlines() == [
        f"stride: {path}:1:1: favor_extra: `lots` is not a percentage from 0 to 100 (write 20"
        " for 20%); using 20",
        f"stride: {path}:2:1: week_starts: `3` is not a day; write one of monday, tuesday,"
        " wednesday, thursday, friday, saturday, sunday; using monday",
    ]
