"""Turns a session's events into log writes, so nothing is lost however it ends.

The session is logged as "stopped at step 1" the moment it starts, its position as it
moves, and each step as it ends; a crash, a closed terminal or a kill therefore leaves
a stopped session at the right step. Finishing or stopping properly writes the final
state. Writes are queued on the log writer and never wait.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stride_tui.log.writer import LogEntry
from stride_tui.session.engine import Engine, StepStatus
from stride_tui.session.events import Event, EventKind


def content_hash(path: Path | None) -> str:
    """A short hash of a routine file, so edits to a routine show in the log."""
    from stride_tui.files import MAX_ROUTINE_BYTES, ReadFailure, read_regular

    if path is None:
        return "unknown"
    try:
        return hashlib.sha256(read_regular(path, MAX_ROUTINE_BYTES)).hexdigest()[:16]
    except ReadFailure:
        return "unreadable"


class Recorder:
    """Keeps one session's log entry up to date from the engine's events.

    Args:
        entry: The session's entry in the log; ``None`` records nothing.
        engine: The session's engine (started).
        routine_id: The routine's id, as the log keeps it.
        routine_path: The routine's file, hashed (on the writer's thread) for the log.
    """

    def __init__(
        self, entry: LogEntry | None, engine: Engine, routine_id: str, routine_path: Path | None
    ) -> None:
        self.entry = entry
        self.engine = engine
        self.ended = False
        self._entered: dict[int, float] = {}
        self._written: dict[int, StepStatus] = {}
        self._current = 0
        if entry is not None:
            plan = engine.plan
            entry.start(
                routine_id=routine_id,
                routine_name=plan.name,
                routine_kind=plan.kind,
                content_hash=lambda: content_hash(routine_path),
                level=plan.level,
                planned_seconds=plan.total,
                steps=[(step.name, step.checklist) for step in plan.steps],
            )

    @property
    def logging(self) -> bool:
        """Whether the session is being logged (no failure so far)."""
        return self.entry is not None and self.entry.logging

    def hear(self, events: list[Event]) -> None:
        """Note what the events say; write steps that just ended, and the end."""
        moved = False
        for event in events:
            if event.kind is EventKind.SEGMENT_STARTED:
                self._entered.setdefault(event.step, event.due)
                moved |= event.step != self._current
                self._current = event.step
        if self.entry is None or not events:
            return
        if moved:
            self.entry.position(self._current)
        at = events[-1].due
        for step in range(len(self.engine.plan.steps)):
            status = self.engine.step_status(step)
            if status is StepStatus.PENDING or self._written.get(step) is status:
                continue
            self._written[step] = status
            started = self._entered.get(step)
            seconds = None if started is None else max(0.0, at - started)
            self.entry.step(step, status, seconds, self._current)
        if any(event.kind is EventKind.ROUTINE_FINISHED for event in events):
            self._end()

    def _end(self) -> None:
        """Write how the session ended (once)."""
        engine = self.engine
        if self.ended or engine.outcome is None:
            return
        self.ended = True
        if self.entry is None:
            return
        end = engine.finished_at if engine.finished_at is not None else engine.clock()
        taken = end - (engine.started_at if engine.started_at is not None else end)
        # The plan as it became: time added or removed with +/- counts in the plan.
        self.entry.end(engine.outcome, taken, engine.total)
