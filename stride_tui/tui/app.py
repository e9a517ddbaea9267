"""The stride app: opens on the picker, or straight into a routine with ``stride run``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.theme import Theme

from stride_tui.live.driver import SessionDriver, SoundWatch
from stride_tui.live.services import Services
from stride_tui.live.signals import call_on_stop_signals, exit_code, follow_stops
from stride_tui.log.writer import LogWriter
from stride_tui.routine.library import RoutineSource
from stride_tui.routine.model import Level
from stride_tui.routine.plan import Plan
from stride_tui.session.clock import Clock
from stride_tui.session.notices import Notices
from stride_tui.settings import Settings, remember
from stride_tui.settings_file import NotToml
from stride_tui.sound.session import SessionSound
from stride_tui.text import visible
from stride_tui.tui.ink import figure_inks

if TYPE_CHECKING:
    from stride_tui.tui.finish import FinishScreen
    from stride_tui.tui.picker import PickerScreen
    from stride_tui.tui.player import PlayerScreen

SOUND_CHECK = 0.2
"""Seconds between looks at whether the sound backend has been chosen (until it is)."""
EXIT_WATCHDOG = 2.0
"""Seconds a signalled exit may take before the process leaves anyway (a closed
terminal can make the last writes to it hang)."""


class StrideApp(App[None]):
    """The full-screen app.

    Args:
        services: What sessions run on (settings, sound, log, notices, clock); built
            by the command, which closes them after the app.
        plan: Play this plan at once, built as ``stride run`` builds it (the routine as
            the log coaches it); ``None`` opens the picker.
        source: The routine ``plan`` was made from: its id and file, for the log.
        level: The level to preselect in the picker.
        today: The date the history screen counts from (tests fix it).
        edit: Open the picker with this routine (id) in the editor.
    """

    TITLE = "stride"
    # Ctrl+P: Textual's themes (and the app's commands); the chosen theme is remembered.

    def __init__(
        self,
        services: Services,
        plan: Plan | None,
        source: RoutineSource | None = None,
        *,
        level: Level = "standard",
        today: Callable[[], date] = date.today,
        edit: str | None = None,
    ) -> None:
        super().__init__()
        if plan is not None and source is None:
            raise ValueError("a plan to play needs the routine it was made from")
        self.services = services
        self.source = source
        self.level: Level = level
        self.plan = plan
        self.today = today
        self.edit = edit
        self.from_picker = plan is None
        services.bell.ring = self._ring
        self.sound_watch = SoundWatch(services.sound, services.notices)

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self.services.settings

    @property
    def sound(self) -> SessionSound:
        """Chimes and speech."""
        return self.services.sound

    @property
    def notices(self) -> Notices:
        """Messages for the runner, shown as notifications."""
        return self.services.notices

    @property
    def clock(self) -> Clock:
        """The engine's clock."""
        return self.services.clock

    @property
    def log_writer(self) -> LogWriter | None:
        """The training log's writer, if the session is logged."""
        return self.services.log

    @property
    def muted(self) -> bool:
        """Whether chimes (and speech) are silenced."""
        return self.sound.player.muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self.sound.player.muted = value

    def _ring(self) -> None:
        """Ring the terminal bell from the sound worker's thread."""
        with contextlib.suppress(RuntimeError):  # not running (any more): nothing to ring
            self.call_from_thread(self.bell)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and the big figure's readable colour for each phase."""
        variables = super().get_css_variables()
        variables.update(figure_inks(variables))
        return variables

    def on_mount(self) -> None:
        if not self.is_headless:
            call_on_stop_signals(asyncio.get_running_loop(), self._stop_signal)
            follow_stops(self._suspended, self._continued)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.notices.say(
                f"no theme called {visible(self.settings.theme)!r}; Ctrl+P lists the themes"
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.notices.listen(from_thread(self.show_notices))
        self._sound_check = self.set_interval(SOUND_CHECK, self._check_sound)
        self.show_notices()
        if self.plan is None or self.source is None:
            from stride_tui.tui.picker import PickerScreen

            picker = PickerScreen(self.level, log_writer=self.log_writer, today=self.today)
            self.push_screen(picker)
            if self.edit is not None:
                self.call_after_refresh(picker.edit, self.edit)
            return
        self.start_session(self.source.id, self.plan, self.source.path)

    def _suspended(self) -> None:
        """Ctrl+Z, or SIGTSTP from outside: the session pauses as the process stops."""
        screen = self._player()
        if screen is not None:
            screen.hold_still(self.clock())

    def _continued(self) -> None:
        """SIGCONT: a session still running lost the time the process was stopped."""
        screen = self._player()
        if screen is not None:
            screen.catch_lost_time()

    def _player(self) -> PlayerScreen | None:
        from stride_tui.tui.player import PlayerScreen

        with contextlib.suppress(Exception):  # no screen yet, or none any more
            screen = self.screen
            return screen if isinstance(screen, PlayerScreen) else None
        return None

    def _stop_signal(self, signum: int) -> None:
        """Ctrl+C, a kill or a closed terminal: log the session as stopped, then leave."""
        self._stop_sessions()
        self.sound.close(drain=False)
        if self.log_writer is not None:
            self.log_writer.flush()
        # The terminal is restored on the way out; if it is gone and that hangs, leave.
        watchdog = threading.Timer(EXIT_WATCHDOG, os._exit, (exit_code(signum),))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=exit_code(signum))

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme chosen (in the command palette) in ``config.toml``."""
        if not self.services.remember or theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        try:
            remember("display", "theme", theme.name)
        except (OSError, NotToml) as error:
            self.notify(f"the theme could not be saved: {error}", severity="warning", markup=False)

    def _stop_sessions(self) -> None:
        """Stop (and log as stopped) a session under way."""
        from stride_tui.tui.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.driver.stop()

    def _check_sound(self) -> None:
        self.sound_watch.check()
        if self.sound_watch.settled:
            self._sound_check.stop()  # nothing more to wait for: no more wakes

    def show_notices(self) -> None:
        """Show notices not yet shown: the sound backend, the log's trouble."""
        for notice in self.notices.take():
            self.notify(notice, title="Note", severity="warning", timeout=10, markup=False)

    def on_unmount(self) -> None:
        # However the app ends (Ctrl+Q, an error), a session under way is logged as stopped.
        self._stop_sessions()
        self.sound.close()
        if self.log_writer is not None:
            self.log_writer.flush()

    def start_session(self, routine_id: str, plan: Plan, path: Path | None = None) -> None:
        """Open the player on ``plan``."""
        from stride_tui.tui.player import PlayerScreen

        self.sound.use_profile(plan.sound)
        driver = SessionDriver(
            plan,
            clock=self.clock,
            sound=self.sound,
            log=self.log_writer,
            routine_id=routine_id,
            routine_path=path,
            notices=self.notices,
            sound_watch=self.sound_watch,
        )
        self.push_screen(PlayerScreen(driver, sound=self.sound, from_picker=self.from_picker))

    def after_session(self) -> None:
        """Leave the finish screen: back to the picker, or out for ``stride run``."""
        if self.from_picker:
            self.pop_screen()
        else:
            self.exit()

    def on_picker_screen_start(self, message: PickerScreen.Start) -> None:
        """The picker chose a routine: play it."""
        self.start_session(message.routine_id, message.plan, message.path)

    def on_finish_screen_done(self, _: FinishScreen.Done) -> None:
        """The review was saved or skipped."""
        self.after_session()


def from_thread(callback: Callable[[], object]) -> Callable[..., None]:
    """A function any thread may call to run ``callback`` soon on this event loop.

    Once the app has closed, a late call is dropped (there is nothing left to show).
    """
    loop = asyncio.get_running_loop()

    def call(*_: object) -> None:
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(callback)

    return call
