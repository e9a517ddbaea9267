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


def test_pre_run_warmup_is_six_to_eight_minutes_at_every_level() -> None:
    routine = load_routine(locations.builtin_routines_dir() / "pre-run-warmup.yaml")
    totals = {level: expand(routine, level).total for level in LEVELS}
    assert 6 * 60 <= totals["standard"] <= 8 * 60
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
