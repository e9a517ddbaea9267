"""A cache of checked routines and their plans, so a routine starts without reading YAML.

Like the listing cache, an entry is trusted only while the file's path, size and
modification time and the code's version are those it was made from; anything else
(a new save, an upgrade, a damaged cache) reads the file again. A plan can depend on
more than the file (the level, and the log's coaching): the caller names that in a
``context`` string, and a plan is reused only for the same level and context.

This module imports neither the YAML reader nor the checks: a hit costs one small JSON
file, decoded straight into the model. A miss loads the file as usual and saves it here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from stride_tui import __version__, locations
from stride_tui.files import file_stamp, make_folder
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Plan

MAX_ENTRY_BYTES = 5_000_000
"""Largest cache entry read; a routine at its largest is far less."""
PLANS_KEPT = 6
"""Plans kept per routine (levels times contexts); the oldest goes first."""


class Stamp(msgspec.Struct, frozen=True):
    """What a cached entry was made from."""

    version: str
    path: str
    mtime_ns: int
    size: int


class _Entry(msgspec.Struct):
    stamp: Stamp
    routine: Routine
    plans: dict[str, Plan] = msgspec.field(default_factory=dict)


def _enc(value: object) -> object:
    if isinstance(value, range):  # a plan step's segments
        return [value.start, value.stop]
    raise NotImplementedError(type(value).__name__)


def _dec(kind: type, value: Any) -> object:
    if kind is range:
        return range(*value)
    raise NotImplementedError(kind.__name__)


_ENCODER = msgspec.json.Encoder(enc_hook=_enc)
_DECODER = msgspec.json.Decoder(_Entry, dec_hook=_dec)


def code_version() -> str:
    """Changes whenever the code that checks a routine or makes its plan does."""
    stamps = []
    for folder in ("routine", "session"):
        with os.scandir(Path(__file__).parent.parent / folder) as entries:
            mine = [e for e in entries if e.name.endswith(".py")]
            stamps += [f"{folder}/{e.name}:{e.stat().st_mtime_ns}" for e in mine]
    return f"{__version__}|{'|'.join(sorted(stamps))}"


class PlanCache:
    """Checked routines and their plans, one small file per routine file.

    Args:
        folder: Where the entries live (the user's cache folder by default).
        version: The code version (``code_version()`` by default; tests pass their own).
    """

    def __init__(self, folder: Path | None = None, version: str | None = None) -> None:
        self.folder = folder or locations.cache_dir() / "plans"
        self.version = version or code_version()

    def _file(self, path: Path) -> Path:
        name = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"{name}.json"

    def _stamp(self, path: Path) -> Stamp | None:
        stamp = file_stamp(path)
        if stamp is None:
            return None  # missing or a dangling link: loading says why, and nothing is kept
        return Stamp(self.version, str(path), *stamp)

    def _read(self, stamp: Stamp) -> _Entry | None:
        from stride_tui.files import ReadFailure, read_regular

        try:
            entry = _DECODER.decode(read_regular(self._file(Path(stamp.path)), MAX_ENTRY_BYTES))
        except (ReadFailure, msgspec.DecodeError, msgspec.ValidationError):
            return None  # no entry, or a damaged one: only costs a load
        return entry if entry.stamp == stamp else None

    def _write(self, entry: _Entry) -> None:
        """Save an entry; a cache that cannot be written only costs speed next time."""
        from stride_tui.files import write_atomic

        target = self._file(Path(entry.stamp.path))
        # ValueError: a file name with undecodable bytes cannot be written as JSON text.
        with contextlib.suppress(OSError, ValueError):
            make_folder(target.parent)
            # No disk flush: a cache lost in a crash only costs a load (a damaged one reads
            # as missing), and the picker's preview must not wait on the disk.
            write_atomic(target, _ENCODER.encode(entry), durable=False)

    def routine(self, path: Path) -> Routine:
        """The routine at ``path``, checked: from the cache when the file is unchanged.

        Raises:
            RoutineError: The file cannot be read or has problems (never cached).
        """
        return self._entry(path).routine

    def _entry(self, path: Path) -> _Entry:
        stamp = self._stamp(path)
        entry = self._read(stamp) if stamp is not None else None
        if entry is not None:
            return entry
        from stride_tui.routine.loader import load_routine

        entry = _Entry(stamp or Stamp(self.version, str(path), 0, 0), load_routine(path))
        if stamp is not None:
            self._write(entry)
        return entry

    def plan(
        self,
        path: Path,
        level: Level,
        make: Callable[[Routine], Plan],
        context: str = "",
    ) -> Plan:
        """The plan ``make`` makes of the routine at ``path``, made once per file and context.

        Args:
            path: The routine file.
            level: The level ``make`` plays it at.
            make: Makes the plan from the checked routine (coaching it, say).
            context: Everything else the plan depends on (the log's state, say); a plan
                is reused only for the same level and context.

        Raises:
            RoutineError: The file cannot be read or has problems (never cached).
        """
        entry = self._entry(path)
        key = f"{level}|{context}"
        found = entry.plans.get(key)
        if found is not None:
            return found
        made = make(entry.routine)
        if entry.stamp.size or entry.stamp.mtime_ns:  # a file that could be stamped
            kept = list(entry.plans.items())[-(PLANS_KEPT - 1) :]
            entry.plans = {**dict(kept), key: made}
            self._write(entry)
        return made
