"""The player screen: a routine followed from across the room."""

from __future__ import annotations

from typing import ClassVar

from textual import events as textual_events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from stride_tui.files import file_stamp
from stride_tui.live.driver import SessionDriver, Update
from stride_tui.routine.durations import clock
from stride_tui.session.alerts import Alert
from stride_tui.session.engine import Snapshot, State, StepStatus
from stride_tui.sound.session import SessionSound, describe_sound
from stride_tui.tui.bars import HalfCellBar
from stride_tui.tui.big_figure import BigFigure
from stride_tui.tui.measure_field import MeasureField
from stride_tui.tui.view import BLANK, FLASH_WORDS, PHASES, PlayerView, build_view, next_change
from stride_tui.watch import Poller

WAKE_MARGIN = 0.002
"""Seconds past a change that a redraw is timed for, so the change has surely happened."""
STOPPED_AFTER = 1.0
"""Seconds a planned wake may be overdue before the process is taken to have been stopped."""
FLASH = 0.7
"""Seconds each alert's flash (and its word) lasts: long enough for the corner of an eye."""
COMPACT_BELOW = (60, 20)
"""Narrower or shorter than this, spacing goes and the side band takes one row."""
MINIMUM = (40, 12)
"""Smaller than this, the player says how large the terminal must be instead."""
PALETTE_KEY_FROM = 96
"""Narrower than this, the footer leaves out the palette's key (Ctrl+P still opens it),
which would otherwise be drawn over the session's own keys."""
ONE_LINE = frozenset({"banner", "count-label", "remaining"})
"""Widgets one row high whose width depends on their text's length at most."""


def _ascii(*texts: str) -> bool:
    """Whether every text is plain ASCII: one cell per character."""
    return all(text.isascii() and text.isprintable() for text in texts)


