"""``stride status``: what a running session publishes, and the line read from it.

Units run the driver on a hand-moved clock with a hand-moved wall clock; one test runs
a real ``stride run --plain`` and asks ``stride status`` from another process.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest

from stride_tui import locations
from stride_tui.commands import status as command
from stride_tui.errors import CommandError
from stride_tui.live.driver import SessionDriver
from stride_tui.live.status import (
    Activity,
    SessionStatus,
    StatusPublisher,
    process_alive,
    read_status,
    status_file,
)
from stride_tui.locations import runtime_dir
from stride_tui.routine.plan import SegmentKind
from stride_tui.session.clock import ManualClock
from tests.helpers.engine import plan_of

ROUTINE = """\
name: Status test
defaults: {get_ready: 3s, switch: 2s}
steps:
  - name: Couch stretch
    time: 20s
    sides: both
  - name: Bridge
    wait: Lie on your back
    reps: 3
"""
WALL = 1_800_000_000.0


class Wall:
    """A wall clock moved by hand, beside the engine's monotonic one."""

    def __init__(self) -> None:
        self.now = WALL

    def __call__(self) -> float:
        return self.now


class Session:
    def __init__(self, folder: Path, text: str = ROUTINE) -> None:
        self.clock = ManualClock()
        self.wall = Wall()
        self.folder = folder
        self.publisher = StatusPublisher("status-test", folder=folder, wall=self.wall)
        self.driver = SessionDriver(plan_of(text), clock=self.clock, status=self.publisher)

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.now += seconds
        self.driver.update()

    def read(self) -> SessionStatus:
        status = read_status(self.folder)
        assert status is not None
        return status


