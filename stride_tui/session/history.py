"""The training log: a SQLite file of sessions, their steps, reviews and progress markers.

WAL mode and a busy timeout let two app instances write at once. The schema carries a
version (``PRAGMA user_version``) and migrates forward. A file that is not a readable
database is moved aside, never overwritten, and the app says where it went.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stride_tui.errors import StrideError
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
from stride_tui.session.sides import Tighter

SCHEMA_VERSION = 3
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
    # How a session ended, honestly: `status` (kept for version 1's constraint) said
    # "completed" even when steps were skipped. Old rows are classified from their steps.
    2: """
    ALTER TABLE sessions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'stopped'
        CHECK (outcome IN ('completed', 'stopped', 'skipped'));
    ALTER TABLE sessions ADD COLUMN skipped_steps INTEGER NOT NULL DEFAULT 0;
    UPDATE sessions SET skipped_steps = (
        SELECT count(*) FROM session_steps
        WHERE session_steps.session_id = sessions.id AND session_steps.status = 'skipped'
    );
    UPDATE sessions SET outcome = CASE
        WHEN status = 'stopped' THEN 'stopped'
        WHEN skipped_steps > 0 THEN 'skipped'
        ELSE 'completed' END;
    """,
    # Coaching over weeks: which side felt tighter per two-sided step, and when the
    # runner last started a routine's progression over.
    3: """
    ALTER TABLE session_steps ADD COLUMN tighter TEXT
        CHECK (tighter IN ('left', 'right', 'even'));
    CREATE TABLE progress_resets (
        routine_id TEXT PRIMARY KEY,
        reset_at TEXT NOT NULL
    );
    """,
}


class HistoryUnavailable(StrideError):
    """The log cannot be used; the message says why and what the runner can do."""


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

    def end_session(self, session: int, outcome: Outcome, taken_seconds: float) -> None:
        """The session is over: how it ended, and the time it took."""
        with self.transaction() as db:
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
        sql += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            arguments.append(limit)
        return [
            SessionRow(
                id=r["id"],
                routine_id=r["routine_id"],
                routine_name=r["routine_name"],
                routine_kind=r["routine_kind"],
                level=r["level"],
                started_at=datetime.fromisoformat(r["started_at"]),
                day=r["day"],
                outcome=Outcome(
                    OutcomeKind(r["outcome"]),
                    r["steps_total"],
                    r["stopped_at_step"] if r["outcome"] == OutcomeKind.STOPPED else None,
                    r["skipped_steps"],
                ),
                steps_total=r["steps_total"],
                planned_seconds=r["planned_seconds"],
                taken_seconds=r["taken_seconds"],
                stiffness=r["stiffness"],
                stride_feel=r["stride_feel"],
                notes=r["notes"],
                reviewed=bool(r["reviewed"]),
            )
            for r in self._rows(sql, arguments)
        ]

    def days_with_sessions(self) -> list[str]:
        """Every day with a completed session, newest first."""
        return [
            row["day"]
            for row in self._rows(
                "SELECT DISTINCT day FROM sessions WHERE outcome = ? ORDER BY day DESC",
                (OutcomeKind.COMPLETED.value,),
            )
        ]

    def steps(self, session: int) -> list[StepRow]:
        """A session's steps, in the order played."""
        return [
            StepRow(
                index=r["step_index"],
                name=r["name"],
                status=StepStatus(r["status"]),
                seconds=r["seconds"],
                key_movement=bool(r["key_movement"]),
                with_control=None if r["with_control"] is None else bool(r["with_control"]),
            )
            for r in self._rows(
                "SELECT step_index, name, status, seconds, key_movement, with_control FROM"
                " session_steps WHERE session_id = ? ORDER BY step_index",
                (session,),
            )
        ]

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
            + " ORDER BY s.started_at, s.id, t.step_index",
            arguments,
        )
        records = [
            StepRecord(
                session_id=r["session_id"],
                routine_id=r["routine_id"],
                started_at=datetime.fromisoformat(r["started_at"]),
                day=r["day"],
                outcome=OutcomeKind(r["outcome"]),
                stiffness=r["stiffness"],
                reviewed=bool(r["reviewed"]),
                step_index=r["step_index"],
                name=r["name"],
                done=r["status"] == StepStatus.DONE,
                with_control=None if r["with_control"] is None else bool(r["with_control"]),
                tighter=None if r["tighter"] is None else Tighter(r["tighter"]),
            )
            for r in rows
        ]
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
        return None if row is None else datetime.fromisoformat(row["reset_at"])

    def progress_resets(self) -> dict[str, datetime]:
        """When each routine's progressions were last started over, by routine id."""
        return {
            str(row["routine_id"]): datetime.fromisoformat(row["reset_at"])
            for row in self._rows("SELECT routine_id, reset_at FROM progress_resets")
        }

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
            MarkerRow(
                id=r["id"],
                kind=r["kind"],
                value=r["value"],
                recorded_at=datetime.fromisoformat(r["recorded_at"]),
                day=r["day"],
                note=r["note"],
            )
            for r in self._rows(sql + " ORDER BY recorded_at, id", arguments)
        ]


