"""Expanding routines into plans: segments, start times, sides, sets, levels, totals."""

from __future__ import annotations

from textwrap import dedent

import pytest

from stride_tui.routine.loader import parse_routine
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Plan, SegmentKind, expand

K = SegmentKind


def routine(text: str) -> Routine:
    return parse_routine(text.encode(), "t.yaml")


def kinds(plan: Plan) -> list[tuple[str, float, float, str | None]]:
    return [(s.kind.value, s.start, s.duration, s.side) for s in plan.segments]


def test_both_sides_with_sets_get_switches_and_set_rests() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                defaults: {get_ready: 5s, switch: 4s, set_rest: 10s}
                steps:
                  - name: Lunge
                    reps: 4
                    tempo: 3-1-1
                    sides: both
                    sets: 2
                """)
        )
    )
    assert kinds(plan) == [
        ("get-ready", 0, 5, None),
        ("work", 5, 20, "left"),
        ("switch", 25, 4, "right"),  # a switch names the side to switch to
        ("work", 29, 20, "right"),
        ("rest", 49, 10, None),
        ("work", 59, 20, "left"),
        ("switch", 79, 4, "right"),
        ("work", 83, 20, "right"),
    ]
    assert plan.total == 103
    work = plan.segments[1]
    assert work.beat is not None
    assert [p.name for p in work.beat.phases] == ["lower", "pause", "return"]
    assert work.beat.count == 4
    assert (work.set_number, work.sets) == (1, 2)


def test_single_side_and_zero_get_ready() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                steps:
                  - {name: A, time: 30s, sides: right, get_ready: 0}
                """)
        )
    )
    assert kinds(plan) == [("work", 0, 30, "right")]


def test_wait_step_takes_no_planned_time_and_comes_before_get_ready() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                steps:
                  - {name: A, time: 10s}
                  - {name: Bridge, reps: 2, wait: Lie down, get_ready: 3s}
                """)
        )
    )
    assert [s.kind for s in plan.segments] == [K.GET_READY, K.WORK, K.WAIT, K.GET_READY, K.WORK]
    wait = plan.segments[2]
    assert (wait.start, wait.duration, wait.cues) == (15, 0, ("Lie down",))
    assert plan.total == 15 + 3 + 4


def test_default_rest_between_steps_not_after_the_last_nor_a_rest_step() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                defaults: {get_ready: 0, rest: 7s}
                steps:
                  - {name: A, time: 10s}
                  - {name: B, time: 10s, rest: 2s}
                  - {rest: 30s, name: Shake out, cues: [Loosen up]}
                  - {name: C, time: 10s}
                """)
        )
    )
    assert kinds(plan) == [
        ("work", 0, 10, None),
        ("rest", 10, 7, None),
        ("work", 17, 10, None),
        ("rest", 27, 2, None),
        ("rest", 29, 30, None),  # a rest step gets no default rest on top
        ("work", 59, 10, None),
    ]
    assert plan.segments[4].label == "Shake out"
    assert plan.segments[4].cues == ("Loosen up",)
    assert [s.kind for s in plan.steps] == ["time", "time", "rest", "time"]


def test_breathing_rounds_skip_empty_phases() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                steps:
                  - name: Breathe
                    get_ready: 0
                    breathe: {in: 4s, hold: 0, out: 6s, hold_out: 2s, rounds: 3}
                """)
        )
    )
    (work,) = plan.segments
    assert work.duration == 36
    assert work.beat is not None
    assert work.beat.unit == "breath"
    assert [(p.name, p.seconds) for p in work.beat.phases] == [("in", 4), ("out", 6), ("hold", 2)]


@pytest.mark.parametrize(
    ("level", "reps", "hold", "steps"),
    [("beginner", 8, 55, 2), ("standard", 10, 45, 2), ("experienced", 12, 45, 3)],
)
def test_levels_scale_reps_and_holds_and_pick_steps(
    level: Level, reps: int, hold: float, steps: int
) -> None:
    r = routine(
        dedent("""\
            name: T
            steps:
              - {name: Swings, reps: 10}
              - {name: Hold, time: 45s}
              - {name: Skips, time: 20s, levels: [experienced]}
            """)
    )
    plan = expand(r, level)
    assert len(plan.steps) == steps
    assert plan.steps[0].reps == reps
    assert plan.steps[1].work == hold


def test_scale_false_keeps_the_step_as_written_and_custom_factors_apply() -> None:
    r = routine(
        dedent("""\
            name: T
            levels: {beginner: {reps: 0.5, time: 2}}
            steps:
              - {name: A, reps: 10}
              - {name: B, time: 20s}
              - {name: C, time: 20s, scale: false}
            """)
    )
    plan = expand(r, "beginner")
    assert [s.reps for s in plan.steps] == [5, None, None]
    assert [s.work for s in plan.steps] == [5 * 2, 40, 20]


def test_timed_cues_past_a_scaled_down_end_are_dropped() -> None:
    r = routine(
        dedent("""\
            name: T
            steps:
              - name: A
                reps: 10
                tempo: 2s
                cues: [{at: 5s, say: early}, {at: 18s, say: late}]
            """)
    )
    beginner = expand(r, "beginner")  # 8 reps: 16 s of work
    standard = expand(r, "standard")
    work = next(s for s in beginner.segments if s.kind is K.WORK)
    assert [c.text for c in work.timed_cues] == ["early"]
    work = next(s for s in standard.segments if s.kind is K.WORK)
    assert [c.text for c in work.timed_cues] == ["early", "late"]


def test_segments_tile_the_timeline() -> None:
    plan = expand(
        routine(
            dedent("""\
                name: T
                steps:
                  - {name: A, reps: 3, sides: both, sets: 3}
                  - {rest: 10s}
                  - {name: B, breathe: {in: 1, out: 1, rounds: 2}, wait: true}
                """)
        )
    )
    for before, after in zip(plan.segments, plan.segments[1:], strict=False):
        assert after.start == pytest.approx(before.end)
    assert [s.index for s in plan.segments] == list(range(len(plan.segments)))
    for step in plan.steps:
        assert all(plan.segments[i].step == step.index for i in step.segments)
        assert plan.step_seconds(step) == pytest.approx(
            sum(plan.segments[i].duration for i in step.segments)
        )
        assert plan.step_start(step) == plan.segments[step.segments[0]].start
