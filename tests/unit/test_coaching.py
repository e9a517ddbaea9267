"""Coaching over weeks, from a real log file: today's session, progressions, favoured sides."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from stride_tui.coaching.balance import balances, favors
from stride_tui.coaching.coach import coach, coach_from_log
from stride_tui.coaching.progression import Hold, progress_of
from stride_tui.coaching.settings import Coaching, Weekday, parse_coaching
from stride_tui.coaching.today import RoutineChoice, suggest
from stride_tui.coaching.weeks import RATING_SCALE, sparkline, week_start
from stride_tui.log.opening import open_training_log
from stride_tui.log.schema import MIGRATIONS, SCHEMA_VERSION
from stride_tui.log.sides import Tighter
from stride_tui.log.store import TrainingLog
from stride_tui.routine.loader import parse_routine
from stride_tui.routine.model import Routine
from stride_tui.routine.plan import SegmentKind
from stride_tui.routine.problems import RoutineError
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind

THURSDAY = date(2026, 11, 19)
MONDAY = date(2026, 11, 16)

ROUTINES = [
    RoutineChoice("pre-run-warmup", "Pre-run warm-up", "warm-up"),
    RoutineChoice("long-hold-day", "Long-hold mobility day", "long-hold"),
    RoutineChoice("dynamic-day", "Dynamic mobility day", "dynamic"),
    RoutineChoice("post-run-recovery", "Post-run recovery", "recovery"),
]
KIND_OF = {r.id: r.kind for r in ROUTINES}

HOLDS = """\
name: Hips
kind: long-hold
steps:
  - name: Couch stretch
    time: 45s
    sides: both
    favor: tighter
    checklist: true
    progress: {add: 5s, every: 2 sessions, up_to: 60s}
  - name: Bridges
    reps: 8
    progress: {add: 1, every: week, up_to: 10}
  - name: Belly breathing
    breathe: {in: 4s, out: 6s, rounds: 3}
