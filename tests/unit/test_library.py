"""The routine library: discovery, overrides, id prefixes, and the summary cache."""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.routine import library
from stride_tui.routine.library import RoutineNotFound, discover, resolve, summaries

VALID = dedent("""\
    name: {name}
    steps:
      - {{name: A, time: 30s}}
    """)


def write(folder: Path, rid: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rid}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtins_are_found_and_user_files_override_them() -> None:
    before = discover()
    assert {
        "pre-run-warmup",
        "post-run-recovery",
        "long-hold-day",
        "dynamic-day",
        "quick-prelude",
    } <= set(before)
    assert all(source.builtin for source in before.values())
    write(locations.user_routines_dir(), "pre-run-warmup", VALID.format(name="Mine"))
    write(locations.user_routines_dir(), "extra", VALID.format(name="Extra"))
    after = discover()
    assert after["pre-run-warmup"].origin == "user (overrides built-in)"
    assert after["extra"].origin == "user"
    assert after["dynamic-day"].origin == "built-in"


def test_resolve_by_id_prefix_and_path(tmp_path: Path) -> None:
    sources = discover()
    assert resolve("pre", sources).id == "pre-run-warmup"
    assert resolve("post-run-recovery", sources).id == "post-run-recovery"
    path = write(tmp_path, "elsewhere", VALID.format(name="E"))
    assert resolve(str(path), sources).path == path
    write(locations.user_routines_dir(), "pre-hab", VALID.format(name="P"))
    with pytest.raises(RoutineNotFound, match="several routines: pre-hab, pre-run-warmup"):
        resolve("pre", discover())
    with pytest.raises(RoutineNotFound, match="did you mean `dynamic-day`"):
        resolve("dynamc-day", sources)


def test_summaries_use_the_cache_until_a_file_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(locations.user_routines_dir(), "mine", VALID.format(name="First"))
    sources = discover()
    first = summaries(sources)
    assert first["mine"].name == "First"
    assert first["pre-run-warmup"].total == 453
    assert locations.routine_index_file().exists()

    parsed: list[Path] = []
    real = library.summarise

    def counting(path: Path) -> library.Summary:
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(library, "summarise", counting)
    assert summaries(sources) == first
    assert parsed == []  # nothing changed: nothing parsed

    path.write_text(VALID.format(name="Second, longer"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new mtime even on coarse file systems
    assert summaries(sources)["mine"].name == "Second, longer"
    assert parsed == [path]


def test_invalid_routines_are_summarised_with_their_problems() -> None:
    write(
        locations.user_routines_dir(),
        "broken",
        dedent("""\
            name: B
            steps:
              - {name: A, rep: 3}
            """),
    )
    found = summaries(discover())
    assert found["broken"].kind == "invalid"
    assert found["broken"].problem_count == 1
    assert (
        found["broken"]
        .problems[0]
        .endswith("broken.yaml:3:15: steps[0]: unknown key `rep`; did you mean `reps`?")
    )


def test_a_corrupt_or_unwritable_cache_only_costs_speed() -> None:
    index = locations.routine_index_file()
    index.parent.mkdir(parents=True)
    index.write_bytes(b"\x00not json")
    assert summaries(discover())["pre-run-warmup"].total == 453
    assert index.read_bytes().startswith(b"{")
    index.unlink()
    index.mkdir()  # a folder where the file should be: cannot be replaced
    assert summaries(discover())["pre-run-warmup"].total == 453
