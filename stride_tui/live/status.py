"""The session under way, published as a small file for ``stride status`` to read.

A running session writes where it stands (routine, step, side, part, and when the part
under way is planned to end, as a wall-clock time) each time that changes: a new
segment, a pause, a resume, time added. A reader works out the time left from the
planned end, so nothing is written while the clock simply runs. The file is replaced
whole, removed when the session ends, and belongs to one process: a file whose process
is gone is a session that is over. The training log and its lock are never involved.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import msgspec

from stride_tui.files import ReadFailure, make_folder, read_regular, write_atomic
from stride_tui.locations import runtime_dir
from stride_tui.routine.plan import SegmentKind, Side
from stride_tui.session.engine import Engine, State

FORMAT_VERSION = 1
"""The version of the file's fields; a reader ignores files of another version."""

MAX_STATUS_BYTES = 64_000
"""Largest status file read; one is a few hundred bytes."""

_PREFIX = "session-"
_SUFFIX = ".json"

WallClock = Callable[[], float]
"""Returns seconds since the epoch, like :func:`time.time`."""


class Activity(StrEnum):
    """Whether the session's clock runs."""

    RUNNING = "running"
    PAUSED = "paused"
    WAITING = "waiting"
    """A ready-gated step waits for the runner."""


class SessionStatus(msgspec.Struct, frozen=True):
    """Where a running session stands, as published.

    Attributes:
        version: :data:`FORMAT_VERSION` of the writer.
        pid: The process playing the session.
        routine_id: The routine's id.
        routine: The routine's name, as the file gives it (not yet made visible).
        step: The step's name, as the file gives it.
        number: The step's position, from 1.
        steps: How many steps the routine has.
        side: The side under way (or next, during a switch); ``None`` for one-sided steps.
        part: What the runner does now: get ready, work, switch, rest or wait.
        activity: Whether the clock runs.
        part_ends_at: When the part under way is planned to end (seconds since the epoch)
            while the clock runs; ``None`` otherwise.
        part_left: Seconds left of the part when published.
        routine_ends_at: When the routine is planned to end, while the clock runs.
        routine_left: Seconds left of the routine when published.
        published_at: When this was written (seconds since the epoch).
        monotonic_at: The system's monotonic clock when this was written. A reader on
            the same machine measures the time since from it, so a wall-clock step
            (NTP after a resume) changes nothing; ``None`` from an older writer.
    """

    version: int
    pid: int
    routine_id: str
    routine: str
    step: str
    number: int
    steps: int
    side: Side | None
    part: SegmentKind
    activity: Activity
    part_ends_at: float | None
    part_left: float
    routine_ends_at: float | None
    routine_left: float
    published_at: float
    monotonic_at: float | None = None

    def _left(self, ends_at: float | None, left: float, now: float, steady: float | None) -> float:
        if ends_at is None:
            return left
        if steady is None or self.monotonic_at is None:
            return max(0.0, ends_at - now)
        since = max(0.0, steady - self.monotonic_at)
        return max(0.0, (ends_at - self.published_at) - since)

    def part_left_at(self, now: float, steady: float | None = None) -> float:
        """Seconds left of the part under way at wall-clock time ``now``.

        With ``steady``, this machine's monotonic clock now, the time since publishing is
        measured on that clock instead, whatever the wall clock did meanwhile.
        """
        return self._left(self.part_ends_at, self.part_left, now, steady)

    def routine_left_at(self, now: float, steady: float | None = None) -> float:
        """Seconds left of the routine at wall-clock time ``now`` (``steady``: as above)."""
        return self._left(self.routine_ends_at, self.routine_left, now, steady)


