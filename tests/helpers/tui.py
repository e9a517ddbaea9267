"""Helpers for app tests: an app on a manual clock, and moving that clock inside Pilot."""

from __future__ import annotations

import time
from datetime import date

from textual.dom import DOMNode
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from stride_tui.commands.play import plan_to_play
from stride_tui.live.services import build_services
from stride_tui.routine.library import resolve
from stride_tui.session.clock import ManualClock
from stride_tui.settings import Settings
from stride_tui.tui.app import StrideApp
from stride_tui.tui.player import FLASH, PlayerScreen
from tests.helpers.paths import FIXTURES

SHORT = str(FIXTURES / "short.yaml")


def app_on(
    routine: str | None = SHORT, today: date | None = None, logged: bool = True
) -> tuple[StrideApp, ManualClock]:
    """The app on a manual clock, logging to the test's own log file (unless not ``logged``).

    A routine's plan is made as ``stride run`` makes it (coached by the log), before the
    session's log writer opens the log, as there.
    """
    clock = ManualClock(100.0)
    day = (lambda: today) if today is not None else date.today
    source = resolve(routine) if routine is not None else None
    plan = plan_to_play(source, "standard") if source is not None else None
    # Chimes are not the subject here: keep them off the machine's sound device.
    services = build_services(settings=Settings(backend="none"), log=logged, clock=clock)
    return StrideApp(services, plan, source, today=day), clock


def player(app: StrideApp) -> PlayerScreen:
    screen = app.screen
    assert isinstance(screen, PlayerScreen), type(screen)
    return screen


async def advance(
    pilot: Pilot[None], clock: ManualClock, seconds: float, step: float = 0.5
) -> None:
    """Move the manual clock on, letting the player tick along the way."""
    remaining = seconds
    while remaining > 1e-9:
        gap = min(step, remaining)
        clock.advance(gap)
        remaining -= gap
        screen = pilot.app.screen
        if isinstance(screen, PlayerScreen):
            screen.tick()
        await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    """Let any chime flash end and the screen's reads of the log land: the screen is steady."""
    deadline = time.monotonic() + FLASH * 3
    await log_answered(pilot)
    while time.monotonic() < deadline and pilot.app.screen.query(".flash"):
        await pilot.pause(0.05)
    await pilot.pause()


async def log_answered(pilot: Pilot[None]) -> None:
    """Wait until the workers reading the log (the picker's, the history screen's) are done."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def footer_keys(node: DOMNode) -> list[tuple[str, Region]]:
    """The footer's keys under ``node`` as drawn: each key's name and region.

    Textual's footer draws each key as a ``FooterKey`` widget, a class it keeps private,
    so they are found by the type's name and read by attribute.
    """
    return [(str(getattr(key, "key")), key.region) for key in node.query("FooterKey")]  # noqa: B009


def text(app: StrideApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())
