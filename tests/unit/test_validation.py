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


def test_a_step_with_a_problem_still_has_its_other_problems_reported() -> None:
    # 12 problems in 4 steps, each step with a problem of its type beside rule problems.
    found = problems(
        dedent("""\
            name: Many problems
            steps:
              - name: Hold with a bad cue
                time: 30s
                tempo: 2s
                cues:
                  - at: 40s
                    say: Too late
                  - at: nope
                    say: Bad
              - name: Breathing
                breathe: {in: 4, out: 4, round: 3}
                sides: both
              - name: Reps
                reps: 0
                levels: [expert]
                phases: [a, b]
                switch: 5s
              - rest: 0s
                tempo: soon
                sides: left
            """)
    )
    assert found == [
        "r.yaml:5:5: steps[0].tempo: `tempo` paces reps, but this step has no `reps`",
        "r.yaml:7:13: steps[0].cues[0].at: comes at 40s, but the work lasts 30s; move it earlier",
        "r.yaml:9:13: steps[0].cues[1].at: `nope` is not a duration; write seconds (45 or 45s),"
        " minutes and seconds (1m30s) or a clock (1:30)",
        "r.yaml:12:14: steps[1].breathe: missing `rounds`",
        "r.yaml:12:30: steps[1].breathe: unknown key `round`; did you mean `rounds`?",
        "r.yaml:13:12: steps[1].sides: paced breathing has no sides; remove `sides`",
        "r.yaml:15:11: steps[2].reps: `0` is too small; use at least 1",
        "r.yaml:16:14: steps[2].levels[0]: `expert` is not one of beginner, experienced,"
        " standard; did you mean `experienced`?",
        "r.yaml:17:13: steps[2].phases: names 2 phases but the tempo has 1; give one name per"
        " phase",
        "r.yaml:18:5: steps[2].switch: `switch` is the time to change sides; it needs"
        " `sides: both`",
        "r.yaml:19:11: steps[3].rest: a rest step of 0s does nothing; give it some time, or"
        " remove it",
        "r.yaml:20:12: steps[3].tempo: `soon` is not a tempo; write seconds per rep (2 or"
        " 1.5s) or phase seconds joined by dashes (3-1-1: lower, pause, return)",
        "r.yaml:21:5: steps[3].sides: `sides` means nothing on a rest step; remove it",
    ]


def test_a_misspelt_key_is_not_also_reported_as_missing_work() -> None:
    assert problems("name: X\nsteps:\n  - name: A\n    tme: 30s\n") == [
        "r.yaml:4:5: steps[0]: unknown key `tme`; did you mean `time`?"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    text = 'name: X\nsteps:\n  - name: A\n    time: 30s\n  - name: "Quote\n    time: 10s\n\n'
    assert problems(text) == [
        "r.yaml:5:11: this quote is never closed; add the closing quote where the text ends"
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
