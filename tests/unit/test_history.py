"""The training log on a real SQLite file: schema, writes, recovery, rendering and export."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.coaching.report import render_log
from stride_tui.coaching.weeks import sparkline, streak, this_week, week_start
from stride_tui.live.driver import SessionDriver
from stride_tui.log.export import export_csv
from stride_tui.log.opening import open_training_log
from stride_tui.log.schema import MIGRATIONS, SCHEMA_VERSION
from stride_tui.log.store import LogUnavailable, StepRow
from stride_tui.log.writer import LogWriter
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import StepStatus
from stride_tui.session.notices import Notices
from stride_tui.session.outcome import Outcome, OutcomeKind
from tests.helpers.engine import plan_of
from tests.helpers.history import TODAY, seed
from tests.helpers.paths import ROOT


def test_a_new_log_uses_wal_and_the_current_schema() -> None:
    history = open_training_log()
    assert history.path == locations.history_file()
    assert history.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    history.close()
    again = open_training_log()  # opening twice migrates nothing and loses nothing
    assert again.sessions() == []


def test_session_lifecycle_and_review() -> None:
    history = open_training_log()
    session = history.start_session(
        routine_id="pre-run-warmup",
        routine_name="Pre-run warm-up",
        routine_kind="warm-up",
        content_hash="abc",
        level="beginner",
        steps=[("Trot", False), ("Circles", True)],
        planned_seconds=405.0,
    )
    (row,) = history.sessions()
    assert (row.outcome, row.steps_total) == (Outcome(OutcomeKind.STOPPED, 2, 0), 2)
    history.record_step(session, 0, StepStatus.DONE, 65.0, 1)
    history.end_session(session, Outcome(OutcomeKind.COMPLETED, 2), taken_seconds=410.0)
    history.review(
        session, with_control={1: False}, stiffness=3, stride_feel=4, notes=" tight left hip "
    )
    (row,) = history.sessions()
    assert (row.outcome.describe(), row.taken_seconds) == ("completed", 410.0)
    assert (row.stiffness, row.stride_feel, row.notes, row.reviewed) == (
        3,
        4,
        "tight left hip",
        True,
    )
    assert history.steps(session) == [
        StepRow(0, "Trot", StepStatus.DONE, 65.0, key_movement=False, with_control=None),
        StepRow(1, "Circles", StepStatus.PENDING, None, key_movement=True, with_control=False),
    ]
    with pytest.raises(sqlite3.IntegrityError):
        history.review(session, with_control={}, stiffness=9, stride_feel=None, notes="")


def test_the_driver_logs_each_step_as_it_ends_and_stops_at_the_right_step() -> None:
    plan = plan_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 10s}
              - {name: B, time: 10s}
              - {name: C, time: 10s}
            """)
    )
    clock = ManualClock()
    writer = LogWriter(Notices())
    driver = SessionDriver(plan, clock=clock, log=writer, routine_id="t")
    driver.start()
    for _ in range(200):  # 20 s: A done, B under way
        clock.advance(0.1)
        driver.update()
    assert writer.flush()
    history = open_training_log()
    (row,) = history.sessions()
    assert (row.outcome.kind, row.outcome.at_step) == (OutcomeKind.STOPPED, 1)
    assert [s.status for s in history.steps(row.id)] == ["done", "pending", "pending"]
    span = sum(plan.segments[i].duration for i in plan.steps[0].segments)
    assert span == 15  # 5 s to get ready, 10 s of work
    assert history.steps(row.id)[0].seconds == pytest.approx(span)  # the seconds the step took
    assert row.taken_seconds is None  # as a kill would leave it
    driver.stop()  # q, Ctrl+C, a signal, a closed terminal
    writer.close()
    (row,) = history.sessions()
    assert row.outcome == Outcome(OutcomeKind.STOPPED, 3, at_step=1, skipped=2)
    assert row.outcome.describe() == "stopped at step 2 of 3"
    assert [s.status for s in history.steps(row.id)] == ["done", "skipped", "skipped"]
    assert row.taken_seconds == pytest.approx(20)


