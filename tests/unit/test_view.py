"""The player's view model: the phase that colours the screen and what the big figure counts."""

from __future__ import annotations

from textwrap import dedent

from stride_tui.routine.plan import BeatUnit, SegmentKind
from stride_tui.tui.view import BLANK, PHASES, ViewPhase, build_view
from tests.helpers.engine import engine_of, run_for

EVERY_PHASE = dedent("""\
    name: T
    defaults: {get_ready: 2s, switch: 2s, rest: 3s}
    steps:
      - name: Hold
        time: 4s
        sides: both
        wait: Kneel on a pad
      - name: Breathe
        breathe: {in: 2s, out: 2s, rounds: 2}
      - name: Squat
        reps: 2
        tempo: 1-1
        phases: [down, up]
    """)


def test_each_segment_kind_has_its_phase_and_a_breath_counts_breaths() -> None:
    engine, clock = engine_of(EVERY_PHASE)
    plan = engine.plan
    engine.start()
    engine.update()
    seen: dict[tuple[SegmentKind, BeatUnit | None], tuple[ViewPhase | None, str]] = {}
    for _ in range(400):
        snap = engine.snapshot()
        view = build_view(snap, plan)
        unit = snap.segment.beat.unit if snap.segment.beat is not None else None
        seen.setdefault((snap.segment.kind, unit), (view.phase, view.count_label))
        if snap.segment.kind is SegmentKind.WAIT:
            engine.ready()
        run_for(engine, clock, 0.1)
    assert seen == {
        (SegmentKind.WAIT, None): (ViewPhase.WAIT, "press space"),
        (SegmentKind.GET_READY, None): (ViewPhase.GET_READY, "to go"),
        (SegmentKind.WORK, None): (ViewPhase.WORK, "to go"),
        (SegmentKind.SWITCH, None): (ViewPhase.SWITCH, "to go"),
        (SegmentKind.REST, None): (ViewPhase.REST, "to go"),
        (SegmentKind.WORK, BeatUnit.BREATH): (ViewPhase.BREATHE, "breath 1 of 2 · Breathe in"),
        (SegmentKind.WORK, BeatUnit.REP): (ViewPhase.WORK, "rep · down · 1"),
    }


def test_a_breath_shows_its_part_in_large_type_and_get_ready_one_digit() -> None:
    engine, clock = engine_of(EVERY_PHASE)
    plan = engine.plan
    engine.start()
    engine.update()
    figures: list[tuple[SegmentKind, str]] = []
    for _ in range(400):
        snap = engine.snapshot()
        view = build_view(snap, plan)
        if not figures or figures[-1] != (snap.segment.kind, view.count):
            figures.append((snap.segment.kind, view.count))
        if snap.segment.kind is SegmentKind.WAIT:
            engine.ready()
        run_for(engine, clock, 0.1)
    breathing = [count for kind, count in figures if count[:1].isalpha()]
    assert breathing == ["IN 2", "IN 1", "OUT 2", "OUT 1"] * 2
    ready = [count for kind, count in figures if kind is SegmentKind.GET_READY]
    assert set(ready) == {"2", "1"}, ready


def test_every_phase_names_a_css_class_and_the_blank_view_has_none() -> None:
    assert [f"phase-{phase}" for phase in PHASES] == [
        "phase-get-ready", "phase-work", "phase-switch", "phase-rest", "phase-breathe",
        "phase-wait",
    ]  # fmt: skip
    assert BLANK.phase is None
