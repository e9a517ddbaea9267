"""A run as stride keeps it: when, what kind, how far, and the samples behind its figures."""

from __future__ import annotations

import enum
import math
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo


class RunSport(enum.Enum):
    """The kinds of activity that count as runs; anything else is skipped."""

    RUNNING = "running"
    TRAIL = "trail"
    TREADMILL = "treadmill"
    TRACK = "track"
    INDOOR = "indoor"
    VIRTUAL = "virtual"

    @property
    def label(self) -> str:
        """Words for a list: ``road run``, ``trail run``, ``treadmill run``."""
        return {
            RunSport.RUNNING: "run",
            RunSport.TRAIL: "trail run",
            RunSport.TREADMILL: "treadmill run",
            RunSport.TRACK: "track run",
            RunSport.INDOOR: "indoor run",
            RunSport.VIRTUAL: "virtual run",
        }[self]


class Samples:
    """A run's per-second (or per-record) samples, in compact arrays of 32-bit floats.

    A missing value is NaN. An hour at one record a second takes about 72 kB.

    Attributes:
        time_s: Seconds since the run's start.
        distance_m: Distance since the start, in metres.
        speed_mps: Speed in metres per second.
        cadence_spm: Cadence in steps per minute (both feet).
        step_length_m: Step length in metres (the device's, or speed over cadence).
    """

    __slots__ = ("cadence_spm", "distance_m", "speed_mps", "step_length_m", "time_s")

    def __init__(self) -> None:
        self.time_s = array("f")
        self.distance_m = array("f")
        self.speed_mps = array("f")
        self.cadence_spm = array("f")
        self.step_length_m = array("f")

    def append(
        self,
        time_s: float,
        distance_m: float | None,
        speed_mps: float | None,
        cadence_spm: float | None,
        step_length_m: float | None,
    ) -> None:
        """Add one sample; ``None`` is kept as NaN."""
        nan = math.nan
        self.time_s.append(time_s)
        self.distance_m.append(nan if distance_m is None else distance_m)
        self.speed_mps.append(nan if speed_mps is None else speed_mps)
        self.cadence_spm.append(nan if cadence_spm is None else cadence_spm)
        self.step_length_m.append(nan if step_length_m is None else step_length_m)

    def __len__(self) -> int:
        return len(self.time_s)

    def __repr__(self) -> str:
        return f"Samples({len(self)} records)"


@dataclass(frozen=True, slots=True)
class RunIdentity:
    """What makes two imports the same activity.

    Attributes:
        sha256: The file's SHA-256, in hex: the same file imported twice.
        start: The start instant (UTC), to the second.
        device: The recording device: its serial number where the file gives one, else
            its product (``garmin/fr945``) or creator name.
    """

    sha256: str
    start: datetime
    device: str

    def dedup_keys(self) -> tuple[str, str]:
        """The two keys a known run is found by: ``sha256:…`` and ``start:…|device``."""
        instant = self.start.astimezone(UTC).replace(microsecond=0).isoformat()
        return (f"sha256:{self.sha256}", f"start:{instant}|{self.device}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunMeasures:
    """What a run measured, as read from its file and as the log keeps it.

    Attributes:
        sub_sport: The file's own sub-sport word (``trail``, ``street``, ``generic``).
        distance_m: Distance in metres.
        moving_time_s: Time moving, in seconds (the device's moving time where it gives
            one, else its timer time, which leaves pauses out).
        cadence_spm: Average cadence in steps per minute (both feet); ``None`` when the
            file has no cadence.
        step_length_m: Average step length in metres: the device's own where the file has
            it, else distance over steps; ``None`` without cadence.
        gct_balance_left_pct: Ground-contact time balance, the left foot's share in
            percent (50 is even); ``None`` where the file has none.
        device: The device's name as the file gives it; pass it through
            :func:`stride_tui.text.visible` before showing it.
    """

    sub_sport: str
    distance_m: float
    moving_time_s: float
    cadence_spm: float | None
    step_length_m: float | None
    gct_balance_left_pct: float | None
    device: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Run(RunMeasures):
    """One run read from a file (what it measured: :class:`RunMeasures`).

    Attributes:
        start: The start, an aware datetime in UTC; :meth:`start_in` shows it in the
            runner's zone.
        sport: The kind of run.
        identity: What makes two imports the same activity.
        samples: The per-record samples the reference-pace figure is taken from.
        utc_offset: The device's offset from UTC at the start, where the file says it.
    """

    start: datetime
    sport: RunSport
    identity: RunIdentity
    samples: Samples = field(compare=False, repr=False)
    utc_offset: timedelta | None = None

    @property
    def pace_s_per_km(self) -> float | None:
        """Average pace in seconds per kilometre over the moving time; ``None`` at 0 m."""
        if self.distance_m <= 0 or self.moving_time_s <= 0:
            return None
        return self.moving_time_s / (self.distance_m / 1000)

    def start_in(self, zone: tzinfo | None = None) -> datetime:
        """The start in ``zone``: the runner's zone, or the machine's when ``None``."""
        return self.start.astimezone(zone)