def test_a_version_1_log_is_migrated_with_honest_outcomes() -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1].split(";"):
        if statement.strip():
            db.execute(statement)
    rows = [(1, "completed", ("done", "done")), (2, "completed", ("done", "skipped")),
            (3, "stopped", ("done", "skipped"))]  # fmt: skip
    for session, status, steps in rows:
        db.execute(
            "INSERT INTO sessions (id, routine_id, routine_name, routine_kind, content_hash,"
            " level, started_at, day, status, stopped_at_step, steps_total, planned_seconds)"
            " VALUES (?, 'r', 'R', 'warm-up', 'h', 'standard', ?, '2026-11-19', ?, ?, 2, 60)",
            (session, f"2026-11-19T07:0{session}:00+00:00", status,
             1 if status == "stopped" else None),
        )  # fmt: skip
        for index, step in enumerate(steps):
            db.execute(
                "INSERT INTO session_steps (session_id, step_index, name, status)"
                " VALUES (?, ?, 'S', ?)",
                (session, index, step),
            )
    db.execute("PRAGMA user_version = 1")
    db.close()
    history = open_training_log()
    described = [row.outcome.describe() for row in reversed(history.sessions())]
    assert described == ["completed", "finished with 1 skipped", "stopped at step 2 of 2"]
    assert history.days_with_sessions() == ["2026-11-19"]  # only the completed one counts
    shown = render_log(history, date(2026, 11, 19))
    assert "1 completed session" in shown and "Streak: 1 day" in shown
    assert "skipped 1/2" in shown and "stopped at 2/2" in shown


