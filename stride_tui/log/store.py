"""The training log's store: sessions, their steps, reviews, sides and progress markers.

Each query and each write is a method of :class:`TrainingLog`, an open log; opening one
(checking the file first) is :mod:`stride_tui.log.opening`'s job, the tables
:mod:`stride_tui.log.schema`'s.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from stride_tui.errors import StrideError
from stride_tui.log.sides import Tighter
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind


class LogUnavailable(StrideError):
    """The log cannot be used; the message says why and what the runner can do."""


_Row = TypeVar("_Row")


class Unreadable(ValueError):
    """A value in a row of the log that this version cannot read (edited by hand, say)."""


def _moment(value: object) -> datetime:
    """A logged moment; one without an offset is taken as local time."""
    if not isinstance(value, str):
        raise Unreadable(f"not a time: {value!r}")
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _day(value: object) -> str:
    """A logged day, which must be a real date (not 2026-02-30)."""
    if not isinstance(value, str):
        raise Unreadable(f"not a day: {value!r}")
    return date.fromisoformat(value).isoformat()


def _number(value: object) -> float:
    """A logged number: finite, and a number (not a blob or text)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Unreadable(f"not a number: {value!r}")
    return float(value)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Unreadable(f"not a count: {value!r}")
    return value


def _rating(value: object) -> int | None:
    if value is None:
        return None
    rating = _count(value)
    if rating not in range(1, 6):
        raise Unreadable(f"not a rating of 1 to 5: {value!r}")
    return rating


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Unreadable(f"not text: {value!r}")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One logged session."""

    id: int
    routine_id: str
    routine_name: str
    routine_kind: str
    """Text, not the model's ``Kind``: a log may hold kinds this version does not know."""
    level: str
    """Text, likewise: a log written by another version may hold any level."""
    started_at: datetime
    day: str
    outcome: Outcome
    steps_total: int
    planned_seconds: float
    taken_seconds: float | None
    stiffness: int | None
    stride_feel: int | None
    notes: str | None
    reviewed: bool


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step of one logged session, as the log keeps it."""

    index: int
    """The step's place in the plan played, from 0."""
    name: str
    status: StepStatus
    seconds: float | None
    """How long the step took, once it ended."""
    key_movement: bool
    """Whether the after-session checklist asks about it."""
    with_control: bool | None
    """The checklist's answer; ``None`` when not asked or not answered."""


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step of one logged session, with its session's facts: what coaching reads."""

    session_id: int
    routine_id: str
    started_at: datetime
    day: str
    outcome: OutcomeKind
    stiffness: int | None
    reviewed: bool
    step_index: int
    name: str
    done: bool
    """Whether the step was played to its end (not skipped, not left pending)."""
    with_control: bool | None
    tighter: Tighter | None


@dataclass(frozen=True, slots=True)
class MarkerRow:
    """One progress marker."""

    id: int
    kind: str
    value: float
    recorded_at: datetime
    day: str
    note: str | None
    side: str | None = None
    """``left`` or ``right`` for a test of one side; ``None`` otherwise."""
    run_id: int | None = None
    """The run a figure was taken from; ``None`` for a marker typed by hand."""


def now() -> datetime:
    """The local time, with its offset."""
    return datetime.now().astimezone()