def test_a_session_publishes_where_it_stands_and_when_the_part_ends(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.driver.start()
    status = session.read()
    assert (status.routine, status.routine_id, status.step) == (
        "Status test",
        "status-test",
        "Couch stretch",
    )
    assert (status.number, status.steps, status.side) == (1, 2, None)
    assert (status.part, status.activity) == (SegmentKind.GET_READY, Activity.RUNNING)
    assert status.part_left_at(WALL) == 3.0
    assert status.routine_left_at(WALL) == 3 + 20 + 2 + 20 + 3 + 6

    # The clock running on writes nothing: the reader counts down from the planned end.
    session.advance(1.0)
    assert session.read() == status
    assert status.part_left_at(session.wall.now) == 2.0

    session.advance(2.5)  # into the left side's hold
    working = session.read()
    assert (working.part, working.side, working.published_at) == (
        SegmentKind.WORK,
        "left",
        WALL + 3.5,
    )
    assert working.part_left_at(session.wall.now) == pytest.approx(19.5)


def test_pause_freezes_the_time_left_and_resume_counts_back_in(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.driver.start()
    session.advance(8.0)  # 5 s into the hold
    session.driver.pause()
    paused = session.read()
    assert paused.activity is Activity.PAUSED
    assert paused.part_ends_at is None
    session.wall.now += 600  # a long pause: still 15 s left
    assert paused.part_left_at(session.wall.now) == pytest.approx(15.0)
    assert command.status_line(paused, session.wall.now) == (
        "Status test · Couch stretch 1/2 · left · paused, 0:15 left"
    )

    session.driver.resume()  # 3-2-1, then the hold goes on
    resumed = session.read()
    assert resumed.activity is Activity.RUNNING
    assert resumed.part_left_at(session.wall.now) == pytest.approx(18.0)


def test_every_control_publishes_at_once(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.driver.start()
    session.driver.skip()
    assert session.read().part is SegmentKind.WORK
    session.driver.extend(10)
    assert session.read().part_left_at(session.wall.now) == pytest.approx(30.0)
    session.driver.jump(1)
    waiting = session.read()
    assert (waiting.step, waiting.number, waiting.activity) == ("Bridge", 2, Activity.WAITING)
    assert command.status_line(waiting, session.wall.now) == (
        "Status test · Bridge 2/2 · waiting for you"
    )


def test_the_end_of_a_session_removes_its_file(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.driver.start()
    assert status_file(os.getpid(), tmp_path).exists()
    session.driver.stop()
    assert read_status(tmp_path) is None
    assert not status_file(os.getpid(), tmp_path).exists()

    one = "name: One\ndefaults: {get_ready: 0s}\nsteps:\n  - name: Hold\n    time: 5s\n"
    finishing = Session(tmp_path, one)
    finishing.driver.start()
    assert read_status(tmp_path) is not None
    finishing.advance(6.0)
    assert finishing.driver.finished
    assert read_status(tmp_path) is None


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(done.stdout)
    assert not process_alive(pid)
    return pid


def test_a_file_left_by_a_dead_process_is_no_session_and_is_cleared_later(tmp_path: Path) -> None:
    dead = _dead_pid()
    engine = Session(tmp_path).driver.engine
    engine.start()
    StatusPublisher(folder=tmp_path, pid=dead).publish(engine)
    assert status_file(dead, tmp_path).exists()
    assert read_status(tmp_path) is None
    # The next session to start tidies it away.
    session = Session(tmp_path)
    session.driver.start()
    assert not status_file(dead, tmp_path).exists()
    assert read_status(tmp_path) is not None


def test_unreadable_and_foreign_files_are_passed_over(tmp_path: Path) -> None:
    tmp_path.joinpath(f"session-{os.getpid()}.json").write_text("{not json")
    tmp_path.joinpath("session-1x.json").write_text("{}")
    tmp_path.joinpath("notes.txt").write_text("hello")
    assert read_status(tmp_path) is None
    session = Session(tmp_path)
    session.driver.start()
    published = status_file(os.getpid(), tmp_path).read_text()
    # Published by another process id than its name says: not trusted.
    tmp_path.joinpath("session-1.json").write_text(published)
    assert read_status(tmp_path, alive=lambda pid: True) == session.read()
    newer = published.replace('"version":1', '"version":99')
    status_file(os.getpid(), tmp_path).write_text(newer)
    assert read_status(tmp_path) is None


def test_text_in_the_file_is_made_visible(tmp_path: Path) -> None:
    session = Session(tmp_path)
    session.driver.start()
    # The loader refuses control characters in names; the status file is read anyway
    # as if anything could have written it.
    hostile = msgspec.structs.replace(
        session.read(), routine="Evil\x1b]0;owned\x07", step="Hold\u202eevil", routine_id="\n"
    )
    line = command.status_line(hostile, session.wall.now)
    assert line == "Evil\\x1b]0;owned\\x07 · Hold\\u202eevil 1/2 · get ready 0:03 left"
    assert command.fields(hostile, session.wall.now)["id"] == "\\n"


def test_a_failing_status_file_is_one_notice_and_the_session_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    session = Session(blocker)
    update = session.driver.start()
    assert any("`stride status` can't follow this session" in n for n in update.notices)
    session.advance(4.0)
    assert session.driver.engine.snapshot().segment.kind is SegmentKind.WORK


def _args(text: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(format=text)


def test_no_session_prints_nothing_and_touches_no_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert command.run(_args()) == 0
    assert command.run(_args("{step} {left}")) == 0
    assert capsys.readouterr() == ("", "")
    assert not locations.history_file().exists()


def test_format_names_fields(capsys: pytest.CaptureFixture[str]) -> None:
    session = Session(runtime_dir())
    session.driver.start()
    session.advance(5.0)
    session.driver.pause()  # the time left stands still whatever the real clock says
    assert command.run(_args("{id}|{step}|{side}|{part}|{state}|{number}/{steps}|{left:>5}")) == 0
    assert capsys.readouterr().out == "status-test|Couch stretch|left|work|paused|1/2| 0:18\n"
    session.driver.stop()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{nope}", "no field `nope`"),
        ("{step.__class__}", "no field `step.__class__`"),
        ("{0}", "no field `0`"),
        ("{}", "no field `{}`"),
        ("{left", "expected '}'"),
        ("{step!z}", "`!z` is not a conversion"),
        ("{left:{step}}", "nests a field"),
        ("{left:d}", "{left:d}: Unknown format code 'd'"),
    ],
)
def test_a_bad_format_is_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(CommandError, match="--format") as raised:
        command.run(_args(text))
    assert message in str(raised.value)


# -- a real session in another process ------------------------------------------------

LONG = """\
name: Status test
defaults: {get_ready: 0s}
steps:
  - name: Reach up
    time: 10m
  - name: Fold down
    time: 1m
"""


def _status() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "stride_tui", "status"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert (done.returncode, done.stderr) == (0, ""), done
    return done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGKILL])
def test_status_follows_a_real_plain_session(tmp_path: Path, ending: signal.Signals) -> None:
    routine = tmp_path / "status-test.yaml"
    routine.write_text(LONG)
    player = subprocess.Popen(
        [sys.executable, "-m", "stride_tui", "run", str(routine), "--plain", "--mute"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        line = _status()
        while not line and player.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            line = _status()
        assert line.startswith("Status test · Reach up 1/2 · "), line
        assert line.endswith(" left\n"), line
        assert line.split(" · ")[-1] in {f"9:{s:02d} left\n" for s in range(60)} | {
            "10:00 left\n"
        }, line
    finally:
        player.send_signal(ending)
        player.wait(timeout=30)
    assert _status() == ""
    # A killed session leaves its file behind, and it still counts as no session.
    left_behind = list(runtime_dir().glob("session-*.json"))
    assert len(left_behind) == (1 if ending is signal.SIGKILL else 0)
