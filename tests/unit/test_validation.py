"""Loading routines: what is accepted, and how problems are gathered and located."""

from __future__ import annotations

from textwrap import dedent

import pytest

from stride_tui.routine.loader import load_routine, parse_routine
from stride_tui.routine.model import Cue
from stride_tui.routine.problems import RoutineError


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), "r.yaml")
    return [p.render("r.yaml") for p in caught.value.problems]


def test_full_routine_loads_with_every_feature() -> None:
    routine = parse_routine(
        b"""\
name: Everything
summary: All the features.
kind: recovery
sound: calm
defaults: {get_ready: 3s, switch: 4s, rest: 2s, set_rest: 10s, tempo: 3-1-1}
levels:
  beginner: {reps: 0.5, time: 2}
steps:
  - name: Hold
    time: "1:30"
    sides: both
    cues: [Neutral pelvis, {at: 20s, say: Keep ribs quiet}]
    wait: Kneel on a pad
    checklist: true
  - name: Reps
    reps: 10
    tempo: 2-1
    phases: [down, up]
    sets: 2
    levels: [standard, experienced]
  - rest: 30s
  - name: Breathe
    breathe: {in: 4s, hold: 1, out: 6s, hold_out: 1, rounds: 3}
""",
        "everything.yaml",
    )
    hold, reps, rest, breathe = routine.steps
    assert hold.time == 90.0
    assert hold.cues[0] == "Neutral pelvis"
    assert hold.cues[1] == Cue(at=20.0, say="Keep ribs quiet")
    assert hold.wait == "Kneel on a pad"
    assert routine.defaults.tempo == (3.0, 1.0, 1.0)
    assert reps.tempo == (2.0, 1.0)
    assert reps.levels == ["standard", "experienced"]
    assert rest.rest == 30.0
    assert breathe.breathe is not None
    assert breathe.breathe.in_ == 4.0
    assert routine.levels.beginner.time == 2


def test_yaml_surprises_in_text_fields_keep_the_text() -> None:
    routine = parse_routine(
        dedent("""\
            name: yes
            steps:
              - name: 1:30
                time: 10
            """).encode()
    )
    assert routine.name == "yes"
    assert routine.steps[0].name == "1:30"


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    found = problems(
        dedent("""\
            name: X
            kind: wram-up
            steps:
              - name: A
                time: 1m70s
                rep: 3
              - name: B
                time: 30s
                reps: 5
            """)
    )
    assert found == [
        "r.yaml:2:7: kind: `wram-up` is not one of dynamic, long-hold, mobility, prelude, "
        "recovery, warm-up; did you mean `warm-up`?",
        "r.yaml:5:11: steps[0].time: `1m70s` is not a duration; write 2m10s",
        "r.yaml:6:5: steps[0]: unknown key `rep`; did you mean `reps`?",
        # A rule that spans fields still runs on the steps whose types are right.
        "r.yaml:9:5: steps[1].reps: `time` and `reps` are both set; a step is held for a "
        "`time`, counted in `reps`, or paced by `breathe`: keep one",
    ]


def test_cue_timing_uses_the_default_tempo() -> None:
    text = dedent("""\
        name: X
        defaults: {tempo: 3s}
        steps:
          - name: A
            reps: 5
            cues: [{at: 16s, say: late}]
        """)
    assert problems(text) == [
        "r.yaml:6:17: steps[0].cues[0].at: comes at 16s, but the work lasts 15s; move it earlier"
    ]


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: object) -> None:
    with pytest.raises(RoutineError) as caught:
        load_routine("/nonexistent/routine.yaml")
    assert "cannot read the file" in str(caught.value)


def test_byte_order_mark_is_accepted() -> None:
    routine = parse_routine(b"\xef\xbb\xbfname: X\nsteps:\n  - {name: A, time: 5}\n")
    assert routine.name == "X"


def test_aliases_within_limits_are_allowed() -> None:
    routine = parse_routine(
        dedent("""\
            name: X
            steps:
              - &swing {name: Swing, reps: 5}
              - rest: 10s
              - *swing
            """).encode()
    )
    assert [s.name for s in routine.steps] == ["Swing", None, "Swing"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [(b"\x00", "a NUL byte"), (b"\xff", "byte 0xff is not UTF-8 text")],
)
def test_a_bad_byte_is_located_in_characters_after_accented_text(bad: bytes, message: str) -> None:
    # "Été" is five bytes but three characters: both kinds of bad byte count the same way.
    data = b"name: X\nsummary: \xc3\x89t\xc3\xa9 " + bad + b"\nsteps:\n  - {name: A, time: 5}\n"
    with pytest.raises(RoutineError) as caught:
        parse_routine(data, "r.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 14)
    assert message in problem.message
