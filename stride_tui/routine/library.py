"""The library of routines: built-in and user files, lookup by id or prefix, and summaries.

Routine ids are file stems. A user routine with a built-in's id overrides it. Listing
many routines reads summaries from a small cache keyed by each file's path, size and
modification time, so only new or changed files are parsed.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from dataclasses import dataclass
from pathlib import Path

import msgspec

from stride_tui import __version__, locations
from stride_tui.errors import StrideError
from stride_tui.files import ReadFailure, file_stamp, make_folder, read_regular, write_atomic
from stride_tui.routine.model import Level
from stride_tui.routine.problems import RoutineError
from stride_tui.text import visible

SUFFIXES = (".yaml", ".yml")
MAX_INDEX_BYTES = 50_000_000
"""Largest summary cache read; far more than thousands of routines need."""


@dataclass(frozen=True, slots=True)
class RoutineSource:
    """Where a routine comes from."""

    id: str
    path: Path
    builtin: bool
    overrides_builtin: bool = False

    @property
    def origin(self) -> str:
        """``built-in``, ``user``, or ``user (overrides built-in)``."""
        if self.builtin:
            return "built-in"
        return "user (overrides built-in)" if self.overrides_builtin else "user"


class RoutineNotFound(StrideError, LookupError):
    """No routine, or more than one, matches what was asked for; the message says which."""


def _files(folder: Path) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        Path(e.path) for e in entries if e.name.endswith(SUFFIXES) and not e.name.startswith(".")
    ]


def discover(
    builtin_dir: Path | None = None, user_dir: Path | None = None
) -> dict[str, RoutineSource]:
    """Find every routine, by id; user files override built-in ones of the same id."""
    builtin_dir = builtin_dir or locations.builtin_routines_dir()
    user_dir = user_dir or locations.user_routines_dir()
    found: dict[str, RoutineSource] = {}
    for path in sorted(_files(builtin_dir)):
        found[routine_id(path)] = RoutineSource(routine_id(path), path, builtin=True)
    for path in sorted(_files(user_dir)):
        rid = routine_id(path)
        overrides = rid in found and found[rid].builtin
        found[rid] = RoutineSource(rid, path, builtin=False, overrides_builtin=overrides)
    return dict(sorted(found.items()))


def routine_id(path: Path) -> str:
    r"""A routine's id: its file's stem, with bytes that are not UTF-8 escaped (``H\xfcft``).

    A name from an old archive, in Latin-1, must cost neither the listing nor the
    terminal: the escaped id can be printed, typed and looked up.
    """
    return visible(path.stem)


def _index_key(path: Path) -> str:
    """The cache's key for a file: its path, every byte of it representable in JSON."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def resolve(query: str, sources: dict[str, RoutineSource] | None = None) -> RoutineSource:
    """Find the routine that ``query`` names: an id, a unique id prefix, or a file path.

    Raises:
        RoutineNotFound: Nothing matches, or a prefix matches several routines.
    """
    sources = discover() if sources is None else sources
    if query in sources:
        return sources[query]
    as_path = Path(query).expanduser()
    # Anything at that path, even a dangling link or a folder: loading it says what is wrong.
    if (os.sep in query or query.endswith(SUFFIXES)) and os.path.lexists(as_path):
        return RoutineSource(as_path.stem, as_path, builtin=False)
    matches = [rid for rid in sources if rid.startswith(query)]
    if len(matches) == 1:
        return sources[matches[0]]
    if matches:
        raise RoutineNotFound(
            f"`{visible(query)}` matches several routines: "
            f"{', '.join(visible(m) for m in matches)}; type more of the id"
        )
    close = difflib.get_close_matches(query, list(sources), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(f'`{visible(c)}`' for c in close)}?" if close else ""
    raise RoutineNotFound(f"no routine `{visible(query)}`{hint} (`stride list` shows them all)")


class Summary(msgspec.Struct, frozen=True):
    """What a listing shows of one routine: its name, kind and total, or its problems."""

    name: str
    kind: str
    summary: str
    total: float
    """Seconds at standard level."""
    steps: int
    problems: list[str]
    """The first few problems, rendered; empty when the file is valid."""
    problem_count: int


class _Entry(msgspec.Struct):
    mtime_ns: int
    size: int
    summary: Summary


class _Index(msgspec.Struct):
    version: str
    entries: dict[str, _Entry]


def summarise(path: Path) -> Summary:
    """Load one routine file and summarise it (problems included, never raised)."""
    from stride_tui.routine.loader import load_routine  # only what must be parsed pays
    from stride_tui.routine.plan import expand

    try:
        routine = load_routine(path)
    except RoutineError as error:
        shown = [problem.render(str(path)) for problem in error.problems[:3]]
        return Summary(routine_id(path), "invalid", "", 0.0, 0, shown, len(error.problems))
    plan = expand(routine)
    return Summary(routine.name, routine.kind, routine.summary, plan.total, len(plan.steps), [], 0)


def _code_version() -> str:
    """Changes whenever the loading code does, so an old cache is never trusted."""
    here = Path(__file__).parent
    stamps = sorted(f"{p.name}:{p.stat().st_mtime_ns}" for p in here.glob("*.py"))
    return f"{__version__}|{'|'.join(stamps)}"


def _read_index(path: Path, version: str) -> dict[str, _Entry]:
    try:
        index = msgspec.json.decode(read_regular(path, MAX_INDEX_BYTES), type=_Index)
    except (ReadFailure, msgspec.DecodeError, msgspec.ValidationError):
        return {}
    return index.entries if index.version == version else {}


def _write_index(path: Path, version: str, entries: dict[str, _Entry]) -> None:
    """Save the cache; a cache that cannot be written only costs speed next time."""
    with contextlib.suppress(OSError):
        make_folder(path.parent)
        # No disk flush: the picker lists on the UI thread, and a lost index costs a parse.
        write_atomic(path, msgspec.json.encode(_Index(version, entries)), durable=False)


def summaries(
    sources: dict[str, RoutineSource], index_path: Path | None = None
) -> dict[str, Summary]:
    """Summarise every routine in ``sources``, parsing only files changed since last time."""
    index_path = index_path or locations.routine_index_file()
    version = _code_version()
    cached = _read_index(index_path, version)
    fresh: dict[str, _Entry] = {}
    result: dict[str, Summary] = {}
    for rid, source in sources.items():
        key = _index_key(source.path)
        stamp = file_stamp(source.path)
        if stamp is None:
            # A dangling link or a loop: never cached, so fixing it shows at once.
            result[rid] = summarise(source.path)
            continue
        entry = cached.get(key)
        if entry is None or (entry.mtime_ns, entry.size) != stamp:
            entry = _Entry(*stamp, summarise(source.path))
        fresh[key] = entry
        result[rid] = entry.summary
    if fresh != cached:
        _write_index(index_path, version, fresh)
    return result


def summary_at(source: RoutineSource, level: Level, standard: Summary) -> Summary:
    """``standard`` (a summary at the standard level) with the total and steps at ``level``.

    A routine with problems keeps its summary as it is: there is no plan to total.
    """
    from stride_tui.routine.loader import load_routine
    from stride_tui.routine.plan import expand

    if standard.problems or level == "standard":
        return standard
    try:
        plan = expand(load_routine(source.path), level)
    except RoutineError:
        return standard
    return msgspec.structs.replace(standard, total=plan.total, steps=len(plan.steps))
