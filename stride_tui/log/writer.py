"""Writes the training log on a thread of its own, so no session ever waits on SQLite.

The writer opens the log and runs every write in order on one thread. A session's
writes go through its :class:`LogEntry`; the first failure (the log locked past the
busy timeout, a read-only file, a full disk, an I/O error, a damaged page) becomes one
notice and ends that entry's logging, while the session plays on and what was written
before stays intact. The next session tries again, so once space or the lock comes
back it is logged as usual.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from stride_tui.log.opening import BUSY_TIMEOUT_MS
from stride_tui.log.sides import Tighter
from stride_tui.log.store import LogUnavailable, TrainingLog
from stride_tui.routine.model import Kind, Level
from stride_tui.session.engine import StepStatus
from stride_tui.session.notices import Notices
from stride_tui.session.outcome import Outcome

CLOSE_LIMIT = BUSY_TIMEOUT_MS / 1000 + 2.0
"""Seconds closing waits for writes still queued: one busy timeout, and a little more."""
NOT_LOGGED = "this session will not be logged"
"""What a log that can't be opened means while a session plays."""

OpenLog = Callable[[], TrainingLog]
"""Opens (or creates) the log; raises :class:`LogUnavailable` when it can't."""


def not_logged(why: object) -> str:
    """The notice for a session whose logging stopped, with the reason in words."""
    return f"this session is no longer being logged: {_reason(why)}"


def _reason(error: object) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return (
            f"another program held the log's lock for over {BUSY_TIMEOUT_MS // 1000} s "
            f"({text}); the session plays on"
        )
    if "readonly" in text or "read-only" in text:
        return f"the log file cannot be written ({text}); the session plays on"
    if "full" in text:
        return f"the disk is full ({text}); the session plays on"
    return f"{text}; the session plays on"


@dataclass
class _Write:
    entry: LogEntry | None
    run: Callable[[TrainingLog], None]
    starts: bool = False


@dataclass
class _Flush:
    done: threading.Event = field(default_factory=threading.Event)


class _Stop:
    pass


class LogWriter:
    """Owns the log's connection on a worker thread; every call returns at once.

    Args:
        notices: Where problems with the log are said (once each).
        open_log: How to open the log; by default the usual file.
    """

    def __init__(self, notices: Notices, open_log: OpenLog | None = None) -> None:
        self.notices = notices
        self._open = open_log or _open_default
        self._queue: queue.SimpleQueue[_Write | _Flush | _Stop] = queue.SimpleQueue()
        self._opened = threading.Event()
        self._available = True
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="stride-log", daemon=True)
        self._thread.start()

    @property
    def available(self) -> bool:
        """False once the log could not be opened (nothing will be written)."""
        return self._available

    def wait_open(self, timeout: float = CLOSE_LIMIT) -> bool:
        """Wait until the log is open (or known to be unavailable); return whether open."""
        self._opened.wait(timeout)
        return self._available and self._opened.is_set()

    def entry(self) -> LogEntry:
        """A new entry for one session."""
        return LogEntry(self)

    def submit(self, run: Callable[[TrainingLog], None]) -> None:
        """Queue a write that belongs to no session (a marker, say)."""
        self._put(_Write(None, run))

    def _put(self, item: _Write | _Flush | _Stop) -> None:
        if not self._closed:
            self._queue.put(item)

    def flush(self, timeout: float = CLOSE_LIMIT) -> bool:
        """Wait, at most ``timeout`` seconds, until every queued write has run."""
        if self._closed or not self._thread.is_alive():
            return True
        marker = _Flush()
        self._queue.put(marker)
        return marker.done.wait(timeout)

    def close(self, timeout: float = CLOSE_LIMIT) -> None:
        """Run what is queued (waiting at most ``timeout`` seconds), then close the log."""
        if self._closed:
            return
        self._queue.put(_Stop())
        self._closed = True
        self._thread.join(timeout)

    def _work(self) -> None:
        history: TrainingLog | None = None
        try:
            history = self._open()
        except LogUnavailable as error:
            self._available = False
            self.notices.say(f"{error}; {NOT_LOGGED}")
        except (sqlite3.Error, OSError) as error:
            self._available = False
            self.notices.say(f"cannot open the training log: {error}; {NOT_LOGGED}")
        if history is not None and history.moved_aside is not None:
            self.notices.say(
                f"the log was damaged: it was moved to {history.moved_aside} and a new one started"
            )
        self._opened.set()
        try:
            while True:
                item = self._queue.get()
                if isinstance(item, _Stop):
                    return
                if isinstance(item, _Flush):
                    item.done.set()
                elif history is not None:
                    self._run(history, item)
        finally:
            if history is not None:
                with contextlib.suppress(sqlite3.Error):
                    history.close()

    def _run(self, history: TrainingLog, write: _Write) -> None:
        entry = write.entry
        if entry is not None and not entry.writable(write.starts):
            return
        try:
            write.run(history)
        except (sqlite3.Error, OSError) as error:
            if entry is not None:
                entry.broken = True
            self.notices.say(not_logged(error))


