"""Real SQLite files where the training log should be: checked before anything changes.

A log with damaged pages in the middle, another program's database (with and without an
application id, in WAL mode too), one with unrelated tables that happens to have a
``user_version``, and a log from a newer version. ``stride log``, ``stride mark`` and
``stride run --plain`` run on each as real processes; afterwards every file's sha256 is
what it was (for the damaged log: the moved-aside copy's), and the command said what it
did.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.log.opening import open_training_log
from stride_tui.log.schema import SCHEMA_VERSION, STRIDE_APPLICATION_ID
from stride_tui.log.store import LogUnavailable
from stride_tui.session.engine import StepStatus
from tests.helpers.paths import ROOT

ONE_SECOND = dedent("""\
    name: One second
    defaults: {get_ready: 0}
    steps:
      - {name: Hold, time: 1s}
    """)
PAGE = 4096


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stride(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    (cwd / "one.yaml").write_text(ONE_SECOND, encoding="utf-8")
    try:
        return subprocess.run(
            [sys.executable, "-m", "stride_tui", *argv],
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`stride {' '.join(argv)}` hung")


COMMANDS: list[tuple[str, ...]] = [
    ("log",),
    ("mark", "cadence", "170"),
    ("run", "--plain", "--mute", "./one.yaml"),
]


def _seeded_log(path: Path, sessions: int) -> None:
    """A real log, with enough sessions to span a few hundred pages, checkpointed."""
    history = open_training_log(path)
    start = datetime(2026, 1, 1, 7, tzinfo=UTC)
    for index in range(sessions):
        session = history.start_session(
            routine_id="pre-run-warmup",
            routine_name="Pre-run warm-up",
            routine_kind="warm-up",
            content_hash="seed",
            level="standard",
            steps=[(f"Step {step}", step % 2 == 0) for step in range(8)],
            planned_seconds=453.0,
            started=start + timedelta(hours=index),
        )
        history.record_step(session, 0, StepStatus.DONE, 60.0, 1)
    history.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    history.close()


def _damage_pages(path: Path, first: int, count: int) -> None:
    """Overwrite ``count`` pages from page ``first`` (0-based) with noise."""
    noise = random.Random(14).randbytes(PAGE * count)
    with path.open("r+b") as handle:
        handle.seek(PAGE * first)
        handle.write(noise)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_a_log_with_damaged_pages_mid_file_is_moved_aside_byte_for_byte(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    path = locations.history_file()
    _seeded_log(path, 1500)
    pages = path.stat().st_size // PAGE
    assert pages > 100
    _damage_pages(path, pages // 2, 3)
    before = sha256(path)
    result = _stride(*argv, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    moved = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".damaged-")]
    aside = next(p for p in moved if not p.name.endswith(("-wal", "-shm")))
    assert sha256(aside) == before
    assert f"the log was damaged: it was moved to {aside} and a new one started" in result.stderr
    with sqlite3.connect(path) as fresh:  # the new log is sound and holds only this command
        assert fresh.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert fresh.execute("PRAGMA application_id").fetchone()[0] == STRIDE_APPLICATION_ID


def _foreign_plain(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
        db.execute("INSERT INTO songs (title) VALUES ('Blue in green')")


def _foreign_with_id(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1196444237")  # a GeoPackage
        db.execute("CREATE TABLE gpkg_contents (table_name TEXT)")


def _foreign_wal(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('mine')")
    db.commit()
    db.close()


def _foreign_versioned(path: Path) -> None:
    """Unrelated tables and a ``user_version`` of 1, as many programs set."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sessions (token TEXT)")  # a name clash, not stride's table
        db.execute("PRAGMA user_version = 1")


FOREIGN: dict[str, Callable[[Path], None]] = {
    "tables": _foreign_plain,
    "application-id": _foreign_with_id,
    "wal": _foreign_wal,
    "user-version": _foreign_versioned,
}


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_another_programs_database_is_never_changed(
    kind: str, argv: tuple[str, ...], tmp_path: Path
) -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    FOREIGN[kind](path)
    before = sha256(path)
    neighbours = sorted(p.name for p in path.parent.iterdir())
    result = _stride(*argv, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert sha256(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours
    assert f"{path} is not a stride training log" in result.stderr
    assert "stride leaves it untouched" in result.stderr
    if argv[0] == "run":
        assert result.returncode == 0  # the session still plays, unlogged
        assert "this session will not be logged" in result.stderr
    else:
        assert result.returncode == 1
        assert "will not be logged" not in result.stderr  # no session: none to be unlogged


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_a_log_from_a_newer_version_is_refused_without_change(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {STRIDE_APPLICATION_ID}")
        db.execute("CREATE TABLE sessions_v9 (id INTEGER PRIMARY KEY)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    before = sha256(path)
    result = _stride(*argv, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert sha256(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert (
        f"the log {path} was written by a newer stride-tui (schema {SCHEMA_VERSION + 7}, "
        f"this one knows {SCHEMA_VERSION}); it is left as it is" in result.stderr
    )


def test_checks_read_nothing_into_a_foreign_file_in_process() -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    _foreign_plain(path)
    before = sha256(path)
    with pytest.raises(LogUnavailable, match="tables: songs"):
        open_training_log(path)
    assert sha256(path) == before
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("songs",)]


def test_the_log_and_its_folder_are_owner_only() -> None:
    path = locations.history_file()
    open_training_log(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_log_an_older_version_left_readable_is_made_owner_only() -> None:
    path = locations.history_file()
    open_training_log(path).close()
    path.chmod(0o644)
    open_training_log(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_sound_log_is_opened_and_kept() -> None:
    path = locations.history_file()
    _seeded_log(path, 200)
    history = open_training_log(path)
    assert history.moved_aside is None
    assert len(history.sessions()) == 200
    history.close()
