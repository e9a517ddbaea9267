"""One total: every place that shows a coached routine's total shows the plan played.

The routine's hold progresses and its two-sided step favours the tighter side, so the
plan played differs from the file's; after +10 s in a session, what that session says
and logs is the plan as it became.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from stride_tui import locations
from stride_tui.commands.play import plan_to_play
from stride_tui.commands.routines import list_routines, show
from stride_tui.live.driver import SessionDriver
from stride_tui.live.services import build_services
from stride_tui.log.opening import open_training_log
from stride_tui.log.sides import Tighter
from stride_tui.plain import _PlainSession
from stride_tui.routine.durations import clock
from stride_tui.routine.library import resolve
from stride_tui.routine.loader import load_routine
from stride_tui.routine.plan import expand
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import Outcome, OutcomeKind
from stride_tui.settings import Settings
from stride_tui.tui.editor import EditorScreen
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.picker import PickerScreen
from tests.helpers.tui import advance, app_on, log_answered, text

ROUTINE = """\
name: Coached hips
kind: long-hold
defaults: {get_ready: 0}
steps:
  - name: Short hold
    time: 20s
    progress: {add: 5s, every: 1 session, up_to: 40s}
  - name: Side hold
    time: 10s
    sides: both
    favor: tighter
"""


@pytest.fixture(autouse=True)
def coached(stride_home: Path) -> None:
    """The routine, with two logged sessions: the hold has grown, the right side is favoured."""
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "coached.yaml").write_text(ROUTINE)
    (stride_home / "config" / "config.toml").write_text('[sound]\nbackend = "none"\n')
    history = open_training_log()
    for days_ago in (2, 1):
        session = history.start_session(
            routine_id="coached",
            routine_name="Coached hips",
            routine_kind="long-hold",
            content_hash="t",
            level="standard",
            steps=[("Short hold", False), ("Side hold", False)],
            planned_seconds=41.0,
            started=datetime.now(UTC) - timedelta(days=days_ago),
        )
        history.record_step(session, 0, StepStatus.DONE, 20.0, 1)
        history.record_step(session, 1, StepStatus.DONE, 21.0, 2)
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 2), 41.0)
        history.record_sides(session, {1: Tighter.RIGHT})
    history.close()


def listed(capsys: pytest.CaptureFixture[str]) -> str:
    list_routines(argparse.Namespace(ids=False, level="standard"))
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("coached")]
    return line.split()[-2]


def shown(capsys: pytest.CaptureFixture[str]) -> str:
    show(argparse.Namespace(routine="coached", level="standard"))
    found = re.search(r"^Total (\d+:\d\d) in", capsys.readouterr().out, re.MULTILINE)
    assert found
    return found[1]


async def until(pilot: Pilot[None], check: object, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + 10
    while not check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, what
        await pilot.pause(0.02)


async def in_the_picker() -> tuple[str, str, str]:
    """The picker's list line, its preview's total and the editor's preview total."""
    app, _ = app_on(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await log_answered(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        routines = picker.query_one("#routines", OptionList)
        routines.highlighted = list(picker.found).index("coached")
        await until(pilot, lambda: picker.current == "coached", "never highlighted")
        line = str(routines.get_option("coached").prompt).split(" · ")[1]
        preview = text(app, "#total").split()[0]
        picker.edit("coached")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "no editor")
        await until(
            pilot,
            lambda: app.screen.query("#edit-total") and "at standard" in text(app, "#edit-total"),
            "the editor never checked the file",
        )
        edited = re.search(r": (\d+:\d\d) at standard", text(app, "#edit-total"))
        assert edited
        return line, preview, edited[1]


class Keys:
    """Plain mode's keyboard, scripted: each read moves the manual clock on."""

    def __init__(self, clock: ManualClock, script: dict[float, str]) -> None:
        self.clock = clock
        self.script = dict(script)

    @contextmanager
    def raw(self) -> Iterator[None]:
        yield

    def read(self, timeout: float) -> str:
        self.clock.advance(max(0.01, min(timeout, 0.5)))
        for at in sorted(self.script):
            if self.clock() - 100.0 >= at:
                return self.script.pop(at)
        return ""


def played_plain_with_ten_more() -> tuple[str, str, float]:
    """Plain mode with +10 s early in the hold: its opening total, its closing line, the log."""
    clock = ManualClock(100.0)
    services = build_services(settings=Settings(backend="none"), clock=clock)
    source = resolve("coached")
    driver = SessionDriver(
        plan_to_play(source, "standard"),
        clock=clock,
        sound=services.sound,
        log=services.log,
        routine_id=source.id,
        routine_path=source.path,
        notices=services.notices,
    )
    out = io.StringIO()
    try:
        _PlainSession(driver, out, io.StringIO(), Keys(clock, {2.0: "+"})).run()  # type: ignore[arg-type]
    finally:
        services.close()
    lines = out.getvalue().splitlines()
    history = open_training_log()
    planned = history.sessions()[0].planned_seconds
    history.close()
    return lines[0], lines[-1].strip(), planned


def test_every_place_shows_the_total_of_the_plan_played(
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = resolve("coached")
    played = plan_to_play(source, "standard")
    written = expand(load_routine(source.path), "standard")
    assert played.total > written.total  # the log coaches it: grown hold, favoured side
    total = clock(played.total)

    places = {"stride list": listed(capsys), "stride show": shown(capsys)}
    line, preview, edited = asyncio.run(in_the_picker())
    places |= {"picker list": line, "picker preview": preview, "editor preview": edited}
    opening, closing, logged = played_plain_with_ten_more()
    places["plain summary"] = opening.split(" · ")[-1]
    assert opening == f"Coached hips · standard level · {total}"
    assert places == dict.fromkeys(places, total)

    after = clock(played.total + 10)  # +10 s in the session: the plan as it became
    assert re.fullmatch(rf"took \d+:\d\d \(planned {after}\)", closing)
    assert clock(logged) == after  # the log's "planned"


async def test_the_review_says_planned_of_the_plan_as_it_became() -> None:
    app, manual = app_on("coached")
    planned = clock(plan_to_play(resolve("coached"), "standard").total + 10)
    async with app.run_test(size=(110, 50)) as pilot:
        await advance(pilot, manual, 2)
        await pilot.press("plus")
        await advance(pilot, manual, 120)
        await until(pilot, lambda: isinstance(app.screen, FinishScreen), "no review")
        assert f"(planned {planned}" in text(app, "#finish-summary")
