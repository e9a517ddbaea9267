"""The session engine on a manual clock: every event, every control, exact times."""

from __future__ import annotations

from textwrap import dedent

import pytest

from stride_tui.routine.plan import SegmentKind
from stride_tui.session.engine import RESUME_COUNTDOWN, Engine, State, StepStatus
from stride_tui.session.events import EventKind
from stride_tui.session.outcome import Outcome, OutcomeKind
from tests.helpers.engine import brief, engine_of, plan_of, run_for

HOLD = dedent("""\
    name: T
    steps:
      - name: Couch
        time: 30s
        cues: [Neutral pelvis, {at: 10s, say: Keep ribs quiet}]
    """)


def test_a_hold_announces_each_moment_once_at_its_time() -> None:
    engine, clock = engine_of(HOLD)
    engine.start()
    events = engine.update() + run_for(engine, clock, 40)
    assert brief(events) == [
        ("segment-started", 0, 0),
        ("get-ready-tick", 2, 3),
        ("get-ready-tick", 3, 2),
        ("get-ready-tick", 4, 1),
        ("segment-started", 5, 0),
        ("cue-shown", 5, "Neutral pelvis"),
        ("cue", 15, "Keep ribs quiet"),
        ("halfway", 20, 0),
        ("last-seconds", 32, 3),
        ("last-seconds", 33, 2),
        ("last-seconds", 34, 1),
        ("step-finished", 35, 0),
        ("routine-finished", 35, "completed"),
    ]
    assert [e.position for e in events if e.kind is EventKind.CUE] == [15.0]
    assert engine.state is State.FINISHED
    assert engine.finished_at == 1035.0
    assert engine.step_status(0) is StepStatus.DONE


def test_reps_announce_each_rep_and_phase() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: Lunge, reps: 2, tempo: 2-1, phases: [down, up], get_ready: 0}
            """)
    )
    engine.start()
    events = engine.update() + run_for(engine, clock, 7)
    assert brief(events) == [
        ("segment-started", 0, 0),
        ("rep", 0, 1),
        ("phase", 0, "down"),
        ("phase", 2, "up"),
        ("rep", 3, 2),
        ("phase", 3, "down"),
        ("phase", 5, "up"),
        ("step-finished", 6, 0),
        ("routine-finished", 6, "completed"),
    ]


def test_breathing_announces_in_hold_out() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - name: B
                get_ready: 0
                breathe: {in: 4, hold: 2, out: 6, rounds: 2}
            """)
    )
    engine.start()
    events = engine.update() + run_for(engine, clock, 25)
    breaths = [(k, t, x) for k, t, x in brief(events) if k == "breathe"]
    assert breaths == [
        ("breathe", 0, "in"), ("breathe", 4, "hold"), ("breathe", 6, "out"),
        ("breathe", 12, "in"), ("breathe", 16, "hold"), ("breathe", 18, "out"),
    ]  # fmt: skip


