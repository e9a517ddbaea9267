"""The plan cache: a checked routine and its plans, reused only while the file is unchanged."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.routine import loader
from stride_tui.routine.model import LEVELS, Level, Routine
from stride_tui.routine.plan import Plan, expand
from stride_tui.routine.plan_cache import PlanCache
from stride_tui.routine.problems import RoutineError

ROUTINE = "name: Hips\nsteps:\n  - {name: Couch stretch, time: 30s, sides: both}\n"


@pytest.fixture
def routine_file(tmp_path: Path) -> Path:
    path = tmp_path / "hips.yaml"
    path.write_text(ROUTINE)
    return path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time a routine file is read and checked (a cache miss)."""
    seen: list[Path] = []
    load = loader.load_routine

    def counted(path: str | os.PathLike[str]) -> Routine:
        seen.append(Path(path))
        return load(path)

    monkeypatch.setattr(loader, "load_routine", counted)
    return seen


def standard(routine: Routine) -> Plan:
    return expand(routine, "standard")


def test_an_unchanged_file_is_read_once(routine_file: Path, loads: list[Path]) -> None:
    first = PlanCache().plan(routine_file, "standard", standard)
    again = PlanCache().plan(routine_file, "standard", lambda _: pytest.fail("made again"))
    assert again == first == expand(loader.load_routine(routine_file), "standard")
    assert loads == [routine_file, routine_file]  # once by the cache, once by the check above
    assert list((locations.cache_dir() / "plans").iterdir())  # kept in the user's cache


def test_a_saved_file_is_read_again(routine_file: Path, loads: list[Path]) -> None:
    assert PlanCache().plan(routine_file, "standard", standard).total == 70
    routine_file.write_text(ROUTINE.replace("30s", "1m"))
    assert PlanCache().plan(routine_file, "standard", standard).total == 130
    assert len(loads) == 2


def test_new_code_reads_the_file_again(routine_file: Path, loads: list[Path]) -> None:
    PlanCache(version="1").routine(routine_file)
    PlanCache(version="1").routine(routine_file)
    PlanCache(version="2").routine(routine_file)
    assert len(loads) == 2


def test_a_plan_is_reused_only_at_its_level_and_context(routine_file: Path) -> None:
    cache = PlanCache()
    made: list[str] = []

    def make(level: str, context: str) -> Plan:
        def at(routine: Routine) -> Plan:
            made.append(f"{level}|{context}")
            return expand(routine, "beginner" if level == "beginner" else "standard")

        return cache.plan(routine_file, level, at, context)  # type: ignore[arg-type]

    make("standard", "log@1")
    make("standard", "log@1")
    make("beginner", "log@1")
    make("standard", "log@2")
    assert made == ["standard|log@1", "beginner|log@1", "standard|log@2"]


def test_a_damaged_cache_only_costs_a_read(routine_file: Path, loads: list[Path]) -> None:
    PlanCache().routine(routine_file)
    for entry in (locations.cache_dir() / "plans").iterdir():
        entry.write_bytes(b'{"stamp": [1, 2')
    assert PlanCache().routine(routine_file).name == "Hips"
    assert len(loads) == 2


def test_a_file_with_problems_raises_and_is_never_kept(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: B\nsteps:\n  - {name: A, rep: 3}\n")
    with pytest.raises(RoutineError, match="unknown key `rep`"):
        PlanCache().plan(broken, "standard", standard)
    assert not (locations.cache_dir() / "plans").exists()
    with pytest.raises(RoutineError, match="cannot read the file"):
        PlanCache().routine(tmp_path / "missing.yaml")


def unused(routine: Routine) -> Plan:
    pytest.fail(f"{routine.name} was not cached")


@pytest.mark.parametrize("level", LEVELS)
def test_every_builtin_plan_comes_back_exactly(level: Level) -> None:
    for path in sorted(locations.builtin_routines_dir().glob("*.yaml")):
        expected = PlanCache().plan(path, level, partial(expand, level=level))
        assert expected == expand(loader.load_routine(path), level)
        back = PlanCache().plan(path, level, unused)
        assert back == expected, path.name
