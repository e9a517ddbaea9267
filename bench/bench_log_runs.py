"""`stride log` over five years of runs and sessions, as a whole process.

Five years up to today: a run four days a week with its figures at the reference pace
(and their two markers), a mobility session five days a week of ten steps, and a
two-sided hip extension test every other week. `stride log` reads it all, the "is it
working" view over the last twelve weeks included.

Run: python -m bench.bench_log_runs
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bench.stats import Figure, measure

YEARS = 5
TARGETS = {"stride_log_5y_runs_ms": 500.0}


def fill(path: Path, today: date) -> tuple[int, int]:
    """The log's five years; returns the runs and the sessions written."""
    from stride_tui.log.opening import open_training_log

    history = open_training_log(path)
    db = history.db
    first = today - timedelta(days=365 * YEARS)
    runs = sessions = 0
    with history.transaction():
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            at = datetime.combine(day, time(7, 0), UTC)
            if day.weekday() in (1, 3, 5, 6):
                runs += 1
                step = 1.0 + 0.05 * offset / (365 * YEARS)
                cursor = db.execute(
                    "INSERT INTO runs (sha256_key, start_key, started_at, utc_offset_seconds,"
                    " day, sport, sub_sport, distance_m, moving_time_s, cadence_spm,"
                    " step_length_m, gct_balance_left_pct, device, reference_pace_s_per_km,"
                    " ref_step_length_m, ref_cadence_spm, ref_slope_m_per_mps, ref_words,"
                    " imported_at) VALUES (?, ?, ?, 0, ?, 'running', 'generic', 10000,"
                    " 3300, 170, 1.05, 50.2, 'Forerunner 945', 330, ?, ?, 0.2, 'words', ?)",
                    (
                        f"sha256:{offset}",
                        f"start:{at.isoformat()}|3456789012",
                        at.isoformat(),
                        day.isoformat(),
                        step,
                        1000 / 330 / step * 60,
                        at.isoformat(),
                    ),
                )
                for kind, value in (("stride-length", step), ("cadence", 1000 / 330 / step * 60)):
                    db.execute(
                        "INSERT INTO markers (kind, value, recorded_at, day, note, run_id)"
                        " VALUES (?, ?, ?, ?, 'words', ?)",
                        (kind, value, at.isoformat(), day.isoformat(), cursor.lastrowid),
                    )
            if day.weekday() != 4:
                sessions += 1
                cursor = db.execute(
                    "INSERT INTO sessions (routine_id, routine_name, routine_kind, content_hash,"
                    " level, started_at, day, status, outcome, stopped_at_step, steps_total,"
                    " planned_seconds, taken_seconds, stiffness, stride_feel, reviewed)"
                    " VALUES ('long-hold-day', 'Long-hold mobility day', 'long-hold', 'h',"
                    " 'standard', ?, ?, 'completed', 'completed', NULL, 10, 780, 790, 3, 4, 1)",
                    ((at + timedelta(hours=11)).isoformat(), day.isoformat()),
                )
                db.executemany(
                    "INSERT INTO session_steps (session_id, step_index, name, status, seconds)"
                    " VALUES (?, ?, ?, 'done', 78)",
                    [(cursor.lastrowid, i, f"Step {i}") for i in range(10)],
                )
            if offset % 14 == 0:
                for side in ("left", "right"):
                    db.execute(
                        "INSERT INTO markers (kind, value, recorded_at, day, side) VALUES"
                        " ('hip-extension', ?, ?, ?, ?)",
                        (10 + offset / 200, at.isoformat(), day.isoformat(), side),
                    )
    history.close()
    return runs, sessions


def run() -> dict[str, Figure]:
    home = Path(tempfile.mkdtemp(prefix="stride-log-runs-bench-"))
    try:
        runs, sessions = fill(home / "data" / "history.sqlite3", date.today())
        env = {**os.environ, "STRIDE_HOME": str(home)}
        command = [sys.executable, "-m", "stride_tui", "log"]

        def log() -> None:
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

        size = (home / "data" / "history.sqlite3").stat().st_size // 1024
        print(f"(log: {runs} runs, {sessions} sessions over {YEARS} years, {size} KiB)")
        return {"stride_log_5y_runs_ms": measure(log, runs=9)}
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    for key, figure in run().items():
        print(f"{key:28} {figure}   target < {TARGETS[key]:g} ms")
