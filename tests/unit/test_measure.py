"""Guided tests: the `measure:` key, the asks a step makes, the number typed key by key."""

from __future__ import annotations

from typing import get_args

import pytest

from stride_tui import locations
from stride_tui.live.measure import (
    Ask,
    MeasureWatch,
    NumberEntry,
    Recorded,
    Refused,
    Skipped,
    asks_for,
)
from stride_tui.log.markers import KINDS
from stride_tui.routine.loader import load_routine, parse_routine
from stride_tui.routine.model import MeasureKind
from stride_tui.routine.plan import expand
from stride_tui.routine.problems import RoutineError
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import Engine


def test_a_step_may_measure_exactly_the_marker_kinds() -> None:
    assert set(get_args(MeasureKind)) == set(KINDS)


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), "r.yaml")
    return [p.render("r.yaml") for p in caught.value.problems]


def test_measure_is_checked_with_its_place() -> None:
    found = problems("name: X\nsteps:\n  - name: A\n    time: 5s\n    measure: hip-flexion\n")
    assert len(found) == 1 and found[0].startswith("r.yaml:5:14: ")
    rest = problems("name: X\nsteps:\n  - rest: 5s\n    measure: cadence\n")
    assert rest == [
        "r.yaml:4:5: steps[0].measure: `measure` means nothing on a rest step; remove it"
    ]


ROUTINE = """\
name: X
defaults: {get_ready: 1s, switch: 1s}
steps:
  - {name: Thomas, time: 2s, sides: both, measure: hip-extension}
  - {name: Wall, time: 2s, sides: left, measure: ankle-dorsiflexion}
  - {name: Walk, time: 2s}
"""


def test_a_two_sided_step_asks_left_then_right_once_it_ends() -> None:
    plan = expand(parse_routine(ROUTINE.encode(), "r.yaml"))
    assert [(a.kind.name, a.side) for a in asks_for(plan, 0)] == [
        ("hip-extension", "left"), ("hip-extension", "right"),
    ]  # fmt: skip
    assert [(a.kind.name, a.side) for a in asks_for(plan, 1)] == [("ankle-dorsiflexion", "left")]
    assert asks_for(plan, 2) == []
    clock = ManualClock()
    engine = Engine(plan, clock)
    watch = MeasureWatch(plan)
    engine.start()
    clock.advance(4.5)  # in the right side's hold: the step has not ended
    engine.update()
    assert watch.due(engine) == []
    engine.skip()  # ended (skipped counts: the runner may have measured anyway)
    engine.update()
    assert [a.side for a in watch.due(engine)] == ["left", "right"]
    assert watch.due(engine) == []  # asked once


def entry(kind: str = "hip-extension") -> NumberEntry:
    return NumberEntry(Ask(0, KINDS[kind], "left"))


def typed(keys: str, kind: str = "hip-extension") -> object:
    number = entry(kind)
    answer = None
    for key in keys:
        answer = number.key(key)
    return answer


def test_the_number_is_typed_checked_and_bounded() -> None:
    assert typed("12.5\r") == Recorded(12.5)
    assert typed("12,5\r") == Recorded(12.5)  # a decimal comma
    assert typed("-30\r") == Recorded(-30)  # at the limit
    assert typed("-31\r") == Refused(
        "-31° is not a plausible hip extension angle; expected -30 to 90°"
    )  # one past it
    assert typed("90\r") == Recorded(90) and isinstance(typed("90.1\r"), Refused)
    assert typed("25\r", "ankle-dorsiflexion") == Recorded(25)
    assert isinstance(typed("25.5\r", "ankle-dorsiflexion"), Refused)
    assert typed("1x2\x7f4\r") == Recorded(14)  # letters ignored, backspace erases
    assert typed("\r") == Refused("type a number")
    assert typed("12\x1b") == Skipped()
    long = entry()
    for key in "123456789":
        long.key(key)
    assert long.text == "12345678"  # at most eight characters
    assert entry().ask.prompt() == (
        "Hip extension angle, left in ° (-30 to 90); Enter records, Esc skips: "
    )


def test_the_builtin_mobility_check_measures_both_tests_on_each_side() -> None:
    routine = load_routine(locations.builtin_routines_dir() / "mobility-check.yaml")
    plan = expand(routine)
    measured = [(s.measure, s.sides) for s in plan.steps if s.measure]
    assert measured == [("hip-extension", "both"), ("ankle-dorsiflexion", "both")]
    assert 4.5 * 60 <= plan.total <= 5.5 * 60  # about five minutes
    for step in routine.steps:
        if step.measure:
            assert "phone" in step.how or "tape" in step.how
