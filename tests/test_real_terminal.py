"""The installed ``stride run`` in a real terminal (tmux): read the screen, press keys."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import require

FIXTURES = Path(__file__).parent / "fixtures"
STRIDE = Path(sys.executable).parent / "stride"


class Tmux:
    """One tmux server of our own, with one window running a command."""

    def __init__(self, command: str, width: int = 80, height: int = 24) -> None:
        self.socket = f"stride-test-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if check(shown):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the screen shows:\n{shown}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def terminal(stride_home: Path) -> Iterator[Callable[..., Tmux]]:
    """Opens ``stride ARGUMENTS`` in a tmux terminal of 80x24, with extra environment."""
    require(shutil.which("tmux") is not None, "tmux is not installed")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    opened: list[Tmux] = []

    def open_terminal(arguments: str, env: str = "", width: int = 80) -> Tmux:
        variables = f"env STRIDE_HOME={stride_home} TERM=xterm-256color {env}"
        command = f"{variables} {STRIDE} {arguments}; echo STRIDE-EXITED $?; sleep 30"
        session = Tmux(command, width=width)
        opened.append(session)
        return session

    yield open_terminal
    for session in opened:
        session.close()


def _left(screen: str) -> str:
    """The routine's time left, as the screen shows it."""
    import re

    found = re.search(r"(\d+:\d\d) left of 0:13", screen)
    assert found, screen
    return found.group(1)


def test_stride_run_in_a_real_terminal(terminal: Callable[..., Tmux]) -> None:
    # Tiny: get ready 1 s, hold 4 s left, switch 1 s, hold 4 s right, get ready 1 s, 2 reps.
    session = terminal(f"run {FIXTURES / 'tiny.yaml'}")
    screen = session.wait_for(lambda s: "GET READY" in s and "space Pause/Go" in s)
    assert "Next: Hold  ·  Step 1 of 2" in screen
    screen = session.wait_for(lambda s: "WORK" in s and "LEFT" in s)
    before = _left(screen)
    screen = session.wait_for(lambda s: "left of" in s and _left(s) != before)
    assert _left(screen) < before  # seconds pass on screen
    session.keys("Space")
    paused = _left(session.wait_for(lambda s: "PAUSED" in s))
    time.sleep(1.5)
    assert _left(session.screen()) == paused  # paused time does not count
    session.keys("Space")
    session.wait_for(lambda s: "resuming" in s)  # a hold counts 3-2-1 back in
    session.wait_for(lambda s: "resuming" not in s and "WORK" in s, timeout=6)
    session.keys("n")
    session.wait_for(lambda s: "SWITCH SIDES" in s)
    session.keys("n")
    session.wait_for(lambda s: "WORK" in s and "RIGHT" in s)
    screen = session.wait_for(lambda s: "Tiny: done" in s, timeout=20)
    assert "Steps done  1 of 2" in screen
    assert "- Hold" in screen  # its left side was cut short
    session.keys("Escape")  # skip the review
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s)


def test_quitting_asks_first(terminal: Callable[..., Tmux]) -> None:
    session = terminal(f"run {FIXTURES / 'short.yaml'}")
    session.wait_for(lambda s: "GET READY" in s)
    session.keys("q")
    screen = session.wait_for(lambda s: "Stop the session?" in s)
    assert "It will count as stopped" in screen
    session.keys("y")
    session.wait_for(lambda s: "Short test routine: stopped" in s)
    session.keys("Escape")
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s)


def test_bare_stride_opens_the_picker_on_the_warm_up(terminal: Callable[..., Tmux]) -> None:
    session = terminal("")
    screen = session.wait_for(lambda s: "7:33 at standard level" in s)
    assert "Pre-run warm-up  (warm-up, built-in)" in screen
    session.keys("Enter")
    session.wait_for(lambda s: "Next: Easy trot in place" in s)
    session.keys("q", "y")
    session.wait_for(lambda s: "stopped" in s)
    session.keys("Escape")
    session.wait_for(lambda s: "7:33 at standard level" in s)  # back in the picker
    session.keys("q")
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s)


def _colours(screen: str) -> list[tuple[int, int, int]]:
    """Every colour set by escape codes in a captured screen, as RGB."""
    import re

    found = [
        (int(r), int(g), int(b)) for r, g, b in re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", screen)
    ]
    for text in re.findall(r"[34]8;5;(\d+)", screen):
        n = int(text)
        if n >= 232:  # the grey ramp
            level = 8 + 10 * (n - 232)
            found.append((level, level, level))
        elif n >= 16:  # the 6x6x6 cube
            n -= 16
            found.append((n // 36 * 51, n // 6 % 6 * 51, n % 6 * 51))
        else:  # a named ANSI colour: count it as a colour
            found.append((n, n + 1, n + 2))
    return found


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_no_color_turns_every_colour_grey(terminal: Callable[..., Tmux], no_color: bool) -> None:
    session = terminal(f"run {FIXTURES / 'tiny.yaml'}", env="NO_COLOR=1" if no_color else "")
    session.wait_for(lambda s: "GET READY" in s and "Pause/Go" in s)
    colours = _colours(session.tmux("capture-pane", "-p", "-e", "-t", "t"))
    assert colours
    assert all(r == g == b for r, g, b in colours) is no_color


def test_plain_mode_keys_work_in_a_terminal(terminal: Callable[..., Tmux]) -> None:
    session = terminal(f"run {FIXTURES / 'short.yaml'} --plain", width=120)  # lines unwrapped
    session.wait_for(lambda s: "space: pause/ready   n: next   q: stop" in s)
    session.wait_for(lambda s: "Get ready: Couch stretch" in s)
    session.keys("n")
    session.wait_for(lambda s: "Skipped" in s and "Couch stretch, left side" in s)
    time.sleep(1.2)
    session.keys(" ")
    session.wait_for(lambda s: "Paused" in s)
    session.keys(" ")
    session.wait_for(lambda s: "Resuming in 3" in s)
    session.keys("q")
    screen = session.wait_for(lambda s: "STRIDE-EXITED 0" in s)
    assert "Stopped early" in screen
    assert "(stopped early)" in screen


@pytest.mark.parametrize("signal_name", ["TERM", "HUP"])
def test_a_killed_session_is_logged_as_stopped_at_its_step(
    terminal: Callable[..., Tmux], stride_home: Path, signal_name: str
) -> None:
    from stride_tui.session.history import open_history

    session = terminal(f"run {FIXTURES / 'short.yaml'}")
    session.wait_for(lambda s: "GET READY" in s and "Pause/Go" in s)
    session.keys("n", "n", "n", "n")  # get ready, left, switch, right: on to step 2
    session.wait_for(lambda s: "Leg swings  ·  Step 2 of 5" in s)
    shell = session.tmux("display", "-p", "-t", "t", "#{pane_pid}").strip()
    found = subprocess.run(
        ["pgrep", "-P", shell, "-f", "stride_tui|stride run"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert found, "the stride process was not found"
    signum = getattr(signal, f"SIG{signal_name}")
    os.kill(int(found[0]), signum)
    session.wait_for(lambda s: f"STRIDE-EXITED {128 + signum}" in s)
    history = open_history(stride_home / "data" / "history.sqlite3")
    (row,) = history.sessions()
    assert (row.status, row.stopped_at_step) == ("stopped", 1)  # step 2, 0-based 1
    # Only the signal handler ends the session this way: a time taken, nothing pending.
    assert row.taken_seconds is not None
    assert [s[2] for s in history.steps(row.id)] == ["skipped"] * 5