def test_a_damaged_log_is_moved_aside_never_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    garbage = b"these are someone's notes, not a database" * 100
    path.write_bytes(garbage)
    history = open_training_log()
    assert history.moved_aside is not None
    assert history.moved_aside.read_bytes() == garbage
    assert history.moved_aside.name.startswith("history.sqlite3.damaged-")
    assert history.sessions() == []
    history.close()
    path.write_bytes(garbage)
    from stride_tui.cli import main

    assert main(["log"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("stride: the log was damaged: it was moved to ")


def test_a_log_from_a_newer_version_is_left_alone() -> None:
    path = locations.history_file()
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(LogUnavailable, match="written by a newer stride-tui"):
        open_training_log()
    assert path.read_bytes() == before


def test_progress_logic() -> None:
    assert week_start(date(2026, 11, 19)) == date(2026, 11, 16)
    days = ["2026-11-19", "2026-11-18", "2026-11-17", "2026-11-15"]
    assert streak(days, date(2026, 11, 19)) == 3
    assert streak(days, date(2026, 11, 20)) == 3  # yesterday still counts
    assert streak(days, date(2026, 11, 21)) == 0
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([3, 3]) == "▅▅"
    assert sparkline([]) == ""


def test_the_log_shows_the_week_streak_sessions_and_trends() -> None:
    history = open_training_log()
    assert seed(history) == 25
    slots = this_week(history.sessions(since_day="2026-11-16"), TODAY)
    assert [(s.label, s.done_on) for s in slots] == [
        ("Long-hold day", date(2026, 11, 17)), ("Dynamic day", date(2026, 11, 19)),
        ("Recovery session", None),
    ]  # fmt: skip
    text = render_log(history, TODAY)
    lines = text.splitlines()
    assert lines[:5] == [
        "This week (Mon 16 Nov to Sun 22 Nov): 4 completed sessions",
        "  Long-hold day      done (Tue)",
        "  Dynamic day        done (Thu)",
        "  Recovery session   not yet",
        "Streak: 4 days",
    ]
    assert lines[7] == "  Thu 19 Nov 07:00  Dynamic mobility day    7:50  completed  stiff 2 feel 4"
    assert max(len(line) for line in lines) <= 80  # readable in a usual terminal
    assert "stopped at 2/2" in text
    assert "  stiffness      ▆" in text and "2 of 5" in text  # 4 of 5 on the fixed scale
    assert "  hip-extension  ▁▃▅▆█" in text and "14° (2026-11-15)" in text
    assert "  cadence        ▁▃▅▆█" in text and "173 spm" in text


def test_csv_export_has_everything(tmp_path: Path) -> None:
    history = open_training_log()
    seed(history)
    files = export_csv(history, tmp_path / "export")
    assert [f.name for f in files] == ["sessions.csv", "steps.csv", "markers.csv", "runs.csv"]
    sessions = list(csv.DictReader(files[0].open()))
    assert len(sessions) == 25
    assert sessions[0]["routine"] == "Post-run recovery" and sessions[0]["stiffness"] == "4"
    assert len(list(csv.DictReader(files[1].open()))) == 50
    markers = list(csv.DictReader(files[2].open()))
    assert {m["kind"] for m in markers} == {"hip-extension", "cadence", "stride-length"}


WRITER = """
import sys
from pathlib import Path
from stride_tui.log.opening import open_training_log
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
history = open_training_log(Path(sys.argv[1]))
for n in range(200):
    session = history.start_session(
        routine_id=sys.argv[2], routine_name="W", routine_kind="warm-up", content_hash="h",
        level="standard", steps=[("a", False), ("b", True)], planned_seconds=1.0)
    history.record_step(session, 0, StepStatus.DONE, 1.0, 1)
    history.end_session(session, Outcome(OutcomeKind.COMPLETED, 2), taken_seconds=1.0)
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    open_training_log(path).close()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name], stderr=subprocess.PIPE, text=True
        )
        for name in ("one", "two")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    history = open_training_log(path)
    rows = history.sessions()
    assert len(rows) == 400
    assert {r.routine_id for r in rows} == {"one", "two"}
    assert all(r.outcome.completed for r in rows)
    steps = history.db.execute("SELECT count(*) FROM session_steps WHERE status = 'done'")
    assert steps.fetchone()[0] == 400
    assert history.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_mark_and_log_commands(capsys: pytest.CaptureFixture[str]) -> None:
    from stride_tui.cli import main

    assert main(["mark", "hip-extension", "15", "--note", "left side"]) == 0
    assert main(["mark", "cadence", "172", "--date", "2026-11-01"]) == 0
    assert main(["mark", "stride-length", "9"]) == 1
    assert main(["mark", "stride", "1.3"]) == 1
    assert main(["mark", "cadence", "fast"]) == 1
    out, err = capsys.readouterr()
    assert "logged hip extension angle: 15° on " in out
    assert "logged cadence: 172 spm on 2026-11-01" in out
    assert "9 m is not a plausible step length; expected 0.2 to 3.5 m" in err
    assert "`stride` is not a marker; did you mean `stride-length`?" in err
    assert "`fast` is not a number; steps per minute at easy pace" in err
    history = open_training_log()
    assert [(m.kind, m.value, m.note) for m in history.markers()] == [
        ("cadence", 172.0, None), ("hip-extension", 15.0, "left side"),
    ]  # fmt: skip
    assert main(["log"]) == 0
    assert "No sessions yet" in capsys.readouterr().out


def _mount_read_only(folder: Path) -> bool:
    folder.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        return False
    (folder / "data").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    return True


def test_a_read_only_data_folder_gets_a_clear_message_and_the_session_runs(
    tmp_path: Path,
) -> None:
    from tests.helpers.components import require

    folder = tmp_path / "ro"
    require(
        os.geteuid() == 0 and _mount_read_only(folder),
        "needs root to mount a read-only file system",
    )
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "stride_tui",
                "run",
                str(ROOT / "tests/fixtures/tiny.yaml"),
                "--plain",
                "--mute",
            ],
            env={
                **os.environ,
                "STRIDE_DATA_DIR": str(folder / "data"),
                "STRIDE_HOME": str(tmp_path / "home"),
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        subprocess.run(["umount", str(folder)], check=False)
    assert result.returncode == 0
    assert (
        f"stride: the log folder {folder / 'data'} is read-only (set STRIDE_DATA_DIR to a"
        " folder you can write); this session will not be logged" in result.stderr
    )
    assert "Routine finished. Well done" in result.stdout
