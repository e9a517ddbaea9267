"""Opening the training log: the file is inspected before anything is changed.

WAL mode and a busy timeout let two app instances write at once. A missing or empty file
becomes a new log, owner-only; a damaged one is moved aside byte for byte, never
overwritten; another program's database, and a log from a newer stride-tui, are left
exactly as they are.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from stride_tui.log.schema import (
    EXPECTED_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    STRIDE_APPLICATION_ID,
)
from stride_tui.log.store import LogUnavailable, TrainingLog, now

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's lock before giving up."""

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
        LogUnavailable: The path is not a regular file, or cannot be read.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LogUnavailable(
                f"the log {path} is a symbolic link to a missing file; fix or remove the link"
            ) from None
        return _Inspection(_Verdict.NEW)
    except OSError as error:
        raise LogUnavailable(_unreadable(path, error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise LogUnavailable(
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
        raise LogUnavailable(_unreadable(path, error)) from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return _Inspection(_Verdict.DAMAGED, detail="not an SQLite database")
    if not locking and busy:
        locking = True  # a writer may be at work: read through its journal, under a lock
    try:
        connection = _read_only(path, locking=locking)
    except sqlite3.Error as error:
        raise LogUnavailable(_why(path, error)) from None
    try:
        verdict = _judge(connection)
    except sqlite3.DatabaseError as error:
        if not _is_damage(error):
            raise LogUnavailable(_why(path, error)) from None
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
        raise LogUnavailable(
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
                for statement in MIGRATIONS[target].split(";"):
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


def open_training_log(path: Path | None = None) -> TrainingLog:
    """Open (or create) the training log.

    Before anything is changed (WAL mode included) the file is checked: a missing or
    empty one becomes a new log, owner-only; a stride log that passes ``PRAGMA
    quick_check`` is opened and migrated forward; a damaged one is moved aside byte for
    byte and a new log started (``TrainingLog.moved_aside`` says where it went). Another
    program's SQLite file, and a log from a newer version, are left exactly as they are.

    Raises:
        LogUnavailable: The folder cannot be written, or the file cannot be used;
            the message says what to do. A session runs without a log in that case.
    """
    from stride_tui import locations
    from stride_tui.files import make_folder

    path = path or locations.history_file()
    try:
        make_folder(path.parent)
    except OSError as error:
        raise LogUnavailable(
            f"cannot create the log folder {path.parent}: {error.strerror}"
        ) from None
    moved: Path | None = None
    inspection = _inspect(path)
    if inspection.verdict is _Verdict.FOREIGN:
        raise LogUnavailable(
            f"{path} is not a stride training log (it is another program's SQLite database,"
            f" with tables: {inspection.detail}); stride leaves it untouched: move it away,"
            " or set STRIDE_DATA_DIR to another folder"
        )
    if inspection.verdict is _Verdict.NEWER:
        raise LogUnavailable(
            f"the log {path} was written by a newer stride-tui (schema {inspection.version},"
            f" this one knows {SCHEMA_VERSION}); it is left as it is: update stride-tui to"
            " use it"
        )
    if inspection.verdict is _Verdict.DAMAGED:
        try:
            moved = _move_aside(path)
        except OSError as move_error:
            raise LogUnavailable(
                f"{path} is damaged ({inspection.detail}) and cannot be moved aside "
                f"({move_error.strerror}); move it yourself to start a new log"
            ) from None
    if inspection.verdict is not _Verdict.OURS:
        try:
            _create(path)
        except OSError as error:
            raise LogUnavailable(_why(path, error)) from None
    _owner_only(path)
    connection: sqlite3.Connection | None = None
    try:
        connection = _connect(path)
        _migrate(connection)
        connection.execute("SELECT count(*) FROM sessions").fetchone()
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        raise LogUnavailable(_why(path, error)) from None
    history = TrainingLog(connection, path)
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
