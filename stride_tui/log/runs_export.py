"""The runs as a CSV file for spreadsheets: ``stride runs --csv FOLDER``."""

from __future__ import annotations

from pathlib import Path

from stride_tui.files import write_atomic
from stride_tui.log.export import ExportRefused, _export_folder, runs_csv
from stride_tui.log.runs import run_rows
from stride_tui.log.store import TrainingLog
from stride_tui.text import visible

RUNS_CSV = "runs.csv"
"""The file ``stride runs --csv`` writes."""


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
