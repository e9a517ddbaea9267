"""`stride log` over a training log of 10,000 sessions, as a whole process.

Run: python -m bench.bench_log
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.stats import Figure, measure

SESSIONS = 10_000
KINDS = [
    ("pre-run-warmup", "Pre-run warm-up", "warm-up"),
    ("long-hold-day", "Long-hold mobility day", "long-hold"),
    ("dynamic-day", "Dynamic mobility day", "dynamic"),
    ("post-run-recovery", "Post-run recovery", "recovery"),
]


def fill(path: Path) -> None:
    """10,000 sessions of ten steps each, about three a day for nine years, reviewed."""
    from stride_tui.log.opening import open_training_log

    history = open_training_log(path)
    start = datetime(2017, 11, 1, 7, tzinfo=UTC)
    db = history.db
    with history.transaction():
        for n in range(SESSIONS):
            when = start + timedelta(hours=8 * n)
            rid, name, kind = KINDS[n % 4]
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_kind, content_hash,"
                " level, started_at, day, status, stopped_at_step, steps_total,"
                " planned_seconds, taken_seconds, stiffness, stride_feel, reviewed)"
                " VALUES (?, ?, ?, 'h', 'standard', ?, ?, 'completed', NULL, 10, 453, 460,"
                " ?, ?, 1)",
                (
                    rid,
                    name,
                    kind,
                    when.isoformat(),
                    when.date().isoformat(),
                    1 + n % 5,
                    1 + (n // 3) % 5,
                ),
            )
            db.executemany(
                "INSERT INTO session_steps (session_id, step_index, name, status, seconds)"
                " VALUES (?, ?, ?, 'done', 45)",
                [(cursor.lastrowid, i, f"Step {i}") for i in range(10)],
            )
        for n in range(300):
            db.execute(
                "INSERT INTO markers (kind, value, recorded_at, day) VALUES ('cadence', ?, ?, ?)",
                (
                    160 + n % 15,
                    (start + timedelta(days=n)).isoformat(),
                    (start + timedelta(days=n)).date().isoformat(),
                ),
            )
    history.close()


def run() -> dict[str, Figure]:
    home = Path(tempfile.mkdtemp(prefix="stride-log-bench-"))
    try:
        fill(home / "data" / "history.sqlite3")
        env = {**os.environ, "STRIDE_HOME": str(home)}
        command = [sys.executable, "-m", "stride_tui", "log"]

        def log() -> None:
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

        size = (home / "data" / "history.sqlite3").stat().st_size // 1024
        print(f"(log: {SESSIONS} sessions, {SESSIONS * 10} steps, {size} KiB)")
        return {"stride_log_10000_ms": measure(log, runs=9)}
    finally:
        shutil.rmtree(home, ignore_errors=True)


TARGETS = {"stride_log_10000_ms": 500.0}

if __name__ == "__main__":
    for key, figure in run().items():
        print(f"{key:28} {figure}   target < {TARGETS[key]:g} ms")
