"""The training log as CSV files for spreadsheets: ``stride log --csv``."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from stride_tui.errors import StrideError
from stride_tui.files import make_folder, write_atomic
from stride_tui.log.runs import RunRow, run_rows
from stride_tui.log.store import TrainingLog
from stride_tui.text import spreadsheet_cell, visible

EXPORTS = ("sessions.csv", "steps.csv", "markers.csv", "runs.csv")
"""The files ``stride log --csv`` writes, in this order."""


class ExportRefused(StrideError):
    """The CSV export cannot write where it was asked; the message says why and what to do."""


def _export_folder(folder: Path, force: bool, names: Iterable[str] = EXPORTS) -> None:
    """Check that ``folder`` can take the export (``names``) before anything is written."""
    shown = visible(str(folder))
    if os.path.lexists(folder) and not folder.is_dir():
        raise ExportRefused(f"{shown} is a file, not a folder; give a folder to write the CSV into")
    try:
        make_folder(folder)
    except OSError as error:
        raise ExportRefused(f"cannot create the folder {shown}: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportRefused(f"the folder {shown} is not writable; choose a folder you can write")
    existing = [name for name in names if os.path.lexists(folder / name)]
    if existing and not force:
        raise ExportRefused(
            f"{shown} already holds {', '.join(existing)}; add --force to replace"
            " them, or choose another folder"
        )


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    """A CSV file's bytes; text cells can never run as spreadsheet formulas."""
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    out.writerow(header)
    for row in rows:
        out.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in row])
    return buffer.getvalue().encode("utf-8")


RUNS_HEADER = [
    "id",
    "started_at",
    "day",
    "sport",
    "sub_sport",
    "distance_m",
    "moving_time_s",
    "pace_s_per_km",
    "cadence_spm",
    "step_length_m",
    "gct_balance_left_pct",
    "device",
    "reference_pace_s_per_km",
    "step_length_at_reference_m",
    "cadence_at_reference_spm",
    "at_reference",
]
"""The columns: units in the names; step length is metres per step."""


def _number(value: float | None, digits: int) -> object:
    return "" if value is None else round(value, digits)


def runs_csv(rows: list[RunRow]) -> bytes:
    """The bytes of ``runs.csv`` for ``rows``; text cells can never run as formulas."""
    return _csv(
        RUNS_HEADER,
        (
            [
                row.id,
                row.started_at.isoformat(),
                row.day,
                row.sport,
                row.sub_sport,
                round(row.distance_m, 1),
                round(row.moving_time_s, 1),
                _number(row.pace_s_per_km, 1),
                _number(row.cadence_spm, 1),
                _number(row.step_length_m, 3),
                _number(row.gct_balance_left_pct, 1),
                row.device,
                _number(row.reference_pace_s_per_km, 1),
                _number(row.ref_step_length_m, 3),
                _number(row.ref_cadence_spm, 1),
                row.ref_words,
            ]
            for row in rows
        ),
    )


def export_csv(history: TrainingLog, folder: Path, *, force: bool = False) -> list[Path]:
    """Write sessions, steps, markers and runs as CSV files in ``folder``; return them.

    Each file is written whole or not at all. Text cells have their control characters
    made visible and a leading ``'`` where a spreadsheet would read a formula.

    Args:
        history: The log to export.
        folder: Where the four files go; created when missing.
        force: Replace exports already in ``folder``.

    Raises:
        ExportRefused: ``folder`` is a file, cannot be written, or already holds an
            export (without ``force``).
    """
    _export_folder(folder, force)
    sessions = list(reversed(history.sessions()))
    tables = {
        "sessions.csv": _csv(
            [
                "id",
                "routine_id",
                "routine",
                "kind",
                "level",
                "started_at",
                "day",
                "outcome",
                "stopped_at_step",
                "skipped_steps",
                "steps",
                "planned_seconds",
                "taken_seconds",
                "stiffness",
                "stride_feel",
                "notes",
            ],
            (
                [
                    s.id,
                    s.routine_id,
                    s.routine_name,
                    s.routine_kind,
                    s.level,
                    s.started_at.isoformat(),
                    s.day,
                    s.outcome.kind.value,
                    "" if s.outcome.at_step is None else s.outcome.at_step + 1,
                    s.outcome.skipped,
                    s.steps_total,
                    s.planned_seconds,
                    s.taken_seconds or "",
                    s.stiffness or "",
                    s.stride_feel or "",
                    s.notes or "",
                ]
                for s in sessions
            ),
        ),
        "steps.csv": _csv(
            ["session_id", "step", "name", "status", "seconds", "key_movement", "with_control"],
            (
                [
                    s.id,
                    step.index + 1,
                    step.name,
                    step.status.value,
                    "" if step.seconds is None else round(step.seconds, 2),
                    int(step.key_movement),
                    "" if step.with_control is None else int(step.with_control),
                ]
                for s in sessions
                for step in history.steps(s.id)
            ),
        ),
        "markers.csv": _csv(
            ["id", "kind", "value", "recorded_at", "day", "note", "side", "run_id"],
            (
                [
                    marker.id,
                    marker.kind,
                    marker.value,
                    marker.recorded_at.isoformat(),
                    marker.day,
                    marker.note or "",
                    marker.side or "",
                    "" if marker.run_id is None else marker.run_id,
                ]
                for marker in history.markers()
            ),
        ),
        "runs.csv": runs_csv(run_rows(history)),
    }
    written: list[Path] = []
    for name, data in tables.items():
        path = folder / name
        try:
            write_atomic(path, data)
        except OSError as error:
            done = f" ({', '.join(p.name for p in written)} written)" if written else ""
            raise ExportRefused(
                f"cannot write {visible(str(path))}: {error.strerror}{done}"
            ) from None
        written.append(path)
    return written
