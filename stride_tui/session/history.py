"""The training log: a SQLite file of sessions, their steps, reviews and progress markers.

WAL mode and a busy timeout let two app instances write at once. The schema carries a
version (``PRAGMA user_version``) and migrates forward. A file that is not a readable
database is moved aside, never overwritten, and the app says where it went.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        routine_kind TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        level TEXT NOT NULL,
        started_at TEXT NOT NULL,
        day TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('completed', 'stopped')),
        stopped_at_step INTEGER,
        steps_total INTEGER NOT NULL,
        planned_seconds REAL NOT NULL,
        taken_seconds REAL,
        stiffness INTEGER CHECK (stiffness BETWEEN 1 AND 5),
        stride_feel INTEGER CHECK (stride_feel BETWEEN 1 AND 5),
        notes TEXT,
        reviewed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_by_day ON sessions (day);
    CREATE TABLE session_steps (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'pending')),
        seconds REAL,
        key_movement INTEGER NOT NULL DEFAULT 0,
        with_control INTEGER,
        PRIMARY KEY (session_id, step_index)
    );
    CREATE TABLE markers (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        value REAL NOT NULL,
        recorded_at TEXT NOT NULL,
        day TEXT NOT NULL,
        note TEXT
    );
    CREATE INDEX markers_by_kind ON markers (kind, day);
    """,
}


class HistoryUnavailable(Exception):
    """The log cannot be used; the message says why and what the runner can do."""


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One logged session."""

    id: int
    routine_id: str
    routine_name: str
    routine_kind: str
    level: str
    started_at: datetime
    day: str
    status: str
    stopped_at_step: int | None
    steps_total: int
    planned_seconds: float
    taken_seconds: float | None
    stiffness: int | None
    stride_feel: int | None
    notes: str | None
    reviewed: bool


@dataclass(frozen=True, slots=True)
class MarkerRow:
    """One progress marker."""

    id: int
    kind: str
    value: float
    recorded_at: datetime
    day: str
    note: str | None


def now() -> datetime:
    """The local time, with its offset."""
    return datetime.now().astimezone()


class History:
    """An open training log. Use :func:`open_history` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path
        self.moved_aside: Path | None = None
        """Where a damaged file was moved, when opening found one."""

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
        self, session: int, step: int, status: str, seconds: float | None, at_step: int
    ) -> None:
        """A step ended (done or skipped); the session is now stopped at ``at_step``."""
        with self.transaction() as db:
            db.execute(
                "UPDATE session_steps SET status = ?, seconds = ? WHERE session_id = ? AND"
                " step_index = ?",
                (status, seconds, session, step),
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
        self, session: int, *, completed: bool, at_step: int, taken_seconds: float
    ) -> None:
        """The session is over: completed, or stopped at ``at_step``."""
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET status = ?, stopped_at_step = ?, ended_at = ?,"
                " taken_seconds = ? WHERE id = ?",
                (
                    "completed" if completed else "stopped",
                    None if completed else at_step,
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
            " status, stopped_at_step, steps_total, planned_seconds, taken_seconds,"
            " stiffness, stride_feel, notes, reviewed FROM sessions"
        )
        arguments: list[object] = []
        if since_day is not None:
            sql += " WHERE day >= ?"
            arguments.append(since_day)
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            arguments.append(limit)
        return [
            SessionRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                datetime.fromisoformat(r[5]),
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                r[13],
                r[14],
                bool(r[15]),
            )
            for r in self.db.execute(sql, arguments)
        ]

    def days_with_sessions(self) -> list[str]:
        """Every day with a completed session, newest first."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT day FROM sessions WHERE status = 'completed' ORDER BY day DESC"
            )
        ]

    def steps(self, session: int) -> list[tuple[int, str, str, float | None, bool, bool | None]]:
        """A session's steps: index, name, status, seconds, key movement, with control."""
        return [
            (r[0], r[1], r[2], r[3], bool(r[4]), None if r[5] is None else bool(r[5]))
            for r in self.db.execute(
                "SELECT step_index, name, status, seconds, key_movement, with_control FROM"
                " session_steps WHERE session_id = ? ORDER BY step_index",
                (session,),
            )
        ]

    # -- markers -------------------------------------------------------------------

    def add_marker(
        self, kind: str, value: float, note: str | None = None, recorded: datetime | None = None
    ) -> int:
        """Log a progress marker."""
        recorded = recorded or now()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO markers (kind, value, recorded_at, day, note) VALUES (?, ?, ?, ?, ?)",
                (kind, value, recorded.isoformat(), recorded.date().isoformat(), note),
            )
        return int(cursor.lastrowid or 0)

    def markers(self, kind: str | None = None) -> list[MarkerRow]:
        """Markers, oldest first."""
        sql = "SELECT id, kind, value, recorded_at, day, note FROM markers"
        arguments: tuple[object, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            arguments = (kind,)
        return [
            MarkerRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5])
            for r in self.db.execute(sql + " ORDER BY recorded_at, id", arguments)
        ]


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, so two writers can work at once.

    This rewrites the file's header, so it happens only once the file is known to be a
    log this version understands.
    """
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # e.g. a file system without shared memory
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = NORMAL")


def _migrate(connection: sqlite3.Connection) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise HistoryUnavailable(
            f"the log was written by a newer stride-tui (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); update stride-tui to use it"
        )
    _use_wal(connection)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if connection.execute("PRAGMA user_version").fetchone()[0] < target:
                # Statement by statement: executescript() would commit this transaction.
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {target}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _move_aside(path: Path) -> Path:
    stamp = now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(path.with_name(path.name + suffix), target.with_name(target.name + suffix))
    return target


def open_history(path: Path | None = None) -> History:
    """Open (or create) the training log.

    Raises:
        HistoryUnavailable: The folder cannot be written, or the file cannot be used;
            the message says what to do. A session runs without a log in that case.
    """
    from stride_tui import locations

    path = path or locations.history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryUnavailable(
            f"cannot create the log folder {path.parent}: "
            f"{error.strerror}; this session will not be logged"
        ) from None
    moved: Path | None = None
    for attempt in range(2):
        try:
            connection = _connect(path)
            _migrate(connection)
            connection.execute("SELECT count(*) FROM sessions").fetchone()
        except sqlite3.DatabaseError as error:
            with contextlib.suppress(Exception):
                connection.close()
            damaged = "not a database" in str(error) or "malformed" in str(error)
            if attempt or not damaged:
                raise HistoryUnavailable(_why(path, error)) from None
            try:
                moved = _move_aside(path)
            except OSError as move_error:
                raise HistoryUnavailable(
                    f"{path} is damaged ({error}) and cannot be moved aside "
                    f"({move_error.strerror}); move it yourself to start a new log"
                ) from None
            continue
        history = History(connection, path)
        history.moved_aside = moved
        return history
    raise AssertionError("unreachable")


def _why(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "readonly" in text or "unable to open" in text:
        if not os.access(path.parent, os.W_OK):
            return (
                f"the log folder {path.parent} is read-only; this session will not be "
                "logged (set STRIDE_DATA_DIR to a folder you can write)"
            )
        return f"cannot open the log {path}: {text}; this session will not be logged"
    return f"cannot use the log {path}: {text}; this session will not be logged"
