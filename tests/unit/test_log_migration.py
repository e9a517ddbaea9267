"""The log's version 4: runs, and markers with a side and a run; old logs keep every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.log import opening
from stride_tui.log.opening import open_training_log
from stride_tui.log.runs import run_rows
from stride_tui.log.schema import MIGRATIONS, SCHEMA_VERSION
from stride_tui.log.store import LogUnavailable


def version_3_log(path: Path) -> None:
    """A log as the previous release wrote it: a session, a step and a marker."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    for version in (1, 2, 3):
        for statement in MIGRATIONS[version].split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute(
        "INSERT INTO sessions (id, routine_id, routine_name, routine_kind, content_hash,"
        " level, started_at, day, status, stopped_at_step, steps_total, planned_seconds)"
        " VALUES (1, 'r', 'R', 'warm-up', 'h', 'standard', '2026-11-19T07:00:00+00:00',"
        " '2026-11-19', 'completed', NULL, 1, 60)"
    )
    db.execute(
        "INSERT INTO session_steps (session_id, step_index, name, status) VALUES (1, 0, 'S',"
        " 'done')"
    )
    db.execute(
        "INSERT INTO markers (kind, value, recorded_at, day, note) VALUES ('stride-length',"
        " 1.32, '2026-11-18T07:00:00+00:00', '2026-11-18', 'by hand')"
    )
    db.execute("PRAGMA user_version = 3")
    db.close()


def test_a_version_3_log_keeps_every_row_and_gains_runs_and_sides() -> None:
    path = locations.history_file()
    version_3_log(path)
    history = open_training_log()
    assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert [s.id for s in history.sessions()] == [1]
    assert [st.name for st in history.steps(1)] == ["S"]
    (marker,) = history.markers()
    assert (marker.kind, marker.value, marker.note, marker.side, marker.run_id) == (
        "stride-length", 1.32, "by hand", None, None,
    )  # fmt: skip
    assert run_rows(history) == []
    history.add_marker("hip-extension", 14, side="left")
    assert history.markers("hip-extension")[0].side == "left"
    with pytest.raises(sqlite3.IntegrityError):
        history.add_marker("hip-extension", 14, side="middle")
    history.close()


def test_a_log_of_this_version_is_refused_by_the_previous_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    history = open_training_log()
    history.add_marker("cadence", 172)
    history.close()
    path = locations.history_file()
    before = path.read_bytes()
    monkeypatch.setattr(opening, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    with pytest.raises(LogUnavailable, match="written by a newer stride-tui"):
        open_training_log()
    assert path.read_bytes() == before