class TrainingLog:
    """An open training log. Use :func:`stride_tui.log.opening.open_training_log` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path
        self.moved_aside: Path | None = None
        """Where a damaged file was moved, when opening found one."""
        self.unreadable: set[tuple[str, int]] = set()
        """Rows skipped because they could not be read (``("session", 42)``): each costs
        itself, never the query; :func:`unreadable_note` says so."""

    def _readable(
        self,
        rows: Iterable[sqlite3.Row],
        table: str,
        key: str,
        convert: Callable[[sqlite3.Row], _Row],
    ) -> list[_Row]:
        """Each row converted, skipping (and noting) those that can't be read."""
        kept: list[_Row] = []
        for row in rows:
            try:
                kept.append(convert(row))
            except (ValueError, TypeError, OverflowError):
                self.unreadable.add((table, int(row[key]) if isinstance(row[key], int) else 0))
        return kept

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Write atomically.

        BEGIN IMMEDIATE takes the write lock up front, so two processes queue on the
        busy timeout instead of failing half-way.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            # SQLite may have rolled back already (a full disk does): don't mask the error.
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- sessions ----------------------------------------------------------------

    def start_session(
        self,
        *,
        routine_id: str,
        routine_name: str,
        routine_kind: str,
        content_hash: str,
        level: str,
        steps: Sequence[tuple[str, bool]],
        planned_seconds: float,
        started: datetime | None = None,
    ) -> int:
        """Log a session as it starts: stopped at its first step until told otherwise.

        Args:
            routine_id: The routine's id (its file name).
            routine_name: The routine's name.
            routine_kind: Its kind, for the weekly template.
            content_hash: A hash of the routine file, so edits show in the log.
            level: The level played.
            steps: Each plan step's name and whether it is a key movement.
            planned_seconds: The planned total.
            started: When it started (now, by default).

        Returns:
            The new session's id.
        """
        started = started or now()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_kind, content_hash,"
                " level, started_at, day, status, stopped_at_step, steps_total,"
                " planned_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, 'stopped', 0, ?, ?)",
                (
                    routine_id,
                    routine_name,
                    routine_kind,
                    content_hash,
                    level,
                    started.isoformat(),
                    started.date().isoformat(),
                    len(steps),
                    planned_seconds,
                ),
            )
            session = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO session_steps (session_id, step_index, name, status, key_movement)"
                " VALUES (?, ?, ?, 'pending', ?)",
                [(session, i, name, int(key)) for i, (name, key) in enumerate(steps)],
            )
        return session

    def record_step(
        self, session: int, step: int, status: StepStatus, seconds: float | None, at_step: int
    ) -> None:
        """A step ended (done or skipped); the session is now stopped at ``at_step``."""
        with self.transaction() as db:
            db.execute(
                "UPDATE session_steps SET status = ?, seconds = ? WHERE session_id = ? AND"
                " step_index = ?",
                (status.value, seconds, session, step),
            )
            db.execute(
                "UPDATE sessions SET stopped_at_step = ?, ended_at = ? WHERE id = ?",
                (at_step, now().isoformat(), session),
            )

    def mark_position(self, session: int, at_step: int) -> None:
        """The session moved to step ``at_step``: if it ends abruptly, it stopped there."""
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET stopped_at_step = ?, ended_at = ? WHERE id = ?",
                (at_step, now().isoformat(), session),
            )

    def end_session(
        self,
        session: int,
        outcome: Outcome,
        taken_seconds: float,
        planned_seconds: float | None = None,
    ) -> None:
        """The session is over: how it ended, and the time it took.

        ``planned_seconds`` is the plan as it became (after any time added or removed).
        """
        with self.transaction() as db:
            if planned_seconds is not None:
                db.execute(
                    "UPDATE sessions SET planned_seconds = ? WHERE id = ?",
                    (planned_seconds, session),
                )
            db.execute(
                "UPDATE sessions SET status = ?, outcome = ?, skipped_steps = ?,"
                " stopped_at_step = ?, ended_at = ?, taken_seconds = ? WHERE id = ?",
                (
                    # Version 1's `status` knows only these two.
                    (OutcomeKind.COMPLETED if outcome.completed else OutcomeKind.STOPPED).value,
                    outcome.kind.value,
                    outcome.skipped,
                    outcome.at_step,
                    now().isoformat(),
                    taken_seconds,
                    session,
                ),
            )

    def review(
        self,
        session: int,
        *,
        with_control: dict[int, bool],
        stiffness: int | None,
        stride_feel: int | None,
        notes: str,
    ) -> None:
        """Save the after-session review: checklist, ratings and notes."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE session_steps SET with_control = ? WHERE session_id = ? AND step_index = ?",
                [(int(ok), session, step) for step, ok in with_control.items()],
            )
            db.execute(
                "UPDATE sessions SET stiffness = ?, stride_feel = ?, notes = ?, reviewed = 1"
                " WHERE id = ?",
                (stiffness, stride_feel, notes.strip() or None, session),
            )

    def sessions(self, since_day: str | None = None, limit: int | None = None) -> list[SessionRow]:
        """Sessions, newest first."""
        sql = (
            "SELECT id, routine_id, routine_name, routine_kind, level, started_at, day,"
            " outcome, stopped_at_step, skipped_steps, steps_total, planned_seconds,"
            " taken_seconds, stiffness, stride_feel, notes, reviewed FROM sessions"
        )
        arguments: list[object] = []
        if since_day is not None:
            sql += " WHERE day >= ?"
            arguments.append(since_day)
        # By the instant, not the text: each session keeps its own UTC offset, so after a
        # time-zone change or a DST fall-back the text sorts the later one first.
        sql += f" ORDER BY {_INSTANT.format('started_at')} DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            arguments.append(limit)
        return self._readable(self._rows(sql, arguments), "session", "id", _session_row)

    def days_with_sessions(self) -> list[str]:
        """Every day with a completed session, newest first."""
        days: list[str] = []
        for row in self._rows(
            "SELECT DISTINCT day FROM sessions WHERE outcome = ? ORDER BY day DESC",
            (OutcomeKind.COMPLETED.value,),
        ):
            with contextlib.suppress(ValueError):  # a day edited into no date: left out
                days.append(_day(row["day"]))
        return days

    def steps(self, session: int) -> list[StepRow]:
        """A session's steps, in the order played."""
        return self._readable(
            self._rows(
                "SELECT session_id, step_index, name, status, seconds, key_movement,"
                " with_control FROM session_steps WHERE session_id = ? ORDER BY step_index",
                (session,),
            ),
            "session",
            "session_id",
            _step_row,
        )

    def _rows(self, sql: str, arguments: Sequence[object] = ()) -> sqlite3.Cursor:
        """Run a query whose rows are read by column name."""
        cursor = self.db.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, arguments)

    # -- coaching ------------------------------------------------------------------

    def record_sides(self, session: int, tighter: dict[int, Tighter]) -> None:
        """Save which side felt tighter, by plan step index, from the after-session review."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE session_steps SET tighter = ? WHERE session_id = ? AND step_index = ?",
                [(side.value, session, step) for step, side in tighter.items()],
            )

    def step_records(
        self,
        routine_id: str | None = None,
        since: datetime | None = None,
        *,
        since_day: str | None = None,
        sides_only: bool = False,
    ) -> list[StepRecord]:
        """Every logged step (of one routine, or all), oldest session first.

        Args:
            routine_id: Only this routine's sessions; ``None`` for all.
            since: Only sessions started after this moment (a progression reset).
            since_day: Only sessions of this day (ISO) or later.
            sides_only: Only steps whose review said which side felt tighter.
        """
        sql = (
            "SELECT s.id AS session_id, s.routine_id, s.started_at, s.day, s.outcome,"
            " s.stiffness, s.reviewed, t.step_index, t.name, t.status, t.with_control,"
            " t.tighter"
            " FROM sessions s JOIN session_steps t ON t.session_id = s.id"
        )
        where: list[str] = []
        arguments: list[object] = []
        if routine_id is not None:
            where.append("s.routine_id = ?")
            arguments.append(routine_id)
        if since_day is not None:
            where.append("s.day >= ?")
            arguments.append(since_day)
        if sides_only:
            where.append("t.tighter IS NOT NULL")
        rows = self._rows(
            sql
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {_INSTANT.format('s.started_at')}, s.id, t.step_index",
            arguments,
        )
        records = self._readable(rows, "session", "session_id", _step_record)
        # Compared as moments, not text: the log keeps each session's own UTC offset.
        return [r for r in records if since is None or r.started_at > since]

    def reset_progress(self, routine_id: str, at: datetime | None = None) -> None:
        """Start a routine's progressions over: sessions before ``at`` (now) no longer count."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO progress_resets (routine_id, reset_at) VALUES (?, ?)"
                " ON CONFLICT (routine_id) DO UPDATE SET reset_at = excluded.reset_at",
                (routine_id, (at or now()).isoformat()),
            )

    def progress_reset(self, routine_id: str) -> datetime | None:
        """When the routine's progressions were last started over, if ever."""
        row = self._rows(
            "SELECT reset_at FROM progress_resets WHERE routine_id = ?", (routine_id,)
        ).fetchone()
        if row is None:
            return None
        try:
            return _moment(row["reset_at"])
        except ValueError:  # edited by hand: as if never reset
            return None

    def progress_resets(self) -> dict[str, datetime]:
        """When each routine's progressions were last started over, by routine id."""
        resets: dict[str, datetime] = {}
        for row in self._rows("SELECT routine_id, reset_at FROM progress_resets"):
            with contextlib.suppress(ValueError):
                resets[str(row["routine_id"])] = _moment(row["reset_at"])
        return resets

    # -- markers -------------------------------------------------------------------

    def add_marker(
        self,
        kind: str,
        value: float,
        note: str | None = None,
        recorded: datetime | None = None,
        *,
        side: str | None = None,
        run_id: int | None = None,
    ) -> int:
        """Log a progress marker, of one side (``left``/``right``) or from a run if given."""
        recorded = recorded or now()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO markers (kind, value, recorded_at, day, note, side, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    kind,
                    value,
                    recorded.isoformat(),
                    recorded.date().isoformat(),
                    note,
                    side,
                    run_id,
                ),
            )
        return int(cursor.lastrowid or 0)

    def markers(self, kind: str | None = None) -> list[MarkerRow]:
        """Markers, oldest first."""
        sql = "SELECT id, kind, value, recorded_at, day, note, side, run_id FROM markers"
        arguments: tuple[object, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            arguments = (kind,)
        rows = self._rows(sql + f" ORDER BY {_INSTANT.format('recorded_at')}, id", arguments)
        return self._readable(rows, "marker", "id", _marker_row)


_INSTANT = "coalesce(julianday({0}), 0)"
"""A logged moment in SQL as its instant (SQLite applies the offset), for ordering."""


def _session_row(r: sqlite3.Row) -> SessionRow:
    outcome = OutcomeKind(r["outcome"])
    steps_total = _count(r["steps_total"])
    stopped = r["stopped_at_step"]
    return SessionRow(
        id=r["id"],
        routine_id=_text(r["routine_id"]),
        routine_name=_text(r["routine_name"]),
        routine_kind=_text(r["routine_kind"]),
        level=_text(r["level"]),
        started_at=_moment(r["started_at"]),
        day=_day(r["day"]),
        outcome=Outcome(
            outcome,
            steps_total,
            # A session under way is kept as stopped, at no step yet, until it ends.
            _count(stopped) if outcome == OutcomeKind.STOPPED and stopped is not None else None,
            _count(r["skipped_steps"] or 0),
        ),
        steps_total=steps_total,
        planned_seconds=_number(r["planned_seconds"]),
        taken_seconds=None if r["taken_seconds"] is None else _number(r["taken_seconds"]),
        stiffness=_rating(r["stiffness"]),
        stride_feel=_rating(r["stride_feel"]),
        notes=_optional_text(r["notes"]),
        reviewed=bool(r["reviewed"]),
    )


def _step_row(r: sqlite3.Row) -> StepRow:
    return StepRow(
        index=_count(r["step_index"]),
        name=_text(r["name"]),
        status=StepStatus(r["status"]),
        seconds=None if r["seconds"] is None else _number(r["seconds"]),
        key_movement=bool(r["key_movement"]),
        with_control=None if r["with_control"] is None else bool(r["with_control"]),
    )


def _step_record(r: sqlite3.Row) -> StepRecord:
    return StepRecord(
        session_id=r["session_id"],
        routine_id=_text(r["routine_id"]),
        started_at=_moment(r["started_at"]),
        day=_day(r["day"]),
        outcome=OutcomeKind(r["outcome"]),
        stiffness=_rating(r["stiffness"]),
        reviewed=bool(r["reviewed"]),
        step_index=_count(r["step_index"]),
        name=_text(r["name"]),
        done=StepStatus(r["status"]) == StepStatus.DONE,
        with_control=None if r["with_control"] is None else bool(r["with_control"]),
        tighter=None if r["tighter"] is None else Tighter(r["tighter"]),
    )


def _marker_row(r: sqlite3.Row) -> MarkerRow:
    return MarkerRow(
        id=r["id"],
        kind=_text(r["kind"]),
        value=_number(r["value"]),
        recorded_at=_moment(r["recorded_at"]),
        day=_day(r["day"]),
        note=_optional_text(r["note"]),
        side=_optional_text(r["side"]),
        run_id=None if r["run_id"] is None else _count(r["run_id"]),
    )


def unreadable_note(history: TrainingLog) -> str | None:
    """``1 row of the log could not be read: session 42``, or ``None`` when all could."""
    if not history.unreadable:
        return None
    rows = sorted(history.unreadable)
    shown = ", ".join(f"{table} {key}" for table, key in rows[:5])
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    count = len(rows)
    return (
        f"{count} row{'s' if count != 1 else ''} of the log could not be read: {shown}{more};"
        " the rest is shown"
    )
