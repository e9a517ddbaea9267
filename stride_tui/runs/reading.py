"""One file into a run, or the reason it is not one: the size limit, the format, the hash."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

from stride_tui.files import ReadFailure, read_regular
from stride_tui.runs.fit import read_fit
from stride_tui.runs.fit_frame import looks_like_fit
from stride_tui.runs.gpx import read_gpx
from stride_tui.runs.outcomes import Damaged, FileResult, Skipped
from stride_tui.runs.tcx import read_tcx

MAX_RUN_BYTES = 64 * 1024 * 1024
"""Largest run file read (and largest a compressed one may unpack to); an hour-long
FIT run at one record a second is about 100 kB, a 24-hour ultra a few megabytes."""

READERS = {".fit": read_fit, ".tcx": read_tcx, ".gpx": read_gpx}
"""The readers by file suffix (lower case); a ``.gz`` after one is unpacked first."""


def run_format(path: Path) -> tuple[str, bool] | None:
    """The format a path's name says, and whether it is gzipped.

    ``.fit``, ``.tcx`` or ``.gpx``, each optionally ``.gz`` as bulk exports write them;
    ``None`` for another name.
    """
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    packed = bool(suffixes) and suffixes[-1] == ".gz"
    if packed:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in READERS:
        return suffixes[-1], packed
    return None


def _unpack(data: bytes, limit: int) -> bytes | Damaged:
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = unpacker.decompress(data, limit + 1)
    except zlib.error as error:
        return Damaged(f"damaged: it does not unpack as gzip ({error})")
    if len(out) > limit:
        return Damaged(f"it unpacks to more than {limit:,} bytes, the most that is read")
    if not unpacker.eof:
        return Damaged(f"cut short: its gzip data ends early (at byte {len(data)})", len(data))
    return out


def read_run_file(path: Path, limit: int = MAX_RUN_BYTES) -> FileResult:
    """Read one run file, whatever is in it.

    The size is checked before reading (a file over ``limit`` bytes is not opened for
    reading at all), the file is read without blocking (a FIFO or device is refused),
    and its SHA-256 is taken from the bytes as stored.

    Args:
        path: The file.
        limit: The largest size read, in bytes.

    Returns:
        A run, a skip or a located damage; nothing in the file makes it raise.
    """
    form = run_format(path)
    try:
        data = read_regular(path, limit)
    except ReadFailure as failure:
        return Damaged(str(failure))
    if form is None:
        if looks_like_fit(data):
            form = (".fit", False)
        else:
            return Skipped("a file that is not FIT, TCX or GPX")
    suffix, packed = form
    sha256 = hashlib.sha256(data).hexdigest()
    if packed:
        unpacked = _unpack(data, limit)
        if isinstance(unpacked, Damaged):
            return unpacked
        data = unpacked
    return READERS[suffix](data, sha256)
