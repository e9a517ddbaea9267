"""The installed ``stride run`` in a real terminal (tmux): read the screen, press keys."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.components import require
from tests.helpers.paths import FIXTURES
from tests.helpers.terminal import STRIDE, Tmux


@pytest.fixture
def terminal(stride_home: Path) -> Iterator[Callable[..., Tmux]]:
    """Opens ``stride ARGUMENTS`` in a tmux terminal of 80x24, with extra environment."""
    require(shutil.which("tmux") is not None, "tmux is not installed")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    opened: list[Tmux] = []

    def open_terminal(arguments: str, env: str = "", width: int = 80, height: int = 24) -> Tmux:
        variables = f"env STRIDE_HOME={stride_home} TERM=xterm-256color {env}"
        command = f"{variables} {STRIDE} {arguments}; echo STRIDE-EXITED $?; sleep 30"
        session = Tmux(command, width=width, height=height)
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
    screen = session.wait_for(lambda s: "Tiny: finished with 1 skipped" in s, timeout=20)
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
    session.wait_for(lambda s: "Short test routine: stopped at step 1 of 5" in s)
    session.keys("Escape")
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s)


def test_bare_stride_opens_the_picker_on_today_with_the_warm_up_a_key_away(
    terminal: Callable[..., Tmux],
) -> None:
    session = terminal("")
    session.wait_for(lambda s: "Today:" in s)  # it opens on today's session, with the reason
    session.keys("w")  # the warm-up is one key away
    session.wait_for(lambda s: "Next: Easy trot in place" in s)
    session.keys("q", "y")
    session.wait_for(lambda s: "stopped" in s)
    session.keys("Escape")
    session.wait_for(lambda s: "Today:" in s)  # back in the picker
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
    assert "(stopped at step 1 of 5)" in screen


def _stride_pid(session: Tmux) -> int:
    shell = session.tmux("display", "-p", "-t", "t", "#{pane_pid}").strip()
    found = subprocess.run(
        ["pgrep", "-P", shell, "-f", "stride_tui|stride run"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert found, "the stride process was not found"
    return int(found[0])


def _on_step_two(terminal: Callable[..., Tmux], mode: str) -> Tmux:
    """A session of the short routine moved on to its second step by the runner."""
    session = terminal(f"run {FIXTURES / 'short.yaml'}{' --plain' if mode == 'plain' else ''}",
                       width=120)  # fmt: skip
    session.wait_for(lambda s: "Get ready" in s.replace("GET READY", "Get ready"))
    session.keys("n", "n", "n", "n")  # get ready, left, switch, right: on to step 2
    step_two = "Leg swings  ·  Step 2 of 5" if mode == "full" else "Get ready: Leg swings"
    session.wait_for(lambda s: step_two in s)
    return session


def _logged_end(stride_home: Path, deadline: float = 15.0) -> tuple[str, float | None, list[str]]:
    """The only session's outcome, time taken and step statuses, once its end is written."""
    from stride_tui.log.opening import open_training_log

    history = open_training_log(stride_home / "data" / "history.sqlite3")
    give_up = time.monotonic() + deadline
    while True:
        (row,) = history.sessions()
        if row.taken_seconds is not None or time.monotonic() > give_up:
            steps = [s.status.value for s in history.steps(row.id)]
            history.close()
            return row.outcome.describe(), row.taken_seconds, steps
        time.sleep(0.05)


@pytest.mark.parametrize("mode", ["full", "plain"])
@pytest.mark.parametrize("signal_name", ["INT", "TERM", "HUP"])
def test_a_signalled_session_is_logged_as_stopped_and_the_terminal_restored(
    terminal: Callable[..., Tmux], stride_home: Path, signal_name: str, mode: str
) -> None:
    session = _on_step_two(terminal, mode)
    signum = getattr(signal, f"SIG{signal_name}")
    os.kill(_stride_pid(session), signum)
    screen = session.wait_for(lambda s: f"STRIDE-EXITED {128 + signum}" in s)
    # Only the stop path writes the end: a time taken, nothing left pending.
    outcome, taken, steps = _logged_end(stride_home)
    assert outcome == "stopped at step 2 of 5"
    assert taken is not None and taken > 0
    assert steps == ["skipped"] * 5
    if mode == "plain":
        assert "Stopped early" in screen and "(stopped at step 2 of 5)" in screen
    # No alternate screen, mouse tracking or hidden cursor is left behind.
    flags = (
        "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag} #{cursor_flag}"
    )
    assert session.tmux("display", "-p", "-t", "t", flags).split() == ["0", "0", "0", "0", "1"]


@pytest.mark.parametrize("mode", ["full", "plain"])
def test_a_closed_terminal_still_logs_the_end(
    terminal: Callable[..., Tmux], stride_home: Path, mode: str
) -> None:
    session = _on_step_two(terminal, mode)
    session.close()  # the window and its terminal are gone: the app gets SIGHUP
    outcome, taken, steps = _logged_end(stride_home)
    assert (outcome, steps) == ("stopped at step 2 of 5", ["skipped"] * 5)
    assert taken is not None


