"""`stride log` and `stride status` as a runner reads them: running sessions, whole names."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from stride_tui.coaching.report import recent_lines
from stride_tui.commands import status as status_command
from stride_tui.live.status import (
    FORMAT_VERSION,
    Activity,
    SessionStatus,
    read_statuses,
    status_file,
)
from stride_tui.log.opening import open_training_log
from stride_tui.log.store import TrainingLog
from stride_tui.routine.plan import SegmentKind
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind


def started(history: TrainingLog, routine_id: str, name: str, ago: timedelta, level: str) -> int:
    return history.start_session(
        routine_id=routine_id,
        routine_name=name,
        routine_kind="recovery",
        content_hash="t",
        level=level,
        steps=[("Belly breathing", False), ("Couch stretch", True)],
        planned_seconds=600.0,
        started=datetime.now(UTC) - ago,
    )


def publish(pid: int, routine_id: str, routine: str, step: str, published_at: float) -> None:
    """A session under way in process ``pid``, as its status file says."""
    status = SessionStatus(
        version=FORMAT_VERSION,
        pid=pid,
        routine_id=routine_id,
        routine=routine,
        step=step,
        number=1,
        steps=2,
        side=None,
        part=SegmentKind.WORK,
        activity=Activity.PAUSED,
        part_ends_at=None,
        part_left=30.0,
        routine_ends_at=None,
        routine_left=300.0,
        published_at=published_at,
    )
    path = status_file(pid)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msgspec.json.encode(status))


def test_a_session_under_way_is_running_and_names_are_whole() -> None:
    history = open_training_log()
    old = started(history, "post-run-recovery", "Post-run recovery", timedelta(days=1), "standard")
    history.record_step(old, 0, StepStatus.DONE, 60.0, 1)  # a crash: never ended
    now = started(
        history, "post-run-recovery", "Post-run recovery", timedelta(minutes=2), "experienced"
    )
    done = started(history, "pre-run-warmup", "Pre-run warm-up", timedelta(hours=3), "standard")
    history.end_session(done, Outcome(OutcomeKind.COMPLETED, 2), 450.0)
    lines = list(recent_lines(history, running={"post-run-recovery"}))
    history.close()
    assert now and len(lines) == 3
    newest, warmup, crashed = lines
    assert "Post-run recovery (experienced)" in newest  # the whole name, never cut
    assert newest.rstrip().endswith("running")
    assert "completed" in warmup
    assert crashed.rstrip().endswith("stopped at 2/2")  # the old one is over
    # Without a process publishing it, the same session is stopped where it was.
    history = open_training_log()
    assert next(iter(recent_lines(history))).rstrip().endswith("stopped at 1/2")
    history.close()


def test_status_shows_every_session_under_way(capsys: pytest.CaptureFixture[str]) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        publish(os.getpid(), "pre-run-warmup", "Pre-run warm-up", "Hip circles", time.time() - 5)
        publish(other.pid, "post-run-recovery", "Post-run recovery", "Frog hold", time.time())
        assert [s.routine_id for s in read_statuses()] == ["post-run-recovery", "pre-run-warmup"]
        assert status_command.run(argparse.Namespace(format=None)) == 0
        assert capsys.readouterr().out.splitlines() == [
            "Post-run recovery · Frog hold 1/2 · paused, 0:30 left",
            "Pre-run warm-up · Hip circles 1/2 · paused, 0:30 left",
        ]
    finally:
        other.kill()
        other.wait()
