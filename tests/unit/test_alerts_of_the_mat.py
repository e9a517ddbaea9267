"""The changes a runner could miss: a step that waits, the end of a rep step, their own keys.

Each gives an alert (a chime and a flash word): waiting for the runner (and a soft
reminder while it goes on), the last rep of a step done, mute and unmute, and time
added or taken off.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from stride_tui.live.driver import SessionDriver
from stride_tui.session.alerts import Alert, alert_for_batch
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import Engine
from stride_tui.session.events import EventKind
from stride_tui.settings import Settings
from stride_tui.sound.chimes import chime_name
from stride_tui.sound.session import SessionSound
from stride_tui.tui.view import FLASH_WORDS
from tests.helpers.engine import plan_of, run_for

ROUTINE = dedent("""\
    name: T
    defaults: {get_ready: 2s}
    steps:
      - {name: Reps, reps: 2, tempo: 1}
      - {rest: 3s}
      - {name: Hold, time: 5s}
      - {name: Kneel, time: 20s, wait: Kneel on a pad}
      - {name: Breathe, breathe: {in: 1s, out: 1s, rounds: 1}}
      - {name: Last hold, time: 5s}
    """)


def _alerts(engine: Engine, clock: ManualClock, seconds: float) -> list[Alert]:
    found = []
    for _ in range(int(seconds / 0.1)):
        events = run_for(engine, clock, 0.1)
        alert = alert_for_batch(events, engine.plan)
        if alert is not None:
            found.append(alert)
    return found


def test_the_end_of_counted_work_and_a_wait_alert_but_a_holds_end_does_not() -> None:
    engine = Engine(plan_of(ROUTINE), ManualClock(0.0), reminder=0)
    clock = engine.clock
    assert isinstance(clock, ManualClock)
    engine.start()
    found = _alerts(engine, clock, 16)
    # Reps start, their second rep, their end into the rest step; the hold starts and
    # counts its last three into the wait, which asks for the runner (and no STEP_DONE:
    # the hold's last seconds are heard).
    assert found == [
        Alert.TICK, Alert.TICK, Alert.START, Alert.REP, Alert.STEP_DONE,
        Alert.TICK, Alert.TICK, Alert.START,
        Alert.LAST_THREE, Alert.LAST_THREE, Alert.LAST_THREE, Alert.READY,
    ]  # fmt: skip


@pytest.mark.parametrize(("after", "reminders"), [(29.9, 0), (30.0, 1), (59.9, 1), (60.0, 2)])
def test_a_wait_reminds_the_runner_every_interval(after: float, reminders: int) -> None:
    clock = ManualClock(0.0)
    plan = plan_of("name: T\nsteps:\n  - {name: Kneel, time: 5s, wait: Kneel}\n")
    engine = Engine(plan, clock, reminder=30)
    engine.start()
    assert [e.kind for e in engine.update()] == [EventKind.SEGMENT_STARTED, EventKind.WAITING]
    assert engine.next_due() == 30.0  # the player wakes for it
    clock.advance(after)
    events = engine.update()
    assert [e.number for e in events if e.kind is EventKind.WAIT_REMINDER] == list(
        range(1, reminders + 1)
    )
    assert all(alert_for_batch([e], plan) is Alert.REMINDER for e in events)


def test_no_reminder_when_it_is_off_and_none_in_the_calm_profile() -> None:
    clock = ManualClock(0.0)
    plan = plan_of("name: T\nsteps:\n  - {name: Kneel, time: 5s, wait: Kneel}\n")
    engine = Engine(plan, clock, reminder=0)
    engine.start()
    engine.update()
    assert engine.next_due() is None
    clock.advance(600)
    assert engine.update() == []
    assert chime_name(Alert.REMINDER, "calm") is None
    assert chime_name(Alert.REMINDER, "standard") == "reminder"


class _Player:
    """Records the chimes asked for; muted, it plays none (as the real player)."""

    def __init__(self) -> None:
        self.settings = Settings(reminder=0)
        self.backend = None
        self.muted = False
        self.played: list[str] = []

    def play(self, name: str) -> None:
        if not self.muted:
            self.played.append(name)


def _driver() -> tuple[SessionDriver, _Player, ManualClock]:
    clock = ManualClock(0.0)
    player = _Player()
    sound = SessionSound(player, None)  # type: ignore[arg-type]
    driver = SessionDriver(plan_of("name: T\nsteps:\n  - {name: Hold, time: 30s}\n"),
                           clock=clock, sound=sound, status=None)  # fmt: skip
    driver.status = None
    driver.start()
    clock.advance(3)
    driver.update()
    return driver, player, clock


def test_mute_and_unmute_flash_and_each_is_heard() -> None:
    driver, player, _ = _driver()
    assert driver.set_muted(True).alert is Alert.MUTED
    assert player.muted and player.played[-1] == "muted"
    assert driver.set_muted(False).alert is Alert.UNMUTED
    assert not player.muted and player.played[-1] == "unmuted"


def test_time_added_or_taken_off_flashes_and_chimes_but_not_when_nothing_changed() -> None:
    driver, player, _ = _driver()
    assert driver.extend(10).alert is Alert.MORE_TIME
    assert driver.extend(-10).alert is Alert.LESS_TIME
    assert player.played[-2:] == ["more-time", "less-time"]
    assert FLASH_WORDS[Alert.MORE_TIME] == "+10 s" and FLASH_WORDS[Alert.LESS_TIME] == "\u221210 s"


def test_every_alert_has_its_own_word_and_its_own_chime_file() -> None:
    from stride_tui import locations

    assert set(FLASH_WORDS) == set(Alert)
    assert len(set(FLASH_WORDS.values())) == len(Alert)
    for alert in Alert:
        assert (locations.builtin_sounds_dir() / f"{alert.value}.wav").is_file(), alert
