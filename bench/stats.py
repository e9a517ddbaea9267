"""Timing helpers shared by the benchmarks: medians with min and max over repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A measured figure in milliseconds."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Figure:
        """The median, min and max of measured values."""
        return cls(statistics.median(values), min(values), max(values), len(values))

    def as_json(self) -> dict[str, float | int]:
        return {
            "median": round(self.median, 2),
            "min": round(self.low, 2),
            "max": round(self.high, 2),
            "runs": self.runs,
        }

    def __str__(self) -> str:
        digits = 3 if self.high < 1 else 1  # sub-millisecond figures need the decimals
        return (
            f"{self.median:8.{digits}f} ms  (min {self.low:.{digits}f}, "
            f"max {self.high:.{digits}f}, n={self.runs})"
        )


def measure(
    action: Callable[[], object],
    runs: int = 7,
    warmup: int = 1,
    before: Callable[[], object] | None = None,
) -> Figure:
    """Time ``action`` ``runs`` times after ``warmup`` untimed runs; ``before`` is untimed."""
    for _ in range(warmup):
        if before:
            before()
        action()
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return Figure.of(times)