def test_switch_sides_names_the_new_side() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: Hold, time: 10s, sides: both, get_ready: 0, switch: 4s}
            """)
    )
    engine.start()
    events = engine.update() + run_for(engine, clock, 30)
    switches = [(k, t, x) for k, t, x in brief(events) if k == "switch-sides"]
    assert switches == [("switch-sides", 10, "right")]
    assert engine.finished_at == 1000 + 24


def test_a_five_second_stall_emits_everything_in_order_and_lands_right() -> None:
    engine, clock = engine_of(HOLD)
    engine.start()
    engine.update()
    clock.advance(3.5)
    engine.update()
    clock.advance(5.0)  # the app stalls across the get-ready boundary
    events = engine.update()
    assert brief(events) == [
        ("get-ready-tick", 4, 1),
        ("segment-started", 5, 0),
        ("cue-shown", 5, "Neutral pelvis"),
    ]
    snap = engine.snapshot()
    assert snap.segment.kind.value == "work"
    assert snap.segment_elapsed == pytest.approx(3.5)
    assert snap.elapsed == pytest.approx(8.5)
    assert [e.due for e in events] == sorted(e.due for e in events)


def test_pause_during_get_ready_freezes_time_and_resumes_at_once() -> None:
    engine, clock = engine_of(HOLD)
    engine.start()
    run_for(engine, clock, 2.5)
    engine.pause()
    assert brief(engine.update()) == [("paused", 2.5, 0)]
    before = engine.snapshot()
    clock.advance(60)
    assert engine.update() == []
    assert engine.snapshot().elapsed == before.elapsed == pytest.approx(2.5)
    assert engine.snapshot().paused
    engine.resume()  # not a hold: no 3-2-1
    events = engine.update() + run_for(engine, clock, 3)
    assert brief(events)[:3] == [
        ("resumed", 62.5, 0),
        ("get-ready-tick", 63, 2),
        ("get-ready-tick", 64, 1),
    ]
    assert engine.paused_seconds == pytest.approx(60)


def test_resuming_a_hold_counts_three_two_one_first() -> None:
    engine, clock = engine_of(HOLD)
    engine.start()
    run_for(engine, clock, 10)  # 5 s into the hold
    engine.pause()
    clock.advance(20)
    engine.resume()
    assert engine.snapshot().state is State.RESUMING
    assert engine.snapshot().resume_in == RESUME_COUNTDOWN
    events = engine.update() + run_for(engine, clock, 1.5)
    engine.pause()  # a second thought during the count: back to paused
    events += engine.update()
    assert engine.state is State.PAUSED
    clock.advance(5)
    engine.resume()
    events += engine.update() + run_for(engine, clock, 8.2)
    assert brief(events) == [
        ("paused", 10, 0),
        ("resume-tick", 30, 3),
        ("resume-tick", 31, 2),
        ("paused", 31.5, 0),
        ("resume-tick", 36.5, 3),
        ("resume-tick", 37.5, 2),
        ("resume-tick", 38.5, 1),
        ("resumed", 39.5, 0),
        ("cue", 44.5, "Keep ribs quiet"),  # 10 s into the hold: 5 before, 5 after
    ]
    # 5 s before the pause, 5.2 s since the count-in ended; the pauses do not count.
    assert engine.snapshot().segment_elapsed == pytest.approx(10.2)
    assert engine.paused_seconds == pytest.approx(29.5)


def test_skip_during_a_switch_starts_the_next_side_now() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: Hold, time: 10s, sides: both, get_ready: 0, switch: 5s}
            """)
    )
    engine.start()
    run_for(engine, clock, 12)
    assert engine.snapshot().segment.kind.value == "switch"
    engine.skip()
    events = engine.update()
    assert brief(events) == [("skipped", 12, 0), ("segment-started", 12, 0)]
    snap = engine.snapshot()
    assert (snap.segment.kind.value, snap.side) == ("work", "right")
    assert snap.elapsed == 15  # the timeline position jumps to the next segment's start
    run_for(engine, clock, 10)
    assert engine.finished_at == pytest.approx(1022)
    assert engine.step_status(0) is StepStatus.SKIPPED


def test_back_restarts_or_goes_to_the_previous_segment() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 20s}
              - {name: B, time: 20s}
            """)
    )
    engine.start()
    run_for(engine, clock, 1)
    engine.back()  # at the very first segment: restart it
    assert engine.index == 0 and engine.snapshot().segment_elapsed == 0
    run_for(engine, clock, 15)  # 10 s into A's work
    engine.back()  # well into the segment: restart it
    assert engine.index == 1 and engine.snapshot().segment_elapsed == 0
    events = run_for(engine, clock, 1)
    engine.back()  # near the start: the previous segment (A's get-ready)
    assert engine.index == 0
    assert engine.update()[-1].kind is EventKind.SEGMENT_STARTED
    assert [e.kind for e in events if e.kind is EventKind.HALFWAY] == []


def test_extend_moves_the_end_and_the_last_seconds_with_it() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 20s, get_ready: 0}
            """)
    )
    engine.start()
    run_for(engine, clock, 5)
    engine.extend(10)
    assert engine.total == 30 and engine.added == 10
    events = run_for(engine, clock, 40)
    assert [(k, t, x) for k, t, x in brief(events) if k in ("halfway", "last-seconds")] == [
        ("halfway", 15, 0), ("last-seconds", 27, 3), ("last-seconds", 28, 2),
        ("last-seconds", 29, 1),
    ]  # fmt: skip
    assert engine.finished_at == 1030