def status_file(pid: int, folder: Path | None = None) -> Path:
    """The file that process ``pid`` publishes its session in."""
    return (folder or runtime_dir()) / f"{_PREFIX}{pid}{_SUFFIX}"


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (a zombie counts as gone on Linux)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] != "Z"
    return True


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` whole with ``data``: a reader sees the old file or the new one.

    Not flushed to disk: that would cost the session's own thread a disk flush at each
    boundary, for a file that is worthless after a crash anyway.
    """
    make_folder(path.parent)
    write_atomic(path, data, mode=0o600, durable=False)


class StatusPublisher:
    """Publishes one process's session under way, each time where it stands changes.

    Args:
        routine_id: The routine's id.
        folder: Where to publish; :func:`~stride_tui.locations.runtime_dir` when ``None``.
        wall: The wall clock the planned ends are given in.
        pid: The process to publish as (this one by default).
    """

    def __init__(
        self,
        routine_id: str = "",
        *,
        folder: Path | None = None,
        wall: WallClock = time.time,
        steady: WallClock = time.monotonic,
        pid: int | None = None,
    ) -> None:
        self.routine_id = routine_id
        self.steady = steady
        self.pid = os.getpid() if pid is None else pid
        self.path = status_file(self.pid, folder)
        self.wall = wall
        self._published: tuple[int, State, float] | None = None

    def follow(self, engine: Engine) -> None:
        """Publish the engine's position if it changed since the last call; clear at the end.

        Cheap when nothing changed: a tuple compared, no file touched.

        Raises:
            OSError: The file cannot be written or removed.
        """
        if engine.state is State.NOT_STARTED:
            return
        if engine.state is State.FINISHED:
            self.clear()
            return
        key = (engine.visit, engine.state, engine.durations[engine.index])
        if key == self._published:
            return
        self.publish(engine)
        self._published = key

    def publish(self, engine: Engine) -> SessionStatus:
        """Write where the session stands now, and return it.

        Raises:
            OSError: The file cannot be written.
        """
        if self._published is None:
            self._remove_dead()
        status = describe(engine, self.routine_id, self.pid, self.wall(), self.steady())
        _write(self.path, msgspec.json.encode(status))
        return status

    def clear(self) -> None:
        """Remove the published file: the session is over (or never started).

        Raises:
            OSError: The file exists and cannot be removed.
        """
        self._published = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _remove_dead(self) -> None:
        """Remove files left by processes that died mid-session (a kill, a power cut)."""
        for path, pid in _candidates(self.path.parent):
            if pid != self.pid and not process_alive(pid):
                with contextlib.suppress(OSError):
                    path.unlink()


def describe(
    engine: Engine, routine_id: str, pid: int, now: float, steady: float | None = None
) -> SessionStatus:
    """Where the engine's session stands, with planned ends on the wall clock at ``now``.

    ``steady`` is the monotonic clock's reading at the same moment.
    """
    snap = engine.snapshot()
    if snap.state is State.WAITING:
        activity = Activity.WAITING
    elif snap.state is State.PAUSED:
        activity = Activity.PAUSED
    else:
        activity = Activity.RUNNING
    # While counting 3-2-1 back in, the part's time stands still until the count ends.
    delay = snap.resume_in
    running = activity is Activity.RUNNING
    return SessionStatus(
        version=FORMAT_VERSION,
        pid=pid,
        routine_id=routine_id,
        routine=engine.plan.name,
        step=snap.step_name,
        number=snap.step_index + 1,
        steps=len(engine.plan.steps),
        side=snap.side,
        part=snap.segment.kind,
        activity=activity,
        part_ends_at=now + delay + snap.segment_remaining if running else None,
        part_left=snap.segment_remaining,
        routine_ends_at=now + delay + snap.remaining if running else None,
        routine_left=snap.remaining,
        published_at=now,
        monotonic_at=steady,
    )


def _candidates(folder: Path) -> list[tuple[Path, int]]:
    """Every status file in ``folder`` with the process id its name gives."""
    found: list[tuple[Path, int]] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
            continue
        number = name[len(_PREFIX) : -len(_SUFFIX)]
        if number.isdigit():
            found.append((folder / name, int(number)))
    return found


_DECODER = msgspec.json.Decoder(SessionStatus)


def read_statuses(
    folder: Path | None = None, *, alive: Callable[[int], bool] = process_alive
) -> list[SessionStatus]:
    """Every session under way, the one that changed last first.

    Only reads: a file left by a process that is gone, one that cannot be read, or one
    of another version is passed over.

    Args:
        folder: Where sessions publish; :func:`~stride_tui.locations.runtime_dir` when ``None``.
        alive: Tells whether a process is running (replaced in tests).
    """
    found: list[SessionStatus] = []
    for path, pid in _candidates(folder or runtime_dir()):
        try:
            # Never a plain read: a FIFO named like a status file would hang tmux's
            # status bar, which runs this every second.
            status = _DECODER.decode(read_regular(path, MAX_STATUS_BYTES))
        except (ReadFailure, OSError, msgspec.DecodeError):
            continue
        if status.version == FORMAT_VERSION and status.pid == pid and alive(pid):
            found.append(status)
    return sorted(found, key=lambda status: status.published_at, reverse=True)


def read_status(
    folder: Path | None = None, *, alive: Callable[[int], bool] = process_alive
) -> SessionStatus | None:
    """The session that changed last of those under way, or ``None`` when there is none."""
    statuses = read_statuses(folder, alive=alive)
    return statuses[0] if statuses else None
