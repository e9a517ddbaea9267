"""Counts, not times: what the player asks of Textual in a steady hold and in get-ready.

The app runs headless on a manual clock at 100x30; the clock is moved to each wake the
player plans (and each flash let end before the next), so the figures are deterministic.
Per window it counts the player's wakes,
the screen updates (each one a composite written to the terminal), the bytes those
updates would write, the nodes restyled and the widgets refreshed, by widget. At start
it counts the nodes, the style sheets and the restyles before the first update.

Run: python -m bench.profile_hold
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.widget import Widget

from stride_tui.commands.play import plan_to_play
from stride_tui.live.services import build_services
from stride_tui.routine.library import resolve
from stride_tui.session.clock import ManualClock
from stride_tui.settings import Settings
from stride_tui.tui.app import StrideApp
from stride_tui.tui.player import FLASH, PlayerScreen

ROOT = Path(__file__).resolve().parent.parent
HOLD = str(ROOT / "tests" / "fixtures" / "hold.yaml")
SIZE = (100, 30)


@dataclass
class Counts:
    """What Textual was asked to do over one stretch of a session."""

    wakes: int = 0
    updates: int = 0
    bytes: int = 0
    restyled: Counter[str] = field(default_factory=Counter)
    refreshed: Counter[str] = field(default_factory=Counter)

    def line(self, seconds: float) -> str:
        """One summary line, per second of the stretch."""
        return (
            f"{self.wakes / seconds:5.2f} wakes/s  {self.updates / seconds:5.2f} updates/s  "
            f"{self.bytes / seconds:7.0f} bytes/s  {sum(self.restyled.values()) / seconds:6.2f} "
            f"restyles/s  {sum(self.refreshed.values()) / seconds:6.2f} refreshes/s"
        )


def _name(node: Any) -> str:
    return f"#{node.id}" if node.id else type(node).__name__


@contextmanager
def counting(app: App[Any]) -> Iterator[list[Counts]]:
    """Count into the last element of the yielded list while patched."""
    slot = [Counts()]
    display = App._display
    apply = Stylesheet.apply
    refresh = Widget.refresh

    def counted_display(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None and self is app:
            slot[-1].updates += 1
            slot[-1].bytes += len(renderable.render_segments(self.console).encode())
        display(self, screen, renderable)

    def counted_apply(self: Stylesheet, node: Any, *args: Any, **kwargs: Any) -> None:
        slot[-1].restyled[_name(node)] += 1
        apply(self, node, *args, **kwargs)

    def counted_refresh(self: Widget, *args: Any, **kwargs: Any) -> Widget:
        slot[-1].refreshed[_name(self)] += 1
        return refresh(self, *args, **kwargs)

    App._display = counted_display  # type: ignore[method-assign]
    Stylesheet.apply = counted_apply  # type: ignore[method-assign]
    Widget.refresh = counted_refresh  # type: ignore[method-assign, assignment]
    try:
        yield slot
    finally:
        App._display = display  # type: ignore[method-assign]
        Stylesheet.apply = apply  # type: ignore[method-assign]
        Widget.refresh = refresh  # type: ignore[method-assign]


async def follow(pilot: Any, clock: ManualClock, seconds: float, counts: Counts) -> None:
    """Move the clock from wake to planned wake for ``seconds``, as the real timers would."""
    end = clock.now + seconds
    while True:
        screen = pilot.app.screen
        if not isinstance(screen, PlayerScreen) or screen.wake_at is None:
            break
        if screen.wake_at > end:
            clock.advance(end - clock.now)
            break
        clock.advance(max(0.0, screen.wake_at - clock.now))
        counts.wakes += 1
        screen.tick()
        await pilot.pause()
        # A flash ends on a real timer: let it end before the next wake, so that its end
        # is counted as the update of its own it is when the clock runs at its pace.
        while screen.query(".flash"):
            await pilot.pause(0.05)
    await pilot.pause()


async def profile(routine: str, skip: float, seconds: float) -> tuple[Counts, Counts, int]:
    """Counts at start (to the first update) and over ``seconds`` from ``skip`` in."""
    clock = ManualClock(100.0)
    source = resolve(routine)
    plan = plan_to_play(source, "standard")  # as `stride run` makes it
    services = build_services(settings=Settings(backend="none"), log=False, clock=clock)
    app = StrideApp(services, plan, source)
    with counting(app) as slot:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            start = slot[-1]
            nodes = len(list(app.screen.walk_children())) + 1
            slot.append(Counts())
            await follow(pilot, clock, skip, slot[-1])
            # A flash ends on a real timer: let the last one end before the window.
            await pilot.pause(FLASH + 0.1)
            slot.append(window := Counts())
            await follow(pilot, clock, seconds, window)
    services.close(drain=False)
    return start, window, nodes


def main() -> None:
    """Print the counts of a steady hold and of the warm-up's first 10 s."""
    for label, routine, skip, seconds in (
        ("steady hold (6 s to 16 s in)", HOLD, 6.0, 10.0),
        ("warm-up, first 10 s", "pre-run-warmup", 0.0, 10.0),
    ):
        start, window, nodes = asyncio.run(profile(routine, skip, seconds))
        print(f"== {label}")
        print(
            f"   start: {nodes} nodes on the screen, {start.updates} updates, "
            f"{sum(start.restyled.values())} restyles before them"
        )
        print(f"   {window.line(seconds)}")
        print(f"   restyled: {dict(window.restyled.most_common())}")
        print(f"   refreshed: {dict(window.refreshed.most_common())}")


if __name__ == "__main__":
    main()