"""


@pytest.fixture
def history(tmp_path: Path) -> TrainingLog:
    return open_training_log(tmp_path / "log.sqlite3")


def log(
    history: TrainingLog,
    routine_id: str,
    day: date,
    *,
    steps: tuple[str, ...] = ("Couch stretch", "Bridges", "Belly breathing"),
    stopped_at: int | None = None,
    stiffness: int | None = 2,
    control: dict[int, bool] | None = None,
    tighter: dict[int, Tighter] | None = None,
    hour: int = 7,
) -> int:
    """One session, played to its end (or stopped), with its review."""
    session = history.start_session(
        routine_id=routine_id,
        routine_name=routine_id,
        routine_kind=KIND_OF.get(routine_id, "long-hold"),
        content_hash="test",
        level="standard",
        steps=[(name, index == 0) for index, name in enumerate(steps)],
        planned_seconds=300.0,
        started=datetime.combine(day, time(hour), tzinfo=UTC),
    )
    last = len(steps) if stopped_at is None else stopped_at
    for index in range(last):
        history.record_step(session, index, StepStatus.DONE, 30.0, index + 1)
    if stopped_at is None:
        outcome = Outcome(OutcomeKind.COMPLETED, len(steps))
    else:
        outcome = Outcome(OutcomeKind.STOPPED, len(steps), at_step=stopped_at)
    history.end_session(session, outcome, 300.0)
    history.review(
        session,
        with_control=control or {0: True},
        stiffness=stiffness,
        stride_feel=3,
        notes="",
    )
    if tighter:
        history.record_sides(session, tighter)
    return session


# -- the log's schema ----------------------------------------------------------------


def test_a_version_2_log_gains_the_side_answers_and_resets(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for version in (1, 2):
        db.executescript(MIGRATIONS[version])
    db.execute("PRAGMA user_version = 2")
    old = TrainingLog(db, path)
    session = log(old, "long-hold-day", MONDAY)
    old.close()
    again = open_training_log(path)
    assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    again.record_sides(session, {0: Tighter.LEFT})
    assert [r.tighter for r in again.step_records("long-hold-day")] == [Tighter.LEFT, None, None]
    assert again.sessions()[0].outcome.completed  # what was there is still there
    with pytest.raises(sqlite3.IntegrityError):
        again.db.execute("UPDATE session_steps SET tighter = 'middle'")


# -- today's session -------------------------------------------------------------------


def suggestion_for(history: TrainingLog, today: date = THURSDAY, first: int = 0) -> tuple[str, str]:
    found = suggest(history.sessions(), ROUTINES, today, first)
    return found.routine_id or "", found.reason


def test_nothing_done_the_long_hold_day_is_due(history: TrainingLog) -> None:
    assert suggestion_for(history) == (
        "long-hold-day",
        "Long-hold day is due; recovery after your run",
    )


def test_some_done_the_next_one_is_due_with_the_day_it_was_done(history: TrainingLog) -> None:
    log(history, "long-hold-day", MONDAY + timedelta(days=1))
    log(history, "long-hold-day", MONDAY - timedelta(days=3))  # last week's: not counted
    assert suggestion_for(history) == (
        "dynamic-day",
        "Dynamic day is due; long-hold day done Tuesday; recovery after your run",
    )


def test_done_today_the_other_day_waits(history: TrainingLog) -> None:
    log(history, "dynamic-day", THURSDAY)
    routine, reason = suggestion_for(history)
    assert routine == "post-run-recovery"
    assert reason == "Dynamic day done today; long-hold day on another day; recovery after your run"


def test_done_on_the_weeks_last_day_the_other_day_waits_for_next_week(history: TrainingLog) -> None:
    sunday = MONDAY + timedelta(days=6)
    log(history, "dynamic-day", sunday)
    _, reason = suggestion_for(history, today=sunday)
    assert reason.startswith("Dynamic day done today; long-hold day next week")
    _, reason = suggestion_for(history, today=sunday, first=6)  # Sunday starts the week
    assert "long-hold day on another day" in reason


def test_all_done_the_warm_up_is_offered(history: TrainingLog) -> None:
    log(history, "long-hold-day", MONDAY)
    log(history, "dynamic-day", MONDAY + timedelta(days=2))
    log(history, "post-run-recovery", MONDAY + timedelta(days=2), hour=19)
    found = suggest(history.sessions(), ROUTINES, THURSDAY)
    assert found.routine_id == "pre-run-warmup"
    assert found.reason == (
        "This week's template is done; long-hold day done Monday; dynamic day done"
        " yesterday; recovery session done yesterday; warm up before a run, recover after it"
    )
    assert (found.before_run, found.after_run) == ("pre-run-warmup", "post-run-recovery")


def test_a_session_stopped_early_leaves_its_day_due(history: TrainingLog) -> None:
    log(history, "long-hold-day", MONDAY + timedelta(days=2), stopped_at=1)
    assert suggestion_for(history) == (
        "long-hold-day",
        "Long-hold day is due (stopped at step 2 of 3 yesterday); recovery after your run",
    )


def test_only_recovery_left(history: TrainingLog) -> None:
    log(history, "long-hold-day", MONDAY)
    log(history, "dynamic-day", MONDAY + timedelta(days=1))
    assert suggestion_for(history) == (
        "post-run-recovery",
        "Recovery session is due after your next run; long-hold day done Monday;"
        " dynamic day done Tuesday",
    )


def test_the_week_starts_on_the_day_the_settings_say(history: TrainingLog) -> None:
    saturday = date(2026, 11, 14)
    log(history, "long-hold-day", saturday)
    assert suggestion_for(history)[0] == "long-hold-day"  # Monday weeks: last week's
    routine, reason = suggestion_for(history, first=Weekday.SATURDAY)
    assert (routine, reason) == (
        "dynamic-day",
        "Dynamic day is due; long-hold day done Saturday; recovery after your run",
    )
    assert week_start(THURSDAY, Weekday.SATURDAY) == saturday


def test_the_runners_own_routine_for_a_kind_is_kept(history: TrainingLog) -> None:
    mine = [*ROUTINES, RoutineChoice("my-holds", "My holds", "long-hold")]
    KIND_OF["my-holds"] = "long-hold"
    log(history, "my-holds", MONDAY - timedelta(days=5))
    assert suggest(history.sessions(), mine, THURSDAY).routine_id == "my-holds"


# -- progression -----------------------------------------------------------------------


def holds() -> Routine:
    return parse_routine(HOLDS, "hips.yaml")


def couch(history: TrainingLog) -> tuple[float, Hold | None, int]:
    state = progress_of(holds(), history.step_records("hips"))[0]
    return state.value, state.held, state.counted


def test_a_hold_steps_up_every_two_sessions_up_to_its_limit(history: TrainingLog) -> None:
    seen = []
    for offset in range(8):
        seen.append(couch(history)[0])
        log(history, "hips", MONDAY + timedelta(days=offset))
    seen.append(couch(history)[0])
    assert seen == [45, 45, 50, 50, 55, 55, 60, 60, 60]


def test_not_done_with_control_holds_a_step_back(history: TrainingLog) -> None:
    log(history, "hips", MONDAY)
    log(history, "hips", MONDAY + timedelta(days=1), control={0: False})
    assert couch(history) == (45, Hold.NOT_CONTROLLED, 1)
    log(history, "hips", MONDAY + timedelta(days=2))
    assert couch(history) == (50, None, 2)


def test_a_review_that_did_not_ask_leaves_control_not_known(history: TrainingLog) -> None:
    log(history, "hips", MONDAY)
    assert progress_of(holds(), history.step_records("hips"))[0].control is True
    log(history, "hips", MONDAY + timedelta(days=1), control={1: True})  # step 0 not asked
    state = progress_of(holds(), history.step_records("hips"))[0]
    assert (state.control, state.held, state.counted) == (None, None, 2)
    assert "control in the latest session: not known" in state.explain()
    assert "with control" not in state.explain().replace("not done with control", "")


def test_high_stiffness_holds_every_step_back(history: TrainingLog) -> None:
    log(history, "hips", MONDAY, stiffness=5)
    log(history, "hips", MONDAY + timedelta(days=1), stiffness=4)
    assert couch(history) == (45, Hold.STIFF, 0)
    log(history, "hips", MONDAY + timedelta(days=2), stiffness=3)
    log(history, "hips", MONDAY + timedelta(days=3), stiffness=None)  # no rating: counts
    assert couch(history) == (50, None, 2)


def test_stopped_sessions_and_skipped_steps_do_not_count(history: TrainingLog) -> None:
    log(history, "hips", MONDAY, stopped_at=2)
    log(history, "hips", MONDAY + timedelta(days=1), stopped_at=0)
    assert couch(history) == (45, None, 0)


def test_reps_progress_by_the_week(history: TrainingLog) -> None:
    for offset in (0, 1, 2, 7, 14, 21, 28):
        log(history, "hips", MONDAY + timedelta(days=offset))
    state = progress_of(holds(), history.step_records("hips"))[1]
    assert (state.value, state.counted, state.capped) == (10, 5, True)
    assert state.summary() == "10 reps, progressed from 8 reps; at its limit"


def test_reset_starts_over(history: TrainingLog) -> None:
    for offset in range(4):
        log(history, "hips", MONDAY + timedelta(days=offset))
    coached = coach_from_log(holds(), "hips", "standard", history, Coaching())
    assert coached.progress[0].summary() == "55s, progressed from 45s; next at 1m"
    history.reset_progress("hips", datetime.combine(MONDAY + timedelta(days=4), time(0), UTC))
    coached = coach_from_log(holds(), "hips", "standard", history, Coaching())
    assert coached.progress[0].summary() == "45s as written; next at 50s"
    log(history, "hips", MONDAY + timedelta(days=5))
    log(history, "hips", MONDAY + timedelta(days=6))
    coached = coach_from_log(holds(), "hips", "standard", history, Coaching())
    assert coached.progress[0].value == 50


def test_the_plan_plays_the_value_in_force_scaled_by_level(history: TrainingLog) -> None:
    for offset in range(2):
        log(history, "hips", MONDAY + timedelta(days=offset))
    coached = coach_from_log(holds(), "hips", "beginner", history, Coaching(favor_extra=0))
    works = [s.duration for s in coached.plan.segments if s.kind is SegmentKind.WORK]
    assert works[:2] == [60.0, 60.0]  # 50 s in force, x1.25 for beginners, to 5 s


# -- sides -----------------------------------------------------------------------------


def test_the_tighter_side_gets_extra_time_and_says_why(history: TrainingLog) -> None:
    answers = [Tighter.LEFT, Tighter.EVEN, Tighter.LEFT, Tighter.RIGHT, Tighter.LEFT]
    for offset, side in enumerate(answers):
        log(history, "hips", MONDAY + timedelta(days=offset), tighter={0: side}, stiffness=4)
    coached = coach(holds(), "standard", history.step_records("hips"), Coaching())
    left, right = (s for s in coached.plan.segments if s.kind is SegmentKind.WORK and s.side)
    assert (left.side, left.duration, right.duration) == ("left", 54.0, 45.0)
    assert left.timed_cues[0].at == 0
    assert left.timed_cues[0].text == "Left gets 9 s more: it has been tighter (3 of the last 5)"
    assert right.timed_cues == ()


def test_the_favour_follows_the_latest_answers(history: TrainingLog) -> None:
    answers = [Tighter.LEFT] * 3 + [Tighter.RIGHT] * 4
    for offset, side in enumerate(answers):
        log(history, "hips", MONDAY + timedelta(days=offset), tighter={0: side})
    assert favors(holds(), history.step_records("hips"), 0.2)[0].side == "right"
    balance = balances(history.step_records("hips"))[0]
    assert (balance.left, balance.right, balance.even) == (3, 4, 0)


def test_step_records_can_be_read_from_a_day_on_and_only_where_sides_were_answered(
    history: TrainingLog,
) -> None:
    log(history, "hips", MONDAY - timedelta(days=30), tighter={0: Tighter.LEFT})
    log(history, "hips", MONDAY, tighter={0: Tighter.RIGHT})
    log(history, "hips", MONDAY + timedelta(days=1))
    since = history.step_records(since_day=MONDAY.isoformat())
    assert {r.day for r in since} == {MONDAY.isoformat(), (MONDAY + timedelta(days=1)).isoformat()}
    answered = history.step_records(since_day=MONDAY.isoformat(), sides_only=True)
    assert [(r.day, r.name, r.tighter) for r in answered] == [
        (MONDAY.isoformat(), "Couch stretch", Tighter.RIGHT)
    ]


def test_even_answers_favour_no_side(history: TrainingLog) -> None:
    for offset, side in enumerate([Tighter.LEFT, Tighter.RIGHT, Tighter.EVEN]):
        log(history, "hips", MONDAY + timedelta(days=offset), tighter={0: side})
    assert favors(holds(), history.step_records("hips"), 0.2) == {}
    assert favors(holds(), [], 0.2) == {}


def test_reps_are_favoured_in_whole_reps() -> None:
    text = HOLDS.replace("time: 45s", "reps: 10").replace(
        "5s, every: 2 sessions, up_to: 60s", "1, every: 2, up_to: 12"
    )
    routine = parse_routine(text, "reps.yaml")
    from stride_tui.log.store import StepRecord

    record = StepRecord(1, "r", datetime(2026, 11, 16, tzinfo=UTC), "2026-11-16",
                        OutcomeKind.COMPLETED, None, True, 0, "Couch stretch", True, True,
                        Tighter.RIGHT)  # fmt: skip
    coached = coach(routine, "standard", [record], Coaching())
    works = [s for s in coached.plan.segments if s.kind is SegmentKind.WORK and s.side]
    assert [s.beat.count if s.beat else 0 for s in works] == [10, 12]
    assert works[1].timed_cues[0].text.startswith("Right gets 2 reps more")


# -- the routine file ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            "time: 45s\n    progress: {add: 5s, every: fortnight, up_to: 60s}",
            "5:32: steps[0].progress.every: `fortnight` is not an interval; write `session`,"
            " `2 sessions`, `week` or `2 weeks`",
        ),
        (
            "time: 45s\n    progress: {add: 5s, every: 2 sessions, up_to: 40s}",
            "5:51: steps[0].progress.up_to: 40s is not above the step's 45s; set a higher"
            " limit, or remove `progress`",
        ),
        (
            "time: 45s\n    progress: {add: 5s, evry: 2, up_to: 60s}",
            "5:15: steps[0].progress: missing `every`\n"
            "bad.yaml:5:25: steps[0].progress: unknown key `evry`; did you mean `every`?",
        ),
        (
            "reps: 8\n    progress: {add: 1.5, every: week, up_to: 10}",
            "5:21: steps[0].progress.add: counts reps on a reps step: write a whole number,"
            " not 1.5",
        ),
        (
            "time: 45s\n    favor: tighter",
            "5:5: steps[0].favor: `favor: tighter` gives the tighter side more; it needs"
            " `sides: both`",
        ),
        (
            "time: 45s\n    sides: both\n    favor: left",
            "6:12: steps[0].favor: `left` is not one of tighter",
        ),
        (
            "breathe: {in: 4, out: 4, rounds: 2}\n    progress: {add: 1, every: 1, up_to: 3}",
            "5:5: steps[0].progress: `progress` lengthens a `time` or adds `reps`; this step"
            " has neither",
        ),
    ],
)
def test_bad_progress_and_favor_are_located(step: str, expected: str) -> None:
    text = f"name: Bad\nsteps:\n  - name: Couch\n    {step}\n"
    with pytest.raises(RoutineError) as raised:
        parse_routine(text, "bad.yaml")
    assert str(raised.value) == f"bad.yaml:{expected}"


def test_the_schema_describes_progress_and_favor() -> None:
    from stride_tui.routine.schema import routine_schema

    schema = routine_schema()
    progress = schema["$defs"]["Progress"]
    assert sorted(progress["required"]) == ["add", "every", "up_to"]
    assert progress["properties"]["every"]["examples"] == [
        "session",
        "2 sessions",
        "week",
        "2 weeks",
    ]
    favor = schema["$defs"]["Step"]["properties"]["favor"]
    assert {"enum": ["tighter"]}.items() <= favor["anyOf"][0].items()


# -- settings and sparklines -----------------------------------------------------------


def test_coaching_settings_and_their_problems() -> None:
    coaching, problems = parse_coaching('week_starts = "Sunday"\nfavor_extra = 30\n')
    assert coaching == Coaching(Weekday.SUNDAY, 0.3) and problems == []
    coaching, problems = parse_coaching('favor_extra = 300\n\n  week_starts = "someday"\nx = 1\n')
    assert coaching == Coaching()
    assert [p.render("coaching.toml") for p in problems] == [
        "coaching.toml:1:1: favor_extra: `300` is not a percentage from 0 to 100 (write 20"
        " for 20%); using 20",
        "coaching.toml:3:3: week_starts: `someday` is not a day; write one of monday, tuesday,"
        " wednesday, thursday, friday, saturday, sunday; using monday",
        "coaching.toml:4:1: x: unknown setting `x`; known: week_starts, favor_extra,"
        " reference_pace",
    ]


def test_rating_sparklines_use_the_fixed_scale() -> None:
    assert sparkline([2.0, 1.0], RATING_SCALE) == "▃▁"
    assert sparkline([1.0, 5.0, 3.0], RATING_SCALE) == "▁█▅"
    assert sparkline([2.0, 1.0]) == "█▁"  # markers keep their own range


# -- the log's text: balance, calendar -------------------------------------------------


def test_stride_log_shows_sides_and_the_calendar(history: TrainingLog) -> None:
    from stride_tui.coaching.report import render_log

    for offset, side in enumerate([Tighter.LEFT, Tighter.LEFT, Tighter.EVEN]):
        log(history, "hips", MONDAY + timedelta(days=offset), tighter={0: side})
    log(history, "long-hold-day", MONDAY - timedelta(weeks=11), steps=("Frog",))
    log(history, "dynamic-day", MONDAY - timedelta(weeks=12), steps=("Swings",))  # too old
    log(history, "dynamic-day", MONDAY - timedelta(days=1), stopped_at=0, steps=("Swings",))
    text = render_log(history, THURSDAY, Weekday.MONDAY)
    lines = text.splitlines()
    sides = lines.index("Sides, last 4 weeks: which felt tighter")
    assert lines[sides + 1] == (
        "  Couch stretch (hips)                 left tighter  L 2 · R 0 · even 1"
    )
    calendar_at = lines.index("Last 12 weeks: 4 sessions on 4 days")
    assert lines[calendar_at + 1 :] == [
        "        Sep     Oct     Nov",
        "  Mon L · · · · · · · · · · L",
        "  Tue · · · · · · · · · · · L",
        "  Wed · · · · · · · · · · · L",
        "  Thu · · · · · · · · · · · ·",
        "  Fri · · · · · · · · · · ·",
        "  Sat · · · · · · · · · · ·",
        "  Sun · · · · · · · · · · ·",
        "  L long-hold  D dynamic  R recovery  w warm-up/other  · none",
    ]
    assert max(len(line) for line in lines) <= 80


def test_the_calendar_starts_weeks_on_the_set_day(history: TrainingLog) -> None:
    from stride_tui.coaching.calendar import DayMark, calendar

    log(history, "dynamic-day", THURSDAY, steps=("Swings",))
    log(history, "pre-run-warmup", THURSDAY, steps=("Trot",), hour=6)
    cal = calendar(history.sessions(), THURSDAY, Weekday.SUNDAY)
    last = cal.weeks[-1]
    assert [d.day.weekday() for d in last][:1] == [Weekday.SUNDAY]
    assert [d.mark for d in last] == [DayMark.NONE] * 4 + [DayMark.DYNAMIC] + [DayMark.FUTURE] * 2


def test_stride_log_weeks_start_on_the_day_coaching_toml_says(history: TrainingLog) -> None:
    from stride_tui.coaching.report import render_log
    from stride_tui.coaching.settings import coaching_file

    coaching_file().parent.mkdir(parents=True)
    coaching_file().write_text('week_starts = "sunday"\n')
    assert render_log(history, THURSDAY).startswith(
        "This week (Sun 15 Nov to Sat 21 Nov): 0 completed sessions"
    )


def test_weekly_averages_start_weeks_on_the_day_the_settings_say() -> None:
    from stride_tui.coaching.trends import weekly

    saturday, sunday, monday = date(2026, 11, 14), date(2026, 11, 15), date(2026, 11, 16)
    ratings = [(saturday, 1.0), (sunday, 3.0), (monday, 5.0)]
    by_monday = weekly(ratings)  # weeks from Monday: Sat Sun | Mon
    assert [(p.day, p.value) for p in by_monday] == [
        (saturday + (sunday - saturday) / 2, 2.0),
        (monday, 5.0),
    ]
    by_sunday = weekly(ratings, Weekday.SUNDAY)  # Sat | Sun Mon
    assert [(p.day, p.value) for p in by_sunday] == [
        (saturday, 1.0),
        (sunday + (monday - sunday) / 2, 4.0),
    ]
