"""Tests for mutations the suite once let through, one each.

Each was checked to fail against its mutation: ``<`` made ``<=`` in the back rule, the
zero-phase filter removed, ``sets > 1`` made ``sets >= 1``, the driver's notice not said,
``favor`` left out of what makes a plan depend on the log, ``>`` made ``>=`` in the size
check.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui.files import MAX_ROUTINE_BYTES, ReadFailure, read_regular
from stride_tui.live.driver import SessionDriver
from stride_tui.session.alerts import Alert, alert_for_batch
from stride_tui.session.engine import BACK_RESTARTS_AFTER
from stride_tui.session.events import EventKind
from tests.helpers.engine import engine_of, plan_of, run_for

TWO = dedent("""\
    name: T
    defaults: {get_ready: 5s}
    steps:
      - {name: A, time: 20s}
      - {name: B, time: 20s}
    """)


@pytest.mark.parametrize(
    ("into", "restarts"), [(BACK_RESTARTS_AFTER, True), (BACK_RESTARTS_AFTER - 0.001, False)]
)
def test_back_at_exactly_three_seconds_restarts_the_segment(into: float, restarts: bool) -> None:
    engine, clock = engine_of(TWO)
    engine.start()
    engine.update()
    clock.advance(5.0)  # in one step, so the times are exact
    engine.update()  # A's get-ready is over: A's work has just begun
    work = engine.index
    assert engine.snapshot().segment_elapsed == 0
    clock.advance(into)
    engine.update()
    engine.back()
    assert engine.index == (work if restarts else work - 1)
    assert engine.snapshot().segment_elapsed == 0


TEMPO = dedent("""\
    name: T
    defaults: {get_ready: 1s}
    steps:
      - {name: Squats, reps: 2, tempo: 2-0-1}
    """)


def test_a_zero_phase_is_neither_planned_nor_announced() -> None:
    plan = plan_of(TEMPO)
    work = next(s for s in plan.segments if s.beat is not None)
    assert work.beat is not None
    assert [(p.name, p.seconds) for p in work.beat.phases] == [("lower", 2.0), ("return", 1.0)]
    engine, clock = engine_of(TEMPO)
    engine.start()
    events = engine.update() + run_for(engine, clock, 10.0)
    phases = [e.text for e in events if e.kind is EventKind.PHASE]
    assert phases == ["lower", "return", "lower", "return"]


RESTED = dedent("""\
    name: T
    defaults: {get_ready: 1s}
    steps:
      - {name: A, time: 3s}
      - rest: 4s
      - {name: B, time: 3s, sets: 1}
    """)


def test_a_plain_rest_between_steps_is_not_a_set_rest() -> None:
    engine, clock = engine_of(RESTED)
    plan = engine.plan
    engine.start()
    alerts = [alert_for_batch(engine.update(), plan)]
    for _ in range(200):
        clock.advance(0.1)
        alerts.append(alert_for_batch(engine.update(), plan))
    assert Alert.SET_REST not in alerts
    assert Alert.START in alerts and Alert.FINISH in alerts


def test_the_driver_alone_says_no_sound_is_available(monkeypatch: pytest.MonkeyPatch) -> None:
    from stride_tui.settings import Settings
    from stride_tui.sound.fallbacks import SilentBackend
    from stride_tui.sound.player import ChimePlayer
    from stride_tui.sound.session import SessionSound

    monkeypatch.setattr(
        "stride_tui.sound.player.choose_backend",
        lambda p, r, m: (SilentBackend(), ["miniaudio: no device"]),
    )
    player = ChimePlayer(Settings())
    player.wait_ready()
    try:
        driver = SessionDriver(plan_of(TWO), sound=SessionSound(player, None), status=None)
        updates = [driver.start(), driver.update(), driver.update()]
        said = [notice for update in updates for notice in update.notices]
    finally:
        player.close()
    assert said.count("No sound available: the screen flashes for every cue") == 1


FAVORED = dedent("""\
    name: Favored
    steps:
      - {name: Lunge, time: 20s, sides: both, favor: tighter}
    """)


def test_a_favored_side_makes_the_cached_plan_follow_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stride_tui.commands import play
    from stride_tui.routine.library import RoutineSource

    path = tmp_path / "favored.yaml"
    path.write_text(FAVORED, encoding="utf-8")
    contexts: list[str] = []

    def context() -> str:
        contexts.append(f"log changed {len(contexts)}")
        return contexts[-1]

    monkeypatch.setattr(play, "_coaching_context", context)
    source = RoutineSource("favored", path, builtin=False)
    play.plan_to_play(source, "standard")
    play.plan_to_play(source, "standard")
    assert contexts == ["log changed 0", "log changed 1"]  # the log is part of its key


def test_a_routine_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"#" * MAX_ROUTINE_BYTES)
    assert len(read_regular(exact, MAX_ROUTINE_BYTES)) == MAX_ROUTINE_BYTES
    over = tmp_path / "over.yaml"
    over.write_bytes(b"#" * (MAX_ROUTINE_BYTES + 1))
    with pytest.raises(ReadFailure, match="at most"):
        read_regular(over, MAX_ROUTINE_BYTES)
