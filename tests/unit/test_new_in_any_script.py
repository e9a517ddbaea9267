"""``stride new`` makes an id from a name in any script, and the routine then plays."""

from __future__ import annotations

from pathlib import Path

import pytest

from stride_tui.routine.authoring import MAX_ID_CHARACTERS, slug
from tests.helpers.commands import assert_clean, run_stride


@pytest.mark.parametrize(
    ("name", "rid"),
    [
        ("Ωμέγα ροή", "ωμέγα-ροή"),
        ("Утренняя разминка", "утренняя-разминка"),
        ("山の朝", "山の朝"),
        ("Hip Flow #2", "hip-flow-2"),
        ("E\u0301cole", "école"),  # composed, so the same name gives the same id
        ("ﬁne   tuning", "fine-tuning"),
        ("evil\u202e\x1b[31m", "evil-31m"),  # controls become hyphens
    ],
)
def test_letters_and_digits_of_every_script_make_the_id(name: str, rid: str) -> None:
    assert slug(name) == rid


def test_an_id_is_bounded_and_never_ends_in_a_hyphen() -> None:
    made = slug("a " * 200)
    assert len(made) <= MAX_ID_CHARACTERS
    assert not made.endswith("-")
    assert slug(" -- !! ") == ""


@pytest.mark.parametrize("name", ["Ωμέγα ροή", "Утренняя разминка"])
def test_new_then_show_a_routine_named_in_another_script(name: str, tmp_path: Path) -> None:
    made = run_stride("new", name, cwd=tmp_path, env={"VISUAL": "true", "EDITOR": "true"})
    assert made.returncode == 0, assert_clean(made)
    shown = run_stride("show", slug(name), cwd=tmp_path)
    assert name in assert_clean(shown)
    assert shown.returncode == 0