class LogEntry:
    """One session's record in the log; each call queues a write and returns at once.

    Attributes:
        id: The session's row id, once the writer has created it.
        broken: Whether logging this session failed (the notice has been said).
    """

    def __init__(self, writer: LogWriter) -> None:
        self.writer = writer
        self.id: int | None = None
        self.broken = False

    @property
    def logging(self) -> bool:
        """Whether this session is (as far as is known yet) being logged."""
        return self.writer.available and not self.broken

    def writable(self, starts: bool) -> bool:
        """Whether a write may run: the entry works, and exists unless this creates it."""
        return not self.broken and (starts or self.id is not None)

    def _queue(self, run: Callable[[TrainingLog, int], None]) -> None:
        def write(history: TrainingLog) -> None:
            assert self.id is not None
            run(history, self.id)

        self.writer._put(_Write(self, write))

    def start(
        self,
        *,
        routine_id: str,
        routine_name: str,
        routine_kind: Kind,
        content_hash: Callable[[], str],
        level: Level,
        steps: Sequence[tuple[str, bool]],
        planned_seconds: float,
    ) -> None:
        """Create the session's row, logged as stopped at its first step until told more."""
        from stride_tui.log.store import now

        started = now()

        def create(history: TrainingLog) -> None:
            self.id = history.start_session(
                routine_id=routine_id,
                routine_name=routine_name,
                routine_kind=routine_kind,
                content_hash=content_hash(),
                level=level,
                steps=steps,
                planned_seconds=planned_seconds,
                started=started,
            )

        self.writer._put(_Write(self, create, starts=True))

    def step(self, step: int, status: StepStatus, seconds: float | None, at_step: int) -> None:
        """A step ended (done or skipped); the session is now at ``at_step``."""
        self._queue(lambda h, session: h.record_step(session, step, status, seconds, at_step))

    def position(self, at_step: int) -> None:
        """The session moved on to ``at_step``."""
        self._queue(lambda h, session: h.mark_position(session, at_step))

    def end(
        self, outcome: Outcome, taken_seconds: float, planned_seconds: float | None = None
    ) -> None:
        """How the session ended; ``planned_seconds``: the plan as it became."""
        self._queue(
            lambda h, session: h.end_session(session, outcome, taken_seconds, planned_seconds)
        )

    def measure(self, kind: str, value: float, side: str | None, note: str) -> None:
        """A guided test's value, as a marker of its side, taken now."""
        from stride_tui.log.store import now

        taken = now()

        def save(history: TrainingLog, session: int) -> None:
            history.add_marker(kind, value, note, taken, side=side)

        self._queue(save)

    def review(
        self,
        *,
        with_control: dict[int, bool],
        stiffness: int | None,
        stride_feel: int | None,
        notes: str,
        tighter: dict[int, Tighter] | None = None,
    ) -> None:
        """The after-session review; ``tighter`` is the side that felt tighter, by step."""

        def save(history: TrainingLog, session: int) -> None:
            history.review(
                session,
                with_control=with_control,
                stiffness=stiffness,
                stride_feel=stride_feel,
                notes=notes,
            )
            if tighter:
                history.record_sides(session, tighter)

        self._queue(save)


def _open_default() -> TrainingLog:
    from stride_tui.log.opening import open_training_log

    return open_training_log()
