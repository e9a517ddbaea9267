"""Importing files and folders: every file one outcome, in a stable order, nothing twice."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from stride_tui.runs.model import Run
from stride_tui.runs.outcomes import Damaged, FileResult, Outcome, Skipped, Status
from stride_tui.runs.reading import MAX_RUN_BYTES, read_run_file, run_format


def find_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The files to read, in a stable order.

    A file is taken as named, whatever its name. A folder is walked recursively (links to
    folders are not followed, so a loop cannot trap the walk), in sorted order, and only
    its files named ``.fit``, ``.tcx`` or ``.gpx`` (optionally ``.gz``) are taken. A path
    named twice is read once.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = []
            for folder, subfolders, files in os.walk(path):
                subfolders.sort()
                found += [Path(folder, name) for name in files if run_format(Path(name))]
            candidates = sorted(found, key=lambda p: p.relative_to(path).parts)
        else:
            candidates = [path]
        for candidate in candidates:
            key = Path(os.path.abspath(candidate))
            if key not in seen:
                seen.add(key)
                yield candidate


def dedup(results: Iterable[tuple[Path, FileResult]], known: frozenset[str]) -> Iterator[Outcome]:
    """Outcomes for read files, leaving out runs already known or already seen.

    A run is a duplicate when either of its identity keys (its file's SHA-256, or its
    start and device) is in ``known`` or belongs to a run earlier in ``results``.

    Args:
        results: Each file and what reading it gave, in order.
        known: The identity keys of the runs already in the log
            (:meth:`stride_tui.runs.model.RunIdentity.dedup_keys`).

    Yields:
        One outcome per file, in the order given.
    """
    seen = set(known)
    for path, result in results:
        if isinstance(result, Run):
            keys = result.identity.dedup_keys()
            match = next((key for key in keys if key in seen), None)
            if match is not None:
                yield Outcome(path, Status.DUPLICATE, run=result, duplicate_of=match)
                continue
            seen.update(keys)
            yield Outcome(path, Status.IMPORTED, run=result)
        elif isinstance(result, Skipped):
            yield Outcome(path, Status.SKIPPED, detail=result)
        else:
            assert isinstance(result, Damaged)
            yield Outcome(path, Status.DAMAGED, detail=result)


def import_paths(
    paths: Sequence[Path], known: frozenset[str] = frozenset(), limit: int = MAX_RUN_BYTES
) -> Iterator[Outcome]:
    """Read files and folders and give each file's outcome, one at a time.

    Nothing is kept between files but the identity keys, so memory stays bounded by the
    caller: store each imported run as it comes.

    Args:
        paths: Files and folders, as the runner named them.
        known: The identity keys of runs already in the log.
        limit: The largest file read, in bytes.
    """
    return dedup(((path, read_run_file(path, limit)) for path in find_files(paths)), known)
