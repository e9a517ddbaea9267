"""A session that nothing stops: a locked, read-only or full log never freezes or ends it.

Real SQLite files, a real clock, a real second process holding the lock, real mounts;
both front ends: ``stride run --plain`` as a process, and the full-screen player.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from stride_tui import locations
from stride_tui.commands.play import plan_to_play
from stride_tui.live.driver import Update
from stride_tui.live.services import build_services
from stride_tui.log.opening import open_training_log
from stride_tui.routine.library import resolve
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
from stride_tui.settings import Settings
from stride_tui.tui.app import StrideApp
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.player import PlayerScreen
from tests.helpers.components import require
from tests.helpers.paths import FIXTURES
from tests.helpers.plain import LINE

TINY = FIXTURES / "tiny.yaml"
TINY_TOTAL = 13.0
NOT_LOGGED = re.compile(r"(no longer being|will not be) logged")
ON_TIME = 0.1
"""The session must end within this many seconds of its plan."""
LATE = 0.2
"""No redraw (or plain line) may come later than this after it was due."""

LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""


def _seed_one_session() -> None:
    """A session logged before the trouble: it must stay as it was."""
    history = open_training_log()
    session = history.start_session(
        routine_id="before", routine_name="Before", routine_kind="warm-up",
        content_hash="h", level="standard", steps=[("A", True)], planned_seconds=60.0,
    )  # fmt: skip
    history.record_step(session, 0, StepStatus.DONE, 60.0, 0)
    history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1), 61.0)
    history.close()


def _earlier_session_intact() -> None:
    history = open_training_log()
    assert history.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = [row for row in history.sessions() if row.routine_id == "before"]
    assert [(r.outcome.describe(), r.taken_seconds) for r in before] == [("completed", 61.0)]
    history.close()


@contextlib.contextmanager
def log_locked(seconds: float) -> Iterator[None]:
    """Another program holds the log's write lock for ``seconds``."""
    path = locations.history_file()
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        yield
    finally:
        locker.kill()
        locker.wait()


def _mount(*arguments: str) -> bool:
    made = subprocess.run(["mount", *arguments], capture_output=True, check=False)
    return made.returncode == 0


@contextlib.contextmanager
def log_read_only() -> Iterator[None]:
    """The log file itself read-only (its folder stays writable), even for root."""
    path = locations.history_file()
    require(
        os.geteuid() == 0 and _mount("--bind", str(path), str(path)),
        "needs root to bind-mount the log read-only (run the tests as root)",
    )
    try:
        assert _mount("-o", "remount,bind,ro", str(path))
        yield
    finally:
        subprocess.run(["umount", str(path)], check=False)


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Callable[[], None]]:
    """The log folder on a small tmpfs; yields a function that fills it up."""
    folder.mkdir(parents=True, exist_ok=True)
    require(
        os.geteuid() == 0 and _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)),
        "needs root to mount a small tmpfs (run the tests as root)",
    )
    filler = folder / "filler"

    def fill() -> None:
        with filler.open("wb", buffering=0) as out:  # unbuffered: nothing left to flush
            try:
                while True:
                    out.write(b"\0" * 4096)
            except OSError as error:
                assert error.errno == errno.ENOSPC

    try:
        yield fill
    finally:
        filler.unlink(missing_ok=True)
        _earlier_session_intact()  # with room again, the log is whole
        # Lazily: a file still open on the mount (a closing log) must not leave it behind.
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


# -- plain mode, as a process ------------------------------------------------------------