class PlayerScreen(Screen[None]):
    """Plays one session with a big figure, the cue, the side, progress and what is next."""

    CSS_PATH = "player.tcss"
    # The first four are the ones a small terminal's footer keeps.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause_resume", "Pause/Go"),
        Binding("n", "skip", "Next"),
        Binding("right", "skip", "Next", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit_session", "Quit"),
        Binding("p", "back", "Back"),
        Binding("left", "back", "Back", show=False),
        Binding("plus", "extend(10)", "+10s"),
        Binding("minus", "extend(-10)", "-10s"),
        Binding("j", "jump", "Jump"),
        Binding("m", "mute", "Mute"),
        Binding("m", "unmute", "Unmute"),
        Binding("ctrl+z", "suspend", "Suspend", show=False),
    ]

    # Neither repaints the whole screen: their watchers touch only the widgets that differ.
    view: reactive[PlayerView | None] = reactive(None, init=False, repaint=False)
    """What the screen shows now; each change touches only the widgets that differ."""
    flash_word: reactive[str] = reactive("", init=False, repaint=False)
    """The word of the alert flashing now, or empty."""

    class RoutineSaved(Message):
        """The routine's file changed on disk (posted from the watcher's thread)."""

    def __init__(
        self, driver: SessionDriver, *, sound: SessionSound, from_picker: bool = False
    ) -> None:
        super().__init__()
        self.driver = driver
        self.sound = sound
        """Chimes and speech: what mute silences and help describes."""
        self.from_picker = from_picker
        """Whether the session ends back in the picker (or ends ``stride run``)."""
        self.plan = driver.plan
        self.engine = driver.engine
        self._wake: Timer | None = None
        self.wake_at: float | None = None
        """The clock reading the next redraw is planned for; ``None`` while nothing moves."""
        self._poller: Poller[tuple[int, int] | None] | None = None
        self._flash_timer: Timer | None = None
        self._routine_stamp: tuple[int, int] | None = None
        self.newer_version = False
        """Whether the routine's file changed during the session."""
        self._done = False
        self.alive_at = self.engine.clock()
        """The clock reading when this screen last brought the session up to date."""
        self._paused_for_size = False

    def compose(self) -> ComposeResult:
        with Vertical(id="player"):
            with Horizontal(id="banner-line"):
                yield Static(id="banner", markup=False)
                yield Static(id="flash-word")
            yield Static(id="step", markup=False)
            yield BigFigure(id="side")
            yield BigFigure(id="count")
            yield Static(id="count-label", markup=False)
            yield Static(id="cue", markup=False)
            yield HalfCellBar(id="step-progress")
            with Horizontal(id="routine-line"):
                # The time left stands first: notes appear over the right-hand end.
                yield Static(id="remaining")
                yield HalfCellBar(id="routine-progress")
            yield Static(id="next", markup=False)
        yield Static(
            f"Make the terminal at least {MINIMUM[0]}x{MINIMUM[1]} to follow the session",
            id="too-small",
        )
        yield MeasureField(id="measure")
        yield Footer()

    def on_mount(self) -> None:
        self._routine_stamp = self._stamp()
        if self._routine_stamp is not None:
            self._poller = Poller(self._stamp, lambda _: self.post_message(self.RoutineSaved()))
            self._poller.start(self._routine_stamp)
        self._fit(self.size.width, self.size.height)
        self._apply(self.driver.start())  # logged from the moment it starts
        self._hold_while_too_small(self.has_class("too-small"))

    def on_resize(self, event: textual_events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        compact = width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]
        self.set_class(compact, "compact")
        self.query_one(Footer).show_command_palette = width >= PALETTE_KEY_FROM
        too_small = width < MINIMUM[0] or height < MINIMUM[1]
        self.set_class(too_small, "too-small")
        self._hold_while_too_small(too_small)
        self.set_class(height >= 30, "roomy")
        self.set_class(height >= 48, "spacious")

    def _hold_while_too_small(self, too_small: bool) -> None:
        """Too small to follow, the session waits; large enough again, it goes on."""
        if too_small and not self._paused_for_size:
            self._paused_for_size = self._pause_for_dialog()
        elif not too_small and self._paused_for_size:
            self._paused_for_size = False
            self._resume_after_dialog(True)

    # -- the loop ------------------------------------------------------------

    def tick(self) -> None:
        """Catch the session up with the clock and redraw what changed."""
        self._apply(self.driver.update())

    def hold_still(self, at: float) -> None:
        """The process is being suspended: pause the session as of clock reading ``at``.

        Called from the signal handler, so only the session pauses here; the screen shows
        it on its next turn of the loop, after the process comes back.
        """
        if self.engine.state in (State.RUNNING, State.RESUMING):
            update = self.driver.pause(at)
            self.call_later(self._apply, update)

    def catch_lost_time(self) -> None:
        """After SIGCONT: give a session that was running the time the process lost.

        A SIGSTOP cannot be caught, so the stop is seen only as a wake long overdue; the
        process stopped after this screen was last awake, and the session pauses from
        then, so the hold does not lose the time.
        """
        now = self.engine.clock()
        expected = max(self.alive_at, self.wake_at or self.alive_at)
        if now - expected > STOPPED_AFTER:
            self.hold_still(self.alive_at)

    def action_suspend(self) -> None:
        """Ctrl+Z: pause the session, give the terminal back, and stop until `fg`."""
        self._apply(self.driver.pause())
        self.app.action_suspend_process()

    def _apply(self, update: Update) -> None:
        """Show what an update of the session produced: the flash, notices, the view."""
        self.alive_at = self.engine.clock()
        if update.alert is not None:
            self._flash(update.alert)
        for notice in update.notices:
            self.notify(notice, title="Note", severity="warning", timeout=10, markup=False)
        snap = self.engine.snapshot()
        self.view = build_view(snap, self.plan, muted=self.sound.player.muted)
        self.query_one(MeasureField).offer(self.driver.measures.due(self.engine))
        if update.finished:
            self._finished()
            return
        self._schedule_wake(snap)

    def on_unmount(self) -> None:
        if self._poller is not None:
            self._poller.stop()

    def _stamp(self) -> tuple[int, int] | None:
        path = self.driver.routine_path
        return file_stamp(path) if path is not None else None

    def on_player_screen_routine_saved(self, _: PlayerScreen.RoutineSaved) -> None:
        """Say once if the routine is saved anew: this session keeps the plan it started."""
        if not self.newer_version:
            self.newer_version = True
            self.notify(
                "A newer version of this routine was saved; this session keeps "
                "the plan it started with",
                title="Routine changed",
                timeout=8,
            )

    def _schedule_wake(self, snap: Snapshot) -> None:
        """Sleep until the next event or the next visible change, whichever comes first.

        No fixed tick: an idle countdown wakes once a second, its bars moving with it; a
        chime exactly on its boundary; a paused session not at all.
        """
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        now = self.engine.clock()
        delays = []
        due = self.driver.next_due()
        if due is not None:
            delays.append(due - now)
        step_bar = self.query_one("#step-progress", HalfCellBar)
        routine_bar = self.query_one("#routine-progress", HalfCellBar)
        change = next_change(snap, self.plan, step_bar.cells, routine_bar.cells)
        if change is not None:
            delays.append(change + WAKE_MARGIN)
        if not delays:
            self.wake_at = None
            return
        delay = max(0.001, min(delays))
        self.wake_at = now + delay
        self._wake = self.set_timer(delay, self.tick)

    def _flashing(self) -> tuple[Widget, ...]:
        """What a flash restyles: the figure and its word.

        Not the whole player: a class on it would restyle every widget in it, twice a flash.
        """
        return (self.query_one("#count"), self.query_one("#flash-word"))

    def _flash(self, alert: Alert) -> None:
        """Every alert's chime has a visual twin: the figure inverts and a word shows."""
        for widget in self._flashing():
            for other in Alert:
                widget.set_class(other is alert, f"flash-{other.value}")
            widget.add_class("flash")
        self.flash_word = FLASH_WORDS[alert]
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH, self._end_flash)

    def _end_flash(self) -> None:
        for widget in self._flashing():
            widget.remove_class("flash", *(f"flash-{alert.value}" for alert in Alert))
        self.flash_word = ""

    def watch_flash_word(self, word: str) -> None:
        self.query_one("#flash-word", Static).update(f" {word} " if word else "")

    def watch_view(self, last: PlayerView | None, view: PlayerView | None) -> None:
        if view is None:
            return

        before = last or BLANK
        for widget_id, old, new in (
            ("banner", before.banner, view.banner),
            ("step", before.step, view.step),
            ("count-label", before.count_label, view.count_label),
            ("cue", before.cue, view.cue),
            ("next", before.next_up, view.next_up),
            ("remaining", before.remaining, view.remaining),
        ):
            if old != new or last is None:
                # A line whose size stays the same needs no layout (a reflow) to show. Plain
                # ASCII is compared by length: a width cache would keep every text shown.
                same_size = widget_id in ONE_LINE and len(old) == len(new) and _ascii(old, new)
                self.query_one(f"#{widget_id}", Static).update(new, layout=not same_size)
        if before.count != view.count:
            self.query_one("#count", BigFigure).text = view.count
        if before.side != view.side:
            self.query_one("#side", BigFigure).text = view.side
        self.query_one("#step-progress", HalfCellBar).show(view.step_progress)
        self.query_one("#routine-progress", HalfCellBar).show(view.routine_progress)
        player = self.query_one("#player")
        if before.phase != view.phase:
            for phase in PHASES:
                player.set_class(phase == view.phase, f"phase-{phase}")
        player.set_class(view.paused, "paused")
        player.set_class(view.waiting, "waiting")
        player.set_class(bool(view.side), "sided")

    def on_measure_field_answered(self, message: MeasureField.Answered) -> None:
        """A guided test's value: logged as a marker of its side."""
        self.driver.measured(message.ask, message.value)

    def on_measure_field_done(self, _: MeasureField.Done) -> None:
        if self.driver.finished:  # the end waited for the last answer
            self._finished()

    def _finished(self) -> None:
        if self.query_one(MeasureField).open:
            return  # once the questions still open are answered (or skipped)
        if self._done:
            return
        self._done = True
        from stride_tui.tui.finish import FinishScreen

        self.app.switch_screen(FinishScreen(self.driver, from_picker=self.from_picker))

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
        self._set_muted(True)

    def action_unmute(self) -> None:
        """Bring the chimes back."""
        self._set_muted(False)

    def _set_muted(self, muted: bool) -> None:
        self._apply(self.driver.set_muted(muted))
        self.refresh_bindings()  # the footer offers the other one

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mute and Unmute share `m`: the footer shows the one that applies."""
        if action in ("mute", "unmute"):
            return (action == "unmute") == self.sound.player.muted
        return True

    def _pause_for_dialog(self) -> bool:
        """Dialogs stop the clock; return whether it was running (to run it again after)."""
        running = self.engine.state in (State.RUNNING, State.RESUMING)
        if running:
            self._apply(self.driver.pause())
        return running

    def _resume_after_dialog(self, was_running: bool) -> None:
        if was_running and self.engine.state is State.PAUSED:
            self._apply(self.driver.resume())  # a hold counts 3-2-1 back in

    def action_help(self) -> None:
        """Show the keys (the session waits)."""
        from stride_tui.tui.dialogs import HelpScreen

        was_running = self._pause_for_dialog()
        self.app.push_screen(
            HelpScreen(describe_sound(self.sound)), lambda _: self._resume_after_dialog(was_running)
        )

    def action_jump(self) -> None:
        """Pick a step to jump to (the session waits)."""
        from stride_tui.tui.dialogs import JumpScreen

        was_running = self._pause_for_dialog()

        def chosen(step: int | None) -> None:
            if step is not None:
                self._apply(self.driver.jump(step))
            self._resume_after_dialog(was_running)

        current = self.engine.snapshot().step_index
        self.app.push_screen(JumpScreen(self.plan, current), chosen)

    def action_quit_session(self) -> None:
        """Ask before stopping; say what stopping means (the session waits)."""
        from stride_tui.tui.dialogs import QuitScreen

        was_running = self._pause_for_dialog()
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
            else:
                self._resume_after_dialog(was_running)

        self.app.push_screen(QuitScreen(message), answered)

    def on_click(self, event: textual_events.Click) -> None:
        """A click on the big countdown pauses or resumes, like space."""
        if event.widget is not None and event.widget.id == "count":
            self.action_pause_resume()
