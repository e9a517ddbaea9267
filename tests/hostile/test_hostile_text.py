"""Text on its way out: every control character from a file shown escaped; counts and columns."""

from __future__ import annotations

import pytest

from stride_tui.text import first_control, plural, spreadsheet_cell, table, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Hip circles", "Hip circles"),
        ("Fente avant, genou aligné ✓", "Fente avant, genou aligné ✓"),
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
        ("\x1b[2J\x1b[?1049h", "\\x1b[2J\\x1b[?1049h"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("\x00\x7f", "\\x00\\x7f"),
        ("\x9b31m\x85", "\\x9b31m\\x85"),
        ("\u202eevil\u202c", "\\u202eevil\\u202c"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
    ],
)
def test_visible_escapes_every_control_and_nothing_else(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert first_control(shown) is None


def test_line_breaks_can_be_kept_for_multi_line_cells() -> None:
    assert visible("one\ntwo\x1b", newlines=True) == "one\ntwo\\x1b"
    assert first_control("one\ntwo", newlines=True) is None
    assert first_control("one\ntwo") == 3


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\\t=1"),
        ("\r=1", "'\\r=1"),
        ("Felt tight\non the left", "Felt tight\non the left"),
        ("a = b", "a = b"),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(raw: str, cell: str) -> None:
    assert spreadsheet_cell(raw) == cell


def test_plural_and_table() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert table([("ID", "TIME"), ("warm-up", "7:33"), ("x", "12:00")], right=frozenset({1})) == [
        "ID        TIME",
        "warm-up   7:33",
        "x        12:00",
    ]
