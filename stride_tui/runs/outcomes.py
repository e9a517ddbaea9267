"""What happened to each file of an import, as one line the runner reads.

Every file named or found gets exactly one outcome: imported, duplicate, skipped or
damaged. File names, device names and words quoted from a decoder pass through
:func:`stride_tui.text.visible` in :meth:`line`, so a name cannot steer the terminal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from stride_tui.runs import units
from stride_tui.runs.model import Run
from stride_tui.text import visible


@dataclass(frozen=True, slots=True)
class Skipped:
    """A readable file that holds no run: a ride, a walk, a swim, a monitoring file.

    Attributes:
        what: What it is, as words after "a"/"an": ``a cycling activity``.
    """

    what: str

    def words(self) -> str:
        """``a cycling activity, not a run; skipped``."""
        return f"{self.what}, not a run; skipped"


@dataclass(frozen=True, slots=True)
class Damaged:
    """A file that cannot be read whole; nothing is imported from it.

    Attributes:
        why: Where and how it is damaged: ``cut short at byte 768``.
        offset: The byte where the damage shows, where known.
    """

    why: str
    offset: int | None = None

    def words(self) -> str:
        """``cut short at byte 768; nothing imported``."""
        return f"{self.why}; nothing imported"


FileResult = Run | Skipped | Damaged
"""What reading one file gives."""


class Status(enum.Enum):
    """The four outcomes of a file in an import."""

    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file's outcome in an import.

    Attributes:
        path: The file, as found (relative to the folder given when found in one).
        status: Imported, duplicate, skipped or damaged.
        run: The run, when imported (or, for a duplicate, the run read again).
        detail: The skip or damage, when there is one.
        duplicate_of: For a duplicate, the key it matched: ``sha256:…`` or ``start:…``.
    """

    path: Path
    status: Status
    run: Run | None = None
    detail: Skipped | Damaged | None = None
    duplicate_of: str | None = None

    def line(self) -> str:
        """The one line for the runner, every file-supplied word made visible."""
        name = visible(str(self.path))
        if self.detail is not None:
            return f"{name}: {visible(self.detail.words())}"
        assert self.run is not None
        if self.status is Status.DUPLICATE:
            same = (
                "the same file"
                if (self.duplicate_of or "").startswith("sha256:")
                else ("the same start and device")
            )
            return f"{name}: already imported ({same}); nothing added"
        return f"{name}: {describe(self.run)}"


def describe(run: Run) -> str:
    """``a run of 10.80 km on 2026-11-14 07:13 UTC, 5:33/km, 171 spm, step length 1.05 m``.

    The start is shown in UTC here; views show it in the runner's zone. A run without
    cadence says ``no cadence in this file``.
    """
    parts = [f"a {run.sport.label} of {units.distance(run.distance_m)}"]
    parts[0] += f" on {run.start.strftime('%Y-%m-%d %H:%M')} UTC"
    pace = run.pace_s_per_km
    if pace is not None:
        parts.append(units.pace(pace))
    if run.cadence_spm is None:
        parts.append("no cadence in this file")
    else:
        parts.append(units.cadence(run.cadence_spm))
        if run.step_length_m is not None:
            parts.append(f"{units.STEP_LENGTH_LABEL} {units.step_length(run.step_length_m)}")
    if run.device:
        parts.append(f"from {visible(run.device)}")
    return ", ".join(parts) + "; imported"