STRIDE_APPLICATION_ID = 0x53545244
"""``PRAGMA application_id`` of a stride log ("STRD"), so no other SQLite file passes as one."""

EXPECTED_TABLES = frozenset({"sessions", "session_steps", "markers"})
"""Tables every version of the log has; a file with stride's version but not these is not ours."""

_SQLITE_MAGIC = b"SQLite format 3\x00"


class _Verdict(enum.Enum):
    """What a look at the file, before any change, found it to be."""

    NEW = "new"
    """No file, an empty one, or an empty database: a new log goes there."""
    OURS = "ours"
    """A sound stride log this version can use (after migrating it forward)."""
    NEWER = "newer"
    """A stride log from a newer version: left alone."""
    FOREIGN = "foreign"
    """Another program's SQLite file: never changed."""
    DAMAGED = "damaged"
    """Not a readable database, or one that fails its integrity check: moved aside."""


@dataclass(frozen=True, slots=True)
class _Inspection:
    verdict: _Verdict
    version: int = 0
    detail: str = ""
    """The integrity check's first complaint, or the tables of a foreign file."""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _read_only(path: Path, *, locking: bool) -> sqlite3.Connection:
    """Open ``path`` so that nothing about the file can change.

    Without ``locking`` the file is opened as immutable, which creates no ``-wal`` or
    ``-shm`` beside another program's file; that is only right when no writer can be
    busy with it, so a bad verdict reached that way is checked again with locking.
    """
    from urllib.parse import quote as url_quote

    uri = f"file:{url_quote(str(path.absolute()))}?mode=ro" + ("" if locking else "&immutable=1")
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _inspect(path: Path, *, locking: bool = False) -> _Inspection:
    """Decide what ``path`` is without changing a byte of it (or of its ``-wal``).

    Raises:
        HistoryUnavailable: The path is not a regular file, or cannot be read.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise HistoryUnavailable(
                f"the log {path} is a symbolic link to a missing file; fix or remove the link"
            ) from None
        return _Inspection(_Verdict.NEW)
    except OSError as error:
        raise HistoryUnavailable(_unreadable(path, error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise HistoryUnavailable(
            f"the log {path} is not a regular file (a folder, pipe or device); move it "
            "away, or set STRIDE_DATA_DIR to another folder"
        )
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-journal")]
    busy = any(os.path.exists(p) and os.path.getsize(p) for p in sidecars)
    if info.st_size == 0 and not busy:
        return _Inspection(_Verdict.NEW)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise HistoryUnavailable(_unreadable(path, error)) from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return _Inspection(_Verdict.DAMAGED, detail="not an SQLite database")
    if not locking and busy:
        locking = True  # a writer may be at work: read through its journal, under a lock
    try:
        connection = _read_only(path, locking=locking)
    except sqlite3.Error as error:
        raise HistoryUnavailable(_why(path, error)) from None
    try:
        verdict = _judge(connection)
    except sqlite3.DatabaseError as error:
        if not _is_damage(error):
            raise HistoryUnavailable(_why(path, error)) from None
        verdict = _Inspection(_Verdict.DAMAGED, detail=str(error))
    finally:
        connection.close()
    if verdict.verdict is _Verdict.DAMAGED and not locking:
        return _inspect(path, locking=True)
    return verdict


def _judge(connection: sqlite3.Connection) -> _Inspection:
    application = int(connection.execute("PRAGMA application_id").fetchone()[0])
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    ours = application == STRIDE_APPLICATION_ID or (
        application == 0 and version >= 1 and tables >= EXPECTED_TABLES
    )
    # Logs before application ids: a newer one may have reshaped its tables.
    ours = ours or (application == 0 and version > SCHEMA_VERSION and not tables)
    if not ours:
        if application == 0 and version == 0 and not tables:
            return _Inspection(_Verdict.NEW)
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        return _Inspection(_Verdict.FOREIGN, version, shown or "no tables")
    if version > SCHEMA_VERSION:
        return _Inspection(_Verdict.NEWER, version)
    if version >= 1 and not tables >= EXPECTED_TABLES:
        missing = ", ".join(sorted(EXPECTED_TABLES - tables))
        return _Inspection(_Verdict.DAMAGED, version, f"the tables {missing} are missing")
    problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        return _Inspection(_Verdict.DAMAGED, version, "; ".join(problems))
    return _Inspection(_Verdict.OURS, version)


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    text = str(error)
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _unreadable(path: Path, error: OSError) -> str:
    return f"cannot read the log {path}: {error.strerror}"


def _create(path: Path) -> None:
    """Create an empty log file that only its owner can read: it holds personal notes."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _owner_only(path: Path) -> None:
    """Take group and other access away from a log an older version left readable."""
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


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
    if connection.execute("PRAGMA application_id").fetchone()[0] != STRIDE_APPLICATION_ID:
        connection.execute(f"PRAGMA application_id = {STRIDE_APPLICATION_ID}")


