"""Guided tests in a real terminal (tmux): a two-sided ``measure:`` step asks, the log keeps.

The full-screen player and plain mode each play a routine whose first step measures hip
extension on each side; both values are typed while the next step plays on, and the log
holds two markers with their sides.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.components import require
from tests.helpers.paths import FIXTURES
from tests.helpers.terminal import STRIDE, Tmux


@pytest.fixture
def terminal(stride_home: Path) -> Iterator[Callable[..., Tmux]]:
    """Opens ``stride ARGUMENTS`` in a tmux terminal, in the test's own home."""
    require(shutil.which("tmux") is not None, "tmux is not installed")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    opened: list[Tmux] = []

    def open_terminal(arguments: str, width: int = 120, height: int = 30) -> Tmux:
        variables = f"env STRIDE_HOME={stride_home} TERM=xterm-256color"
        command = f"{variables} {STRIDE} {arguments}; echo STRIDE-EXITED $?; sleep 30"
        session = Tmux(command, width=width, height=height)
        opened.append(session)
        return session

    yield open_terminal
    for session in opened:
        session.close()


def logged_markers(
    stride_home: Path, count: int, deadline: float = 10.0
) -> list[tuple[object, ...]]:
    """The log's markers, once ``count`` of them are there (the writer has its own thread)."""
    path = next(stride_home.rglob("history.sqlite3"))
    end = time.monotonic() + deadline
    while True:
        with sqlite3.connect(path) as db:
            rows = db.execute(
                "SELECT kind, value, side, run_id FROM markers ORDER BY id"
            ).fetchall()
        if len(rows) >= count or time.monotonic() > end:
            return rows
        time.sleep(0.05)


def test_plain_mode_asks_for_each_side_and_logs_both(
    terminal: Callable[..., Tmux], stride_home: Path
) -> None:
    session = terminal(f"run {FIXTURES / 'measure.yaml'} --plain")
    session.wait_for(lambda s: "Hip extension angle, left in ° (-30 to 90)" in s)
    session.keys("1", "2", ".", "5", "Enter")
    session.wait_for(lambda s: "logged hip extension angle, left: 12.5°" in s)
    session.wait_for(lambda s: "Hip extension angle, right in °" in s)
    session.keys("9", "9", "Enter")  # one past the plausible range: refused, asked again
    session.wait_for(lambda s: "99° is not a plausible hip extension angle" in s)
    session.keys("-l", "--", "-4")  # literally: tmux would read "-4" as an option
    session.keys("Enter")
    screen = session.wait_for(lambda s: "STRIDE-EXITED 0" in s, timeout=30)
    assert "logged hip extension angle, right: -4°" in screen
    assert logged_markers(stride_home, 2) == [
        ("hip-extension", 12.5, "left", None),
        ("hip-extension", -4.0, "right", None),
    ]


def test_plain_mode_esc_skips_and_the_session_keeps_its_time(
    terminal: Callable[..., Tmux], stride_home: Path
) -> None:
    session = terminal(f"run {FIXTURES / 'measure.yaml'} --plain")
    session.wait_for(lambda s: "Hip extension angle, left in °" in s)
    started = time.monotonic()
    session.keys("Escape")
    session.wait_for(lambda s: "skipped; nothing logged for hip extension angle, left" in s)
    session.keys("Escape")
    screen = session.wait_for(lambda s: "STRIDE-EXITED 0" in s, timeout=30)
    assert "took 0:1" in screen  # about 19 s of plan, never held up by the questions
    assert time.monotonic() - started < 25
    assert logged_markers(stride_home, 1, deadline=1.0) == []


def test_the_player_asks_in_a_number_field_and_logs_both_sides(
    terminal: Callable[..., Tmux], stride_home: Path
) -> None:
    session = terminal(f"run {FIXTURES / 'measure.yaml'}", width=80, height=24)
    screen = session.wait_for(lambda s: "Hip extension angle, left" in s)
    assert "plausible -30 to 90° · Enter records" in screen  # a notice may cover the rest
    session.keys("1", "2")
    session.wait_for(lambda s: "left:  12▏ °" in s)
    session.keys("Enter")
    session.wait_for(lambda s: "Hip extension angle, right" in s)
    session.keys("-l", "--", "-3.5")
    session.keys("Enter")
    # The session played on meanwhile: the walk is under way, then over.
    session.wait_for(lambda s: "Measure: done" in s and "Steps done  2 of 2" in s, timeout=30)
    session.keys("Escape")  # skip the review
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s)
    assert logged_markers(stride_home, 2) == [
        ("hip-extension", 12.0, "left", None),
        ("hip-extension", -3.5, "right", None),
    ]