def _plain(stride_home: Path, during: Callable[[subprocess.Popen[str]], None] | None = None) -> str:
    """Play the tiny routine with ``--plain``; check it keeps time; return its stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "stride_tui", "run", str(TINY), "--plain", "--mute"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "STRIDE_HOME": str(stride_home)},
    )
    if during is not None:
        during(process)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines[-1].strip() == "took 0:13", out
    for line in lines[1:-1]:  # after the opening line
        match = LINE.match(line)
        assert match, line
        actual = int(match[1]) * 60 + float(match[2])
        planned = int(match[3]) * 60 + float(match[4])
        assert actual - planned <= LATE, f"late: {line}"
    finish = LINE.match(lines[-2])
    assert finish and finish[7] == "Routine finished. Well done"
    assert abs(int(finish[1]) * 60 + float(finish[2]) - TINY_TOTAL) <= ON_TIME, lines[-2]
    return err


def test_plain_plays_on_time_while_another_program_holds_the_log(stride_home: Path) -> None:
    _seed_one_session()
    with log_locked(15):
        err = _plain(stride_home)
    assert NOT_LOGGED.search(err), err
    _earlier_session_intact()
    # The lock is back: the next session is logged as usual.
    assert not NOT_LOGGED.search(_plain(stride_home))
    history = open_training_log()
    assert [row.outcome.describe() for row in history.sessions()] == ["completed", "completed"]


def test_plain_plays_on_with_a_read_only_log_file(stride_home: Path) -> None:
    _seed_one_session()
    with log_read_only():
        err = _plain(stride_home)
    assert NOT_LOGGED.search(err), err
    _earlier_session_intact()


def test_plain_plays_on_when_the_disk_fills_mid_session(stride_home: Path) -> None:
    with small_disk(locations.data_dir()) as fill:
        _seed_one_session()

        def fill_once_started(process: subprocess.Popen[str]) -> None:
            assert process.stdout is not None
            while "Hold, left side" not in process.stdout.readline():
                pass
            fill()

        err = _plain(stride_home, fill_once_started)
        assert NOT_LOGGED.search(err) and "disk is full" in err, err


# -- the full-screen player ---------------------------------------------------------------


async def _full_screen(monkeypatch: pytest.MonkeyPatch, during: Callable[[], None] | None) -> str:
    """Play the tiny routine in the player on the real clock; check the redraws keep time.

    Returns every notice the app showed, one per line.
    """
    lateness: list[float] = []
    tick = PlayerScreen.tick

    def timed_tick(screen: PlayerScreen) -> None:
        if screen.wake_at is not None:  # a planned redraw: how late did it come?
            lateness.append(time.monotonic() - screen.wake_at)
        tick(screen)

    monkeypatch.setattr(PlayerScreen, "tick", timed_tick)
    started: list[float] = []
    apply = PlayerScreen._apply

    def first_apply(screen: PlayerScreen, update: Update) -> None:
        if not started:  # the first frame of the session, against its start
            started.append(time.monotonic())
        apply(screen, update)

    monkeypatch.setattr(PlayerScreen, "_apply", first_apply)
    shown: list[str] = []
    source = resolve(str(TINY))
    plan = plan_to_play(source, "standard")  # as `stride run` does, before the log opens
    services = build_services(settings=Settings(backend="none"))
    app = StrideApp(services, plan, source)
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", record)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        if during is not None:
            await pilot.pause(2)
            # On a thread: the test's own disk writes must not stall the app's loop.
            await asyncio.to_thread(during)
        deadline = time.monotonic() + TINY_TOTAL + 10
        while not isinstance(app.screen, FinishScreen) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert isinstance(app.screen, FinishScreen)
        engine = screen.engine
        assert engine.started_at is not None and engine.finished_at is not None
        took = engine.finished_at - engine.started_at
        assert abs(took - TINY_TOTAL) <= ON_TIME
        assert started[0] - engine.started_at <= LATE, "the first frame waited"
        assert len(lateness) >= TINY_TOTAL  # at least one redraw a second
        assert max(lateness) <= LATE, f"a redraw came {max(lateness):.3f} s late"
        await pilot.pause(0.5)  # a notice said on the writer thread is shown at once
    services.close()
    return "\n".join(shown)


async def test_full_screen_plays_on_time_while_another_program_holds_the_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed_one_session()
    with log_locked(15):
        shown = await _full_screen(monkeypatch, None)
    assert NOT_LOGGED.search(shown), shown
    _earlier_session_intact()


async def test_full_screen_plays_on_with_a_read_only_log_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed_one_session()
    with log_read_only():
        shown = await _full_screen(monkeypatch, None)
    assert NOT_LOGGED.search(shown), shown
    _earlier_session_intact()


async def test_full_screen_plays_on_when_the_disk_fills_mid_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with small_disk(locations.data_dir()) as fill:
        _seed_one_session()
        shown = await _full_screen(monkeypatch, fill)
        assert NOT_LOGGED.search(shown) and "disk is full" in shown, shown
