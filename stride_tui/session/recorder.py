"""Writes a session to the log as it happens, so nothing is lost however it ends.

The session is logged as "stopped at step 1" the moment it starts, and each step is
written as it ends; a crash, a closed terminal or a kill therefore leaves a stopped
session at the right step. Finishing or stopping properly writes the final state.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stride_tui.routine.plan import Plan
from stride_tui.session.engine import Engine, StepStatus
from stride_tui.session.events import Event, EventKind
from stride_tui.session.history import History


def content_hash(path: Path) -> str:
    """A short hash of a routine file, so edits to a routine show in the log."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


class Recorder:
    """Keeps one session's log entry up to date from the engine's events.

    With no log (``history`` is ``None``) it records nothing and the session runs on.
    """

    def __init__(
        self, history: History | None, engine: Engine, routine_id: str, routine_hash: str
    ) -> None:
        self.history = history
        self.engine = engine
        self.plan: Plan = engine.plan
        self.session: int | None = None
        self.ended = False
        self._entered: dict[int, float] = {}
        self._written: dict[int, StepStatus] = {}
        self._current = 0
        if history is not None:
            self.session = history.start_session(
                routine_id=routine_id,
                routine_name=self.plan.name,
                routine_kind=self.plan.kind,
                content_hash=routine_hash,
                level=self.plan.level,
                planned_seconds=self.plan.total,
                steps=[(step.name, step.checklist) for step in self.plan.steps],
            )

    def hear(self, events: list[Event]) -> None:
        """Note what the events say; write steps that just ended."""
        moved = False
        for event in events:
            if event.kind is EventKind.SEGMENT_STARTED:
                self._entered.setdefault(event.step, event.due)
                moved |= event.step != self._current
                self._current = event.step
        if self.history is None or self.session is None or not events:
            return
        if moved:
            self.history.mark_position(self.session, self._current)
        at = events[-1].due
        for step in range(len(self.plan.steps)):
            status = self.engine.step_status(step)
            if status is StepStatus.PENDING or self._written.get(step) is status:
                continue
            self._written[step] = status
            started = self._entered.get(step)
            seconds = None if started is None else max(0.0, at - started)
            self.history.record_step(self.session, step, status.value, seconds, self._current)
        if any(event.kind is EventKind.ROUTINE_FINISHED for event in events):
            self.finish()

    def finish(self) -> None:
        """Write how the session ended (once)."""
        if self.ended:
            return
        self.ended = True
        if self.history is None or self.session is None:
            return
        engine = self.engine
        end = engine.finished_at if engine.finished_at is not None else engine.clock()
        taken = end - (engine.started_at if engine.started_at is not None else end)
        self.history.end_session(
            self.session,
            completed=engine.outcome == "completed",
            at_step=self._current,
            taken_seconds=taken,
        )

    def stop_now(self) -> None:
        """End the session as stopped, now: for a closed terminal, a kill, or Ctrl+C."""
        if not self.ended:
            self.engine.finish()
            self.hear(self.engine.update())
            self.finish()


class LogTarget:
    """Where a session is logged: an open log (or none), and the routine's identity."""

    def __init__(self, history: History | None, routine_id: str, routine_path: Path | None) -> None:
        self.history = history
        self.routine_id = routine_id
        self.routine_path = routine_path
        self.routine_hash = content_hash(routine_path) if routine_path else "unknown"

    def recorder(self, engine: Engine) -> Recorder:
        """A recorder for ``engine``'s session."""
        return Recorder(self.history, engine, self.routine_id, self.routine_hash)


def open_log() -> tuple[History | None, list[str]]:
    """Open the training log; on failure, no log and one line saying why."""
    from stride_tui.session.history import HistoryUnavailable, open_history

    try:
        history = open_history()
    except HistoryUnavailable as error:
        return None, [str(error)]
    notices = []
    if history.moved_aside is not None:
        notices.append(
            f"the log was damaged: it was moved to {history.moved_aside} and a new one started"
        )
    return history, notices
