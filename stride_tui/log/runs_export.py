"""The runs as a CSV file for spreadsheets: ``stride runs --csv FOLDER``."""

from __future__ import annotations

from pathlib import Path

from stride_tui.files import write_atomic
from stride_tui.log.export import ExportRefused, _csv, _export_folder
from stride_tui.log.runs import RunRow, run_rows
from stride_tui.log.store import TrainingLog
from stride_tui.text import visible

RUNS_CSV = "runs.csv"
"""The file ``stride runs --csv`` writes."""

HEADER = [
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
        HEADER,
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


def export_runs_csv(history: TrainingLog, folder: Path, *, force: bool = False) -> Path:
    """Write ``runs.csv`` into ``folder``, whole or not at all, readable by its owner only.

    Raises:
        ExportRefused: ``folder`` is a file, cannot be written, or already holds a
            ``runs.csv`` (without ``force``).
    """
    _export_folder(folder, force, (RUNS_CSV,))
    path = folder / RUNS_CSV
    try:
        return write_atomic(path, runs_csv(run_rows(history)), mode=0o600)
    except OSError as error:
        raise ExportRefused(f"cannot write {visible(str(path))}: {error.strerror}") from None