def _move_aside(path: Path) -> Path:
    """Rename a damaged log (and its ``-wal`` and ``-shm``), keeping every byte."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    count = 1
    while os.path.lexists(target):  # never replace an earlier damaged copy
        count += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{count}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(path.with_name(path.name + suffix), target.with_name(target.name + suffix))
    return target


def open_history(path: Path | None = None) -> History:
    """Open (or create) the training log.

    Before anything is changed (WAL mode included) the file is checked: a missing or
    empty one becomes a new log, owner-only; a stride log that passes ``PRAGMA
    quick_check`` is opened and migrated forward; a damaged one is moved aside byte for
    byte and a new log started (``History.moved_aside`` says where it went). Another
    program's SQLite file, and a log from a newer version, are left exactly as they are.

    Raises:
        HistoryUnavailable: The folder cannot be written, or the file cannot be used;
            the message says what to do. A session runs without a log in that case.
    """
    from stride_tui import locations

    path = path or locations.history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise HistoryUnavailable(
            f"cannot create the log folder {path.parent}: {error.strerror}"
        ) from None
    moved: Path | None = None
    inspection = _inspect(path)
    if inspection.verdict is _Verdict.FOREIGN:
        raise HistoryUnavailable(
            f"{path} is not a stride training log (it is another program's SQLite database,"
            f" with tables: {inspection.detail}); stride leaves it untouched: move it away,"
            " or set STRIDE_DATA_DIR to another folder"
        )
    if inspection.verdict is _Verdict.NEWER:
        raise HistoryUnavailable(
            f"the log {path} was written by a newer stride-tui (schema {inspection.version},"
            f" this one knows {SCHEMA_VERSION}); it is left as it is: update stride-tui to"
            " use it"
        )
    if inspection.verdict is _Verdict.DAMAGED:
        try:
            moved = _move_aside(path)
        except OSError as move_error:
            raise HistoryUnavailable(
                f"{path} is damaged ({inspection.detail}) and cannot be moved aside "
                f"({move_error.strerror}); move it yourself to start a new log"
            ) from None
    if inspection.verdict is not _Verdict.OURS:
        try:
            _create(path)
        except OSError as error:
            raise HistoryUnavailable(_why(path, error)) from None
    _owner_only(path)
    connection: sqlite3.Connection | None = None
    try:
        connection = _connect(path)
        _migrate(connection)
        connection.execute("SELECT count(*) FROM sessions").fetchone()
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        raise HistoryUnavailable(_why(path, error)) from None
    history = History(connection, path)
    history.moved_aside = moved
    return history


def _why(path: Path, error: sqlite3.Error | OSError) -> str:
    text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    refused = isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    denied = refused or "readonly" in text or "unable to open" in text
    if denied:
        if not os.access(path.parent, os.W_OK):
            return (
                f"the log folder {path.parent} is read-only (set STRIDE_DATA_DIR to a folder"
                " you can write)"
            )
        return f"cannot open the log {path}: {text}"
    return f"cannot use the log {path}: {text}"
