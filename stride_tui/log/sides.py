"""Which side felt tighter after a two-sided step: the answer the review asks for."""

from __future__ import annotations

from enum import StrEnum


class Tighter(StrEnum):
    """The runner's answer for one two-sided step; the values are what the log stores."""

    LEFT = "left"
    RIGHT = "right"
    EVEN = "even"
