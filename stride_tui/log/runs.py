"""Runs in the training log: storing an imported run with its figures, and reading them back.

A run is stored in one transaction with the ``stride-length`` and ``cadence`` markers
taken from it at the reference pace, each naming the run, so a run is in the log whole
or not at all. Markers typed by hand have no run and are never touched here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from stride_tui.log.store import TrainingLog, now
from stride_tui.runs.controlled import AtReferencePace, Figure, TooLittleNearPace
from stride_tui.runs.model import Run, RunMeasures


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRow(RunMeasures):
    """One stored run (what it measured: :class:`RunMeasures`).

    Attributes:
        id: Its row.
        started_at: The start in the runner's zone (the file's offset, else the machine's).
        day: The start's day in that zone (ISO).
        sport: The kind of run (``running``, ``trail``, ``treadmill``…).
        reference_pace_s_per_km: The pace its figure was taken at, or ``None``.
        ref_step_length_m: Step length at that pace, or ``None`` when there is no figure.
        ref_cadence_spm: Cadence at that pace, or ``None``.
        ref_slope_m_per_mps: How step length rose with speed in the run's fit (metres per
            m/s), to carry the figure to a nearby pace; ``None`` without a figure.
        ref_words: The figure, or why there is none, in words.
    """

    id: int
    started_at: datetime
    day: str
    sport: str
    reference_pace_s_per_km: float | None
    ref_step_length_m: float | None
    ref_cadence_spm: float | None
    ref_slope_m_per_mps: float | None
    ref_words: str

    @property
    def pace_s_per_km(self) -> float | None:
        """Average pace in seconds per kilometre; ``None`` at 0 m."""
        if self.distance_m <= 0 or self.moving_time_s <= 0:
            return None
        return self.moving_time_s / (self.distance_m / 1000)

    @property
    def figure(self) -> AtReferencePace | None:
        """Its figure at the reference pace, when it has one."""
        if (
            self.ref_step_length_m is None
            or self.ref_cadence_spm is None
            or self.reference_pace_s_per_km is None
        ):
            return None
        return AtReferencePace(
            self.ref_step_length_m,
            self.ref_cadence_spm,
            self.reference_pace_s_per_km,
            0.0,
            self.ref_slope_m_per_mps or 0.0,
        )


def local_start(run: Run) -> datetime:
    """The run's start in the runner's zone: the file's own offset, else the machine's."""
    if run.utc_offset is not None:
        return run.start.astimezone(timezone(run.utc_offset))
    return run.start.astimezone()


def known_run_keys(history: TrainingLog) -> frozenset[str]:
    """Both identity keys of every stored run (see ``RunIdentity.dedup_keys``)."""
    keys: set[str] = set()
    for sha, start in history.db.execute("SELECT sha256_key, start_key FROM runs"):
        keys.add(sha)
        keys.add(start)
    return frozenset(keys)


def add_run(history: TrainingLog, run: Run, figure: Figure | None) -> int | None:
    """Store a run and its figures as markers that name it, in one transaction.

    Args:
        history: The open log.
        run: The run read from its file.
        figure: Its figure at the reference pace, or why there is none; ``None`` when no
            reference pace is known yet.

    Returns:
        The run's row id; ``None`` when the log already has it (another import stored it
        meanwhile), and then nothing is added.
    """
    sha_key, start_key = run.identity.dedup_keys()
    start = local_start(run)
    offset = start.utcoffset() or timedelta(0)
    at = figure if isinstance(figure, AtReferencePace) else None
    paced = isinstance(figure, AtReferencePace | TooLittleNearPace)
    pace = figure.reference_pace_s_per_km if paced else None  # type: ignore[union-attr]
    words = "" if figure is None else figure.words()
    try:
        return _insert(
            history,
            (
                sha_key,
                start_key,
                run.start.astimezone(UTC).isoformat(),
                int(offset.total_seconds()),
                start.date().isoformat(),
                run.sport.value,
                run.sub_sport,
                run.distance_m,
                run.moving_time_s,
                run.cadence_spm,
                run.step_length_m,
                run.gct_balance_left_pct,
                run.device,
                pace,
                None if at is None else at.step_length_m,
                None if at is None else at.cadence_spm,
                None if at is None else at.slope_m_per_mps,
                words,
                now().isoformat(),
            ),
            at,
            start,
        )
    except sqlite3.IntegrityError:
        return None


def _insert(
    history: TrainingLog, values: tuple[object, ...], at: AtReferencePace | None, start: datetime
) -> int:
    with history.transaction() as db:
        cursor = db.execute(
            "INSERT INTO runs (sha256_key, start_key, started_at, utc_offset_seconds, day,"
            " sport, sub_sport, distance_m, moving_time_s, cadence_spm, step_length_m,"
            " gct_balance_left_pct, device, reference_pace_s_per_km, ref_step_length_m,"
            " ref_cadence_spm, ref_slope_m_per_mps, ref_words, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        run_id = int(cursor.lastrowid or 0)
        if at is not None:
            db.executemany(
                "INSERT INTO markers (kind, value, recorded_at, day, note, side, run_id)"
                " VALUES (?, ?, ?, ?, ?, NULL, ?)",
                [
                    (kind, round(value, 4), start.isoformat(), start.date().isoformat(), note,
                     run_id)
                    for kind, value, note in (
                        ("stride-length", at.step_length_m, at.words()),
                        ("cadence", at.cadence_spm, at.words()),
                    )
                ],
            )  # fmt: skip
    return run_id


def run_rows(history: TrainingLog, since_day: str | None = None) -> list[RunRow]:
    """Stored runs, oldest first (of ``since_day`` or later, when given)."""
    sql = (
        "SELECT id, started_at, utc_offset_seconds, day, sport, sub_sport, distance_m,"
        " moving_time_s, cadence_spm, step_length_m, gct_balance_left_pct, device,"
        " reference_pace_s_per_km, ref_step_length_m, ref_cadence_spm, ref_slope_m_per_mps,"
        " ref_words FROM runs"
    )
    arguments: tuple[object, ...] = ()
    if since_day is not None:
        sql += " WHERE day >= ?"
        arguments = (since_day,)
    rows = []
    for r in history.db.execute(sql + " ORDER BY started_at, id", arguments):
        zone = timezone(timedelta(seconds=r[2] or 0))
        rows.append(
            RunRow(
                id=r[0],
                started_at=datetime.fromisoformat(r[1]).astimezone(zone),
                day=r[3],
                sport=r[4],
                sub_sport=r[5],
                distance_m=r[6],
                moving_time_s=r[7],
                cadence_spm=r[8],
                step_length_m=r[9],
                gct_balance_left_pct=r[10],
                device=r[11],
                reference_pace_s_per_km=r[12],
                ref_step_length_m=r[13],
                ref_cadence_spm=r[14],
                ref_slope_m_per_mps=r[15],
                ref_words=r[16],
            )
        )
    return rows


def median_pace(rows: list[RunRow], today: datetime, weeks: int = 12) -> float | None:
    """The median pace of the runs in the ``weeks`` before ``today`` (aware), or ``None``."""
    import statistics

    since = today - timedelta(weeks=weeks)
    paces = [
        pace for row in rows if since < row.started_at <= today and (pace := row.pace_s_per_km)
    ]
    return statistics.median(paces) if paces else None