def test_removing_more_than_is_left_ends_the_segment_now() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 20s, get_ready: 0}
              - {name: B, time: 20s, get_ready: 0}
            """)
    )
    engine.start()
    run_for(engine, clock, 16)
    engine.extend(-10)
    events = engine.update()
    assert brief(events) == [("step-finished", 16, 0), ("segment-started", 16, 0)]
    assert engine.added == pytest.approx(-4)
    snap = engine.snapshot()
    assert snap.elapsed + snap.remaining == pytest.approx(40 - 4)


def test_every_step_ready_gated() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            defaults: {get_ready: 0}
            steps:
              - {name: A, time: 5s, wait: Lie down}
              - {name: B, time: 5s, wait: true}
            """)
    )
    engine.start()
    assert brief(engine.update()) == [("segment-started", 0, 0), ("waiting", 0, "Lie down")]
    clock.advance(30)
    assert engine.update() == [] and engine.state is State.WAITING
    assert engine.snapshot().elapsed == 0
    engine.toggle()  # space means ready when waiting
    events = engine.update() + run_for(engine, clock, 10)
    assert brief(events) == [
        ("segment-started", 30, 0),
        ("last-seconds", 32, 3), ("last-seconds", 33, 2), ("last-seconds", 34, 1),
        ("step-finished", 35, 0),
        ("segment-started", 35, 0),
        ("waiting", 35, "Get into position"),
    ]  # fmt: skip
    engine.ready()
    run_for(engine, clock, 6)
    assert engine.snapshot().state is State.FINISHED
    assert engine.waited_seconds == pytest.approx(30 + 5)
    assert engine.finished_at == pytest.approx(1000 + 30 + 5 + 5 + 5)


def test_jump_and_finish_early() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 20s}
              - {name: B, time: 20s}
              - {name: C, time: 20s}
            """)
    )
    engine.start()
    run_for(engine, clock, 2)
    engine.jump(2)
    assert engine.snapshot().step_name == "C"
    engine.jump(1)
    run_for(engine, clock, 25)
    engine.finish()
    events = engine.update()
    assert brief(events)[-1] == ("routine-finished", 27, "stopped")
    assert [engine.step_status(i) for i in range(3)] == [
        StepStatus.SKIPPED, StepStatus.DONE, StepStatus.SKIPPED,
    ]  # fmt: skip
    with pytest.raises(IndexError):
        engine.jump(7)


def test_snapshot_reports_reps_phase_cues_and_what_is_next() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            steps:
              - name: Bridge
                reps: 5
                tempo: 1-2-2
                phases: [lift, squeeze, lower]
                get_ready: 0
                cues: [Drive from the heel, Neutral pelvis]
              - {name: Rest easy, time: 10s}
            """)
    )
    engine.start()
    run_for(engine, clock, 6.5)  # rep 2, 1.5 s in: squeezing
    snap = engine.snapshot()
    assert (snap.rep, snap.reps, snap.phase) == (2, 5, "squeeze")
    assert snap.cue == "Drive from the heel"
    run_for(engine, clock, 2)  # past 8 s: the next whole-step cue
    assert engine.snapshot().cue == "Neutral pelvis"
    assert snap.next_up == "Rest easy"
    assert snap.remaining == pytest.approx(25 + 5 + 10 - 6.5)


def test_irregular_updates_end_exactly_on_time() -> None:
    plan = plan_of(
        dedent("""\
            name: T
            steps:
              - {name: A, time: 13.7s, sides: both}
              - {name: B, reps: 7}
            """)
    )
    gaps = [0.013, 0.5, 1.9, 0.0, 0.25, 2.0, 0.07]
    for offset in range(len(gaps)):
        from stride_tui.session.clock import ManualClock

        clock = ManualClock(50.0)
        engine = Engine(plan, clock)
        engine.start()
        i = offset
        while engine.state is not State.FINISHED:
            clock.advance(gaps[i % len(gaps)])
            i += 1
            engine.update()
        assert engine.finished_at == pytest.approx(50.0 + plan.total, abs=1e-9)


def test_an_empty_plan_is_refused() -> None:
    from stride_tui.routine.plan import Plan

    with pytest.raises(ValueError):
        Engine(Plan("x", "standard", (), ()))