def test_a_dumb_terminal_gets_plain_mode(terminal: Callable[..., Tmux]) -> None:
    session = terminal(f"run {FIXTURES / 'tiny.yaml'}", env="TERM=dumb", width=120)
    session.wait_for(lambda s: "STRIDE-EXITED 0" in s, timeout=30)
    screen = session.tmux("capture-pane", "-p", "-S", "-200", "-t", "t")  # with the scrollback
    assert "this terminal (TERM=dumb) cannot show the full-screen app; playing in plain" in screen
    assert "Routine finished. Well done" in screen
    assert session.tmux("display", "-p", "-t", "t", "#{alternate_on}").strip() == "0"


def test_a_routine_with_sets_shows_the_set_at_200x60(terminal: Callable[..., Tmux]) -> None:
    session = terminal(f"run {FIXTURES / 'every_change.yaml'}", width=200, height=60)
    session.wait_for(lambda s: "GET READY" in s and "Pause/Go" in s)
    session.keys("n", "n", "n", "n", "n")  # get ready, left, switch, right, the hold
    screen = session.wait_for(lambda s: "Reps  ·  Step 3 of 4  ·  Set 1 of 2" in s)
    assert "rep · lower" in screen
    session.keys("n")
    session.wait_for(lambda s: "Set 2 of 2 next" in s and "REST" in s)
    session.keys("n")
    session.wait_for(lambda s: "Set 2 of 2" in s and "next" not in s.split("Set 2 of 2")[1][:6])


def _time_left(screen: str) -> int:
    """Seconds left in the routine, as the screen shows them (``1:12 left of 1:27``)."""
    import re

    found = re.search(r"(\d+):(\d\d) left of \d+:\d\d", screen)
    assert found, screen
    return int(found.group(1)) * 60 + int(found.group(2))


def _banner(screen: str) -> str:
    return screen.splitlines()[0].strip() if screen else ""


def _in_the_hold(session: Tmux) -> int:
    """Wait for the first hold to be under way; the seconds left then."""
    screen = session.wait_for(lambda s: _banner(s).startswith("WORK") and " left of " in s)
    first = _time_left(screen)
    # A second into the hold, so that losing time would show.
    screen = session.wait_for(lambda s: " left of " in s and _time_left(s) < first)
    return _time_left(screen)


def test_ctrl_z_pauses_the_session_and_fg_brings_it_back_paused(stride_home: Path) -> None:
    require(shutil.which("tmux") is not None, "tmux is not installed")
    require(STRIDE.exists(), f"no installed stride at {STRIDE}")
    session = Tmux("env PS1='$ ' bash --norc --noprofile -i", width=80, height=24)
    try:
        session.keys(
            f"env STRIDE_HOME={stride_home} TERM=xterm-256color {STRIDE} run "
            f"{FIXTURES / 'short.yaml'}; echo STRIDE-EXITED $?",
            "Enter",
        )
        before = _in_the_hold(session)
        session.keys("C-z")
        session.wait_for(lambda s: "Stopped" in s or "stopped" in s)
        time.sleep(5)  # suspended: the hold must not lose these
        session.keys("fg", "Enter")
        screen = session.wait_for(lambda s: _banner(s).startswith("PAUSED") and " left of " in s)
        assert before - _time_left(screen) <= 1, screen  # one redraw's rounding at most
        session.keys("space")  # counts 3-2-1 back in, then plays on
        session.wait_for(lambda s: _banner(s).startswith(("RESUMING", "WORK")))
        session.keys("q")
        session.wait_for(lambda s: "Stop" in s)
        session.keys("y")
        session.wait_for(lambda s: "How did it go?" in s)
        session.keys("Escape")  # the review, skipped
        session.wait_for(lambda s: "STRIDE-EXITED" in s, timeout=20)
        flags = "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"
        assert session.tmux("display", "-p", "-t", "t", flags).split() == ["0", "0", "1"]
    finally:
        session.close()


@pytest.mark.parametrize("stop", ["SIGSTOP", "SIGTSTP"])
def test_a_stop_from_outside_does_not_eat_the_hold(
    terminal: Callable[..., Tmux], stop: str
) -> None:
    session = terminal(f"run {FIXTURES / 'short.yaml'}")
    before = _in_the_hold(session)
    pid = _stride_pid(session)
    os.kill(pid, getattr(signal, stop))  # SIGSTOP cannot be caught: only its SIGCONT is seen
    time.sleep(5)
    os.kill(pid, signal.SIGCONT)
    screen = session.wait_for(lambda s: _banner(s).startswith("PAUSED") and " left of " in s)
    assert before - _time_left(screen) <= 1, screen
