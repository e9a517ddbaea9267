"""The built-in routines: valid, and timed where the coaching articles put them."""

from __future__ import annotations

from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.routine.loader import load_routine
from stride_tui.routine.model import LEVELS
from stride_tui.routine.plan import SegmentKind, expand

BUILTINS = sorted(locations.builtin_routines_dir().glob("*.yaml"))


def test_the_weekly_template_is_covered() -> None:
    kinds = {load_routine(p).kind for p in BUILTINS}
    assert {"warm-up", "prelude", "recovery", "long-hold", "dynamic"} <= kinds


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_builtin_is_valid_at_every_level(path: Path) -> None:
    routine = load_routine(path)
    for level in LEVELS:
        plan = expand(routine, level)
        assert plan.total > 0
    assert any(step.checklist for step in routine.steps), "the checklist needs key movements"
    for step in routine.steps:
        for cue in step.cues:
            text = cue if isinstance(cue, str) else cue.say
            assert len(text) <= 40, f"cue too long to read from across the room: {text}"


def cue_texts(path: Path) -> list[str]:
    """Every cue of a routine file, as the player shows it."""
    return [
        cue if isinstance(cue, str) else cue.say
        for step in load_routine(path).steps
        for cue in step.cues
    ]


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_no_builtin_cue_is_split_by_a_comma(path: Path) -> None:
    # An unquoted comma in a YAML flow list splits one cue into two; the second
    # half then starts in lower case ("No pain", "only stretch").
    for text in cue_texts(path):
        assert text[0].isupper() or text[0].isdigit(), f"{path.name}: a cue split in two? {text!r}"


def test_long_hold_day_says_no_pain_in_one_cue() -> None:
    texts = cue_texts(locations.builtin_routines_dir() / "long-hold-day.yaml")
    assert "No pain, only stretch" in texts
    assert "No pain" not in texts


def test_pre_run_warmup_is_six_to_eight_minutes_at_every_level() -> None:
    routine = load_routine(locations.builtin_routines_dir() / "pre-run-warmup.yaml")
    totals = {level: expand(routine, level).total for level in LEVELS}
    for level, total in totals.items():
        assert 6 * 60 <= total <= 8 * 60, f"{level}: {total // 60:.0f}:{total % 60:02.0f}"
    assert totals["beginner"] < totals["standard"] < totals["experienced"]
    beginner, standard = expand(routine, "beginner"), expand(routine, "standard")
    assert sum(s.reps or 0 for s in beginner.steps) < sum(s.reps or 0 for s in standard.steps)


def test_recovery_holds_are_long_and_calm() -> None:
    routine = load_routine(locations.builtin_routines_dir() / "post-run-recovery.yaml")
    assert routine.sound == "calm"
    plan = expand(routine)
    holds = [s for s in plan.steps if s.kind == "time"]
    assert holds
    assert all(45 <= s.work <= 90 and s.sides == "both" for s in holds)
    assert plan.steps[-1].kind == "breathe"
    beginner = expand(routine, "beginner")
    assert [s.work for s in beginner.steps if s.kind == "time"] > [s.work for s in holds]


def test_prelude_is_short() -> None:
    plan = expand(load_routine(locations.builtin_routines_dir() / "quick-prelude.yaml"))
    assert plan.total <= 3 * 60
    assert not [s for s in plan.segments if s.kind is SegmentKind.WAIT]