def test_next_due_points_at_each_coming_event() -> None:
    engine, clock = engine_of(HOLD)
    assert engine.next_due() is None  # not started
    engine.start()
    engine.update()
    assert engine.next_due() == 1002  # the first get-ready tick
    seen = []
    while engine.state is not State.FINISHED:
        due = engine.next_due()
        assert due is not None and due >= clock.now
        clock.now = due  # wake exactly then, as the app does
        events = engine.update()
        assert events and events[0].due == due
        seen += events
    assert brief(seen)[-1] == ("routine-finished", 35, "completed")
    engine2, clock2 = engine_of(HOLD)
    engine2.start()
    run_for(engine2, clock2, 10)
    engine2.pause()
    assert engine2.next_due() is None
    engine2.resume()
    assert engine2.next_due() == clock2.now + 1  # the "2" of the 3-2-1


EVERY_KIND = """\
name: Every kind
defaults: {get_ready: 3s, switch: 2s}
steps:
  - {name: Hold, time: 6s, sides: both}
  - {name: Reps, reps: 3, tempo: 2s, sets: 2, set_rest: 4s}
  - {name: Breathing, breathe: {in: 2s, out: 2s, rounds: 2}}
  - rest: 5s
  - {name: Lunge, time: 4s, wait: Kneel on the mat}
"""


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_skip_from_every_kind_of_segment(kind: SegmentKind) -> None:
    engine, clock = engine_of(EVERY_KIND)
    engine.start()
    engine.update()
    target = next(i for i, s in enumerate(engine.plan.segments) if s.kind is kind and i > 0)
    while engine.index < target:  # get there by playing (ready when waiting)
        clock.advance(0.25)
        if engine.state is State.WAITING:
            engine.ready()
        engine.update()
    clock.advance(0.5 if kind is not SegmentKind.WAIT else 0.0)
    engine.update()
    step = engine.plan.segments[target].step
    engine.skip()
    events = engine.update()
    kinds = [e.kind for e in events]
    if kind is SegmentKind.WAIT:
        assert EventKind.SKIPPED not in kinds  # a wait is not work: moving on skips nothing
    else:
        assert kinds[0] is EventKind.SKIPPED and events[0].segment == target
        assert engine.step_status(step) is StepStatus.SKIPPED
    assert engine.index == target + 1
    assert EventKind.SEGMENT_STARTED in kinds
    while engine.state is not State.FINISHED:  # play the rest out
        clock.advance(0.25)
        if engine.state is State.WAITING:
            engine.ready()
        engine.update()
    outcome = engine.outcome
    assert outcome is not None
    skipped = 0 if kind is SegmentKind.WAIT else 1
    assert (outcome.kind, outcome.skipped) == (
        (OutcomeKind.SKIPPED, 1) if skipped else (OutcomeKind.COMPLETED, 0)
    )


def test_an_outcome_is_completed_only_when_every_step_was_played() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            defaults: {get_ready: 0s}
            steps:
              - {name: A, time: 5s}
              - {name: B, time: 5s}
              - {name: C, time: 5s}
              - {name: D, time: 5s}
              - {name: E, time: 5s}
            """)
    )
    engine.start()
    for _ in range(4):
        engine.skip()
    run_for(engine, clock, 30)
    assert engine.outcome == Outcome(OutcomeKind.SKIPPED, 5, skipped=4)
    assert engine.outcome.describe() == "finished with 4 skipped"
    assert brief(engine.update()) == []


def test_whole_step_cues_come_up_in_turn_until_a_mid_step_cue_takes_over() -> None:
    engine, clock = engine_of(
        dedent("""\
            name: T
            defaults: {get_ready: 0s}
            steps:
              - name: Squat
                time: 30s
                cues: [Knees out, Chest up, {at: 20s, say: Breathe}]
            """)
    )
    engine.start()
    events = engine.update() + run_for(engine, clock, 30)
    shown = [(e.kind.value, e.due - 1000, e.text) for e in events if "cue" in e.kind.value]
    # At 24 s "Chest up" would come up again, but "Breathe" holds the cue line.
    assert shown == [
        ("cue-shown", 0, "Knees out"), ("cue-shown", 8, "Chest up"),
        ("cue-shown", 16, "Knees out"), ("cue", 20, "Breathe"),
    ]  # fmt: skip
