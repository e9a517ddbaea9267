"""Routine files whose names are not UTF-8 cost nothing but their own escapes.

A file from an old archive named in Latin-1, or with bytes that are no encoding at all,
is listed with those bytes escaped (``\\xfc``), can be looked up by that escaped id, and
every other routine is listed beside it.
"""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.routine.library import discover, resolve, summaries
from stride_tui.text import visible
from tests.helpers.commands import assert_clean, run_stride

VALID = dedent("""\
    name: Old archive
    steps:
      - {name: Breathe, time: 1s}
    """)

NAMES = {
    b"H\xfcftdehnung.yaml": "H\\xfcftdehnung",  # Latin-1
    b"bad\xff\xfe\xc3(.yaml": "bad\\xff\\xfe\\xc3(",  # no encoding at all
    b"\xe2\x82.yaml": "\\xe2\\x82",  # a UTF-8 sequence cut short
}


@pytest.fixture
def odd_names(stride_home: Path) -> Path:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    for raw in NAMES:
        with open(os.path.join(os.fsencode(folder), raw), "w", encoding="utf-8") as file:
            file.write(VALID)
    (folder / "plain.yaml").write_text(VALID.replace("Old archive", "Plain"), encoding="utf-8")
    return folder


def test_visible_shows_undecodable_bytes_as_the_bytes_they_were() -> None:
    assert visible(os.fsdecode(b"H\xfcft")) == "H\\xfcft"
    assert visible("\ud800x") == "\\ud800x"  # any other lone surrogate: escaped too


def test_the_library_lists_every_file_by_an_escaped_id(odd_names: Path) -> None:
    sources = discover()
    assert set(NAMES.values()) | {"plain"} <= set(sources)
    found = summaries(sources)  # the summary cache is written: every key is JSON
    assert all(found[rid].name == "Old archive" for rid in NAMES.values())
    assert locations.routine_index_file().is_file()
    assert resolve("H\\xfcft").path.name == os.fsdecode(b"H\xfcftdehnung.yaml")


@pytest.mark.parametrize("argv", [("list",), ("list", "--ids"), ("today",)], ids=" ".join)
def test_commands_list_the_library_around_an_undecodable_name(
    argv: tuple[str, ...], odd_names: Path, tmp_path: Path
) -> None:
    result = run_stride(*argv, cwd=tmp_path)
    output = assert_clean(result)
    assert result.returncode == 0
    if argv[0] == "list":
        assert "H\\xfcftdehnung" in output
        assert "plain" in output
        assert "dynamic-day" in output


def test_show_and_check_find_a_routine_by_its_escaped_id(odd_names: Path, tmp_path: Path) -> None:
    shown = run_stride("show", "H\\xfcft", cwd=tmp_path)
    assert "Old archive" in assert_clean(shown)
    checked = run_stride("check", "bad\\xff", cwd=tmp_path)
    assert ": ok" in assert_clean(checked)
    assert "\\xff" in checked.stdout.decode()
