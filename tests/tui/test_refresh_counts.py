"""What the player asks of the terminal, counted on a manual clock: never timed.

A steady hold shows one new figure a second and its bars move with it, so it should
update the screen once a second. A get-ready countdown flashes READY each second: the
flash's word shows beside the banner and goes, and each of the two is a layout, which
Textual draws in two updates (the layout, then the banner it narrowed or widened).

The clock is moved from one wake the player plans to the next, as its timers would move
it, and every screen update Textual composites for the terminal is counted with the
bytes it would write. A change that made the bars, or anything else, wake the
player on its own would more than double the hold's updates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.pilot import Pilot

from stride_tui.session.clock import ManualClock
from stride_tui.tui.app import StrideApp
from stride_tui.tui.player import PlayerScreen
from tests.helpers.paths import FIXTURES
from tests.helpers.tui import app_on, player, settle

HOLD = str(FIXTURES / "hold.yaml")
"""A 3 s get-ready, then one 90 s hold: nothing moves but the figure and the bars."""
SIZE = (100, 30)
MOST_A_SECOND = 2
"""Screen updates a second a steady hold may take: one, and as much again to spare."""
MOST_A_FLASHING_SECOND = 4
"""Screen updates a second of get-ready may take: its wake and its flash's start share
two, the flash's end takes two."""


@dataclass
class Written:
    """Screen updates sent to the terminal and their bytes."""

    updates: int = 0
    bytes: int = 0


def watch_updates(app: StrideApp) -> Written:
    """Count every screen update of ``app`` from now on (headless ones included)."""
    written = Written()
    display = app._display

    def counted(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            written.updates += 1
            written.bytes += len(renderable.render_segments(app.console).encode())
        display(screen, renderable)

    app._display = counted  # type: ignore[method-assign]
    return written


async def follow(pilot: Pilot[None], clock: ManualClock, seconds: float) -> int:
    """Move the clock from each planned wake to the next for ``seconds``; the wakes.

    After each wake a flash, if one began, is let end (it ends on a real timer), so each
    flash's end is one update of its own, as it is when nothing else moves.
    """
    end = clock.now + seconds
    wakes = 0
    while True:
        screen = pilot.app.screen
        assert isinstance(screen, PlayerScreen)
        if screen.wake_at is None or screen.wake_at > end:
            clock.advance(end - clock.now)
            return wakes
        clock.advance(max(0.0, screen.wake_at - clock.now))
        wakes += 1
        screen.tick()
        await settle(pilot)


async def test_a_steady_hold_updates_the_screen_once_a_second() -> None:
    app, clock = app_on(HOLD, logged=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await follow(pilot, clock, 6.0)  # get ready, GO and its flash are over
        written = watch_updates(app)
        wakes = await follow(pilot, clock, 10.0)
        await pilot.pause()
        summary = f"{wakes} wakes, {written.updates} updates, {written.bytes} bytes in 10 s"
        assert player(app).engine.snapshot().step_name == "Couch stretch", summary
        assert written.updates <= MOST_A_SECOND * 10, summary
        assert wakes <= 11, summary


async def test_a_get_ready_countdown_updates_for_its_seconds_and_flashes_only() -> None:
    app, clock = app_on(HOLD, logged=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        written = watch_updates(app)
        wakes = await follow(pilot, clock, 2.9)  # the 3 s get ready, GO not yet
        await pilot.pause()
        summary = f"{wakes} wakes, {written.updates} updates, {written.bytes} bytes in 3 s"
        assert player(app).engine.snapshot().segment.kind.value == "get-ready", summary
        assert wakes <= 3, summary
        assert written.updates <= MOST_A_FLASHING_SECOND * wakes, summary
