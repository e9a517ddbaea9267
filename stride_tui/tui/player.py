"""The player screen: a routine followed from across the room."""

from __future__ import annotations

from typing import ClassVar

from textual import events as textual_events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, ProgressBar, Static

from stride_tui.routine.durations import clock
from stride_tui.session.driver import SessionDriver, Update
from stride_tui.session.engine import State, StepStatus
from stride_tui.tui.app import stride_app
from stride_tui.tui.view import PHASES, PlayerView, build_view

REDRAW = 0.1
"""Seconds between redraws; only what changed is touched."""
FLASH = 0.15
"""Seconds the countdown flashes for each chime."""
COMPACT_BELOW = (60, 20)
"""Narrower or shorter than this, the big digits give way to plain text."""
RELOAD_CHECK = 0.5
"""Seconds between looks at the routine's file for a newer version."""

TEXTS = {
    "banner": "banner", "step": "step", "side": "side", "count-label": "count_label",
    "beat": "beat", "cue": "cue", "next": "next_up", "remaining": "remaining",
}  # fmt: skip
"""Text widgets by id, with the view field each shows."""


class PlayerScreen(Screen[None]):
    """Plays one plan with big digits, the cue, sides, progress and what comes next."""

    CSS_PATH = "player.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause_resume", "Pause/Go"),
        Binding("n", "skip", "Next"),
        Binding("right", "skip", "Next", show=False),
        Binding("p", "back", "Back"),
        Binding("left", "back", "Back", show=False),
        Binding("plus", "extend(10)", "+10s"),
        Binding("minus", "extend(-10)", "-10s"),
        Binding("j", "jump", "Jump"),
        Binding("m", "mute", "Mute"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit_session", "Quit"),
    ]

    def __init__(self, driver: SessionDriver) -> None:
        super().__init__()
        self.driver = driver
        self.plan = driver.plan
        self.engine = driver.engine
        self._last: PlayerView | None = None
        self._bars: dict[str, float] = {}
        self._wake: Timer | None = None
        self._routine_stamp: tuple[int, int] | None = None
        self.newer_version = False
        """Whether the routine's file changed during the session."""
        self._done = False

    def compose(self) -> ComposeResult:
        with Vertical(id="player"):
            yield Static(id="banner")
            yield Static(id="step")
            yield Static(id="side")
            yield Digits(id="count")
            yield Static(id="count-text")
            yield Static(id="count-label")
            yield Static(id="beat")
            yield Static(id="cue")
            yield ProgressBar(id="step-progress", total=1.0, show_eta=False, show_percentage=False)
            with Horizontal(id="routine-line"):
                yield ProgressBar(
                    id="routine-progress", total=1.0, show_eta=False, show_percentage=False
                )
                yield Static(id="remaining")
            yield Static(id="next")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(REDRAW, self.tick)
        self._routine_stamp = self._stamp()
        if self._routine_stamp is not None:
            self.set_interval(RELOAD_CHECK, self._watch_routine)
        self._fit(self.size.width, self.size.height)
        self._apply(self.driver.start())  # logged from the moment it starts

    def on_resize(self, event: textual_events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1], "compact")

    # -- the loop ------------------------------------------------------------

    def tick(self) -> None:
        """Catch the session up with the clock and redraw what changed."""
        self._apply(self.driver.update())

    def _apply(self, update: Update) -> None:
        """Show what an update of the session produced: flash, notices, the view."""
        if update.flash is not None:
            self._flash()
        for notice in update.notices:
            self.notify(notice, title="Note", severity="warning", timeout=10)
        self._show(build_view(self.engine.snapshot(), self.plan))
        if update.finished:
            self._finished()
            return
        self._wake_for_next_event()

    def _stamp(self) -> tuple[int, int] | None:
        path = self.driver.routine_path
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size) if stat is not None else None

    def _watch_routine(self) -> None:
        """Say once if the routine is saved anew: this session keeps the plan it started."""
        stamp = self._stamp()
        if stamp is not None and stamp != self._routine_stamp:
            self._routine_stamp = stamp
            if not self.newer_version:
                self.newer_version = True
                self.notify(
                    "A newer version of this routine was saved; this session keeps "
                    "the plan it started with",
                    title="Routine changed",
                    timeout=8,
                )

    def _wake_for_next_event(self) -> None:
        """Redraws come every 0.1 s; a chime due sooner gets a wake-up of its own."""
        due = self.engine.next_due()
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        if due is None:
            return
        delay = due - self.engine.clock()
        if 0 <= delay < REDRAW:
            self._wake = self.set_timer(max(delay, 0.001), self.tick)

    def _flash(self) -> None:
        """Every chime has a visual twin, whatever the profile or mute says."""
        box = self.query_one("#player")
        box.add_class("flash")
        self.set_timer(FLASH, lambda: box.remove_class("flash"))

    def _show(self, view: PlayerView) -> None:
        last = self._last
        self._last = view

        def changed(name: str) -> bool:
            return last is None or getattr(last, name) != getattr(view, name)

        for widget_id, attribute in TEXTS.items():
            if changed(attribute):
                self.query_one(f"#{widget_id}", Static).update(str(getattr(view, attribute)))
        if changed("count"):
            self.query_one("#count", Digits).update(view.count)
            self.query_one("#count-text", Static).update(view.count)
        for bar_id, attribute in (
            ("step-progress", "step_progress"),
            ("routine-progress", "routine_progress"),
        ):
            self._move_bar(bar_id, getattr(view, attribute))
        if changed("phase"):
            player = self.query_one("#player")
            for phase in PHASES:
                player.set_class(phase == view.phase, f"phase-{phase}")
        if changed("paused"):
            self.query_one("#player").set_class(view.paused, "paused")
        if changed("waiting"):
            self.query_one("#player").set_class(view.waiting, "waiting")

    def _move_bar(self, bar_id: str, progress: float) -> None:
        """Move a progress bar only when it would look different: a bar draws half cells."""
        bar = self.query_one(f"#{bar_id}", ProgressBar)
        steps = max(1, bar.size.width * 2)
        shown = round(progress * steps) / steps
        if self._bars.get(bar_id) != shown:
            self._bars[bar_id] = shown
            bar.update(progress=shown)

    def _finished(self) -> None:
        if self._done:
            return
        self._done = True
        from stride_tui.tui.finish import FinishScreen

        self.app.switch_screen(FinishScreen(self.driver))

    # -- keys ------------------------------------------------------------------

    def action_pause_resume(self) -> None:
        """Pause, resume, or say ready."""
        self._apply(self.driver.toggle())

    def action_skip(self) -> None:
        """Move on to what comes next."""
        self._apply(self.driver.skip())

    def action_back(self) -> None:
        """Restart this part, or go back one."""
        self._apply(self.driver.back())

    def action_extend(self, seconds: int) -> None:
        """Add or take off time."""
        self._apply(self.driver.extend(seconds))

    def action_mute(self) -> None:
        """Silence chimes (the flashes stay)."""
        app = stride_app(self)
        app.muted = muted = not app.muted
        self.notify("Muted: the screen still flashes" if muted else "Sound on", timeout=2)

    def action_help(self) -> None:
        """Show the keys."""
        from stride_tui.tui.dialogs import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_jump(self) -> None:
        """Pick a step to jump to."""
        from stride_tui.tui.dialogs import JumpScreen

        def chosen(step: int | None) -> None:
            if step is not None:
                self._apply(self.driver.jump(step))

        current = self.engine.snapshot().step_index
        self.app.push_screen(JumpScreen(self.plan, current), chosen)

    def action_quit_session(self) -> None:
        """Ask before stopping; say what stopping means."""
        from stride_tui.tui.dialogs import QuitScreen

        was_running = self.engine.state is State.RUNNING
        if was_running:
            self._apply(self.driver.pause())
        snap = self.engine.snapshot()
        done = sum(
            self.engine.step_status(i) is StepStatus.DONE for i in range(len(self.plan.steps))
        )
        message = (
            f"Stop {self.plan.name} now, during step {snap.step_index + 1} of "
            f"{len(self.plan.steps)} ({snap.step_name}), {clock(snap.elapsed)} of "
            f"{clock(snap.total)} in? It will count as stopped, with {done} "
            f"step{'s' if done != 1 else ''} done."
        )

        def answered(stop: bool | None) -> None:
            if stop:
                self._apply(self.driver.stop())
            elif was_running:
                self._apply(self.driver.resume())

        self.app.push_screen(QuitScreen(message), answered)

    def on_click(self, event: textual_events.Click) -> None:
        """A click on the big countdown pauses or resumes, like space."""
        if event.widget is not None and event.widget.id in ("count", "count-text"):
            self.action_pause_resume()
